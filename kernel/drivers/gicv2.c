/* SPDX-License-Identifier: MIT */
/*
 * ARM Generic Interrupt Controller v2 (distributor + CPU interface). Every
 * shared interrupt is routed to CPU 0 unless a board routes one elsewhere
 * (gicv2_set_target: e.g. a CPU's own timer); interrupts start disabled and
 * are enabled when an owner exists. Software-generated interrupts (SGIs)
 * are the kernel's inter-processor interrupts; the CPU interface and the
 * private interrupts (SGIs, PPIs) are banked per CPU.
 */
#include "drivers/drivers.h"
#include "arch/arm/cpu.h"

#define GICD_CTLR       0x000
#define GICD_TYPER      0x004
#define GICD_ISENABLER  0x100
#define GICD_ICENABLER  0x180
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR  0x800
#define GICD_SGIR       0xf00
#define GICC_CTLR       0x00
#define GICC_PMR        0x04
#define GICC_IAR        0x0c
#define GICC_EOIR       0x10

static uintptr_t gicd, gicc;
static uint32_t nr_irqs;
static uint32_t last_iar[4];     /* per CPU: the IAR to write back at EOI */

static inline uint32_t cpu_index(void) { return read_mpidr() & 3; }

void gicv2_init(void *d, void *c)
{
	gicd = (uintptr_t)d;
	gicc = (uintptr_t)c;
	nr_irqs = ((mmio_read(gicd, GICD_TYPER) & 0x1f) + 1) * 32;
	if (nr_irqs > 1020)
		nr_irqs = 1020;
	mmio_write(gicd, GICD_CTLR, 0);
	for (uint32_t i = 0; i < nr_irqs; i += 32)
		mmio_write(gicd, GICD_ICENABLER + i / 8, 0xffffffffu);
	for (uint32_t i = 0; i < nr_irqs; i += 4)
		mmio_write(gicd, GICD_IPRIORITYR + i, 0xa0a0a0a0u);
	for (uint32_t i = 32; i < nr_irqs; i += 4)
		mmio_write(gicd, GICD_ITARGETSR + i, 0x01010101u);
	mmio_write(gicd, GICD_CTLR, 1);
	gicv2_init_cpu();
}

/* this CPU's interface: on, every priority we use; its SGIs enabled */
void gicv2_init_cpu(void)
{
	mmio_write(gicd, GICD_ISENABLER, 0xffffu);
	mmio_write(gicc, GICC_PMR, 0xf0);
	mmio_write(gicc, GICC_CTLR, 1);
}

void gicv2_send_sgi(uint32_t cpu, uint32_t sgi)
{
	dsb();     /* what the target is to see must be visible first */
	mmio_write(gicd, GICD_SGIR, (1u << (16 + cpu)) | (sgi & 0xf));
}

uint32_t gicv2_pending(void)
{
	uint32_t iar = mmio_read(gicc, GICC_IAR);
	uint32_t id = iar & 0x3ff;
	if (id >= 1020)
		return 0xffffffffu;
	last_iar[cpu_index()] = iar;
	return id;
}

void gicv2_mask(uint32_t irq)
{
	mmio_write(gicd, GICD_ICENABLER + (irq / 32) * 4, 1u << (irq % 32));
}

void gicv2_unmask(uint32_t irq)
{
	mmio_write(gicd, GICD_ISENABLER + (irq / 32) * 4, 1u << (irq % 32));
}

void gicv2_eoi(uint32_t irq)
{
	uint32_t last = last_iar[cpu_index()];
	mmio_write(gicc, GICC_EOIR, (last & 0x3ff) == irq ? last : irq);
}

void gicv2_set_target(uint32_t irq, uint32_t cpu)
{
	if (irq >= 32 && irq < nr_irqs)
		*(volatile uint8_t *)(gicd + GICD_ITARGETSR + irq) = (uint8_t)(1u << cpu);
}

bool gicv2_valid(uint32_t irq)
{
	return irq >= 16 && irq < nr_irqs;   /* PPIs and SPIs; SGIs are the kernel's */
}
