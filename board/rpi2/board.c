/* SPDX-License-Identifier: MIT */
/*
 * Raspberry Pi 2: PL011 console, BCM2836/BCM2835 interrupt controllers,
 * generic timer; four cores, started and interrupted through the BCM2836
 * mailboxes.
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
	char *armctrl = mmu_map_io(BOARD_ARMCTRL_PHYS, 0x1000);
	bcm2836_intc_init(mmu_map_io(BOARD_LOCAL_PHYS, 0x1000), armctrl + 0x200);
	gtimer_init();
	bcm2836_intc_unmask(BOARD_TIMER_IRQ);
}

void board_init_cpu(void)
{
	bcm2836_intc_init_cpu(BOARD_TIMER_IRQ);
	gtimer_init();
}

bool board_cpu_start(uint32_t id, uint32_t entry) { return bcm2836_cpu_start(id, entry); }
void board_ipi_send(uint32_t cpu)    { bcm2836_ipi_send(cpu); }
uint32_t board_ipi_irq(void)         { return BCM2836_IRQ_MBOX0; }
void board_putc(char c)              { pl011_putc(c); }
uint32_t board_irq_pending(void)     { return bcm2836_intc_pending(); }
void board_irq_mask(uint32_t irq)    { bcm2836_intc_mask(irq); }
void board_irq_unmask(uint32_t irq)  { bcm2836_intc_unmask(irq); }
void board_irq_eoi(uint32_t irq)     { (void)irq; }
bool board_irq_valid(uint32_t irq)   { return bcm2836_intc_valid(irq); }
uint32_t board_timer_irq(void)       { return BOARD_TIMER_IRQ; }
uint64_t board_counter(void)         { return gtimer_counter(); }
uint32_t board_counter_hz(void)      { return gtimer_hz(); }
void board_timer_set(uint64_t t)     { gtimer_set(t); }
