/* SPDX-License-Identifier: MIT */
/*
 * Kernel syscall fuzzer, driver side (the privileged roottask).
 *
 * A fuzzer PD (FZ_THREADS threads, fuzz.c) issues at least TOTAL_CALLS
 * system calls with random numbers, arguments and capability names. An echo
 * server in a sibling PD must answer the driver's calls (w[0] + 1) all along,
 * and a fresh PD must still run at the end. The driver resumes fuzzer threads
 * that stop or fault, kicks the receivers they may wait on and restarts a
 * thread that stays blocked; every privileged call from the fuzzer must be
 * refused. The seed comes from a boot module named 'seed' (text, hex or
 * decimal), else from -DKFUZZ_SEED=..., else a constant; it is printed.
 */
#include "kfuzz.h"
#include <cn/util/string.h>

#ifndef KFUZZ_SEED
#define KFUZZ_SEED 0x6b667a01u
#endif
#ifndef KFUZZ_CALLS
#define KFUZZ_CALLS   100000u
#endif
#define TOTAL_CALLS   KFUZZ_CALLS
#define REPORT_EVERY  20000u
#define TICK_US       4000u        /* the driver's watch period */
#define ECHO_EVERY    4            /* echo check every so many ticks */
#define REFILL_EVERY  25           /* give the capabilities again every so many ticks */
#define STALL_US      5000000u     /* no call at all for this long: failure */

#define PRIO_DRIVER   14
#define PRIO_ECHO     10
#define PRIO_FUZZ     5

/* imprints on the driver's receiver */
#define IMP_PAGER(i)  (0x10u + (i))
#define IMP_ECHO      0x20u
#define IMP_CHILD     0x30u
#define IMP_FUZZ      0x100u      /* the fuzzer's own context on our receiver */

static struct {
	uint32_t recv, tmo, pager[FZ_THREADS], echo_pager, child_pager, fuzz_ctx;
	uint32_t kick1, kick2;        /* contexts on the fuzzer's receivers */
	struct kt_pd echo_pd, fz_pd;
	uint32_t echo;                /* echo server thread */
	struct fz_shared *sh;
	uint32_t seed;
	struct {
		uint32_t cap, mem, utcb;
		uint32_t last_calls, stuck, finished;
	} th[FZ_THREADS];
	uint32_t caps[FC_COUNT];      /* what the fuzzer got, for refills (0: gone) */
	uint32_t faults, stops, kicks, restarts, spurious, echo_ok, ticks, irq_no, refilled;
} d;

static int fail(const char *why, uint32_t a, uint32_t b)
{
	kt_printf("kfuzz: FAIL %s (0x%x 0x%x), seed 0x%08x\n", why, (unsigned)a, (unsigned)b,
	          (unsigned)d.seed);
	return 1;
}

/* ---------------------------------------------------------- echo server */
static uint32_t echo_server(uint32_t arg)
{
	(void)arg;
	struct cn_msg m = { 0, { 0, 0, 0, 0 } };
	struct cn_utcb *u = cn_utcb();
	uint32_t badge;
	int reply = 0;
	for (;;) {
		if (cn_sys_reply_wait(reply, &m, &badge)) {
			reply = 0;
			continue;
		}
		/* capabilities a fuzzer sent: give the slots back */
		uint32_t nc = CN_MSG_INFO_CAPS(m.info);
		for (uint32_t i = 0; i < nc && i < CN_MSG_CAPS_MAX; i++)
			if (u->caps[i])
				cn_sys_cap_drop(u->caps[i]);
		m.info = CN_MSG_INFO(1, 0);
		m.w[0]++;
		reply = 1;
	}
	return 0;
}

static int echo_check(void)
{
	uint32_t v = d.seed ^ (d.echo_ok * 0x9e3779b9u);
	struct cn_msg m = { CN_MSG_INFO(1, 0), { v, 1, 2, 3 } };
	int err = cn_sys_call(d.echo, &m);
	if (err)
		return fail("echo call failed", (uint32_t)err, d.echo_ok);
	if (m.w[0] != v + 1 || CN_MSG_INFO_WORDS(m.info) != 1)
		return fail("echo reply wrong", m.w[0], v + 1);
	d.echo_ok++;
	return 0;
}

/* ---------------------------------------------------------- fuzzer threads */
extern char kt_thread_entry[];

static uint32_t ncpus(void)
{
	uint32_t n = 1;
	cn_sys_kernel_info(CN_KINFO_NR_CPUS, &n);
	return n;
}

static int fz_start(unsigned i)
{
	struct cn_utcb *u = cn_utcb();
	uint32_t t = 0;
	cn_memset(u->msg, 0, 16);
	cn_strlcpy((char *)u->msg, i ? "fuzzer1" : "fuzzer0", 16);
	int err = cn_sys_create(CN_OBJ_THREAD, d.th[i].mem, d.fz_pd.pd, d.th[i].utcb, KT_UTCB(i), &t);
	if (!err)
		err = cn_sys_thread_pager(t, d.pager[i]);
	if (!err)
		err = cn_sys_thread_prio(t, PRIO_FUZZ);
	if (!err)
		err = cn_sys_thread_regs(t, 0);
	if (!err) {
		u->msg[1] = (uint32_t)(uintptr_t)fuzz_thread;
		err = cn_sys_thread_regs(t, 1);
	}
	if (!err)
		err = cn_sys_thread_start(t, (uint32_t)(uintptr_t)kt_thread_entry,
		                          KT_STACK_BASE(i) + KT_STACK_SIZE, i);
	if (err)
		return fail("cannot start a fuzzer thread", i, (uint32_t)err);
	d.th[i].cap = t;
	d.th[i].stuck = 0;
	d.th[i].last_calls = d.sh->t[i].calls;
	return 0;
}

/* Fuzzer thread i goes to its own CPU (i mod CPUs). It starts on the
 * driver's CPU, below the driver's priority, so it runs only after the
 * driver has given it its capabilities. */
static int fz_spread(unsigned i)
{
	int err = cn_sys_thread_cpu(d.th[i].cap, i % ncpus());
	return err ? fail("cannot move a fuzzer thread", i, (uint32_t)err) : 0;
}

static int fz_restart(unsigned i)
{
	d.restarts++;
	d.sh->t[i].in_call = 0;
	int err = cn_sys_destroy(d.th[i].cap);
	if (err)
		return fail("cannot destroy a fuzzer thread", i, (uint32_t)err);
	if (fz_start(i))
		return 1;
	kt_give(&d.fz_pd, d.th[i].cap);   /* a name for the new thread; may fail when full */
	return fz_spread(i);
}

/* the pager signal of fuzzer thread i came */
static int fz_stopped(unsigned i)
{
	struct cn_fault f;
	if (d.th[i].finished)
		return 0;
	int err = cn_sys_thread_fault(d.th[i].cap, &f);
	if (err)
		return fail("thread_fault on a fuzzer thread", i, (uint32_t)err);
	if (f.type == CN_FAULT_NONE)
		return 0;      /* already resumed (a kick) */
	if (f.type == CN_FAULT_STOP) {
		if (d.sh->t[i].done) {
			d.th[i].finished = 1;
			return 0;
		}
		d.stops++;
	} else {
		/* a probe or a random pointer: skip the instruction */
		d.faults++;
		uint32_t *r = cn_utcb()->msg;
		if ((err = cn_sys_thread_regs(d.th[i].cap, 0)))
			return fail("thread_regs read", i, (uint32_t)err);
		if (r[15] != f.pc)
			return fail("fault pc differs from the saved pc", r[15], f.pc);
		r[15] += 4;
		if ((err = cn_sys_thread_regs(d.th[i].cap, 1)))
			return fail("thread_regs write", i, (uint32_t)err);
	}
	if ((err = cn_sys_thread_resume(d.th[i].cap)))
		return fail("resume", i, (uint32_t)err);
	return 0;
}

/* every TICK_US: a thread inside the same call since the last tick is
 * blocked. First kick its receivers and resume it; later restart it. */
static int fz_tick(void)
{
	d.ticks++;
	for (unsigned i = 0; i < FZ_THREADS; i++) {
		struct fz_thread *s = &d.sh->t[i];
		if (d.th[i].finished)
			continue;
		uint32_t calls = s->calls;
		if (calls != d.th[i].last_calls || !s->in_call) {
			d.th[i].last_calls = calls;
			d.th[i].stuck = 0;
			continue;
		}
		if (++d.th[i].stuck == 1) {
			d.kicks++;
			cn_sys_signal_submit(d.kick1, 1);
			cn_sys_signal_submit(d.kick2, 1);
			cn_sys_thread_resume(d.th[i].cap);
		} else if (d.th[i].stuck >= 3) {
			if (fz_restart(i))
				return 1;
		}
	}
	/* the fuzzer drops names at random: give copies again; they land in
	 * the slots it freed (or fail once its cap space is full) */
	if (d.ticks % REFILL_EVERY == 0)
		for (unsigned k = 0; k < FC_COUNT; k++) {
			uint32_t cap = k + 1 >= FC_THREAD0 ? d.th[k + 1 - FC_THREAD0].cap : d.caps[k];
			if (cap && kt_give(&d.fz_pd, cap))
				d.refilled++;
		}
	if (d.ticks % ECHO_EVERY == 0)
		return echo_check();
	return 0;
}

/* ---------------------------------------------------------- set-up */
static uint32_t parse_seed(const char *p, uint32_t n, uint32_t *out)
{
	uint32_t v = 0, base = 10, digits = 0;
	while (n && (*p == ' ' || *p == '\n' || *p == '\t')) { p++; n--; }
	if (n >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) { base = 16; p += 2; n -= 2; }
	for (; n; p++, n--) {
		uint32_t c = (unsigned char)*p, dv;
		if (c >= '0' && c <= '9') dv = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f') dv = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F') dv = c - 'A' + 10;
		else break;
		v = v * base + dv;
		digits++;
	}
	if (digits)
		*out = v;
	return digits;
}

static uint32_t pick_seed(const struct cn_bootinfo *bi, const char **from)
{
	uint32_t seed = KFUZZ_SEED;
	*from = "default";
	for (uint32_t i = 1; i < bi->nr_modules; i++)
		if (!cn_strcmp(bi->modules[i].name, "seed") &&
		    parse_seed(kt_va(bi->modules[i].phys), bi->modules[i].size, &seed))
			*from = "boot module 'seed'";
	return seed ? seed : 1;   /* xorshift needs a non-zero state */
}

static uint32_t give(uint32_t cap, uint32_t expect)
{
	d.caps[expect - 1] = cap;
	uint32_t name = kt_give(&d.fz_pd, cap);
	return name == expect ? 0 : 1;
}

static int setup(void)
{
	d.recv = kt_sig_recv();
	d.tmo = kt_sig_ctx(d.recv, KT_TIMEOUT);
	for (unsigned i = 0; i < FZ_THREADS; i++)
		d.pager[i] = kt_sig_ctx(d.recv, IMP_PAGER(i));
	d.echo_pager = kt_sig_ctx(d.recv, IMP_ECHO);
	d.child_pager = kt_sig_ctx(d.recv, IMP_CHILD);
	d.fuzz_ctx = kt_sig_ctx(d.recv, IMP_FUZZ);

	/* the echo server */
	if (kt_pd_create(&d.echo_pd))
		return fail("echo PD", 0, 0);
	/* on the last CPU: with several, most calls to it cross CPUs */
	d.echo = kt_thread_on(&d.echo_pd, "echo", echo_server, 0, PRIO_ECHO, d.echo_pager,
	                      ncpus() - 1);
	if (!d.echo)
		return fail("echo thread", 0, 0);

	/* the fuzzer PD and its objects */
	uint32_t r1 = kt_sig_recv(), r2 = kt_sig_recv();
	uint32_t c1a = kt_sig_ctx(r1, 0xa1), c1b = kt_sig_ctx(r1, 0xa2), c2 = kt_sig_ctx(r2, 0xb1);
	uint32_t tmo = kt_sig_ctx(r1, 0xa3);
	d.kick1 = kt_sig_ctx(r1, 0xaf);
	d.kick2 = kt_sig_ctx(r2, 0xbf);
	uint32_t stale = kt_sig_ctx(r1, 0xdead);
	uint32_t dead_recv = kt_sig_recv();
	uint32_t orphan = kt_sig_ctx(dead_recv, 0x0f);
	uint32_t badged = 0;
	if (cn_sys_cap_mint(d.echo, 0x77, &badged))
		return fail("mint", 0, 0);
	/* an IRQ object on a line nothing raises (or another context) */
	uint32_t irq = 0, irq_ctx = kt_sig_ctx(r2, 0xb2);
	for (uint32_t n = 40; n < 128 && !irq; n++)
		if (cn_sys_create(CN_OBJ_IRQ, kt_alloc(CN_OBJ_MEM_IRQ, 64), n, irq_ctx, 0, &irq) == CN_OK)
			d.irq_no = n;
	if (!irq)
		irq = irq_ctx;

	if (kt_pd_create(&d.fz_pd))
		return fail("fuzzer PD", 0, 0);
	uint32_t pa = kt_map(&d.fz_pd, FZ_SHARED_VA, 1, CN_MAP_WRITE, 0);
	if (!pa)
		return fail("shared page", 0, 0);
	d.sh = kt_va(pa);
	uint32_t err = 0;
	err |= give(d.echo, FC_ECHO);
	err |= give(badged, FC_ECHO_BADGED);
	err |= give(r1, FC_RECV1);
	err |= give(c1a, FC_CTX1A);
	err |= give(c1b, FC_CTX1B);
	err |= give(r2, FC_RECV2);
	err |= give(c2, FC_CTX2);
	err |= give(d.fuzz_ctx, FC_DRIVER_CTX);
	err |= give(irq, FC_IRQ);
	err |= give(d.fz_pd.pd, FC_SELF_PD);
	err |= give(d.echo_pd.pd, FC_ECHO_PD);
	err |= give(stale, FC_STALE);
	err |= give(orphan, FC_ORPHAN);
	err |= give(tmo, FC_TMO_CTX);
	if (err)
		return fail("giving capabilities", 0, 0);
	cn_sys_destroy(stale);
	cn_sys_destroy(dead_recv);
	d.caps[FC_STALE - 1] = 0;

	/* the fuzzer threads: stacks, UTCBs, object memory kept for restarts */
	for (unsigned i = 0; i < FZ_THREADS; i++) {
		d.th[i].utcb = kt_map(&d.fz_pd, KT_UTCB(i), 1, CN_MAP_WRITE, 0);
		if (!d.th[i].utcb ||
		    !kt_map(&d.fz_pd, KT_STACK_BASE(i), KT_STACK_SIZE / 4096, CN_MAP_WRITE, 0))
			return fail("fuzzer memory", i, 0);
		d.th[i].mem = kt_alloc(CN_OBJ_MEM_THREAD, 64);
		d.sh->t[i].rng = (d.seed ^ (0x9e3779b9u * (i + 1))) | 1;
		d.sh->t[i].quota = TOTAL_CALLS / FZ_THREADS + (i == 0 ? TOTAL_CALLS % FZ_THREADS : 0);
	}
	for (unsigned i = 0; i < FZ_THREADS; i++)
		if (fz_start(i))
			return 1;
	for (unsigned i = 0; i < FZ_THREADS; i++)
		if (give(d.th[i].cap, FC_THREAD0 + i))
			return fail("giving thread caps", i, 0);
	for (unsigned i = 0; i < FZ_THREADS; i++)
		if (fz_spread(i))
			return 1;
	return 0;
}

/* ---------------------------------------------------------- the end */
/* a fresh PD after the fuzzing: calls the echo server (cap 1) */
static uint32_t final_child(uint32_t v)
{
	struct cn_msg m = { CN_MSG_INFO(1, 0), { v, 0, 0, 0 } };
	int err = cn_sys_call(1, &m);
	if (err)
		return 0x1000 | ((uint32_t)err & 0xff);
	return m.w[0] == v + 1 ? 0x600d : 0x2000;
}

static int final_checks(void)
{
	/* the fuzzer PD goes, whatever state its threads are in */
	int err = cn_sys_destroy(d.fz_pd.pd);
	if (err)
		return fail("destroying the fuzzer PD", (uint32_t)err, 0);
	for (unsigned i = 0; i < FZ_THREADS; i++)
		cn_sys_cap_drop(d.th[i].cap);
	if (echo_check())
		return 1;
	struct kt_pd c;
	if (kt_pd_create(&c) || kt_give(&c, d.echo) != 1)
		return fail("fresh PD", 0, 0);
	uint32_t t = kt_thread(&c, "final", final_child, 12345, 5, d.child_pager);
	if (!t)
		return fail("fresh PD thread", 0, 0);
	for (;;) {
		uint32_t imp = kt_wait(d.recv, d.tmo, 2000000, 0);
		if (imp == KT_TIMEOUT)
			return fail("fresh PD does not finish", 0, 0);
		if (imp == IMP_CHILD)
			break;
		if (imp == IMP_ECHO)
			return fail("echo server stopped", 0, 0);
	}
	struct cn_fault f = { 0, 0, 0, 0, 0 };
	uint32_t regs[17];
	regs[1] = 0;
	if (cn_sys_thread_fault(t, &f) || f.type != CN_FAULT_STOP || kt_regs(t, regs) ||
	    regs[1] != 0x600d)
		return fail("fresh PD result", f.type, regs[1]);
	kt_pd_destroy(&c);
	return 0;
}

int main(const struct cn_bootinfo *bi);
int main(const struct cn_bootinfo *bi)
{
	kt_init(bi);
	const char *from;
	d.seed = pick_seed(bi, &from);
	kt_printf("kfuzz: seed 0x%08x (%s) on %s, %u calls\n", (unsigned)d.seed, from, bi->board,
	          TOTAL_CALLS);
	cn_sys_thread_prio(CN_ROOT_CAP_THREAD, PRIO_DRIVER);
	if (setup())
		return 1;
	kt_printf("kfuzz: %u fuzzer threads, %u caps, irq %u\n", FZ_THREADS, FC_COUNT,
	          (unsigned)d.irq_no);

	uint32_t hz;
	uint64_t t0 = cn_sys_time(&hz);
	uint64_t tick = (uint64_t)TICK_US * hz / 1000000u, next_tick = t0 + tick;
	uint64_t last_progress = t0;
	uint32_t last_total = 0, next_report = REPORT_EVERY;
	for (;;) {
		uint32_t imp = kt_wait(d.recv, d.tmo, TICK_US, 0);
		if (imp >= IMP_PAGER(0) && imp < IMP_PAGER(FZ_THREADS)) {
			if (fz_stopped(imp - IMP_PAGER(0)))
				return 1;
		} else if (imp == IMP_ECHO) {
			return fail("echo server stopped or faulted", 0, 0);
		} else if (imp == IMP_FUZZ) {
			d.spurious++;
		} else if (imp != KT_TIMEOUT) {
			return fail("unexpected signal", imp, 0);
		}
		uint64_t now = cn_sys_time(0);
		if (now >= next_tick) {
			next_tick = now + tick;
			if (fz_tick())
				return 1;
		}
		uint32_t total = 0, denied = 0, finished = 0;
		for (unsigned i = 0; i < FZ_THREADS; i++) {
			struct fz_thread *s = &d.sh->t[i];
			if (s->bad)
				return fail("a call was not refused", s->bad_nr, s->bad_err);
			total += s->calls;
			denied += s->denied;
			finished += d.th[i].finished;
		}
		while (total >= next_report) {
			kt_printf("kfuzz: %u calls, %u denied, %u faults\n", (unsigned)next_report,
			          (unsigned)denied, (unsigned)d.faults);
			next_report += REPORT_EVERY;
		}
		if (total != last_total) {
			last_total = total;
			last_progress = now;
		} else if ((now - last_progress) * 1000000u / hz > STALL_US) {
			return fail("the fuzzer makes no progress", total, 0);
		}
		if (finished == FZ_THREADS)
			break;
	}
	uint64_t t1 = cn_sys_time(0);
	uint32_t total = 0, denied = 0, probes = 0;
	for (unsigned i = 0; i < FZ_THREADS; i++) {
		total += d.sh->t[i].calls;
		denied += d.sh->t[i].denied;
		probes += d.sh->t[i].probes;
	}
	kt_printf("kfuzz: %u calls in %u ms: %u denied, %u faults (%u probes), %u stops, "
	          "%u kicks, %u restarts, %u signals from the fuzzer, %u caps refilled\n",
	          (unsigned)total, (unsigned)((t1 - t0) * 1000u / hz), (unsigned)denied,
	          (unsigned)d.faults, (unsigned)probes, (unsigned)d.stops, (unsigned)d.kicks,
	          (unsigned)d.restarts, (unsigned)d.spurious, (unsigned)d.refilled);
	if (final_checks())
		return 1;
	kt_printf("kfuzz: done, %u calls, seed 0x%08x, echo ok %u\n", (unsigned)total,
	          (unsigned)d.seed, (unsigned)d.echo_ok);
	return 0;
}
