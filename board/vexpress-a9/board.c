/* SPDX-License-Identifier: MIT */
/*
 * Versatile Express A9: PL011 console, the MPCore GIC and global timer.
 * Secondary CPUs wait in the boot loader's holding pen (WFI) until the
 * system flags register holds their entry address and an SGI wakes them.
 */
#include "kernel.h"
#include "drivers/drivers.h"
#include "board.h"

static char *periph;

void board_init_early(void)
{
	pl011_init(mmu_map_io(BOARD_UART_PHYS, 0x1000));
}

void board_init(void)
{
	periph = mmu_map_io(BOARD_PERIPH_PHYS, 0x2000);
	gicv2_init(periph + (BOARD_GICD_PHYS - BOARD_PERIPH_PHYS),
	           periph + (BOARD_GICC_PHYS - BOARD_PERIPH_PHYS));
	a9_gtimer_init(periph + (BOARD_GTIMER_PHYS - BOARD_PERIPH_PHYS), BOARD_GTIMER_HZ);
	gicv2_unmask(BOARD_TIMER_IRQ);
}

void board_init_cpu(void)
{
	gicv2_init_cpu();
	gicv2_unmask(BOARD_TIMER_IRQ);   /* a PPI: banked, enabled per CPU */
}

bool board_cpu_start(uint32_t id, uint32_t entry)
{
	/* SCU configuration: number of CPUs - 1 in bits 1:0 */
	uint32_t ncpus = (*(volatile uint32_t *)(periph + BOARD_SCU_CONFIG) & 3) + 1;
	if (id >= ncpus)
		return false;
	static char *sysregs;
	if (!sysregs)
		sysregs = mmu_map_io(BOARD_SYSREGS_PHYS, 0x1000);
	*(volatile uint32_t *)(sysregs + BOARD_SYS_FLAGSCLR) = 0xffffffffu;
	*(volatile uint32_t *)(sysregs + BOARD_SYS_FLAGSSET) = entry;
	gicv2_send_sgi(id, 0);
	return true;
}

/* interrupts: kernel/drivers/gicv2_board.c */
void board_putc(char c)              { pl011_putc(c); }
uint32_t board_timer_irq(void)       { return BOARD_TIMER_IRQ; }
uint64_t board_counter(void)         { return a9_gtimer_counter(); }
uint32_t board_counter_hz(void)      { return a9_gtimer_hz(); }
void board_timer_set(uint64_t t)     { a9_gtimer_set(t); }
