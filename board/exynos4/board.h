/* SPDX-License-Identifier: MIT */
/* QEMU smdkc210 (Samsung Exynos4210): physical memory map and interrupts of
 * the devices Cairn uses. QEMU models the Cortex-A9 MPCore's own GIC (at
 * PERIPHBASE) fed by a 64-group "internal" interrupt combiner: group g
 * raises GIC interrupt 32 + g. (The real chip's external GIC and 16-group
 * combiner are modelled too; Cairn uses the pair every source reaches.)
 * Interrupt numbers from 256 on are combiner sources: 256 + 8 * group + bit. */
#ifndef BOARD_H
#define BOARD_H
#define BOARD_UART_PHYS     0x13800000u   /* UART0: QEMU's first serial port */
#define BOARD_PERIPH_PHYS   0x10500000u   /* Cortex-A9 MPCore private region */
#define BOARD_GICC_PHYS     0x10500100u
#define BOARD_GICD_PHYS     0x10501000u
#define BOARD_COMBINER_PHYS 0x10448000u
#define BOARD_COMBINER_GROUPS 64u
#define BOARD_COMBINER_SPI  32u           /* GIC interrupt of group 0 */
#define BOARD_MCT_PHYS      0x10050000u
#define BOARD_MCT_HZ        24000000u     /* XXTI 24 MHz, prescaler and divider 1 */
#define BOARD_MCT_QEMU      1             /* QEMU's MCT model: see kernel/drivers/exynos_mct.c */
#define BOARD_MCT_L0_IRQ    (256u + 8u * 51u + 0u)   /* combiner group 51, bit 0 */
#define BOARD_MCT_L1_IRQ    (256u + 8u * 35u + 3u)   /* combiner group 35, bit 3 */
#define BOARD_PMU_PHYS      0x10020000u
#define BOARD_INFORM5       0x814         /* PMU: secondary CPU's entry (rev 1.1 boot ROM) */
#define BOARD_SCU_CONFIG    0x04          /* offset in the private region */
/* A timer user space may own (kernel tests): PWM timer 0, combiner group 22
 * bit 0, programmed by the functions below (BOARD_USER_TIMER_OPS). */
#define BOARD_USER_TIMER_IRQ   (256u + 8u * 22u + 0u)
#define BOARD_USER_TIMER_SP804 0x139d0000u  /* its MMIO base (PWM, not an SP804) */
#define BOARD_USER_TIMER_OPS   1
#include "exynos_pwm.h"
#endif
