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
	gicv2_init(mmu_map_io(BOARD_GICD_PHYS, 0x1000), mmu_map_io(BOARD_GICC_PHYS, 0x1000));
	exynos_combiner_init(mmu_map_io(BOARD_COMBINER_PHYS, 0x1000), BOARD_COMBINER_GROUPS);
	exynos_mct_init(mmu_map_io(BOARD_MCT_PHYS, 0x1000), BOARD_MCT_HZ);
	static const struct exynos_irq_config cfg = {
		.group_spi = BOARD_COMBINER_SPI, .nr_cpus = 2,
		.timer_irq = { BOARD_MCT_L0_IRQ, BOARD_MCT_L1_IRQ },
	};
	exynos_irq_init(&cfg);
}

void board_init_cpu(void)
{
	gicv2_init_cpu();
	exynos_irq_init_cpu(read_mpidr() & 3);
}

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

/* interrupts and timer: kernel/drivers/exynos_board.c */
void board_putc(char c)              { exynos_uart_putc(c); }
