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

static char *periph;

void board_init_early(void)
{
	exynos_uart_init(mmu_map_io(BOARD_UART_PHYS, 0x1000));
}

void board_init(void)
{
	periph = mmu_map_io(BOARD_PERIPH_PHYS, 0x2000);
	gicv2_init(periph + (BOARD_GICD_PHYS - BOARD_PERIPH_PHYS),
	           periph + (BOARD_GICC_PHYS - BOARD_PERIPH_PHYS));
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
	uint32_t ncpus = (*(volatile uint32_t *)(periph + BOARD_SCU_CONFIG) & 3) + 1;
	if (id >= ncpus || id > 1)
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

/* interrupts and timer: kernel/drivers/exynos_board.c */
void board_putc(char c)              { exynos_uart_putc(c); }
