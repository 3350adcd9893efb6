/* SPDX-License-Identifier: MIT */
/*
 * The board's interrupt and timer functions for Exynos boards (list this
 * file in BOARD_KERNEL_SRC next to gicv2.c, exynos_combiner.c and
 * exynos_mct.c). Interrupt numbers: below EXYNOS_COMBINED the GIC's own
 * (SGI 0 is the inter-processor interrupt), from there on combiner group
 * g, source b as EXYNOS_IRQ(g, b); the GIC interrupts that carry combiner
 * groups belong to this layer. Each CPU's MCT local timer raises its own
 * interrupt; the kernel sees all of them as one number, CPU 0's.
 * The board's board.h gives the addresses and numbers (BOARD_UART_PHYS,
 * BOARD_GICD_PHYS, ..., BOARD_MCT_L1_IRQ); its board.c has only the
 * start of a secondary CPU.
 */
#include "kernel.h"
#include "drivers/drivers.h"
#include "arch/arm/cpu.h"
#include "board.h"

static struct exynos_irq_config cfg;
static uint32_t taken_gic[4];        /* per CPU: the GIC interrupt being handled */

static inline uint32_t cpu_index(void) { return read_mpidr() & 3; }

static bool is_group_spi(uint32_t id)
{
	return id >= cfg.group_spi && id < cfg.group_spi + exynos_combiner_groups();
}

/* the GIC interrupt that carries interrupt n */
static uint32_t gic_of(uint32_t n)
{
	return n >= EXYNOS_COMBINED ? cfg.group_spi + (n - EXYNOS_COMBINED) / 8 : n;
}

static bool is_timer(uint32_t n)
{
	for (uint32_t c = 0; c < cfg.nr_cpus; c++)
		if (cfg.timer_irq[c] == n)
			return true;
	return false;
}

/* this CPU's local timer: its interrupt routed to it and enabled */
static void init_cpu(uint32_t cpu)
{
	uint32_t t = cfg.timer_irq[cpu];
	gicv2_set_target(gic_of(t), cpu);
	exynos_mct_init_cpu(cpu);
	board_irq_unmask(t);
}

/* every group's GIC interrupt on (a group interrupts only for the sources
 * enabled in it) */
void exynos_board_init(const struct exynos_irq_config *c)
{
	cfg = *c;
	gicv2_init(mmu_map_io(cfg.gicd, 0x1000), mmu_map_io(cfg.gicc, 0x1000));
	exynos_combiner_init(mmu_map_io(cfg.combiner, 0x1000), cfg.groups);
	exynos_mct_init(mmu_map_io(cfg.mct, 0x1000), cfg.mct_hz, cfg.mct_qemu);
	for (uint32_t g = 0; g < exynos_combiner_groups(); g++)
		gicv2_unmask(cfg.group_spi + g);
	init_cpu(0);
}

void board_init_early(void)
{
	exynos_uart_init(mmu_map_io(BOARD_UART_PHYS, 0x1000));
}

void board_init(void)
{
	static const struct exynos_irq_config c = {
		.gicd = BOARD_GICD_PHYS, .gicc = BOARD_GICC_PHYS,
		.combiner = BOARD_COMBINER_PHYS, .groups = BOARD_COMBINER_GROUPS,
		.group_spi = BOARD_COMBINER_SPI, .mct = BOARD_MCT_PHYS, .mct_hz = BOARD_MCT_HZ,
		.mct_qemu = BOARD_MCT_QEMU,
		.nr_cpus = 2, .timer_irq = { BOARD_MCT_L0_IRQ, BOARD_MCT_L1_IRQ },
	};
	exynos_board_init(&c);
}

void board_putc(char c)              { exynos_uart_putc(c); }

void board_init_cpu(void)
{
	gicv2_init_cpu();
	init_cpu(cpu_index());
}

uint32_t board_irq_pending(void)
{
	uint32_t id = gicv2_pending(), n = id;
	if (id == BOARD_IRQ_NONE)
		return id;
	taken_gic[cpu_index()] = id;
	if (is_group_spi(id)) {
		uint32_t g = id - cfg.group_spi, st = exynos_combiner_status(g);
		if (!st) {                    /* gone meanwhile */
			gicv2_eoi(id);
			return BOARD_IRQ_NONE;
		}
		n = EXYNOS_IRQ(g, (uint32_t)__builtin_ctz(st));
	}
	return is_timer(n) ? cfg.timer_irq[0] : n;
}

void board_irq_mask(uint32_t n)
{
	if (n >= EXYNOS_COMBINED)
		exynos_combiner_mask((n - EXYNOS_COMBINED) / 8, n % 8);
	else
		gicv2_mask(n);
}

void board_irq_unmask(uint32_t n)
{
	if (n >= EXYNOS_COMBINED)
		exynos_combiner_unmask((n - EXYNOS_COMBINED) / 8, n % 8);
	else
		gicv2_unmask(n);
}

void board_irq_eoi(uint32_t n)
{
	uint32_t cpu = cpu_index();
	if (n == cfg.timer_irq[0])
		exynos_mct_ack(cpu);
	gicv2_eoi(taken_gic[cpu]);
}

bool board_irq_valid(uint32_t n)
{
	if (is_timer(n))
		return false;
	if (n >= EXYNOS_COMBINED)
		return (n - EXYNOS_COMBINED) / 8 < exynos_combiner_groups();
	return gicv2_valid(n) && !is_group_spi(n);
}

void board_ipi_send(uint32_t cpu)    { gicv2_send_sgi(cpu, 0); }
uint32_t board_ipi_irq(void)         { return 0; }   /* SGI 0 */
uint32_t board_timer_irq(void)       { return cfg.timer_irq[0]; }
uint64_t board_counter(void)         { return exynos_mct_counter(); }
uint32_t board_counter_hz(void)      { return exynos_mct_hz(); }
void board_timer_set(uint64_t t)     { exynos_mct_set(cpu_index(), t); }
