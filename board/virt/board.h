/* QEMU virt: physical memory map of the devices Cairn uses. */
#ifndef BOARD_H
#define BOARD_H
#define BOARD_UART_PHYS   0x09000000u
#define BOARD_UART_IRQ    33u
#define BOARD_GICD_PHYS   0x08000000u
#define BOARD_GICC_PHYS   0x08010000u
#define BOARD_TIMER_IRQ   27u          /* virtual timer PPI: the kernel's */
#define BOARD_PTIMER_IRQ  30u          /* physical timer PPI: for user space */
#endif
