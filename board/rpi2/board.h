/* SPDX-License-Identifier: MIT */
/* Raspberry Pi 2 (BCM2836): physical memory map of the devices Cairn uses. */
#ifndef BOARD_H
#define BOARD_H
#define BOARD_UART_PHYS     0x3f201000u
#define BOARD_UART_IRQ      57u
#define BOARD_ARMCTRL_PHYS  0x3f00b000u   /* registers at +0x200 */
#define BOARD_LOCAL_PHYS    0x40000000u
#define BOARD_TIMER_IRQ     99u           /* core 0 CNTV: the kernel's */
/* A timer user space may own (kernel tests): the generic physical timer,
 * programmed through CP15 from user mode; QEMU runs us in the secure state,
 * so it signals CNTPS (core 0 local source 0). */
#define BOARD_USER_TIMER_IRQ   96u
#define BOARD_USER_TIMER_SP804 0u  /* MMIO base, or 0: generic timer */
#endif
