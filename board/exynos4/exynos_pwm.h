/* SPDX-License-Identifier: MIT */
/* Samsung Exynos PWM timer 0 as a one-shot interrupt source, driven from
 * user space by the kernel tests (test/ktest, BOARD_USER_TIMER_OPS): armed
 * for about 1 ms at 24 MHz, then quieted. 'base' is its mapped MMIO. */
#ifndef EXYNOS_PWM_H
#define EXYNOS_PWM_H
#include <stdint.h>
#define PWM_TCON       0x08
#define PWM_TCNTB0     0x0c
#define PWM_TINT_CSTAT 0x44
#define PWM_T0_BITS    0xfu          /* TCON: start, manual update, invert, reload */
#define PWM_T0_START   (1u << 0)
#define PWM_T0_UPDATE  (1u << 1)
#define PWM_T0_INT     (1u << 0)     /* TINT_CSTAT: enable; status at bit 5 */
#define PWM_T0_STATUS  (1u << 5)
static inline void board_user_timer_arm(uint32_t base)
{
	volatile uint32_t *t = (volatile uint32_t *)(uintptr_t)base;
	t[PWM_TCNTB0 / 4] = 24000;
	t[PWM_TCON / 4] = (t[PWM_TCON / 4] & ~PWM_T0_BITS) | PWM_T0_UPDATE;
	t[PWM_TINT_CSTAT / 4] = PWM_T0_INT;
	t[PWM_TCON / 4] = (t[PWM_TCON / 4] & ~PWM_T0_BITS) | PWM_T0_START;
}
static inline void board_user_timer_quiet(uint32_t base)
{
	volatile uint32_t *t = (volatile uint32_t *)(uintptr_t)base;
	t[PWM_TCON / 4] &= ~PWM_T0_BITS;
	t[PWM_TINT_CSTAT / 4] = PWM_T0_STATUS;
}
#endif
