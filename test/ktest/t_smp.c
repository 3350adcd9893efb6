/* SPDX-License-Identifier: MIT */
/*
 * Kernel tests: multi-processor — every CPU runs threads, placement and
 * migration (of a queued, a running and the calling thread), a new thread
 * on its creator's CPU, IPC and signals between CPUs, pausing and destroying a thread
 * that spins on another CPU, unmapping memory another CPU is using, and an
 * IPC stress test (8 threads on up to 4 CPUs). They run when the kernel
 * reports at least 2 CPUs (main.c).
 *
 * Progress on another CPU is shown with spinners of a lower priority than
 * this driver, which busy-waits (never blocks) while it watches them: on
 * the driver's own CPU they could not run at all.
 */
#include "ktest.h"

#define PAGE   0x30000000u        /* shared page in the child */
#define SPIN_PRIO 3

static uint32_t ncpus(void)
{
	uint32_t n = 0;
	cn_sys_kernel_info(CN_KINFO_NR_CPUS, &n);
	return n;
}

/* busy-wait (the driver keeps its CPU) up to 'ms' until cond holds */
#define SPIN_UNTIL(cond, ms) do { \
	uint32_t hz_; uint64_t end_ = cn_sys_time(&hz_); end_ += (uint64_t)hz_ * (ms) / 1000; \
	while (!(cond) && cn_sys_time(0) < end_) ; \
	CHECK(cond); } while (0)

static void spin_ms(uint32_t ms)
{
	uint32_t hz;
	uint64_t end = cn_sys_time(&hz);
	end += (uint64_t)hz * ms / 1000;
	while (cn_sys_time(0) < end)
		;
}

/* c[word] stays put for 20 ms */
static bool stopped(volatile uint32_t *c, uint32_t word)
{
	uint32_t s = c[word];
	spin_ms(20);
	return c[word] == s;
}

/* counts in word 'arg' of the shared page */
static uint32_t child_spin(uint32_t arg)
{
	volatile uint32_t *counter = (volatile uint32_t *)PAGE + arg;
	for (;;)
		(*counter)++;
	return 0;
}

/* a PD with the shared page; its kernel-side view in *c */
static int smp_pd(struct kt_pd *a, volatile uint32_t **c)
{
	if (kt_pd_create(a))
		return __LINE__;
	uint32_t pa = kt_map(a, PAGE, 1, CN_MAP_WRITE, 0);
	if (!pa)
		return __LINE__;
	*c = kt_va(pa);
	return 0;
}

/* fn(word) on 'cpu' (pager index word + 1), until c[word] shows it counts */
static uint32_t started_on(struct kt_pd *a, kt_fn fn, volatile uint32_t *c, uint32_t word,
                           uint32_t cpu)
{
	uint32_t t = kt_thread_on(a, "spin", fn, word, SPIN_PRIO, env.pager[word], cpu);
	uint32_t hz;
	uint64_t end = cn_sys_time(&hz);
	end += (uint64_t)hz * 3;
	while (t && c[word] < 1000 && cn_sys_time(0) < end)
		;
	return c[word] >= 1000 ? t : 0;
}

int test_smp_cpus(void)
{
	uint32_t n = ncpus();
	CHECK(n >= 2 && n <= 4);
	CHECK_EQ(kt_bootinfo()->nr_cpus, n);
	struct kt_pd a;
	volatile uint32_t *c;
	CHECK(!smp_pd(&a, &c));
	uint32_t t[4] = { 0 };
	for (uint32_t k = 1; k < n; k++) {
		t[k] = kt_thread_on(&a, "spin", child_spin, k, SPIN_PRIO, env.pager[0], k);
		CHECK(t[k]);
	}
	/* a CPU that does not exist */
	CHECK_EQ(cn_sys_thread_cpu(t[1], n), CN_ERR_INVALID);
	CHECK_EQ(cn_sys_thread_cpu(t[1], 0xfffffffeu), CN_ERR_INVALID);
	CHECK_EQ(cn_sys_thread_cpu(env.recv, 0), CN_ERR_TYPE);
	/* every other CPU runs its spinner while this one stays busy */
	SPIN_UNTIL((n < 2 || c[1] > 1000) && (n < 3 || c[2] > 1000) && (n < 4 || c[3] > 1000), 3000);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	/* after the destruction nothing counts any more */
	uint32_t s1 = c[1];
	spin_ms(20);
	CHECK_EQ(c[1], s1);
	return 0;
}

int test_smp_migrate(void)
{
	uint32_t n = ncpus();
	struct kt_pd a;
	volatile uint32_t *c;
	CHECK(!smp_pd(&a, &c));
	uint32_t t = started_on(&a, child_spin, c, 0, 1);
	CHECK(t);
	/* onto this CPU, below this driver's priority: it stops counting */
	CHECK_EQ(cn_sys_thread_cpu(t, 0), CN_OK);
	spin_ms(10);
	uint32_t s = c[0];
	spin_ms(30);
	CHECK_EQ(c[0], s);
	CHECK_EQ(thread_state(t), CN_THREAD_READY);
	/* and away again, to the last CPU: it counts while the driver spins */
	CHECK_EQ(cn_sys_thread_cpu(t, n - 1), CN_OK);
	SPIN_UNTIL(c[0] > s + 1000, 3000);
	/* a queued (not running) thread moves too: two spinners on the last
	 * CPU share it; moving one to CPU 1 lets both count at once */
	uint32_t t2 = kt_thread_on(&a, "spin2", child_spin, 1, SPIN_PRIO, env.pager[1], n - 1);
	CHECK(t2);
	SPIN_UNTIL(c[1] > 1000, 3000);
	CHECK_EQ(cn_sys_thread_cpu(t2, 1), CN_OK);
	uint32_t s0 = c[0], s1 = c[1];
	SPIN_UNTIL(c[0] > s0 + 1000 && c[1] > s1 + 1000, 3000);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	return 0;
}

int test_smp_inherit(void)
{
	/* this driver moves itself to CPU 1; a thread it creates there starts
	 * on CPU 1 too, below the busy driver: it cannot count until the
	 * driver has moved back */
	struct kt_pd a;
	volatile uint32_t *c;
	CHECK(!smp_pd(&a, &c));
	uint32_t placed, running;
	CHECK_EQ(cn_sys_thread_cpu(CN_ROOT_CAP_THREAD, 1), CN_OK);
	/* the query is answered on the CPU that runs the caller */
	CHECK_EQ(cn_sys_thread_where(CN_ROOT_CAP_THREAD, &placed, &running), CN_OK);
	CHECK_EQ(placed, 1);
	CHECK_EQ(running, 1);
	uint32_t t = kt_thread(&a, "spin", child_spin, 0, SPIN_PRIO, env.pager[0]);
	CHECK(t);
	CHECK(stopped(c, 0));
	CHECK_EQ(c[0], 0);
	CHECK_EQ(cn_sys_thread_where(t, &placed, 0), CN_OK);
	CHECK_EQ(placed, 1);
	CHECK_EQ(cn_sys_thread_cpu(CN_ROOT_CAP_THREAD, 0), CN_OK);
	SPIN_UNTIL(c[0] > 1000, 3000);
	/* the spinner runs on CPU 1 now, this driver on CPU 0 */
	CHECK_EQ(cn_sys_thread_where(t, &placed, &running), CN_OK);
	CHECK_EQ(running, 1);
	CHECK_EQ(cn_sys_thread_where(CN_ROOT_CAP_THREAD, &placed, &running), CN_OK);
	CHECK_EQ(placed, 0);
	CHECK_EQ(running, 0);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	return 0;
}

/* replies with w0 + 1, counts calls in word 8 + arg of the page */
static uint32_t child_server(uint32_t arg)
{
	volatile uint32_t *count = (volatile uint32_t *)PAGE + 8 + arg;
	struct cn_msg m = { 0, { 0, 0, 0, 0 } };
	uint32_t badge;
	int reply = 0;
	for (;;) {
		if (cn_sys_reply_wait(reply, &m, &badge))
			return __LINE__;
		(*count)++;
		m.w[0]++;
		m.info = CN_MSG_INFO(1, 0);
		reply = 1;
	}
}

/* calls the servers whose caps are in words 16.. of the page: client i
 * alternates between server i and server i + 1 (mod 'arg >> 8'), arg & 0xff
 * is i; the number of calls is word 24 */
static uint32_t child_client(uint32_t arg)
{
	volatile uint32_t *page = (volatile uint32_t *)PAGE;
	uint32_t i = arg & 0xff, ns = arg >> 8, calls = page[24];
	for (uint32_t k = 0; k < calls; k++) {
		uint32_t s = (i + (k & 1)) % ns;
		struct cn_msg m = { CN_MSG_INFO(1, 0), { k * 4 + i, 0, 0, 0 } };
		if (cn_sys_call(page[16 + s], &m))
			return __LINE__;
		if (m.w[0] != k * 4 + i + 1)
			return __LINE__;
	}
	return 0;
}

/* 'pairs' client/server pairs, client i on CPU i, server i on CPU i + 1
 * (mod CPUs); waits until every client stopped; checks results and counts.
 * Under QEMU a wake-up across CPUs may take milliseconds of host time when
 * the host is busy, so the check is for progress, not speed: it fails when
 * no call completes for 'stall_ms' (a lost wake-up or a deadlock). */
static int ping_pong(uint32_t pairs, uint32_t calls, uint32_t stall_ms)
{
	uint32_t n = ncpus();
	struct kt_pd a;
	volatile uint32_t *c;
	CHECK(!smp_pd(&a, &c));
	c[24] = calls;
	uint32_t srv[4], cli[4];
	for (uint32_t i = 0; i < pairs; i++) {
		srv[i] = kt_thread_on(&a, "server", child_server, i, SPIN_PRIO, 0, (i + 1) % n);
		CHECK(srv[i]);
		c[16 + i] = kt_give(&a, srv[i]);
		CHECK(c[16 + i]);
	}
	for (uint32_t i = 0; i < pairs; i++) {
		cli[i] = kt_thread_on(&a, "client", child_client, i | pairs << 8, SPIN_PRIO,
		                      env.pager[i], i % n);
		CHECK(cli[i]);
	}
	/* every client stops (pager imprints 1..pairs), in any order */
	uint32_t seen = 0, done = 0, quiet_ms = 0;
	while (seen != (1u << pairs) - 1 && quiet_ms < stall_ms) {
		uint32_t imprint = kt_wait(env.recv, env.tmo, 100000, 0);
		if (imprint >= 1 && imprint <= pairs)
			seen |= 1u << (imprint - 1);
		uint32_t now = c[8] + c[9] + c[10] + c[11];
		quiet_ms = now == done ? quiet_ms + 100 : 0;
		done = now;
	}
	if (seen != (1u << pairs) - 1) {
		kt_printf("ktest:   clients done: 0x%x of 0x%x, no progress for %u ms\n",
		          (unsigned)seen, (unsigned)((1u << pairs) - 1), (unsigned)quiet_ms);
		for (uint32_t i = 0; i < pairs; i++)
			kt_printf("ktest:   pair %u: %u calls, states %u %u\n", (unsigned)i,
			          (unsigned)c[8 + i], (unsigned)thread_state(cli[i]),
			          (unsigned)thread_state(srv[i]));
	}
	CHECK_EQ(seen, (1u << pairs) - 1);
	uint32_t total = 0;
	for (uint32_t i = 0; i < pairs; i++) {
		uint32_t regs[17];
		CHECK_EQ(kt_regs(cli[i], regs), CN_OK);
		CHECK_EQ(regs[1], 0);              /* the client's result */
		CHECK_EQ(thread_state(cli[i]), CN_THREAD_STOPPED);
		total += c[8 + i];
	}
	CHECK_EQ(total, pairs * calls);
	if (pairs > 1)
		for (uint32_t i = 0; i < pairs; i++)
			CHECK_EQ(c[8 + i], calls);     /* half from each of two clients */
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	return 0;
}

int test_smp_ipc(void)
{
	/* client on CPU 0, server on CPU 1: woken by IPIs both ways */
	return ping_pong(1, 1000, 3000);
}

int test_smp_ipc_stress(void)
{
	/* 8 threads: 4 clients, 4 servers, spread over the CPUs, each server
	 * called from two CPUs */
	return ping_pong(4, 1000, 3000);
}
/* waits on receiver 1, answers on context 2, 'arg' times */
static uint32_t child_sig_pong(uint32_t arg)
{
	for (uint32_t k = 0; k < arg; k++) {
		uint32_t imprint, count;
		if (cn_sys_signal_wait(1, &imprint, &count) || imprint != 7 || count != 1)
			return __LINE__;
		if (cn_sys_signal_submit(2, 1))
			return __LINE__;
	}
	return 0;
}

int test_smp_signal(void)
{
	struct kt_pd a;
	uint32_t r = kt_sig_recv(), ping = kt_sig_ctx(r, 7), pong = kt_sig_ctx(env.recv, 9);
	uint32_t caps[2] = { r, pong };
	CHECK(kt_pd_create(&a) == CN_OK);
	CHECK_EQ(kt_give(&a, caps[0]), 1);
	CHECK_EQ(kt_give(&a, caps[1]), 2);
	uint32_t t = kt_thread_on(&a, "sigpong", child_sig_pong, 500, SPIN_PRIO, env.pager[0], 1);
	CHECK(t);
	for (uint32_t k = 0; k < 500; k++) {
		CHECK_EQ(cn_sys_signal_submit(ping, 1), CN_OK);
		uint32_t count = 0;
		CHECK_EQ(kt_wait(env.recv, env.tmo, 2000000, &count), 9);
		CHECK_EQ(count, 1);
	}
	struct cn_fault f;
	CHECK_EQ(wait_stop(t, 1, &f), 0);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	cn_sys_destroy(ping);
	cn_sys_destroy(pong);
	cn_sys_destroy(r);
	return 0;
}

/* the time of a thread running on another CPU, read from this one: that
 * CPU charges it at its decisions (every 10 ms), THREAD_INFO adds the time
 * since, so the figure follows the clock exactly, not in slice steps */
int test_smp_info(void)
{
	struct kt_pd a;
	volatile uint32_t *c;
	CHECK(!smp_pd(&a, &c));
	uint32_t t = started_on(&a, child_spin, c, 0, 1);
	CHECK(t);
	uint32_t hz, placed, running;
	CHECK_EQ(cn_sys_thread_where(t, &placed, &running), CN_OK);
	CHECK_EQ(placed, 1);
	CHECK_EQ(running, 1);
	struct cn_sched_info i0, i1;
	for (int round = 0; round < 5; round++) {
		CHECK_EQ(cn_sys_thread_info(t, &i0), CN_OK);
		uint64_t t0 = cn_sys_time(&hz);
		spin_ms(13 + (uint32_t)round * 3);
		CHECK_EQ(cn_sys_thread_info(t, &i1), CN_OK);
		uint64_t t1 = cn_sys_time(0);
		uint64_t used = i1.used - i0.used, passed = t1 - t0, tol = hz / 500;  /* 2 ms */
		CHECK(used + tol >= passed && used <= passed + tol);
	}
	CHECK_EQ(i1.quota_us, CN_SCHED_UNLIMITED);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	return 0;
}

int test_smp_pause_destroy(void)
{
	uint32_t n = ncpus();
	struct kt_pd a;
	volatile uint32_t *c;
	CHECK(!smp_pd(&a, &c));
	uint32_t t = started_on(&a, child_spin, c, 0, 1);
	CHECK(t);
	/* the registers of a running thread cannot be written */
	uint32_t regs[17];
	CHECK_EQ(kt_regs(t, regs), CN_OK);
	CHECK_EQ(cn_sys_thread_regs(t, 1), CN_ERR_BUSY);
	/* paused: off its CPU when the call returns */
	CHECK_EQ(cn_sys_thread_pause(t), CN_OK);
	CHECK_EQ(thread_state(t), CN_THREAD_PAUSED);
	CHECK(stopped(c, 0));
	CHECK_EQ(cn_sys_thread_resume(t), CN_OK);
	uint32_t s = c[0];
	SPIN_UNTIL(c[0] > s + 1000, 3000);
	/* destroyed while it spins */
	CHECK_EQ(cn_sys_destroy(t), CN_OK);
	CHECK(stopped(c, 0));
	cn_sys_cap_drop(t);
	a.threads[0] = 0;
	/* a PD destroyed while its thread spins on another CPU */
	CHECK(started_on(&a, child_spin, c, 1, n - 1));
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	CHECK(stopped(c, 1));
	return 0;
}

/* keeps writing to the shared page (through its own TLB entry) */
static uint32_t child_write_loop(uint32_t arg)
{
	(void)arg;
	volatile uint32_t *p = (volatile uint32_t *)PAGE;
	for (;;)
		p[0]++;
	return 0;
}

int test_smp_unmap(void)
{
	struct kt_pd a;
	volatile uint32_t *c;
	CHECK(!smp_pd(&a, &c));
	uint32_t t = started_on(&a, child_write_loop, c, 0, 1);
	CHECK(t);
	/* unmapped while CPU 1 uses it: the next access faults */
	CHECK_EQ(cn_sys_unmap(a.pd, PAGE, 1), CN_OK);
	struct cn_fault f;
	CHECK_EQ(kt_wait(env.recv, env.tmo, 2000000, 0), 1);
	CHECK_EQ(cn_sys_thread_fault(t, &f), CN_OK);
	CHECK_EQ(f.state, CN_THREAD_FAULTED);
	CHECK_EQ(f.addr, PAGE);
	CHECK(f.type == CN_FAULT_PAGE_WRITE || f.type == CN_FAULT_PAGE_READ);
	uint32_t s = c[0];
	spin_ms(20);
	CHECK_EQ(c[0], s);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	return 0;
}
