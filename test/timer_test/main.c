/* SPDX-License-Identifier: MIT */
/*
 * Timer session test (run/timer.run). A component whose name starts with
 * "oneshot" runs 1000 one-shot timeouts of mixed lengths (50..5000 us) on 4
 * sessions at once and checks that none fires early and that all fire in
 * the order of their deadlines; one whose name starts with "periodic" runs
 * 1000 periods of 1 ms on one session (and 3 ms on another meanwhile) and
 * checks that the 1000th signal comes right after the 1000th deadline (no
 * drift), then sleeps with cn_timer_sleep(). One named "bench" measures
 * how long after a deadline (set with trigger_at, so that it is known to
 * the counter tick) its signal handler runs (run/bench_timer.run). Each
 * prints its figures and "done", or a line starting "FAIL".
 */
#include <cn/component.h>
#include <cn/util/string.h>
#include <cn/session/timer.h>

#define fail(...) do { cn_log("FAIL: " __VA_ARGS__); cn_exit(1); } while (0)

static void connect(struct cn_timer *t, struct cn_signal_handler *h,
                    void (*fn)(void *, uint32_t), void *arg)
{
	uint32_t ctx;
	int err = cn_timer_connect(t);
	if (!err)
		err = cn_signal_handler(h, fn, arg, &ctx);
	if (!err)
		err = cn_timer_sigh(t->session, (cn_cap_t){ ctx });
	if (err)
		fail("timer session: %s", cn_strerror(err));
}

/* ------------------------------------------------------------ one-shot */
#define SESSIONS 4
#define TOTAL    1000

struct oneshot {
	struct cn_timer          t;
	struct cn_signal_handler h;
	uint64_t                 armed_at, us, deadline;
};

static struct oneshot one[SESSIONS];
static unsigned nr_armed, nr_fired;
static uint64_t last_deadline, max_late, sum_us;
static uint32_t seed = 12345;

static void arm(struct oneshot *o)
{
	seed = seed * 1103515245u + 12345u;
	o->us = 50 + (seed >> 8) % 4951;
	sum_us += o->us;
	o->armed_at = cn_timer_counter_us();
	int err = cn_timer_trigger_once(o->t.session, o->us, &o->deadline);
	if (err)
		fail("trigger_once: %s", cn_strerror(err));
	if (o->deadline < o->armed_at + o->us)
		fail("deadline %llu before %llu + %llu", (unsigned long long)o->deadline,
		     (unsigned long long)o->armed_at, (unsigned long long)o->us);
	nr_armed++;
}

static void oneshot_fired(void *arg, uint32_t count)
{
	struct oneshot *o = arg;
	uint64_t now = cn_timer_counter_us();
	if (count != 1)
		fail("session %u: count %u", (unsigned)(o - one), (unsigned)count);
	if (now < o->armed_at + o->us)
		fail("session %u: timeout of %llu us early: after %llu us", (unsigned)(o - one),
		     (unsigned long long)o->us, (unsigned long long)(now - o->armed_at));
	if (o->deadline < last_deadline)
		fail("session %u: deadline %llu fired after deadline %llu", (unsigned)(o - one),
		     (unsigned long long)o->deadline, (unsigned long long)last_deadline);
	last_deadline = o->deadline;
	if (now - o->deadline > max_late)
		max_late = now - o->deadline;
	nr_fired++;
	if (nr_armed < TOTAL)
		arm(o);
	else if (nr_fired == TOTAL) {
		cn_log("%u timeouts (%llu us in all) on %u sessions: in order, none early, "
		       "max late %llu us", TOTAL, (unsigned long long)sum_us, SESSIONS,
		       (unsigned long long)max_late);
		cn_log("done");
		cn_exit(0);
	}
}

static void oneshot_start(void)
{
	for (unsigned i = 0; i < SESSIONS; i++)
		connect(&one[i].t, &one[i].h, oneshot_fired, &one[i]);
	uint64_t d;
	if (cn_timer_trigger_once(one[0].t.session, 0, &d) != CN_ERR_INVALID ||
	    cn_timer_trigger_periodic(one[0].t.session, CN_TIMER_MAX_US + 1, &d) != CN_ERR_INVALID)
		fail("a duration of 0 or above CN_TIMER_MAX_US accepted");
	for (unsigned i = 0; i < SESSIONS; i++)
		arm(&one[i]);
}

/* ------------------------------------------------------------ periodic */
#define PERIODS   1000
#define LATE_MAX  500     /* us: far less than a drift of 1000 periods */

struct periodic {
	struct cn_timer          t;
	struct cn_signal_handler h;
	uint64_t                 period, first, count, max_late;
	bool                     main;
};

static struct periodic per[2];

static void finish(void)
{
	struct cn_timer t;
	int err = cn_timer_connect(&t);
	uint64_t before = cn_timer_counter_us();
	if (!err)
		err = cn_timer_sleep(&t, 20000);
	uint64_t slept = cn_timer_counter_us() - before;
	if (err)
		fail("sleep: %s", cn_strerror(err));
	if (slept < 20000)
		fail("slept only %llu us of 20000", (unsigned long long)slept);
	cn_log("cn_timer_sleep(20000 us): %llu us passed", (unsigned long long)slept);
	cn_timer_close(&t);
	cn_log("done");
	cn_exit(0);
}

static void periodic_fired(void *arg, uint32_t count)
{
	struct periodic *p = arg;
	uint64_t now = cn_timer_counter_us();
	p->count += count;
	/* the deadline of period n is first + (n - 1) periods (+-1 us rounding) */
	uint64_t deadline = p->first + (p->count - 1) * p->period;
	if (now + 1 < deadline)
		fail("%llu us period %llu early by %llu us", (unsigned long long)p->period,
		     (unsigned long long)p->count, (unsigned long long)(deadline - now));
	uint64_t late = now > deadline ? now - deadline : 0;
	if (late > p->max_late)
		p->max_late = late;
	if (!p->main || p->count < PERIODS)
		return;
	cn_timer_cancel(p->t.session);
	cn_timer_cancel(per[1].t.session);
	cn_log("%u periods of %llu us: the last %llu us after its deadline, max late %llu us "
	       "(%llu periods of %llu us meanwhile, max late %llu us)", PERIODS,
	       (unsigned long long)p->period, (unsigned long long)late,
	       (unsigned long long)p->max_late, (unsigned long long)per[1].count,
	       (unsigned long long)per[1].period, (unsigned long long)per[1].max_late);
	if (p->count != PERIODS)
		fail("%llu periods counted at period %u", (unsigned long long)p->count, PERIODS);
	if (late > LATE_MAX)
		fail("drift: the last period came %llu us late", (unsigned long long)late);
	finish();
}

static void periodic_start(void)
{
	static const uint64_t periods[2] = { 1000, 3000 };
	for (unsigned i = 0; i < 2; i++) {
		per[i].period = periods[i];
		per[i].main = i == 0;
		connect(&per[i].t, &per[i].h, periodic_fired, &per[i]);
	}
	for (unsigned i = 0; i < 2; i++) {
		int err = cn_timer_trigger_periodic(per[i].t.session, per[i].period, &per[i].first);
		if (err)
			fail("trigger_periodic: %s", cn_strerror(err));
	}
}

/* ------------------------------------------------------------ bench */
#define ROUNDS 64

static struct {
	struct cn_timer          t;
	struct cn_signal_handler h;
	uint32_t                 hz, done;
	uint64_t                 deadline;     /* ticks */
	uint32_t                 ns[ROUNDS];
} b;

static void bench_arm(void)
{
	uint64_t at = cn_timer_counter_us() + 2000, r;
	b.deadline = cn_timer_us_to_ticks(at, b.hz);   /* as the server computes it */
	int err = cn_timer_trigger_at(b.t.session, at, &r);
	if (err)
		fail("trigger_at: %s", cn_strerror(err));
}

static void bench_fired(void *arg, uint32_t count)
{
	uint64_t t = cn_sys_time(NULL);
	(void)arg; (void)count;
	if (t < b.deadline)
		fail("signal %llu ticks before the deadline", (unsigned long long)(b.deadline - t));
	b.ns[b.done] = (uint32_t)((t - b.deadline) * 1000000000ull / b.hz);
	if (++b.done < ROUNDS) {
		bench_arm();
		return;
	}
	/* insertion sort, then median and maximum */
	for (unsigned i = 1; i < ROUNDS; i++)
		for (unsigned j = i; j && b.ns[j - 1] > b.ns[j]; j--) {
			uint32_t x = b.ns[j];
			b.ns[j] = b.ns[j - 1];
			b.ns[j - 1] = x;
		}
	cn_log("%u timeouts: deadline to handler median %u ns, min %u, max %u", ROUNDS,
	       (unsigned)b.ns[ROUNDS / 2], (unsigned)b.ns[0], (unsigned)b.ns[ROUNDS - 1]);
	/* under -icount shift=0 with the CPU never idle, 1 ns is one instruction */
	cn_log("bench: timer-deadline-to-handler-median %u instructions", (unsigned)b.ns[ROUNDS / 2]);
	cn_log("bench: timer-deadline-to-handler-max %u instructions", (unsigned)b.ns[ROUNDS - 1]);
	cn_log("done");
	cn_exit(0);
}

static void bench_start(void)
{
	cn_sys_time(&b.hz);
	connect(&b.t, &b.h, bench_fired, NULL);
	bench_arm();
}

void cn_component_construct(struct cn_env *env)
{
	uint64_t e0 = 0, e1 = 0;
	struct cn_timer t;
	/* the session's clock and the local one are the same */
	uint64_t l0 = cn_timer_counter_us();
	int err = cn_timer_connect(&t);
	if (!err)
		err = cn_timer_elapsed_us(t.session, &e0);
	uint64_t l1 = cn_timer_counter_us();
	if (!err)
		err = cn_timer_elapsed_us(t.session, &e1);
	if (err)
		fail("elapsed_us: %s", cn_strerror(err));
	if (e0 < l0 || e0 > l1 || e1 < l1)
		fail("elapsed_us %llu, %llu against local %llu, %llu", (unsigned long long)e0,
		     (unsigned long long)e1, (unsigned long long)l0, (unsigned long long)l1);
	/* a trigger without a signal context, and bad durations */
	uint64_t d;
	if (cn_timer_trigger_once(t.session, 100, &d) != CN_ERR_STATE)
		fail("trigger without sigh accepted");
	cn_timer_close(&t);

	if (!cn_strncmp(env->name, "periodic", 8))
		periodic_start();
	else if (!cn_strcmp(env->name, "bench"))
		bench_start();
	else
		oneshot_start();
}
