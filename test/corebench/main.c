/* SPDX-License-Identifier: MIT */
/*
 * Benchmarks of core and the component API, in instructions (cycle counter
 * under QEMU -icount shift=0): an RPC round trip through the generated stub
 * and an entrypoint's dispatch vs. the same round trip with raw kernel IPC,
 * RAM dataspace alloc + attach + detach + free for 4 KiB and 1 MiB, and
 * component start: from just before cn_child_start() of test/startchild
 * (PD, CPU and ROM sessions, ELF load, stack, start info, main thread) until
 * the child's first output, a LOG line, reaches us (we serve its LOG
 * session). Prints 'bench: <name> <value> instructions'.
 */
#include <cn/component.h>
#include <cn/child.h>
#include <cn/thread.h>
#include <cn/sys.h>
#include <cn/session/pd.h>
#include <cn/session/rm.h>
#include <cn/session/rom.h>
#include <cn/session/irq.h>
#include <cn/session/io_mem.h>
#include <cn/session/log.h>
#include <cn/util/string.h>

#define BENCH_RPC(F0, F1, F2, F3, F4, F5) \
	F1(bench, inc, uint32_t, uint32_t, v)
CN_RPC_INTERFACE(bench, BENCH_RPC)

static inline uint32_t cycles(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c9, c13, 0" : "=r"(v));
	return v;
}

static void report(const char *name, uint32_t total, uint32_t n)
{
	cn_log("bench: %s %u instructions", name, (unsigned)(total / n));
}

/* ------------------------------------------------------------ servers */
static void raw_server(void *arg)
{
	(void)arg;
	struct cn_msg m = { 0, { 0, 0, 0, 0 } };
	uint32_t badge;
	int reply = 0;
	for (;;) {
		if (cn_sys_reply_wait(reply, &m, &badge))
			return;
		/* word 0 stands for the opcode, word 1 the argument, as in
		 * the RPC; the reply: error word 0, the result */
		m.info = CN_MSG_INFO(2, 0);
		m.w[1] = m.w[1] + 1;
		m.w[0] = 0;
		reply = 1;
	}
}

static int do_inc(void *ctx, uint32_t v, uint32_t *r) { (void)ctx; *r = v + 1; return 0; }
static const struct bench_ops ops = { .inc = do_inc };

static void ep_server(void *arg)
{
	static struct cn_entrypoint ep;
	struct cn_rpc_object *obj = arg;
	cn_ep_init(&ep);
	cn_ep_manage(&ep, obj);
	cn_ep_run(&ep);
}

#define ROUNDS 1000

static void bench_rpc(void)
{
	struct cn_env *env = cn_env();
	static struct cn_thread raw, eps;
	static struct cn_rpc_object obj = { 7, bench_dispatch_any, &ops, 0, { 0, 0, 0, 0 } };
	cn_cap_t raw_cap, ep_cap;
	if (cn_thread_create(&raw, "raw", raw_server, 0, 0, 10) ||
	    cn_thread_create(&eps, "ep", ep_server, &obj, 0, 10) ||
	    cn_pd_rpc_cap(env->pd, (cn_cap_t){ raw.cap }, 1, &raw_cap) ||
	    cn_pd_rpc_cap(env->pd, (cn_cap_t){ eps.cap }, 7, &ep_cap)) {
		cn_log("corebench: rpc set-up failed");
		return;
	}
	uint32_t r = 0, bad = 0;
	struct cn_msg m = { 0, { 0, 0, 0, 0 } };
	for (int pass = 0; pass < 2; pass++) {      /* the first pass warms caches and TLBs */
		uint32_t t0 = cycles();
		for (uint32_t i = 0; i < ROUNDS; i++) {
			m.info = CN_MSG_INFO(2, 0);
			m.w[0] = 1;
			m.w[1] = i;
			/* the same checks as the RPC loop below: the call, the
			 * error word and the result */
			if (cn_sys_call(raw_cap.name, &m) || m.w[0] != 0 || m.w[1] != i + 1)
				bad++;
		}
		uint32_t t1 = cycles();
		for (uint32_t i = 0; i < ROUNDS; i++)
			if (bench_inc(ep_cap.name, i, &r) || r != i + 1)
				bad++;
		uint32_t t2 = cycles();
		if (pass == 1) {
			report("ipc_roundtrip_raw", t1 - t0, ROUNDS);
			report("rpc_roundtrip_c_api", t2 - t1, ROUNDS);
			cn_log("bench: rpc_overhead_percent %u percent",
			       (unsigned)(((t2 - t1) - (t1 - t0)) * 100u / (t1 - t0)));
		}
	}
	if (bad)
		cn_log("corebench: %u rpc calls failed (unexpected)", (unsigned)bad);
}

static void bench_ram(const char *name, uint32_t size, uint32_t n)
{
	struct cn_env *env = cn_env();
	uint32_t total = 0, bad = 0;
	for (uint32_t i = 0; i <= n; i++) {
		cn_cap_t ds;
		uint32_t at = 0;
		uint32_t t0 = cycles();
		int err = cn_pd_alloc(env->pd, size, 0, &ds);
		if (!err)
			err = cn_rm_attach(env->rm, ds, 0, 0, 0, CN_ATTACH_WRITE, &at);
		if (!err)
			err = cn_rm_detach(env->rm, at);
		if (!err)
			err = cn_pd_free(env->pd, ds);
		uint32_t t1 = cycles();
		cn_sys_cap_drop(ds.name);
		if (err)
			bad++;
		if (i)                                    /* the first one warms up */
			total += t1 - t0;
	}
	if (bad)
		cn_log("corebench: %u RAM rounds failed (unexpected)", (unsigned)bad);
	report(name, total, n);
}

/* ------------------------------------------------------------ component start */
#define STARTS 4                  /* measured starts, after one warm-up start */

static struct {
	struct cn_child      child;
	struct cn_rpc_object log_obj;  /* the child's LOG session, served here */
	uint32_t             log_cap;
	uint32_t             t0, total, round, bad;
	bool                 logged;
} st;

static int log_write(void *ctx, const char *line)
{
	uint32_t t = cycles();
	(void)ctx;
	if (!st.logged) {
		st.logged = true;
		if (cn_strcmp(line, "started"))
			st.bad++;
		else if (st.round)                    /* the first start warms up */
			st.total += t - st.t0;
	}
	return 0;
}

static const struct cn_log_session_ops log_ops = { log_write };

static int log_open(void *ctx, struct cn_child *client, const char *args, uint32_t *cap,
                    void **handle)
{
	(void)ctx; (void)client; (void)args;
	int err = cn_rpc_object(&st.log_obj, cn_log_session_dispatch_any, &log_ops, 0, &st.log_cap);
	*cap = st.log_cap;
	*handle = &st.log_obj;
	return err;
}

static void log_close(void *ctx, void *handle)
{
	(void)ctx; (void)handle;
	cn_rpc_object_dissolve(&st.log_obj, st.log_cap);
	st.log_cap = 0;
}

static const struct cn_child_local log_service = { log_open, log_close, 0 };

static void route(void *ctx, struct cn_child *client, const char *service, const char *label,
                  const char *args, struct cn_child_route *r)
{
	(void)ctx; (void)client; (void)label; (void)args;
	if (!cn_strcmp(service, "LOG")) {
		r->kind = CN_CHILD_ROUTE_LOCAL;
		r->local = &log_service;
	} else {
		r->kind = CN_CHILD_ROUTE_PARENT;
	}
}

static void start_next(void);
static void child_gone(void *ctx, struct cn_child *c)
{
	(void)ctx;
	if (c->state != CN_CHILD_GONE || !st.logged || c->exit_value != 0)
		st.bad++;
	if (++st.round <= STARTS) {
		start_next();
		return;
	}
	if (st.bad)
		cn_log("corebench: %u component starts failed (unexpected)", (unsigned)st.bad);
	report("component_start_first_output", st.total, STARTS);
	cn_log("corebench: done");
	cn_exit(0);
}

static const struct cn_child_policy policy = { route, child_gone, 0 };

static void start_next(void)
{
	static const struct cn_child_args a = { .name = "startchild", .ram = 1 << 20, .caps = 50 };
	st.logged = false;
	st.t0 = cycles();
	if (cn_child_start(&st.child, &a, &policy)) {
		cn_log("corebench: component start failed");
		cn_exit(1);
	}
}

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	bench_rpc();
	bench_ram("ram_alloc_attach_detach_free_4k", 4096, 100);
	bench_ram("ram_alloc_attach_detach_free_1m", 1 << 20, 20);
	start_next();      /* goes on in child_gone(), on the entrypoint */
}
