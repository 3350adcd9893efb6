/* SPDX-License-Identifier: MIT */
/*
 * QEMU virt board: PL011 console, GICv2, generic timer; secondary CPUs are
 * started with PSCI (QEMU emulates it through HVC).
 */
#include "kernel.h"
#include "drivers/drivers.h"
#include "board.h"

void board_init_early(void)
{
	pl011_init(mmu_map_io(BOARD_UART_PHYS, 0x1000));
}

void board_init(void)
{
	gicv2_init(mmu_map_io(BOARD_GICD_PHYS, 0x1000), mmu_map_io(BOARD_GICC_PHYS, 0x1000));
	gtimer_init();
	gicv2_unmask(BOARD_TIMER_IRQ);
}

void board_init_cpu(void)
{
	gicv2_init_cpu();
	gtimer_init();
	gicv2_unmask(BOARD_TIMER_IRQ);   /* a PPI: banked, enabled per CPU */
}

/* MPIDR of CPU n: Aff0 = n (QEMU's virt board, up to 8 CPUs per cluster) */
bool board_cpu_start(uint32_t id, uint32_t entry) { return psci_cpu_on(id, entry); }

/* interrupts: kernel/drivers/gicv2_board.c */
void board_putc(char c)              { pl011_putc(c); }
uint32_t board_timer_irq(void)       { return BOARD_TIMER_IRQ; }
uint64_t board_counter(void)         { return gtimer_counter(); }
uint32_t board_counter_hz(void)      { return gtimer_hz(); }
void board_timer_set(uint64_t t)     { gtimer_set(t); }
