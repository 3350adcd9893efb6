/* SPDX-License-Identifier: MIT */
/* Arndale (Samsung Exynos5250, Cortex-A15 x2): physical memory map and
 * interrupts of the devices Cairn uses. The GIC is the Cortex-A15's own;
 * the 32-group interrupt combiner raises GIC interrupt 32 + group.
 * Interrupt numbers from 256 on are combiner sources: 256 + 8 * group + bit. */
#ifndef BOARD_H
#define BOARD_H
#define BOARD_UART_PHYS     0x12c20000u   /* UART2: the serial console */
#define BOARD_GICD_PHYS     0x10481000u
#define BOARD_GICC_PHYS     0x10482000u
#define BOARD_COMBINER_PHYS 0x10440000u
#define BOARD_COMBINER_GROUPS 32u
#define BOARD_COMBINER_SPI  32u           /* GIC interrupt of group 0 */
#define BOARD_MCT_PHYS      0x101c0000u
#define BOARD_MCT_HZ        24000000u     /* FIN 24 MHz, prescaler and divider 1 */
#define BOARD_MCT_QEMU      0             /* the chip's MCT (exynos4 runs QEMU's model) */
#define BOARD_MCT_L0_IRQ    152u          /* SPI 120, not through the combiner */
#define BOARD_MCT_L1_IRQ    153u          /* SPI 121 */
#define BOARD_SYSRAM_PEN    0x02020000u   /* U-Boot's pen: the second CPU's entry */
/* A timer user space may own (kernel tests): PWM timer 0 (SPI 36), driven
 * by the functions of the Exynos PWM header (BOARD_USER_TIMER_OPS). */
#define BOARD_USER_TIMER_IRQ   68u
#define BOARD_USER_TIMER_SP804 0x12dd0000u  /* its MMIO base (PWM, not an SP804) */
#define BOARD_USER_TIMER_OPS   1
#include "../exynos4/exynos_pwm.h"
#endif
