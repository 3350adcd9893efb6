/* SPDX-License-Identifier: MIT */
/*
 * Samsung Exynos multi-core timer (MCT): the 64-bit global free-running
 * counter is the kernel's time base; each CPU's local timer (L0, L1) is its
 * one-shot timer. Writes to the local timer's buffers are confirmed by the
 * hardware in L_WSTAT; we wait for that as the manual asks.
 *
 * QEMU's model of the MCT (hw/timer/exynos4210_mct.c, the smdkc210 board)
 * counts a local timer differently from the chip, so a board on it asks for
 * its own way of programming (exynos_mct_init's 'qemu_model'):
 *  - it raises ICNTB to 256 / TCNTB when ICNTB * TCNTB < 256, so with
 *    TCNTB = 0 (a tick per clock) every expiry is about 257 ticks away;
 *  - a manual ICNTB update reloads the tick count from its own count
 *    (TCNTB + 1) plus one, so the tick grows by a clock at every arming;
 *  - writing TCNTB takes the interrupt count (ICNTB + 1) plus one.
 * There we keep TCNTB = 1 and write it again after each manual ICNTB
 * update: the expiry is then exactly 2 * (ICNTB + 2) clocks away.
 */
#include "drivers/drivers.h"

#define G_CNT_L      0x100
#define G_CNT_U      0x104
#define G_TCON       0x240
#define G_TCON_START (1u << 8)
#define L_BASE(n)    (0x300u + 0x100u * (n))
#define L_TCNTB      0x00
#define L_ICNTB      0x08
#define L_TCON       0x20
#define L_INT_CSTAT  0x30
#define L_INT_ENB    0x34
#define L_WSTAT      0x40
#define L_ICNTB_UPDATE  (1u << 31)
#define L_TCON_TICK     (1u << 0)
#define L_TCON_INT      (1u << 1)
#define L_INT_ICNT      (1u << 0)
#define L_WSTAT_TCNTB   (1u << 0)
#define L_WSTAT_ICNTB   (1u << 1)
#define L_WSTAT_TCON    (1u << 3)
#define ICNT_MAX        0x7fffffffu

#define QEMU_TCNTB      1u
#define QEMU_ICNT_MIN   256u    /* QEMU's floor for ICNTB * TCNTB */

static uintptr_t mct;
static uint32_t freq;
static bool qemu_model;

static void local_write(uint32_t cpu, uint32_t off, uint32_t v, uint32_t wstat)
{
	uintptr_t l = mct + L_BASE(cpu);
	mmio_write(l, off, v);
	for (int i = 0; i < 1000 && !(mmio_read(l, L_WSTAT) & wstat); i++)
		;
	mmio_write(l, L_WSTAT, wstat);
}

void exynos_mct_init(void *base, uint32_t hz, bool qemu)
{
	mct = (uintptr_t)base;
	freq = hz;
	qemu_model = qemu;
	mmio_write(mct, G_TCON, mmio_read(mct, G_TCON) | G_TCON_START);
}

/* this CPU's local timer: ticks at the counter's rate, interrupt on expiry */
void exynos_mct_init_cpu(uint32_t cpu)
{
	local_write(cpu, L_TCON, 0, L_WSTAT_TCON);
	/* a tick per clock (two on QEMU's model, see above) */
	local_write(cpu, L_TCNTB, qemu_model ? QEMU_TCNTB : 0, L_WSTAT_TCNTB);
	mmio_write(mct + L_BASE(cpu), L_INT_CSTAT, L_INT_ICNT);
	mmio_write(mct + L_BASE(cpu), L_INT_ENB, L_INT_ICNT);
}

uint64_t exynos_mct_counter(void)
{
	uint32_t hi, lo;
	do {
		hi = mmio_read(mct, G_CNT_U);
		lo = mmio_read(mct, G_CNT_L);
	} while (hi != mmio_read(mct, G_CNT_U));
	return ((uint64_t)hi << 32) | lo;
}

uint32_t exynos_mct_hz(void) { return freq; }

/* stops CPU 'cpu's local timer and clears its interrupt */
void exynos_mct_ack(uint32_t cpu)
{
	local_write(cpu, L_TCON, 0, L_WSTAT_TCON);
	mmio_write(mct + L_BASE(cpu), L_INT_CSTAT, L_INT_ICNT);
}

void exynos_mct_set(uint32_t cpu, uint64_t deadline)
{
	exynos_mct_ack(cpu);
	if (deadline == ~0ull)
		return;
	uint64_t now = exynos_mct_counter();
	uint64_t delta = deadline > now ? deadline - now : 1;
	if (delta > ICNT_MAX)
		delta = ICNT_MAX;   /* fires early; the kernel re-arms */
	if (qemu_model) {
		/* expires after 2 * (ICNTB + 2) clocks (rounded up; at least
		 * 2 * (256 + 2), QEMU's floor) */
		uint64_t icnt = (delta + 1) / 2;
		icnt = icnt > QEMU_ICNT_MIN + 2 ? icnt - 2 : QEMU_ICNT_MIN;
		local_write(cpu, L_ICNTB, L_ICNTB_UPDATE | (uint32_t)icnt, L_WSTAT_ICNTB);
		local_write(cpu, L_TCNTB, QEMU_TCNTB, L_WSTAT_TCNTB);
	} else {
		/* expires after (TCNTB + 1) * (ICNTB + 1) clocks */
		local_write(cpu, L_ICNTB, L_ICNTB_UPDATE | (uint32_t)(delta > 1 ? delta - 1 : 1),
		            L_WSTAT_ICNTB);
	}
	local_write(cpu, L_TCON, L_TCON_TICK | L_TCON_INT, L_WSTAT_TCON);
}
