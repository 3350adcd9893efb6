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

/* ARM GICv2 (also the Cortex-A9 MPCore GIC) */
void gicv2_init(void *gicd, void *gicc);
void gicv2_init_cpu(void);            /* each secondary CPU */
void gicv2_send_sgi(uint32_t cpu, uint32_t sgi);
uint32_t gicv2_pending(void);
void gicv2_mask(uint32_t irq);
void gicv2_unmask(uint32_t irq);
void gicv2_eoi(uint32_t irq);
bool gicv2_valid(uint32_t irq);

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

#endif
