/* SPDX-License-Identifier: MIT */
/* ARM Versatile Express, CoreTile A9x4: physical memory map of the devices
 * Cairn uses (Cortex-A9 MPCore private region at PERIPHBASE 0x1e000000). */
#ifndef BOARD_H
#define BOARD_H
#define BOARD_UART_PHYS    0x10009000u
#define BOARD_UART_IRQ     37u
#define BOARD_PERIPH_PHYS  0x1e000000u
#define BOARD_GICC_PHYS    0x1e000100u
#define BOARD_GTIMER_PHYS  0x1e000200u
#define BOARD_GICD_PHYS    0x1e001000u
#define BOARD_SCU_CONFIG   0x04         /* offset in the private region */
#define BOARD_SYSREGS_PHYS 0x10000000u
#define BOARD_SYS_FLAGSSET 0x30         /* boot loader pen: entry of a secondary CPU */
#define BOARD_SYS_FLAGSCLR 0x34
#define BOARD_TIMER_IRQ    27u          /* global timer PPI: the kernel's */
#define BOARD_GTIMER_HZ    100000000u   /* PERIPHCLK as QEMU models it */
/* A timer user space may own (kernel tests): SP804 dual timer 0/1 (MMIO). */
#define BOARD_USER_TIMER_IRQ   34u
#define BOARD_USER_TIMER_SP804 0x10011000u  /* MMIO base, or 0: generic timer */
#endif
