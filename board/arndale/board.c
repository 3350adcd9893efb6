/* SPDX-License-Identifier: MIT */
/*
 * Arndale (Exynos5250, Cortex-A15 x2): Exynos UART console, GIC with the
 * interrupt combiner in front of it, MCT time base and per-CPU local
 * timers: the same drivers as exynos4 (kernel/drivers/exynos_*.c), with
 * this SoC's addresses and interrupt numbers. The second CPU waits in
 * U-Boot's pen for an entry address in system RAM and an event.
 */
#include "kernel.h"
#include "drivers/drivers.h"
#include "arch/arm/cpu.h"
#include "board.h"

/* console, interrupts and timer: kernel/drivers/exynos_board.c */
bool board_cpu_start(uint32_t id, uint32_t entry)
{
	if (id > 1)
		return false;
	static char *sysram;
	if (!sysram)
		sysram = mmu_map_io(BOARD_SYSRAM_PEN, 0x1000);
	*(volatile uint32_t *)sysram = entry;
	dsb();
	__asm__ volatile("sev" ::: "memory");
	gicv2_send_sgi(id, 0);
	return true;
}

