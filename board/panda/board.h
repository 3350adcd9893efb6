/* SPDX-License-Identifier: MIT */
/* PandaBoard / PandaBoard ES (TI OMAP4430 / OMAP4460, Cortex-A9 MPCore x2):
 * physical memory map and interrupts of the devices Cairn uses. */
#ifndef BOARD_H
#define BOARD_H
#define BOARD_UART_PHYS    0x48020000u   /* UART3: the serial console (DB-9) */
#define BOARD_UART_IRQ     106u          /* SPI 74 */
#define BOARD_PERIPH_PHYS  0x48240000u   /* Cortex-A9 MPCore private region */
#define BOARD_GICC_PHYS    0x48240100u
#define BOARD_GTIMER_PHYS  0x48240200u
#define BOARD_GICD_PHYS    0x48241000u
#define BOARD_SCU_CONFIG   0x04          /* offset in the private region */
#define BOARD_TIMER_IRQ    27u           /* global timer PPI: the kernel's */
#define BOARD_SYNC32K_PHYS 0x4a304000u   /* 32 kHz sync timer: counter at +0x10 */
#define BOARD_SYNC32K_CR   0x10
#define BOARD_SYNC32K_HZ   32768u
#define BOARD_WKUPGEN_PHYS 0x48281000u   /* AUX_CORE_BOOT_0/1 at +0x800/+0x804 */
/* ROM monitor services (SMC, service number in r12) that write the
 * secure AUX_CORE_BOOT registers the second CPU's ROM code polls */
#define BOARD_SMC_AUXCORE_MODIFY 0x104u  /* r0: bits to set, r1: mask */
#define BOARD_SMC_AUXCORE_ADDR   0x105u  /* r0: entry address */
#define BOARD_AUXCORE_RELEASE    0x200u
/* A timer user space may own (kernel tests): GP timer 3 (SPI 39), driven
 * by the functions below. Its functional clock must be on
 * (CM_L4PER_GPTIMER3_CLKCTRL); U-Boot leaves it off, see doc/boards.md. */
#define BOARD_USER_TIMER_IRQ   71u
#define BOARD_USER_TIMER_SP804 0x48034000u  /* its MMIO base (not an SP804) */
#define BOARD_USER_TIMER_OPS   1
#include "omap_gptimer.h"
#endif
