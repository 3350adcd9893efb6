/* SPDX-License-Identifier: MIT */
/*
 * Kernel tests: signals (counting, many contexts, wake-ups, polling,
 * destruction), device interrupts and timeouts.
 */
#include "ktest.h"
#include "board.h"
#include <cn/util/string.h>

/* caps: 1 context (imprint 77), 2 its receiver */
static uint32_t child_count(uint32_t arg)
{
	(void)arg;
	uint32_t imp, cnt;
	for (int i = 0; i < 3; i++)
		if (cn_sys_signal_submit(1, 1))
			return __LINE__;
	if (cn_sys_signal_submit(1, 4))
		return __LINE__;
	if (cn_sys_signal_wait(2, &imp, &cnt) || imp != 77 || cnt != 7)
		return __LINE__;
	if (cn_sys_signal_poll(2, &imp, &cnt) != CN_ERR_AGAIN)
		return __LINE__;
	return 0;
}

int test_signal_count(void)
{
	struct kt_pd a;
	struct cn_fault f;
	uint32_t r = kt_sig_recv();
	uint32_t caps[2] = { kt_sig_ctx(r, 77), r };
	uint32_t t = spawn(&a, "count", child_count, 0, 5, caps, 2, 1);
	CHECK(t);
	CHECK_EQ(wait_stop(t, 1, &f), 0);
	kt_pd_destroy(&a);
	cn_sys_destroy(caps[0]);
	cn_sys_destroy(r);
	return 0;
}

#define NCTX 16
/* caps: 1 receiver, 2..17 contexts with imprints 100..115 */
static uint32_t child_contexts(uint32_t arg)
{
	(void)arg;
	uint32_t seen[NCTX];
	cn_memset(seen, 0, sizeof(seen));
	for (uint32_t i = 0; i < NCTX; i++)
		if (cn_sys_signal_submit(2 + i, i + 1))
			return __LINE__;
	for (uint32_t i = 0; i < NCTX; i++) {
		uint32_t imp, cnt;
		if (cn_sys_signal_wait(1, &imp, &cnt))
			return __LINE__;
		if (imp < 100 || imp >= 100 + NCTX || seen[imp - 100])
			return __LINE__;
		seen[imp - 100] = cnt;
	}
	for (uint32_t i = 0; i < NCTX; i++)
		if (seen[i] != i + 1)
			return __LINE__;
	return 0;
}

int test_signal_contexts(void)
{
	struct kt_pd a;
	struct cn_fault f;
	uint32_t caps[1 + NCTX];
	caps[0] = kt_sig_recv();
	for (uint32_t i = 0; i < NCTX; i++)
		caps[1 + i] = kt_sig_ctx(caps[0], 100 + i);
	uint32_t t = spawn(&a, "contexts", child_contexts, 0, 5, caps, 1 + NCTX, 1);
	CHECK(t);
	CHECK_EQ(wait_stop(t, 1, &f), 0);
	kt_pd_destroy(&a);
	for (uint32_t i = 0; i < 1 + NCTX; i++)
		cn_sys_destroy(caps[NCTX - i]);
	return 0;
}

/* caps: 1 receiver; returns the count it was woken with */
static uint32_t child_waiter(uint32_t arg)
{
	uint32_t imp, cnt;
	if (cn_sys_signal_wait(1, &imp, &cnt))
		return 1000;
	return imp == arg ? cnt : 2000;
}

int test_signal_wakeup(void)
{
	struct kt_pd a;
	struct cn_fault f;
	uint32_t r = kt_sig_recv();
	uint32_t ctx = kt_sig_ctx(r, 5);
	uint32_t t1 = spawn(&a, "waiter1", child_waiter, 5, 5, &r, 1, 1);
	uint32_t t2 = kt_thread(&a, "waiter2", child_waiter, 5, 5, env.pager[1]);
	CHECK(t1 && t2);
	WAIT_STATE(t1, CN_THREAD_SIGNAL);                            /* both block */
	WAIT_STATE(t2, CN_THREAD_SIGNAL);
	CHECK_EQ(cn_sys_signal_submit(ctx, 3), CN_OK);                /* wakes one */
	uint32_t who = kt_wait(env.recv, env.tmo, 1000000, 0);
	CHECK(who == 1 || who == 2);
	CHECK_EQ(kt_wait(env.recv, env.tmo, 10000, 0), KT_TIMEOUT);  /* not the other */
	CHECK_EQ(cn_sys_signal_submit(ctx, 2), CN_OK);
	uint32_t other = kt_wait(env.recv, env.tmo, 1000000, 0);
	CHECK_EQ(other, 3 - who);
	uint32_t regs[17];
	CHECK_EQ(kt_regs(who == 1 ? t1 : t2, regs), CN_OK);
	CHECK_EQ(regs[1], 3);
	CHECK_EQ(kt_regs(who == 1 ? t2 : t1, regs), CN_OK);
	CHECK_EQ(regs[1], 2);
	(void)f;
	kt_pd_destroy(&a);
	cn_sys_destroy(ctx);
	cn_sys_destroy(r);
	return 0;
}

int test_signal_poll(void)
{
	uint32_t r = kt_sig_recv(), c = kt_sig_ctx(r, 3), imp, cnt;
	CHECK_EQ(cn_sys_signal_poll(r, &imp, &cnt), CN_ERR_AGAIN);
	CHECK_EQ(cn_sys_signal_submit(c, 2), CN_OK);
	CHECK_EQ(cn_sys_signal_submit(c, 0), CN_OK);
	CHECK_EQ(cn_sys_signal_poll(r, &imp, &cnt), CN_OK);
	CHECK_EQ(imp, 3);
	CHECK_EQ(cnt, 2);
	CHECK_EQ(cn_sys_signal_poll(r, &imp, &cnt), CN_ERR_AGAIN);
	cn_sys_destroy(c);
	cn_sys_destroy(r);
	return 0;
}

/* caps: 1 receiver, 2 context on it */
static uint32_t child_recv_dies(uint32_t arg)
{
	(void)arg;
	uint32_t imp, cnt;
	if (cn_sys_signal_wait(1, &imp, &cnt) != CN_ERR_DEAD)
		return __LINE__;
	if (cn_sys_signal_submit(2, 1) != CN_ERR_DEAD)
		return __LINE__;
	if (cn_sys_signal_wait(1, &imp, &cnt) != CN_ERR_CAP)
		return __LINE__;
	return 0;
}

int test_signal_destroyed(void)
{
	struct kt_pd a;
	struct cn_fault f;
	uint32_t r = kt_sig_recv();
	uint32_t caps[2] = { r, kt_sig_ctx(r, 1) };
	uint32_t t = spawn(&a, "waiter", child_recv_dies, 0, 5, caps, 2, 1);
	CHECK(t);
	WAIT_STATE(t, CN_THREAD_SIGNAL);
	CHECK_EQ(cn_sys_destroy(r), CN_OK);
	CHECK_EQ(wait_stop(t, 1, &f), 0);
	kt_pd_destroy(&a);
	cn_sys_destroy(caps[1]);
	return 0;
}

/* ---------------------------------------------------------------- IRQs */
/* A real device interrupt on every board: the timer its board.h names for
 * user space (the generic physical timer, programmed from user mode, or an
 * SP804, or a timer the board drives itself: BOARD_USER_TIMER_OPS, with
 * board_user_timer_arm/quiet in its board.h). caps: 1 IRQ, 2 receiver;
 * arg: 0 = generic timer, else the device's virtual address. Two
 * interrupts, the second only after the ack. */
#ifdef BOARD_USER_TIMER_OPS
static void dev_arm(uint32_t dev)   { board_user_timer_arm(dev); }
static void dev_quiet(uint32_t dev) { board_user_timer_quiet(dev); }
#else
#define SP804_LOAD 0x00
#define SP804_CTRL 0x08
#define SP804_CLR  0x0c
static void dev_arm(uint32_t dev)
{
	if (!dev) {
		uint32_t hz;
		__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(hz));
		uint32_t ticks = hz / 1000;   /* 1 ms */
		__asm__ volatile("mcr p15, 0, %0, c14, c2, 0" :: "r"(ticks));  /* CNTP_TVAL */
		__asm__ volatile("mcr p15, 0, %0, c14, c2, 1" :: "r"(1));      /* CNTP_CTL */
	} else {
		volatile uint32_t *t = (volatile uint32_t *)(uintptr_t)dev;
		t[SP804_CTRL / 4] = 0;
		t[SP804_LOAD / 4] = 1000;       /* 1 MHz: 1 ms */
		t[SP804_CTRL / 4] = 0x80 | 0x20 | 0x02 | 0x01;  /* on, irq, 32 bit, one-shot */
	}
}
static void dev_quiet(uint32_t dev)
{
	if (!dev)
		__asm__ volatile("mcr p15, 0, %0, c14, c2, 1" :: "r"(0));
	else {
		volatile uint32_t *t = (volatile uint32_t *)(uintptr_t)dev;
		t[SP804_CLR / 4] = 1;
		t[SP804_CTRL / 4] = 0;
	}
}
#endif

static uint32_t child_irq(uint32_t dev)
{
	for (int round = 0; round < 2; round++) {
		uint32_t imp, cnt;
		dev_arm(dev);
		if (cn_sys_signal_wait(2, &imp, &cnt) || imp != 0x1a || cnt == 0)
			return __LINE__;
		dev_quiet(dev);
		if (cn_sys_irq_ack(1))
			return __LINE__;
	}
	return 0;
}

int test_irq_device(void)
{
	/* the board names the device (board/<name>/board.h) */
	uint32_t irqno = BOARD_USER_TIMER_IRQ, dev_phys = BOARD_USER_TIMER_SP804;
	uint32_t r = kt_sig_recv(), ctx = kt_sig_ctx(r, 0x1a), irq = 0, irq2 = 0;
	CHECK_EQ(cn_sys_create(CN_OBJ_IRQ, kt_alloc(CN_OBJ_MEM_IRQ, 64), irqno, ctx, 0, &irq), CN_OK);
	/* one owner per interrupt; the kernel's timer and nonsense are refused */
	CHECK_EQ(cn_sys_create(CN_OBJ_IRQ, kt_alloc(CN_OBJ_MEM_IRQ, 64), irqno, ctx, 0, &irq2),
	         CN_ERR_BUSY);
	CHECK_EQ(cn_sys_create(CN_OBJ_IRQ, kt_alloc(CN_OBJ_MEM_IRQ, 64), 5000, ctx, 0, &irq2),
	         CN_ERR_INVALID);
	struct kt_pd a;
	struct cn_fault f;
	uint32_t caps[2] = { irq, r };
	CHECK(kt_pd_create(&a) == CN_OK);
	CHECK_EQ(kt_give(&a, caps[0]), 1);
	CHECK_EQ(kt_give(&a, caps[1]), 2);
	uint32_t dev_va = 0;
	if (dev_phys) {
		dev_va = 0x30000000;
		CHECK(kt_map(&a, dev_va, 1, CN_MAP_WRITE | CN_MAP_DEVICE, dev_phys));
	}
	uint32_t t = kt_thread(&a, "irq", child_irq, dev_va, 5, env.pager[0]);
	CHECK(t);
	CHECK_EQ(wait_stop(t, 1, &f), 0);
	kt_pd_destroy(&a);
	CHECK_EQ(cn_sys_destroy(irq), CN_OK);
	/* free again after destruction */
	CHECK_EQ(cn_sys_create(CN_OBJ_IRQ, kt_alloc(CN_OBJ_MEM_IRQ, 64), irqno, ctx, 0, &irq2), CN_OK);
	cn_sys_destroy(irq2);
	cn_sys_destroy(ctx);
	cn_sys_destroy(r);
	return 0;
}

/* ---------------------------------------------------------------- time */
/* caps: 1 context, 2 receiver */
static uint32_t child_timeout(uint32_t us)
{
	uint32_t hz, imp, cnt;
	uint64_t t0 = cn_sys_time(&hz);
	if (cn_sys_timeout(1, us))
		return __LINE__;
	if (cn_sys_signal_wait(2, &imp, &cnt) || imp != 44)
		return __LINE__;
	uint64_t t1 = cn_sys_time(0);
	if ((t1 - t0) * 1000000u / hz < us)
		return __LINE__;            /* fired early */
	/* a cancelled timeout does not fire (1 s: no host stall between the
	 * two calls can let it expire first) */
	cn_sys_timeout(1, 1000000);
	cn_sys_timeout(1, 0);
	cn_sys_timeout(1, 0);
	return 0;
}

int test_timeout(void)
{
	struct kt_pd a;
	struct cn_fault f;
	uint32_t r = kt_sig_recv();
	uint32_t caps[2] = { kt_sig_ctx(r, 44), r };
	uint32_t t = spawn(&a, "timeout", child_timeout, 2000, 5, caps, 2, 1);
	CHECK(t);
	CHECK_EQ(wait_stop(t, 1, &f), 0);
	uint32_t imp, cnt;
	CHECK_EQ(kt_wait(env.recv, env.tmo, 10000, 0), KT_TIMEOUT);
	CHECK_EQ(cn_sys_signal_poll(r, &imp, &cnt), CN_ERR_AGAIN);
	kt_pd_destroy(&a);
	cn_sys_destroy(caps[0]);
	cn_sys_destroy(r);
	return 0;
}

int test_time_monotonic(void)
{
	uint32_t hz = 0;
	uint64_t last = cn_sys_time(&hz);
	CHECK(hz >= 1000000);
	for (int i = 0; i < 1000; i++) {
		uint64_t now = cn_sys_time(0);
		CHECK(now >= last);
		last = now;
	}
	return 0;
}

/* ---------------------------------------------------------- bound receiver */
/* caps: 1 receiver, 2 context on it (imprint 21); serves calls and counts
 * signals: returns 0 once it saw a call and two signal messages */
static uint32_t bound_server(uint32_t arg)
{
	(void)arg;
	if (cn_sys_signal_bind(1))
		return __LINE__;
	if (cn_sys_signal_submit(2, 3))
		return __LINE__;
	struct cn_msg m = { 0, { 0, 0, 0, 0 } };
	uint32_t badge;
	/* pending already: the wait ends at once with a signal message */
	if (cn_sys_reply_wait(0, &m, &badge) || !(m.info & CN_MSG_INFO_SIGNAL) ||
	    m.w[0] != 21 || m.w[1] != 3)
		return __LINE__;
	/* a call, then (while waiting) a signal from the driver */
	if (cn_sys_reply_wait(0, &m, &badge) || (m.info & CN_MSG_INFO_SIGNAL) || m.w[0] != 5)
		return __LINE__;
	m.w[0] = 6;
	m.info = CN_MSG_INFO(1, 0);
	if (cn_sys_reply_wait(1, &m, &badge) || !(m.info & CN_MSG_INFO_SIGNAL) ||
	    m.w[0] != 21 || m.w[1] != 1)
		return __LINE__;
	if (cn_sys_signal_bind(0))
		return __LINE__;
	return 0;
}

static uint32_t bound_client(uint32_t arg)
{
	(void)arg;
	struct cn_msg m = { CN_MSG_INFO(1, 0), { 5, 0, 0, 0 } };
	if (cn_sys_call(1, &m) || m.w[0] != 6)
		return __LINE__;
	return 0;
}

/* caps: 1 a receiver already bound to another thread */
static uint32_t second_binder(uint32_t arg)
{
	(void)arg;
	if (cn_sys_signal_bind(1) != CN_ERR_BUSY)
		return __LINE__;
	if (cn_sys_signal_bind(2) != CN_ERR_CAP)
		return __LINE__;
	return 0;
}

int test_signal_bound(void)
{
	struct kt_pd a, b, c;
	struct cn_fault f;
	uint32_t r = kt_sig_recv();
	uint32_t caps[2] = { r, kt_sig_ctx(r, 21) };
	uint32_t srv = spawn(&a, "bound", bound_server, 0, 5, caps, 2, 1);
	CHECK(srv);
	WAIT_STATE(srv, CN_THREAD_RECV);                              /* server waits */
	uint32_t cl = spawn(&b, "client", bound_client, 0, 5, &srv, 1, 2);
	CHECK(cl);
	CHECK_EQ(wait_stop(cl, 2, &f), 0);
	uint32_t other = spawn(&c, "binder", second_binder, 0, 5, &r, 1, 3);
	CHECK(other);
	CHECK_EQ(wait_stop(other, 3, &f), 0);
	CHECK_EQ(cn_sys_signal_submit(caps[1], 1), CN_OK);
	CHECK_EQ(wait_stop(srv, 1, &f), 0);
	kt_pd_destroy(&c);
	kt_pd_destroy(&b);
	kt_pd_destroy(&a);
	cn_sys_destroy(caps[1]);
	cn_sys_destroy(r);
	return 0;
}
