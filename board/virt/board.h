/* SPDX-License-Identifier: MIT */
/* QEMU virt: physical memory map of the devices Cairn uses. */
#ifndef BOARD_H
#define BOARD_H
#define BOARD_UART_PHYS   0x09000000u
#define BOARD_UART_IRQ    33u
#define BOARD_GICD_PHYS   0x08000000u
#define BOARD_GICC_PHYS   0x08010000u
#define BOARD_TIMER_IRQ   27u          /* virtual timer PPI: the kernel's */
/* A timer user space may own (kernel tests): the generic physical timer,
 * programmed through CP15 from user mode (PPI 30). */
#define BOARD_USER_TIMER_IRQ   30u
#define BOARD_USER_TIMER_SP804 0u  /* MMIO base, or 0: generic timer */
#endif
