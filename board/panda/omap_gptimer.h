/* SPDX-License-Identifier: MIT */
/* OMAP4 general-purpose timer (GPTIMER3) as a one-shot interrupt source,
 * driven from user space by the kernel tests (BOARD_USER_TIMER_OPS):
 * overflows about 1 ms after it is armed (32 kHz clock). 'base' is its
 * mapped MMIO. */
#ifndef OMAP_GPTIMER_H
#define OMAP_GPTIMER_H
#include <stdint.h>
#define GPT_IRQSTATUS     0x28
#define GPT_IRQENABLE_SET 0x2c
#define GPT_TCLR          0x38
#define GPT_TCRR          0x3c
#define GPT_OVF           (1u << 1)
#define GPT_TCLR_ST       (1u << 0)
static inline void board_user_timer_arm(uint32_t base)
{
	volatile uint32_t *t = (volatile uint32_t *)(uintptr_t)base;
	t[GPT_TCLR / 4] = 0;
	t[GPT_TCRR / 4] = 0xffffffffu - 33u;
	t[GPT_IRQENABLE_SET / 4] = GPT_OVF;
	t[GPT_TCLR / 4] = GPT_TCLR_ST;
}
static inline void board_user_timer_quiet(uint32_t base)
{
	volatile uint32_t *t = (volatile uint32_t *)(uintptr_t)base;
	t[GPT_TCLR / 4] = 0;
	t[GPT_IRQSTATUS / 4] = GPT_OVF;
}
#endif
