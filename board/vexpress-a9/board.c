/*
 * Versatile Express A9: PL011 console, the MPCore GIC and global timer.
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
	char *periph = mmu_map_io(BOARD_PERIPH_PHYS, 0x2000);
	gicv2_init(periph + (BOARD_GICD_PHYS - BOARD_PERIPH_PHYS),
	           periph + (BOARD_GICC_PHYS - BOARD_PERIPH_PHYS));
	a9_gtimer_init(periph + (BOARD_GTIMER_PHYS - BOARD_PERIPH_PHYS), BOARD_GTIMER_HZ);
	gicv2_unmask(BOARD_TIMER_IRQ);
}

/* interrupts: kernel/drivers/gicv2_board.c */
void board_putc(char c)              { pl011_putc(c); }
uint32_t board_timer_irq(void)       { return BOARD_TIMER_IRQ; }
uint64_t board_counter(void)         { return a9_gtimer_counter(); }
uint32_t board_counter_hz(void)      { return a9_gtimer_hz(); }
void board_timer_set(uint64_t t)     { a9_gtimer_set(t); }
