/* Raspberry Pi 2 (BCM2836): physical memory map of the devices Cairn uses. */
#ifndef BOARD_H
#define BOARD_H
#define BOARD_UART_PHYS     0x3f201000u
#define BOARD_UART_IRQ      57u
#define BOARD_ARMCTRL_PHYS  0x3f00b000u   /* registers at +0x200 */
#define BOARD_LOCAL_PHYS    0x40000000u
#define BOARD_TIMER_IRQ     99u           /* core 0 CNTV: the kernel's */
#define BOARD_PTIMER_IRQ    96u           /* core 0 CNTPS: for user space (QEMU runs us secure) */
#endif
