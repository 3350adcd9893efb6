/* SPDX-License-Identifier: MIT */
/*
 * Kernel tests: thread and PD life cycles, privileged calls refused outside
 * core, user pointers, capability errors, unknown calls, cache maintenance.
 */
#include "ktest.h"

static uint32_t child_ret(uint32_t arg) { return arg * 3; }

int test_thread_lifecycle(void)
{
	struct kt_pd a;
	struct cn_fault f;
	CHECK_EQ(kt_pd_create(&a), CN_OK);
	for (uint32_t i = 0; i < KT_MAX_THREADS; i++) {
		uint32_t t = kt_thread(&a, "short", child_ret, i + 1, 5, env.pager[0]);
		CHECK(t);
		CHECK_EQ(wait_stop(t, 1, &f), (i + 1) * 3);
		/* a stopped thread can be resumed: it stops again right away */
		CHECK_EQ(cn_sys_thread_start(t, 0x100000, 0, 0), CN_ERR_STATE);
		CHECK_EQ(cn_sys_destroy(t), CN_OK);
		CHECK_EQ(cn_sys_thread_resume(t), CN_ERR_CAP);
	}
	CHECK_EQ(cn_sys_destroy(a.pd), CN_OK);
	return 0;
}

/* spins, counting in a page the driver sees too (mapped at 0x30000000) */
static uint32_t child_spin(uint32_t arg)
{
	volatile uint32_t *counter = (volatile uint32_t *)0x30000000u;
	(void)arg;
	for (;;)
		(*counter)++;
	return 0;
}

int test_thread_pause_resume(void)
{
	struct kt_pd a;
	CHECK_EQ(kt_pd_create(&a), CN_OK);
	uint32_t pa = kt_map(&a, 0x30000000u, 1, CN_MAP_WRITE, 0);
	CHECK(pa);
	volatile uint32_t *counter = kt_va(pa);
	uint32_t t = kt_thread(&a, "spinner", child_spin, 0, 2, env.pager[0]);
	CHECK(t);
	WAIT_UNTIL(*counter > 0, 2000);
	CHECK_EQ(cn_sys_thread_pause(t), CN_OK);
	uint32_t c2 = *counter;
	CHECK_EQ(kt_wait(env.recv, env.tmo, 5000, 0), KT_TIMEOUT);
	CHECK_EQ(*counter, c2);                 /* paused: no progress */
	CHECK_EQ(cn_sys_thread_resume(t), CN_OK);
	WAIT_UNTIL(*counter > c2, 2000);
	/* destroyed while running (it is the only other thread) */
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	uint32_t c3 = *counter;
	CHECK_EQ(kt_wait(env.recv, env.tmo, 5000, 0), KT_TIMEOUT);
	CHECK_EQ(*counter, c3);
	return 0;
}

int test_pd_lifecycle(void)
{
	/* more PDs than there are ASIDs: they must be recycled */
	for (uint32_t i = 0; i < 300; i++) {
		struct kt_pd a;
		struct cn_fault f;
		uint32_t t = spawn(&a, "pd", child_ret, i, 5, 0, 0, 1);
		CHECK(t);
		CHECK_EQ(wait_stop(t, 1, &f), i * 3);
		CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	}
	return 0;
}

static uint32_t child_privileged(uint32_t arg)
{
	(void)arg;
	for (uint32_t nr = CN_SYS_CREATE; nr <= CN_SYS_LAST; nr++) {
		struct cn_sysret r = cn_syscall(nr, 1, 1, 1, 1, 1, 1, 1);
		if (r.err != CN_ERR_DENIED)
			return nr;
	}
	return 0;
}

int test_privileged_refused(void)
{
	struct kt_pd a;
	struct cn_fault f;
	uint32_t r = kt_sig_recv();
	uint32_t t = spawn(&a, "unprivileged", child_privileged, 0, 5, &r, 1, 1);
	CHECK(t);
	CHECK_EQ(wait_stop(t, 1, &f), 0);
	kt_pd_destroy(&a);
	cn_sys_destroy(r);
	return 0;
}

static uint32_t child_pointers(uint32_t arg)
{
	(void)arg;
	static const char text[] = "ktest: (printed from an unaligned user pointer)\n";
	if (cn_sys_print(0, 10) != CN_ERR_FAULT) return __LINE__;
	if (cn_sys_print((const char *)0x80000000u, 4) != CN_ERR_FAULT) return __LINE__;
	if (cn_sys_print((const char *)0xfffffff0u, 32) != CN_ERR_FAULT) return __LINE__;
	if (cn_sys_print(text + 1, sizeof(text) - 2) != CN_OK) return __LINE__;
	if (cn_sys_print(text, CN_PRINT_MAX + 1) != CN_ERR_INVALID) return __LINE__;
	/* the stack ends at a page boundary with nothing above it */
	const char *top = (const char *)(KT_STACK_BASE(0) + KT_STACK_SIZE - 4);
	if (cn_sys_print(top, 8) != CN_ERR_FAULT) return __LINE__;
	if (cn_sys_cache(CN_CACHE_CLEAN, (void *)0x30000000u, 64) != CN_ERR_FAULT) return __LINE__;
	if (cn_sys_cache(CN_CACHE_FLUSH, (void *)0x80000000u, 64) != CN_ERR_FAULT) return __LINE__;
	if (cn_sys_cache(CN_CACHE_CLEAN, (void *)0x7ffff000u, 0x2000) != CN_ERR_FAULT) return __LINE__;
	if (cn_sys_cache(99, text, 4) != CN_ERR_INVALID) return __LINE__;
	/* read-only memory (the code) may be cleaned, not invalidated */
	if (cn_sys_cache(CN_CACHE_CLEAN, (void *)child_pointers, 64) != CN_OK) return __LINE__;
	if (cn_sys_cache(CN_CACHE_INVALIDATE, (void *)child_pointers, 64) != CN_ERR_FAULT)
		return __LINE__;
	/* a kernel address as UTCB-relative message size: clamped, no crash */
	struct cn_msg m = { 0xffffffffu, { 0, 0, 0, 0 } };
	if (cn_sys_call(0, &m) != CN_ERR_CAP) return __LINE__;
	return 0;
}

int test_user_pointers(void)
{
	struct kt_pd a;
	struct cn_fault f;
	uint32_t t = spawn(&a, "pointers", child_pointers, 0, 5, 0, 0, 1);
	CHECK(t);
	CHECK_EQ(wait_stop(t, 1, &f), 0);
	kt_pd_destroy(&a);
	return 0;
}

/* caps: 1 context, 2 receiver, 3 a thread (the driver's) */
static uint32_t child_caps(uint32_t arg)
{
	(void)arg;
	struct cn_msg m = { 0, { 0, 0, 0, 0 } };
	uint32_t imp, cnt, type, badge;
	if (cn_sys_call(0, &m) != CN_ERR_CAP) return __LINE__;
	if (cn_sys_call(100000, &m) != CN_ERR_CAP) return __LINE__;
	if (cn_sys_call(0xffffffffu, &m) != CN_ERR_CAP) return __LINE__;
	if (cn_sys_call(1, &m) != CN_ERR_TYPE) return __LINE__;
	if (cn_sys_signal_submit(3, 1) != CN_ERR_TYPE) return __LINE__;
	if (cn_sys_signal_wait(1, &imp, &cnt) != CN_ERR_TYPE) return __LINE__;
	if (cn_sys_irq_ack(2) != CN_ERR_TYPE) return __LINE__;
	if (cn_sys_timeout(2, 10) != CN_ERR_TYPE) return __LINE__;
	if (cn_sys_cap_identify(3, &type, &badge) || type != CN_OBJ_THREAD) return __LINE__;
	cn_sys_cap_drop(3);
	cn_sys_cap_drop(3);
	cn_sys_cap_drop(0);
	cn_sys_cap_drop(0xffffffffu);
	if (cn_sys_cap_identify(3, &type, &badge) != CN_ERR_CAP) return __LINE__;
	return 0;
}

int test_cap_errors(void)
{
	struct kt_pd a;
	struct cn_fault f;
	uint32_t r = kt_sig_recv();
	uint32_t caps[3] = { kt_sig_ctx(r, 1), r, CN_ROOT_CAP_THREAD };
	uint32_t t = spawn(&a, "caps", child_caps, 0, 5, caps, 3, 1);
	CHECK(t);
	CHECK_EQ(wait_stop(t, 1, &f), 0);
	kt_pd_destroy(&a);
	cn_sys_destroy(caps[0]);
	cn_sys_destroy(r);
	return 0;
}

int test_unknown_syscall(void)
{
	CHECK_EQ(cn_syscall(CN_SYS_LAST_UNPRIVILEGED + 1, 0, 0, 0, 0, 0, 0, 0).err, CN_ERR_NOSYS);
	CHECK_EQ(cn_syscall(31, 0, 0, 0, 0, 0, 0, 0).err, CN_ERR_NOSYS);
	CHECK_EQ(cn_syscall(CN_SYS_LAST + 1, 0, 0, 0, 0, 0, 0, 0).err, CN_ERR_NOSYS);
	CHECK_EQ(cn_syscall(0xffffffffu, 0, 0, 0, 0, 0, 0, 0).err, CN_ERR_NOSYS);
	return 0;
}

int test_map_attrs(void)
{
	struct kt_pd a;
	CHECK_EQ(kt_pd_create(&a), CN_OK);
	uint32_t ram = kt_alloc(4096, 4096), mapped = 0, pt = kt_alloc(1024, 1024);
	/* RAM as device memory: refused; kernel memory: refused */
	CHECK_EQ(cn_sys_map(a.pd, 0x30000000u, ram, 1, CN_MAP_DEVICE, pt, &mapped), CN_ERR_INVALID);
	CHECK_EQ(cn_sys_map(a.pd, 0x30000000u, kt_bootinfo()->ram_base + 0x10000u, 1, 0, pt, &mapped),
	         CN_ERR_DENIED);
	/* unaligned, beyond user space, zero pages */
	CHECK_EQ(cn_sys_map(a.pd, 0x30000004u, ram, 1, 0, pt, &mapped), CN_ERR_INVALID);
	CHECK_EQ(cn_sys_map(a.pd, 0x80000000u, ram, 1, 0, pt, &mapped), CN_ERR_INVALID);
	CHECK_EQ(cn_sys_map(a.pd, 0x7ffff000u, ram, 2, 0, pt, &mapped), CN_ERR_INVALID);
	CHECK_EQ(cn_sys_map(a.pd, 0x30000000u, ram, 0, 0, pt, &mapped), CN_ERR_INVALID);
	/* every attribute combination maps */
	for (uint32_t attr = 0; attr < 16; attr++)
		CHECK_EQ(cn_sys_map(a.pd, 0x30000000u + attr * 4096, ram, 1, attr, pt, &mapped), CN_OK);
	uint32_t v = 0;
	CHECK_EQ(cn_sys_kernel_info(CN_KINFO_NR_CPUS, &v), CN_OK);
	CHECK(v >= 1);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	return 0;
}

int test_cache_ops(void)
{
	static uint32_t buf[64];
	for (uint32_t op = CN_CACHE_CLEAN; op <= CN_CACHE_SYNC_I; op++)
		CHECK_EQ(cn_sys_cache(op, buf, sizeof(buf)), CN_OK);
	CHECK_EQ(cn_sys_cache(CN_CACHE_CLEAN, buf, 0), CN_OK);
	return 0;
}

/* spins, counting in word 'arg' of the page at 0x30000000 */
static uint32_t child_count_spin(uint32_t arg)
{
	volatile uint32_t *counter = (volatile uint32_t *)0x30000000u + arg;
	for (;;)
		(*counter)++;
	return 0;
}

/* a PD with a counter page at 0x30000000 and two threads spinning on words
 * 0 and 1 of it, at priorities p0 and p1: 0 or the line of the failure */
static int spin_pair(struct kt_pd *a, volatile uint32_t **c, uint32_t p0, uint32_t p1,
                     uint32_t *t0, uint32_t *t1)
{
	CHECK_EQ(kt_pd_create(a), CN_OK);
	uint32_t pa = kt_map(a, 0x30000000u, 1, CN_MAP_WRITE, 0);
	CHECK(pa);
	*c = kt_va(pa);
	*t0 = kt_thread(a, "spin0", child_count_spin, 0, p0, env.pager[0]);
	*t1 = kt_thread(a, "spin1", child_count_spin, 1, p1, env.pager[1]);
	CHECK(*t0 && *t1);
	return 0;
}

int test_sched_round_robin(void)
{
	/* two spinners of one priority share the CPU in time slices */
	struct kt_pd a;
	volatile uint32_t *c;
	uint32_t t0, t1;
	int line = spin_pair(&a, &c, 3, 3, &t0, &t1);
	if (line)
		return line;
	WAIT_UNTIL(c[0] > 0 && c[1] > 0, 5000);                        /* time slices */
	uint32_t a0 = c[0], a1 = c[1];
	WAIT_UNTIL(c[0] > a0 && c[1] > a1, 5000);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	return 0;
}

int test_sched_priority(void)
{
	/* a higher priority spinner keeps a lower one from running at all */
	struct kt_pd a;
	volatile uint32_t *c;
	uint32_t lo, hi;
	int line = spin_pair(&a, &c, 2, 4, &lo, &hi);
	if (line)
		return line;
	WAIT_UNTIL(c[1] > 1000, 5000);
	CHECK_EQ(kt_wait(env.recv, env.tmo, 40000, 0), KT_TIMEOUT);
	CHECK_EQ(c[0], 0);
	/* lowering the spinner's priority lets the other one run */
	CHECK_EQ(cn_sys_thread_prio(hi, 1), CN_OK);
	WAIT_UNTIL(c[0] > 0, 5000);
	uint32_t h = c[1];
	CHECK_EQ(kt_wait(env.recv, env.tmo, 20000, 0), KT_TIMEOUT);
	CHECK_EQ(c[1], h);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	return 0;
}

/* CAP_TAKE: core drops a name from another PD's cap space, but only one
 * that names the object it expects */
int test_cap_take(void)
{
	struct kt_pd a;
	CHECK_EQ(kt_pd_create(&a), CN_OK);
	uint32_t r = kt_sig_recv();
	uint32_t ctx = kt_sig_ctx(r, 1), other = kt_sig_ctx(r, 2), badged = 0, badge = 0, type;
	CHECK_EQ(cn_sys_cap_mint(ctx, 77, &badged), CN_OK);
	uint32_t n = kt_give(&a, badged);
	CHECK(n);
	CHECK_EQ(cn_sys_cap_take(a.pd, n, other, &badge), CN_ERR_INVALID);   /* another object */
	CHECK_EQ(cn_sys_cap_take(a.pd, n + 1, ctx, &badge), CN_ERR_CAP);     /* an empty name */
	CHECK_EQ(cn_sys_cap_take(a.pd, 0, ctx, &badge), CN_ERR_CAP);
	CHECK_EQ(cn_sys_cap_take(a.pd, n, 0, &badge), CN_ERR_CAP);           /* nothing expected */
	CHECK_EQ(cn_sys_cap_take(ctx, n, ctx, &badge), CN_ERR_TYPE);         /* not a PD */
	CHECK_EQ(badge, 0u);
	CHECK_EQ(cn_sys_cap_take(a.pd, n, ctx, &badge), CN_OK);
	CHECK_EQ(badge, 77u);
	CHECK_EQ(cn_sys_cap_take(a.pd, n, ctx, &badge), CN_ERR_CAP);         /* gone */
	CHECK_EQ(kt_give(&a, other), n);                                     /* its slot is free */
	CHECK_EQ(cn_sys_cap_identify(badged, &type, &badge), CN_OK);         /* ours untouched */
	CHECK_EQ(badge, 77u);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	cn_sys_cap_drop(badged);
	cn_sys_destroy(ctx);
	cn_sys_destroy(other);
	cn_sys_destroy(r);
	return 0;
}

int test_sched_quota(void)
{
	/* a spinning claim with 2 % quota and a higher priority leaves the
	 * rest to a spinning fill; the kernel accounts both */
	struct kt_pd a;
	volatile uint32_t *c;
	uint32_t fill, claim;
	int line = spin_pair(&a, &c, 2, 4, &fill, &claim);
	if (line)
		return line;
	CHECK_EQ(cn_sys_thread_sched(claim, CN_PRIO_MAX + 1, 0), CN_ERR_INVALID);
	CHECK_EQ(cn_sys_thread_sched(claim, 4, CN_SCHED_SUPER_PERIOD_US + 1), CN_ERR_INVALID);
	CHECK_EQ(cn_sys_thread_sched(env.tmo, 4, 0), CN_ERR_TYPE);
	CHECK_EQ(cn_sys_thread_sched(claim, 4, 20000), CN_OK);
	CHECK_EQ(cn_sys_thread_sched(fill, 2, 0), CN_OK);
	struct cn_sched_info i;
	CHECK_EQ(cn_sys_thread_info(claim, &i), CN_OK);
	CHECK_EQ(i.prio, 4);
	CHECK_EQ(i.quota_us, 20000);
	uint32_t hz = 0;
	CHECK_EQ(cn_sys_kernel_info(CN_KINFO_COUNTER_HZ, &hz), CN_OK);
	CHECK_EQ(i.hz, hz);
	WAIT_UNTIL(c[0] > 0 && c[1] > 0, 5000);     /* static priorities: never */
	CHECK_EQ(kt_wait(env.recv, env.tmo, 100000, 0), KT_TIMEOUT);
	struct cn_sched_info f;
	CHECK_EQ(cn_sys_thread_info(claim, &i), CN_OK);
	CHECK_EQ(cn_sys_thread_info(fill, &f), CN_OK);
	CHECK(i.used > 0 && f.used > 0);
	CHECK(i.used + f.used < (uint64_t)hz * 10);  /* charged counter time, sane */
	CHECK_EQ(f.quota_us, 0);
	/* the roottask's thread: an unlimited claim */
	CHECK_EQ(cn_sys_thread_info(CN_ROOT_CAP_THREAD, &i), CN_OK);
	CHECK_EQ(i.quota_us, CN_SCHED_UNLIMITED);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	return 0;
}

/* PD_GROW: a full cap space moves into a larger table; the child's own
 * names keep working while it runs */
static uint32_t child_identify(uint32_t name)
{
	volatile uint32_t *page = (volatile uint32_t *)0x30000000u;
	while (!page[0])
		cn_sys_yield();
	uint32_t type = 0, badge = 0;
	page[2] = (uint32_t)cn_sys_cap_identify(name, &type, &badge);
	page[3] = type;
	page[4] = badge;
	page[1] = 1;
	return 0;
}

int test_pd_grow(void)
{
	struct kt_pd a;
	CHECK_EQ(kt_pd_create(&a), CN_OK);     /* 256 slots */
	uint32_t pa = kt_map(&a, 0x30000000u, 1, CN_MAP_WRITE, 0);
	CHECK(pa);
	volatile uint32_t *page = kt_va(pa);
	uint32_t r = kt_sig_recv();
	uint32_t ctx = kt_sig_ctx(r, 1), badged = 0, type, badge;
	CHECK_EQ(cn_sys_cap_mint(ctx, 55, &badged), CN_OK);
	uint32_t first = kt_give(&a, badged);
	CHECK(first);
	uint32_t t = kt_thread(&a, "grow", child_identify, first, 5, env.pager[0]);
	CHECK(t);
	/* fill the rest of the cap space: ctx under every free name */
	uint32_t n = 0, last = 0, name;
	while (cn_sys_cap_give(a.pd, ctx, &name) == CN_OK) {
		last = name;
		n++;
	}
	CHECK_EQ(cn_sys_cap_give(a.pd, ctx, &name), CN_ERR_NOSLOT);
	CHECK(n > 200);
	uint32_t table = kt_alloc(1024 * CN_CAP_SLOT_SIZE, 64);

	/* bad arguments: nothing changes */
	CHECK_EQ(cn_sys_pd_grow(0, table, 1024), CN_ERR_CAP);
	CHECK_EQ(cn_sys_pd_grow(ctx, table, 1024), CN_ERR_TYPE);
	CHECK_EQ(cn_sys_pd_grow(a.pd, table, 256), CN_ERR_INVALID);       /* not larger */
	CHECK_EQ(cn_sys_pd_grow(a.pd, table, 100), CN_ERR_INVALID);       /* smaller */
	CHECK_EQ(cn_sys_pd_grow(a.pd, table, CN_CAP_SLOTS_MAX + 1), CN_ERR_INVALID);
	CHECK_EQ(cn_sys_pd_grow(a.pd, 0, 1024), CN_ERR_NOMEM);            /* not RAM */
	CHECK_EQ(cn_sys_pd_grow(a.pd, table + 4, 1024), CN_ERR_NOMEM);    /* misaligned */
	CHECK_EQ(cn_sys_pd_grow(a.pd, 0xfffff000u, 1024), CN_ERR_NOMEM);  /* wraps */
	CHECK_EQ(cn_sys_cap_give(a.pd, ctx, &name), CN_ERR_NOSLOT);       /* still full */

	/* growing: every name stays, the new slots are free */
	CHECK_EQ(cn_sys_pd_grow(a.pd, table, 1024), CN_OK);
	CHECK_EQ(cn_sys_cap_give(a.pd, ctx, &name), CN_OK);
	CHECK_EQ(name, last + 1);
	CHECK_EQ(cn_sys_pd_grow(a.pd, table, 1024), CN_ERR_INVALID);      /* same size again */
	page[0] = 1;                              /* the child looks its name up */
	WAIT_UNTIL(page[1] == 1, 2000);
	CHECK_EQ(page[2], (uint32_t)CN_OK);
	CHECK_EQ(page[3], (uint32_t)CN_OBJ_SIG_CTX);
	CHECK_EQ(page[4], 55u);
	WAIT_STATE(t, CN_THREAD_STOPPED);         /* (its pager signal went to WAIT_UNTIL) */
	/* the objects' lists of slots were relinked: take and revoke work */
	CHECK_EQ(cn_sys_cap_take(a.pd, first, ctx, &badge), CN_OK);
	CHECK_EQ(badge, 55u);
	CHECK_EQ(cn_sys_cap_take(a.pd, last, ctx, &badge), CN_OK);
	CHECK_EQ(cn_sys_cap_give(a.pd, ctx, &name), CN_OK);              /* a freed slot */
	CHECK(name == first || name == last);
	CHECK_EQ(cn_sys_cap_identify(badged, &type, &badge), CN_OK);     /* ours untouched */
	CHECK_EQ(badge, 55u);
	cn_sys_cap_drop(badged);
	CHECK_EQ(cn_sys_destroy(ctx), CN_OK);     /* revokes every name of it in a */
	CHECK_EQ(cn_sys_cap_take(a.pd, last + 1, ctx, &badge), CN_ERR_CAP);
	/* revoked names stay taken; a new one comes from the free slots */
	uint32_t other = kt_sig_ctx(r, 2);
	CHECK_EQ(cn_sys_cap_give(a.pd, other, &name), CN_OK);
	CHECK(name < 1024);
	/* a second growth, from the grown table */
	uint32_t table2 = kt_alloc(4096 * CN_CAP_SLOT_SIZE, 64);
	CHECK_EQ(cn_sys_pd_grow(a.pd, table2, 4096), CN_OK);
	CHECK_EQ(cn_sys_cap_take(a.pd, name, other, &badge), CN_OK);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	cn_sys_destroy(other);
	cn_sys_destroy(r);
	return 0;
}
