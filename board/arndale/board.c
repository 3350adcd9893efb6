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

void board_putc(char c)              { exynos_uart_putc(c); }
