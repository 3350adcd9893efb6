/* SPDX-License-Identifier: MIT */
/*
 * Cortex-A9 MPCore global timer: a 64-bit up-counter (the kernel's time
 * base) with a comparator used as the kernel's one-shot timer.
 */
#include "drivers/drivers.h"

#define GT_COUNT_LO 0x00
#define GT_COUNT_HI 0x04
#define GT_CONTROL  0x08
#define GT_STATUS   0x0c
#define GT_CMP_LO   0x10
#define GT_CMP_HI   0x14
#define CTL_TIMER_EN (1u << 0)
#define CTL_CMP_EN   (1u << 1)
#define CTL_IRQ_EN   (1u << 2)

static uintptr_t gt;
static uint32_t freq;

void a9_gtimer_init(void *base, uint32_t hz)
{
	gt = (uintptr_t)base;
	freq = hz;
	mmio_write(gt, GT_CONTROL, CTL_TIMER_EN);
	mmio_write(gt, GT_STATUS, 1);
}

uint64_t a9_gtimer_counter(void)
{
	uint32_t hi, lo;
	do {
		hi = mmio_read(gt, GT_COUNT_HI);
		lo = mmio_read(gt, GT_COUNT_LO);
	} while (hi != mmio_read(gt, GT_COUNT_HI));
	return ((uint64_t)hi << 32) | lo;
}

uint32_t a9_gtimer_hz(void) { return freq; }

void a9_gtimer_set(uint64_t deadline)
{
	mmio_write(gt, GT_CONTROL, CTL_TIMER_EN);
	mmio_write(gt, GT_STATUS, 1);
	if (deadline == ~0ull)
		return;
	mmio_write(gt, GT_CMP_LO, (uint32_t)deadline);
	mmio_write(gt, GT_CMP_HI, (uint32_t)(deadline >> 32));
	mmio_write(gt, GT_CONTROL, CTL_TIMER_EN | CTL_CMP_EN | CTL_IRQ_EN);
	/* a deadline already passed does not fire: fake it by re-arming close */
	uint64_t now = a9_gtimer_counter();
	if (now >= deadline) {
		mmio_write(gt, GT_CONTROL, CTL_TIMER_EN);
		now += 16;
		mmio_write(gt, GT_CMP_LO, (uint32_t)now);
		mmio_write(gt, GT_CMP_HI, (uint32_t)(now >> 32));
		mmio_write(gt, GT_CONTROL, CTL_TIMER_EN | CTL_CMP_EN | CTL_IRQ_EN);
	}
}
