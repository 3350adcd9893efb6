/* SPDX-License-Identifier: MIT */
/*
 * Multi-processor kernel benchmarks. Prints 'bench: <name> <value>
 * instructions' lines, measured as in test/kbench (the same hand-written
 * loops, kbench/bench.S): IPC round trip with client and server on the same
 * CPU and on two CPUs; a signal round trip (submit, the partner wakes and
 * submits back) through the C stubs, on one CPU and across two. Every
 * figure is taken on one CPU: each CPU's cycle counter starts when that CPU
 * is brought up, so counters of two CPUs cannot be compared.
 * Under QEMU -icount shift=0 the cycle counter is the virtual clock, which
 * every vCPU advances by one per instruction: a cross-CPU figure counts the
 * instructions of both CPUs (an idle CPU in WFI executes none).
 */
#include "../kbench/bench.h"
#include <cn/util/format.h>

#define SHARED 0x30000000u

static uint32_t overhead;
static uint32_t recv, tmo, pager;

struct params { uint32_t n; uint32_t pad[63]; uint32_t res[N]; };
#define P ((struct params *)SHARED)

static uint32_t client_main(uint32_t arg)
{
	(void)arg;
	bench_client(1, CN_MSG_INFO(0, 0), P->n, P->res);
	return 0;
}

static uint32_t server_main(uint32_t arg)
{
	(void)arg;
	bench_server(P->res);
	return 0;
}

/* signal ping-pong: caps 1 = own receiver, 2 = the partner's context */
static uint32_t sig_ping(uint32_t arg)
{
	(void)arg;
	uint32_t imprint, count;
	for (uint32_t i = 0; i < P->n; i++) {
		uint32_t t0 = kt_cycles();
		cn_sys_signal_submit(2, 1);
		cn_sys_signal_wait(1, &imprint, &count);
		P->res[i] = kt_cycles() - t0;
	}
	return 0;
}

static uint32_t sig_pong(uint32_t arg)
{
	(void)arg;
	uint32_t imprint, count;
	for (;;) {
		cn_sys_signal_wait(1, &imprint, &count);
		cn_sys_signal_submit(2, 1);
	}
	return 0;
}

static struct params *child(struct kt_pd *pd)
{
	if (kt_pd_create(pd))
		return 0;
	uint32_t pa = kt_map(pd, SHARED, 1, CN_MAP_WRITE, 0);
	return pa ? kt_va(pa) : 0;
}

/* round trip, 0 words, client on CPU 'cc', server on CPU 'sc'; 0 if it
 * did not complete */
static uint32_t roundtrip(uint32_t cc, uint32_t sc)
{
	struct kt_pd s, c;
	struct params *sp = child(&s), *cp = child(&c);
	if (!sp || !cp)
		return 0;
	uint32_t st = kt_thread_on(&s, "server", server_main, 0, 5, pager, sc);
	uint32_t cap = kt_give(&c, st);
	cp->n = N;
	uint32_t ct = kt_thread_on(&c, "client", client_main, 0, 5, pager, cc);
	uint32_t rt = 0;
	if (st && ct && cap == 1 && kt_wait(recv, tmo, 30000000, 0) == 1)
		rt = median(cp->res, N) - overhead - SERVER_USER_INSNS;
	kt_pd_destroy(&c);
	kt_pd_destroy(&s);
	return rt;
}

/* signal round trip between a thread on CPU 'pc' and one on 'qc' */
static uint32_t signal_rt(uint32_t pc, uint32_t qc)
{
	struct kt_pd p, q;
	struct params *pp = child(&p), *qp = child(&q);
	if (!pp || !qp)
		return 0;
	uint32_t rp = kt_sig_recv(), rq = kt_sig_recv();
	uint32_t cp = kt_sig_ctx(rp, 1), cq = kt_sig_ctx(rq, 1);
	if (kt_give(&p, rp) != 1 || kt_give(&p, cq) != 2 || kt_give(&q, rq) != 1 ||
	    kt_give(&q, cp) != 2)
		return 0;
	pp->n = N;
	kt_thread_on(&q, "pong", sig_pong, 0, 5, 0, qc);
	kt_thread_on(&p, "ping", sig_ping, 0, 5, pager, pc);
	uint32_t rt = 0;
	if (kt_wait(recv, tmo, 30000000, 0) == 1)
		rt = median(pp->res, N) - overhead;
	kt_pd_destroy(&p);
	kt_pd_destroy(&q);
	cn_sys_destroy(cp);
	cn_sys_destroy(cq);
	cn_sys_destroy(rp);
	cn_sys_destroy(rq);
	return rt;
}

int main(const struct cn_bootinfo *bi);
int main(const struct cn_bootinfo *bi)
{
	kt_init(bi);
	overhead = bench_overhead();
	if (overhead == 0) {
		kt_printf("smpbench: no cycle counter on %s: no instruction counts\n", bi->board);
		return 0;
	}
	if (bi->nr_cpus < 2) {
		kt_printf("smpbench: only 1 CPU on %s\n", bi->board);
		return 0;
	}
	kt_printf("smpbench: %s, %u CPUs, counter read overhead %u\n", bi->board,
	          (unsigned)bi->nr_cpus, (unsigned)overhead);
	recv = kt_sig_recv();
	tmo = kt_sig_ctx(recv, KT_TIMEOUT);
	pager = kt_sig_ctx(recv, 1);

	uint32_t same = roundtrip(1, 1), cross = roundtrip(0, 1);
	uint32_t sig_same = signal_rt(1, 1), sig_cross = signal_rt(0, 1);
	if (!same || !cross || !sig_same || !sig_cross) {
		kt_printf("smpbench: a benchmark did not complete (%u %u %u %u)\n", (unsigned)same,
		          (unsigned)cross, (unsigned)sig_same, (unsigned)sig_cross);
		return 0;
	}
	report("ipc_roundtrip_same_cpu_kernel", same);
	report("ipc_roundtrip_cross_cpu_kernel", cross);
	/* the goal: across CPUs at most 4 times the same-CPU figure */
	kt_printf("bench: ipc_roundtrip_cross_vs_same %u.%02u ratio\n", (unsigned)(cross / same),
	          (unsigned)(cross % same * 100 / same));
	report("signal_roundtrip_same_cpu_stub", sig_same);
	report("signal_roundtrip_cross_cpu_stub", sig_cross);
	kt_printf("smpbench: done\n");
	return 0;
}
