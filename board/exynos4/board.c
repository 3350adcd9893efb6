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

void board_init_early(void)
{
	exynos_uart_init(mmu_map_io(BOARD_UART_PHYS, 0x1000));
}

void board_init(void)
{
	static const struct exynos_irq_config cfg = {
		.gicd = BOARD_GICD_PHYS, .gicc = BOARD_GICC_PHYS,
		.combiner = BOARD_COMBINER_PHYS, .groups = BOARD_COMBINER_GROUPS,
		.group_spi = BOARD_COMBINER_SPI, .mct = BOARD_MCT_PHYS, .mct_hz = BOARD_MCT_HZ,
		.nr_cpus = 2, .timer_irq = { BOARD_MCT_L0_IRQ, BOARD_MCT_L1_IRQ },
	};
	exynos_board_init(&cfg);
}


/* board_init_cpu, interrupts and timer: kernel/drivers/exynos_board.c */
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

void board_putc(char c)              { exynos_uart_putc(c); }
