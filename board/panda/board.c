/* SPDX-License-Identifier: MIT */
/*
 * PandaBoard (OMAP4430/4460): OMAP UART3 console; the Cortex-A9 MPCore GIC
 * and global timer, as on vexpress-a9 (kernel/drivers/gicv2*.c,
 * a9_timer.c). The global timer runs at PERIPHCLK, half the CPU clock the
 * boot loader chose, so it is measured against the 32 kHz sync timer. The
 * second CPU waits in the ROM code for AUX_CORE_BOOT_0/1, secure
 * registers written through the ROM monitor's services.
 */
#include "kernel.h"
#include "drivers/drivers.h"
#include "arch/arm/cpu.h"
#include "board.h"

static char *periph;

void board_init_early(void)
{
	ns16550_init(mmu_map_io(BOARD_UART_PHYS, 0x1000));
}

/* PERIPHCLK in Hz: global timer ticks during 1/32 s of the 32 kHz timer */
static uint32_t measure_periphclk(void)
{
	uintptr_t s32k = (uintptr_t)mmu_map_io(BOARD_SYNC32K_PHYS, 0x1000);
	uint32_t t0 = mmio_read(s32k, BOARD_SYNC32K_CR);
	while (mmio_read(s32k, BOARD_SYNC32K_CR) == t0)
		;
	uint64_t g0 = a9_gtimer_counter();
	uint32_t start = mmio_read(s32k, BOARD_SYNC32K_CR);
	while (mmio_read(s32k, BOARD_SYNC32K_CR) - start < BOARD_SYNC32K_HZ / 32)
		;
	return (uint32_t)((a9_gtimer_counter() - g0) * 32);
}

void board_init(void)
{
	periph = mmu_map_io(BOARD_PERIPH_PHYS, 0x2000);
	gicv2_init(periph + (BOARD_GICD_PHYS - BOARD_PERIPH_PHYS),
	           periph + (BOARD_GICC_PHYS - BOARD_PERIPH_PHYS));
	void *gt = periph + (BOARD_GTIMER_PHYS - BOARD_PERIPH_PHYS);
	a9_gtimer_init(gt, 1);
	a9_gtimer_init(gt, measure_periphclk());
	gicv2_unmask(BOARD_TIMER_IRQ);
}

void board_init_cpu(void)
{
	gicv2_init_cpu();
	gicv2_unmask(BOARD_TIMER_IRQ);   /* a PPI: banked, enabled per CPU */
}

static void rom_service(uint32_t service, uint32_t a0, uint32_t a1)
{
	register uint32_t r0 __asm__("r0") = a0;
	register uint32_t r1 __asm__("r1") = a1;
	register uint32_t r12 __asm__("r12") = service;
	__asm__ volatile(".arch_extension sec\n\tdsb\n\tsmc #0"
	                 : "+r"(r0), "+r"(r1), "+r"(r12) :: "r2", "r3", "memory");
}

bool board_cpu_start(uint32_t id, uint32_t entry)
{
	uint32_t ncpus = (*(volatile uint32_t *)(periph + BOARD_SCU_CONFIG) & 3) + 1;
	if (id >= ncpus)
		return false;
	rom_service(BOARD_SMC_AUXCORE_ADDR, entry, 0);
	rom_service(BOARD_SMC_AUXCORE_MODIFY, BOARD_AUXCORE_RELEASE, ~BOARD_AUXCORE_RELEASE);
	dsb();
	__asm__ volatile("sev" ::: "memory");
	gicv2_send_sgi(id, 0);
	return true;
}

/* interrupts: kernel/drivers/gicv2_board.c */
void board_putc(char c)              { ns16550_putc(c); }
uint32_t board_timer_irq(void)       { return BOARD_TIMER_IRQ; }
uint64_t board_counter(void)         { return a9_gtimer_counter(); }
uint32_t board_counter_hz(void)      { return a9_gtimer_hz(); }
void board_timer_set(uint64_t t)     { a9_gtimer_set(t); }
