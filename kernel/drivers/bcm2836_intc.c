/* SPDX-License-Identifier: MIT */
/*
 * Raspberry Pi 2 interrupts: the BCM2836 per-core controller (core timers,
 * mailboxes, and "GPU interrupt pending") in front of the BCM2835 ARM
 * interrupt controller (GPU peripherals 0-63, ARM basic 64-71). GPU
 * interrupts and the user-owned core timer sources go to core 0; each core
 * takes its own kernel timer and mailbox 0, the kernel's inter-processor
 * interrupt. Mailbox 3 is what QEMU's (and the firmware's) boot code of a
 * secondary core waits on for its entry address.
 */
#include "drivers/drivers.h"
#include "arch/arm/cpu.h"

#define L_TIMER_CTL(c)  (0x40 + 4 * (c))   /* core timer interrupt control */
#define L_MBOX_CTL(c)   (0x50 + 4 * (c))   /* core mailbox interrupt control */
#define L_IRQ_SRC(c)    (0x60 + 4 * (c))
#define L_MBOX_SET(c, m) (0x80 + 0x10 * (c) + 4 * (m))
#define L_MBOX_CLR(c, m) (0xc0 + 0x10 * (c) + 4 * (m))
#define L_SRC_MBOX0     (1u << 4)
#define L_SRC_GPU       (1u << 8)

#define A_BASIC_PEND    0x00
#define A_PEND1         0x04
#define A_PEND2         0x08
#define A_EN1           0x10
#define A_EN2           0x14
#define A_EN_BASIC      0x18
#define A_DIS1          0x1c
#define A_DIS2          0x20
#define A_DIS_BASIC     0x24

static uintptr_t local, arm;
static uint32_t local_enabled[4];   /* per core: timer sources enabled (bits 0-3) */

static inline uint32_t core(void) { return read_mpidr() & 3; }

void bcm2836_intc_init(void *l, void *a)
{
	local = (uintptr_t)l;
	arm = (uintptr_t)a;
	mmio_write(arm, A_DIS1, 0xffffffffu);
	mmio_write(arm, A_DIS2, 0xffffffffu);
	mmio_write(arm, A_DIS_BASIC, 0xffu);
	mmio_write(local, 0x0c, 0);          /* GPU interrupts to core 0 IRQ */
	mmio_write(local, L_TIMER_CTL(0), 0);
	local_enabled[0] = 0;
	mmio_write(local, L_MBOX_CLR(0, 0), 0xffffffffu);
	mmio_write(local, L_MBOX_CTL(0), 1);  /* mailbox 0: IRQ */
}

void bcm2836_intc_init_cpu(uint32_t kernel_timer_irq)
{
	uint32_t c = core();
	local_enabled[c] = 1u << (kernel_timer_irq - 96);
	mmio_write(local, L_TIMER_CTL(c), local_enabled[c]);
	mmio_write(local, L_MBOX_CLR(c, 0), 0xffffffffu);
	mmio_write(local, L_MBOX_CTL(c), 1);
}

bool bcm2836_cpu_start(uint32_t cpu, uint32_t entry)
{
	if (cpu > 3)
		return false;
	dsb();
	mmio_write(local, L_MBOX_SET(cpu, 3), entry);
	dsb();
	__asm__ volatile("sev" ::: "memory");
	return true;
}

void bcm2836_ipi_send(uint32_t cpu)
{
	dsb();
	mmio_write(local, L_MBOX_SET(cpu, 0), 1);
}

static uint32_t first_bit(uint32_t v) { return (uint32_t)__builtin_ctz(v); }

uint32_t bcm2836_intc_pending(void)
{
	uint32_t c = core();
	uint32_t src = mmio_read(local, L_IRQ_SRC(c)) &
	               (local_enabled[c] | L_SRC_MBOX0 | (c == 0 ? L_SRC_GPU : 0));
	if (src & 0xf)
		return BCM2836_IRQ_LOCAL(first_bit(src & 0xf));
	if (src & L_SRC_MBOX0) {
		/* acknowledged right away: a later IPI sets it again */
		mmio_write(local, L_MBOX_CLR(c, 0), 0xffffffffu);
		return BCM2836_IRQ_MBOX0;
	}
	if (!(src & L_SRC_GPU))
		return 0xffffffffu;
	uint32_t p = mmio_read(arm, A_PEND1) & mmio_read(arm, A_EN1);
	if (p)
		return first_bit(p);
	p = mmio_read(arm, A_PEND2) & mmio_read(arm, A_EN2);
	if (p)
		return 32 + first_bit(p);
	p = mmio_read(arm, A_BASIC_PEND) & mmio_read(arm, A_EN_BASIC) & 0xff;
	if (p)
		return 64 + first_bit(p);
	return 0xffffffffu;
}

void bcm2836_intc_mask(uint32_t irq)
{
	if (irq < 32)
		mmio_write(arm, A_DIS1, 1u << irq);
	else if (irq < 64)
		mmio_write(arm, A_DIS2, 1u << (irq - 32));
	else if (irq < 72)
		mmio_write(arm, A_DIS_BASIC, 1u << (irq - 64));
	else if (irq >= 96 && irq < 100) {
		local_enabled[0] &= ~(1u << (irq - 96));
		mmio_write(local, L_TIMER_CTL(0), local_enabled[0]);
	}
}

void bcm2836_intc_unmask(uint32_t irq)
{
	if (irq < 32)
		mmio_write(arm, A_EN1, 1u << irq);
	else if (irq < 64)
		mmio_write(arm, A_EN2, 1u << (irq - 32));
	else if (irq < 72)
		mmio_write(arm, A_EN_BASIC, 1u << (irq - 64));
	else if (irq >= 96 && irq < 100) {
		local_enabled[0] |= 1u << (irq - 96);
		mmio_write(local, L_TIMER_CTL(0), local_enabled[0]);
	}
}

bool bcm2836_intc_valid(uint32_t irq)
{
	return irq < 72 || (irq >= 96 && irq < 100);
}
