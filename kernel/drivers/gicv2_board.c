/* SPDX-License-Identifier: MIT */
/*
 * The board's interrupt functions for boards whose interrupt controller is
 * a GICv2 (list this file in BOARD_KERNEL_SRC next to gicv2.c); SGI 0 is
 * the inter-processor interrupt.
 */
#include "kernel.h"
#include "drivers/drivers.h"

uint32_t board_irq_pending(void)     { return gicv2_pending(); }
void board_irq_mask(uint32_t irq)    { gicv2_mask(irq); }
void board_irq_unmask(uint32_t irq)  { gicv2_unmask(irq); }
void board_irq_eoi(uint32_t irq)     { gicv2_eoi(irq); }
bool board_irq_valid(uint32_t irq)   { return gicv2_valid(irq); }
void board_ipi_send(uint32_t cpu)    { gicv2_send_sgi(cpu, 0); }
uint32_t board_ipi_irq(void)         { return 0; }   /* SGI 0 */
