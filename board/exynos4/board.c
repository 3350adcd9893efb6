/* SPDX-License-Identifier: MIT */
/*
 * QEMU smdkc210 (Exynos4210, Cortex-A9 x2): Exynos UART console, the
 * MPCore GIC with the interrupt combiner in front of it, MCT time base and
 * per-CPU local timers (kernel/drivers/exynos_board.c has the interrupt and
 * timer functions). The second CPU waits for its entry in the PMU's
 * INFORM5 register and an event, as the boot ROM makes it.
 */
#include "kernel.h"
#include "drivers/drivers.h"
#include "arch/arm/cpu.h"
#include "board.h"

/* console, interrupts and timer: kernel/drivers/exynos_board.c */
bool board_cpu_start(uint32_t id, uint32_t entry)
{
	if (id > 1)             /* the Exynos4210 has two cores */
		return false;
	static char *pmu;
	if (!pmu)
		pmu = mmu_map_io(BOARD_PMU_PHYS, 0x1000);
	*(volatile uint32_t *)(pmu + BOARD_INFORM5) = entry;
	dsb();
	__asm__ volatile("sev" ::: "memory");
	gicv2_send_sgi(id, 0);
	return true;
}

