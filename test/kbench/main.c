/* SPDX-License-Identifier: MIT */
/*
 * Kernel benchmarks (issue: kernel). Prints 'bench: <name> <value>
 * instructions' lines: run under QEMU -icount shift=0,sleep=off the cycle
 * counter counts executed instructions, so the figures are deterministic.
 * "_kernel" figures are the kernel path alone — from the trap instruction to
 * the first instruction back in user mode of the other thread, with the
 * measurement overhead and the partner's known user instructions
 * subtracted, as sel4bench does; "_stub" figures go through the C stubs of
 * <cn/sys.h> as a component would use them.
 */
#include "bench.h"
#include <cn/util/format.h>

#define SHARED 0x30000000u          /* parameter + result page in children */

static uint32_t overhead;
static uint32_t recv, tmo, pager;

/* ---------------------------------------------------------------- child code */
struct params { uint32_t info, n, cap0; uint32_t pad[61]; uint32_t res[N]; };
#define P ((struct params *)SHARED)

static uint32_t client_main(uint32_t arg)
{
	(void)arg;
	if (P->cap0)
		cn_utcb()->caps[0] = P->cap0;
	bench_client(1, P->info, P->n, P->res);
	return 0;
}

static uint32_t server_main(uint32_t cap_server)
{
	if (cap_server)
		bench_cap_server(P->res);
	bench_server(P->res);
	return 0;
}

/* Through the C stubs: the client stores its start time in a page both
 * PDs share (STUB_SHARED), calls, and takes the round trip; the server takes
 * the one-way time right after its stub returns. Both include the C code
 * around the calls, as a component would run it. */
#define STUB_SHARED 0x30001000u
struct stub_shared { uint32_t t0; uint32_t pad[63]; uint32_t oneway[N]; };
#define SH ((volatile struct stub_shared *)STUB_SHARED)

static uint32_t stub_client(uint32_t arg)
{
	(void)arg;
	for (uint32_t i = 0; i < P->n; i++) {
		struct cn_msg m = { P->info, { i, 0, 0, 0 } };
		if (P->cap0)
			cn_utcb()->caps[0] = P->cap0;
		uint32_t t0 = kt_cycles();
		SH->t0 = t0;
		cn_sys_call(1, &m);
		uint32_t t1 = kt_cycles();
		P->res[i] = t1 - t0;
	}
	return 0;
}

static uint32_t stub_server(uint32_t arg)
{
	(void)arg;
	struct cn_msg m = { 0, { 0, 0, 0, 0 } };
	uint32_t badge, i = 0;
	int reply = 0;
	for (;;) {
		cn_sys_reply_wait(reply, &m, &badge);
		uint32_t t = kt_cycles();
		SH->oneway[i++ % N] = t - SH->t0;
		if (CN_MSG_INFO_CAPS(m.info))
			cn_sys_cap_drop(cn_utcb()->caps[0]);
		m.info = CN_MSG_INFO(CN_MSG_INFO_WORDS(m.info), 0);
		m.w[0]++;
		reply = 1;
	}
	return 0;
}

static uint32_t waiter_main(uint32_t arg)
{
	(void)arg;
	bench_waiter(1, P->res);
	return 0;
}

static uint32_t submit_main(uint32_t arg)
{
	(void)arg;
	bench_submit(1, P->n);
	return 0;
}

static uint32_t touch_main(uint32_t addr)
{
	return bench_touch(addr, P->n, P->res);
}

/* ---------------------------------------------------------------- driver */
static struct params *child(struct kt_pd *pd)
{
	if (kt_pd_create(pd))
		return 0;
	uint32_t pa = kt_map(pd, SHARED, 1, CN_MAP_WRITE, 0);
	return pa ? kt_va(pa) : 0;
}

static bool wait_for(uint32_t imprint)
{
	return kt_wait(recv, tmo, 30000000, 0) == imprint;
}

static void bench_ipc(const char *tag, uint32_t info, bool with_cap)
{
	struct kt_pd s, c;
	struct params *sp = child(&s), *cp = child(&c);
	uint32_t st = kt_thread(&s, "server", server_main, with_cap, 5, pager);
	uint32_t cap = kt_give(&c, st);
	cp->info = info;
	cp->n = N;
	if (with_cap) {
		uint32_t ctx = kt_sig_ctx(recv, 99);
		cp->cap0 = kt_give(&c, ctx);
	}
	uint32_t ct = kt_thread(&c, "client", client_main, 0, 5, pager);
	if (!st || !ct || cap != 1 || !wait_for(1)) {
		kt_printf("kbench: %s: benchmark did not complete\n", tag);
		return;
	}
	char name[48];
	uint32_t call = median(sp->res, N) - overhead;
	cn_snprintf(name, sizeof(name), "ipc_call_%s_kernel", tag);
	report(name, call);
	if (!with_cap) {
		uint32_t rt = median(cp->res, N) - overhead - SERVER_USER_INSNS;
		cn_snprintf(name, sizeof(name), "ipc_reply_%s_kernel", tag);
		report(name, rt - call);
		cn_snprintf(name, sizeof(name), "ipc_roundtrip_%s_kernel", tag);
		report(name, rt);
	}
	kt_pd_destroy(&c);
	kt_pd_destroy(&s);
}

static void bench_ipc_stub(const char *tag, uint32_t info, bool with_cap)
{
	struct kt_pd s, c;
	struct params *cp = (child(&s), child(&c));
	uint32_t shared = kt_alloc(4096, 4096);
	kt_map(&s, STUB_SHARED, 1, CN_MAP_WRITE, shared);
	kt_map(&c, STUB_SHARED, 1, CN_MAP_WRITE, shared);
	struct stub_shared *sh = kt_va(shared);
	uint32_t st = kt_thread(&s, "server", stub_server, 0, 5, pager);
	kt_give(&c, st);
	cp->n = N;
	cp->info = info;
	if (with_cap)
		cp->cap0 = kt_give(&c, kt_sig_ctx(recv, 98));
	kt_thread(&c, "client", stub_client, 0, 5, pager);
	if (!wait_for(1)) {
		kt_printf("kbench: stub %s: benchmark did not complete\n", tag);
		return;
	}
	char name[48];
	cn_snprintf(name, sizeof(name), "ipc_call_%s_stub", tag);
	report(name, median(sh->oneway, N) - overhead);
	cn_snprintf(name, sizeof(name), "ipc_roundtrip_%s_stub", tag);
	report(name, median(cp->res, N) - overhead);
	kt_pd_destroy(&c);
	kt_pd_destroy(&s);
}

static void bench_signal(void)
{
	struct kt_pd w, s;
	struct params *wp = child(&w), *sp = child(&s);
	uint32_t r = kt_sig_recv(), ctx = kt_sig_ctx(r, 1);
	kt_give(&w, r);
	kt_give(&s, ctx);
	sp->n = N;
	kt_thread(&w, "waiter", waiter_main, 0, 6, 0);
	kt_thread(&s, "submitter", submit_main, 0, 5, pager);
	if (!wait_for(1)) {
		kt_printf("kbench: signal: benchmark did not complete\n");
		return;
	}
	report("signal_to_higher_prio_kernel", median(wp->res, N) - overhead);
	kt_pd_destroy(&s);
	kt_pd_destroy(&w);
	cn_sys_destroy(ctx);
	cn_sys_destroy(r);
}

static void bench_fault(void)
{
	struct kt_pd a;
	struct params *ap = child(&a);
	uint32_t area = 0x31000000u;
	uint32_t pages = kt_alloc(N * 4096, 4096);
	/* the second-level table exists already: the pager only maps */
	kt_map(&a, area, 1, 0, pages);
	cn_sys_unmap(a.pd, area, 1);
	ap->n = N;
	uint32_t fr = kt_sig_recv(), fctx = kt_sig_ctx(fr, 5);
	uint32_t t = kt_thread(&a, "toucher", touch_main, area, 5, fctx);
	for (uint32_t i = 0; i < N; i++) {
		uint32_t imp, cnt;
		struct cn_fault f = { 0, 0, 0, 0, 0 };
		cn_sys_signal_wait(fr, &imp, &cnt);
		cn_sys_thread_fault(t, &f);
		if (f.type != CN_FAULT_PAGE_READ) {
			kt_printf("kbench: fault: unexpected fault type %u\n", (unsigned)f.type);
			return;
		}
		cn_sys_map(a.pd, f.addr & ~0xfffu, pages + ((f.addr - area) & ~0xfffu), 1, 0, 0, 0);
		cn_sys_thread_resume(t);
	}
	uint32_t imp, cnt;
	cn_sys_signal_wait(fr, &imp, &cnt);    /* the toucher stops */
	report("page_fault_resolved_roundtrip", median(ap->res, N) - overhead);
	kt_pd_destroy(&a);
	cn_sys_destroy(fctx);
	cn_sys_destroy(fr);
}

static void bench_lifecycle(void)
{
	uint32_t v[N];
	struct kt_pd a;
	kt_pd_create(&a);
	for (uint32_t i = 0; i < N; i++) {
		uint32_t mem = kt_alloc(CN_OBJ_MEM_THREAD, 64), utcb = kt_alloc(4096, 4096), t = 0;
		cn_memset(cn_utcb()->msg, 0, 16);
		uint32_t t0 = kt_cycles();
		cn_sys_create(CN_OBJ_THREAD, mem, a.pd, utcb, KT_UTCB(7), &t);
		cn_sys_thread_start(t, 0x100000, 0x10000000, 0);
		cn_sys_destroy(t);
		v[i] = kt_cycles() - t0 - overhead;
	}
	report("thread_create_start_destroy", median(v, N));
	kt_pd_destroy(&a);
	for (uint32_t i = 0; i < N; i++) {
		uint32_t mem = kt_alloc(CN_OBJ_MEM_PD, 16384), ct = kt_alloc(256 * 16, 64), pd = 0;
		uint32_t t0 = kt_cycles();
		cn_sys_create(CN_OBJ_PD, mem, ct, 256, 0, &pd);
		cn_sys_destroy(pd);
		v[i] = kt_cycles() - t0 - overhead;
	}
	report("pd_create_destroy", median(v, N));
}

int main(const struct cn_bootinfo *bi);
int main(const struct cn_bootinfo *bi)
{
	kt_init(bi);
	overhead = bench_overhead();
	if (overhead == 0) {
		kt_printf("kbench: no cycle counter on %s: no instruction counts\n", bi->board);
		return 0;
	}
	kt_printf("kbench: %s, counter read overhead %u\n", bi->board, (unsigned)overhead);
	recv = kt_sig_recv();
	tmo = kt_sig_ctx(recv, KT_TIMEOUT);
	pager = kt_sig_ctx(recv, 1);

	uint32_t v[N];
	for (uint32_t i = 0; i < N; i++)
		v[i] = bench_null() - overhead;
	report("null_syscall_kernel", median(v, N));
	for (uint32_t i = 0; i < N; i++) {
		uint32_t t0 = kt_cycles();
		cn_sys_null();
		v[i] = kt_cycles() - t0 - overhead;
	}
	report("null_syscall_stub", median(v, N));

	bench_ipc("0w", CN_MSG_INFO(0, 0), false);
	bench_ipc("4w", CN_MSG_INFO(4, 0), false);
	bench_ipc("1k", CN_MSG_INFO(256, 0), false);
	bench_ipc("1w_cap", CN_MSG_INFO(1, 1), true);
	bench_ipc_stub("0w", CN_MSG_INFO(0, 0), false);
	bench_ipc_stub("4w", CN_MSG_INFO(4, 0), false);
	bench_ipc_stub("1k", CN_MSG_INFO(256, 0), false);
	bench_ipc_stub("1w_cap", CN_MSG_INFO(1, 1), true);
	bench_signal();
	bench_fault();
	bench_lifecycle();
	kt_printf("kbench: done\n");
	return 0;
}
