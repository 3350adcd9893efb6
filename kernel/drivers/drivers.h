/* SPDX-License-Identifier: MIT */
/*
 * Kernel device drivers: UART, interrupt controllers and timers. Each takes
 * its MMIO base from the board (board/<name>/board.c) and knows nothing of
 * boards itself.
 */
#ifndef KERNEL_DRIVERS_H
#define KERNEL_DRIVERS_H

#include <stdint.h>
#include <stdbool.h>

static inline uint32_t mmio_read(uintptr_t base, uint32_t off)
{ return *(volatile uint32_t *)(base + off); }
static inline void mmio_write(uintptr_t base, uint32_t off, uint32_t v)
{ *(volatile uint32_t *)(base + off) = v; }

/* PSCI (firmware or QEMU's emulation through HVC): start a CPU */
bool psci_cpu_on(uint32_t mpidr, uint32_t entry);

/* PL011 UART */
void pl011_init(void *base);
void pl011_putc(char c);

/* NS16550 UART, registers 4 bytes apart (OMAP) */
void ns16550_init(void *base);
void ns16550_putc(char c);

/* ARM GICv2 (also the Cortex-A9 MPCore GIC) */
void gicv2_init(void *gicd, void *gicc);
void gicv2_init_cpu(void);            /* each secondary CPU */
void gicv2_send_sgi(uint32_t cpu, uint32_t sgi);
uint32_t gicv2_pending(void);
void gicv2_mask(uint32_t irq);
void gicv2_unmask(uint32_t irq);
void gicv2_eoi(uint32_t irq);
bool gicv2_valid(uint32_t irq);
void gicv2_set_target(uint32_t irq, uint32_t cpu);   /* a shared interrupt to one CPU */

/* ARMv7 generic timer (virtual counter and timer); init on every CPU */
void gtimer_init(void);
uint64_t gtimer_counter(void);
uint32_t gtimer_hz(void);
void gtimer_set(uint64_t deadline);

/* Cortex-A9 MPCore global timer: 64-bit counter with a comparator */
void a9_gtimer_init(void *base, uint32_t hz);
uint64_t a9_gtimer_counter(void);
uint32_t a9_gtimer_hz(void);
void a9_gtimer_set(uint64_t deadline);

/* BCM2835 interrupt controller behind the BCM2836 per-core controller.
 * Numbers: 0-63 GPU interrupts, 64-71 ARM basic, 96-127 per-core sources. */
#define BCM2836_IRQ_LOCAL(n) (96u + (n))
#define BCM2836_IRQ_MBOX0    BCM2836_IRQ_LOCAL(4)   /* the kernel's IPI */
void bcm2836_intc_init(void *local, void *armctrl);
void bcm2836_intc_init_cpu(uint32_t kernel_timer_irq);   /* each secondary core */
bool bcm2836_cpu_start(uint32_t cpu, uint32_t entry);
void bcm2836_ipi_send(uint32_t cpu);
uint32_t bcm2836_intc_pending(void);
void bcm2836_intc_mask(uint32_t irq);
void bcm2836_intc_unmask(uint32_t irq);
bool bcm2836_intc_valid(uint32_t irq);

/* Samsung Exynos: UART, multi-core timer (global counter, per-CPU local
 * timers), interrupt combiner, and the board layer joining them with a GIC
 * (exynos_board.c). Interrupt numbers from EXYNOS_COMBINED on are combiner
 * sources: EXYNOS_IRQ(group, source). */
void exynos_uart_init(void *base);
void exynos_uart_putc(char c);
/* qemu: program the local timers for QEMU's MCT model (exynos_mct.c) */
void exynos_mct_init(void *base, uint32_t hz, bool qemu);
void exynos_mct_init_cpu(uint32_t cpu);
uint64_t exynos_mct_counter(void);
uint32_t exynos_mct_hz(void);
void exynos_mct_ack(uint32_t cpu);
void exynos_mct_set(uint32_t cpu, uint64_t deadline);
void exynos_combiner_init(void *base, uint32_t nr_groups);
uint32_t exynos_combiner_groups(void);
uint32_t exynos_combiner_status(uint32_t group);
void exynos_combiner_mask(uint32_t group, uint32_t source);
void exynos_combiner_unmask(uint32_t group, uint32_t source);
#define EXYNOS_COMBINED 256u
#define EXYNOS_IRQ(g, b) (EXYNOS_COMBINED + (g) * 8u + (b))
struct exynos_irq_config {
	uint32_t gicd, gicc;      /* physical addresses */
	uint32_t combiner, groups;
	uint32_t group_spi;       /* GIC interrupt of combiner group 0 (+1 per group) */
	uint32_t mct, mct_hz;
	bool mct_qemu;            /* QEMU's MCT model (see exynos_mct.c) */
	uint32_t nr_cpus;
	uint32_t timer_irq[4];    /* interrupt of CPU n's MCT local timer */
};
/* board_init() of an Exynos board: GIC, combiner, MCT, interrupt layer
 * (board_init_cpu() is in exynos_board.c too) */
void exynos_board_init(const struct exynos_irq_config *cfg);

#endif
