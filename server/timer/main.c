/* SPDX-License-Identifier: MIT */
/*
 * The Timer service (<cn/session/timer.h>, doc/session-timer.md): every
 * session's one-shot or periodic timeout on one list sorted by deadline,
 * served with a single kernel timeout (CN_SYS_TIMEOUT) of the entrypoint's
 * thread that is always set for the earliest deadline. Deadlines are
 * counter ticks; a fired timeout is checked against the counter, so no
 * signal is ever early.
 */
#include <cn/component.h>
#include <cn/server.h>
#include <cn/sys.h>
#include <cn/session/timer.h>

struct timer_session {
	struct timer_session *next;     /* on the armed list, by deadline */
	bool                  armed;
	uint32_t              sigh;     /* the client's signal context (our name) */
	uint64_t              deadline; /* ticks */
	uint64_t              start;    /* periodic: ticks of period 0 */
	uint64_t              period;   /* periodic: microseconds (0: one-shot) */
	uint64_t              k;        /* periodic: number of the next period */
};

static struct timer_session *armed;   /* sorted by deadline, earliest first */
static uint32_t hz;
static struct cn_signal_handler tick;
static uint32_t tick_ctx;

static uint64_t now(void) { return cn_sys_time(NULL); }

/* microseconds, rounded up, of a tick count */
static uint64_t us_ceil(uint64_t t)
{
	return (t / hz) * 1000000ull + ((t % hz) * 1000000ull + hz - 1) / hz;
}

static void unlink_session(struct timer_session *s)
{
	for (struct timer_session **p = &armed; *p; p = &(*p)->next)
		if (*p == s) {
			*p = s->next;
			break;
		}
	s->armed = false;
	s->next = NULL;
}

static void insert(struct timer_session *s)
{
	struct timer_session **p = &armed;
	while (*p && (*p)->deadline <= s->deadline)   /* equal deadlines: first come first */
		p = &(*p)->next;
	s->next = *p;
	*p = s;
	s->armed = true;
}

/* fire what is due, then set the kernel timeout for the earliest deadline */
static void process(void)
{
	for (;;) {
		uint64_t t = now();
		while (armed && armed->deadline <= t) {
			struct timer_session *s = armed;
			armed = s->next;
			s->armed = false;
			uint32_t count = 1;
			if (s->period) {
				/* the k-th deadline is start + k periods: no drift; periods
				 * that passed meanwhile count too */
				for (;;) {
					s->k++;
					s->deadline = s->start + cn_timer_us_to_ticks(s->k * s->period, hz);
					if (s->deadline > t)
						break;
					count++;
				}
				insert(s);
			}
			cn_sys_signal_submit(s->sigh, count);
		}
		if (!armed) {
			cn_sys_timeout(tick_ctx, 0);
			return;
		}
		uint64_t left = armed->deadline - t;
		/* the kernel rounds microseconds down to ticks: round up here */
		uint64_t us = us_ceil(left);
		if (!cn_sys_timeout(tick_ctx, us ? us : 1))
			return;
		/* the kernel refused (it cannot): poll again rather than stall */
	}
}

static void on_tick(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	process();
}

static int elapsed_us(void *ctx, uint64_t *r)
{
	(void)ctx;
	*r = cn_timer_ticks_to_us(now(), hz);
	return 0;
}

static int sigh(void *ctx, cn_cap_t c)
{
	struct timer_session *s = ctx;
	if (!c.name)
		return CN_ERR_CAP;
	if (s->sigh)
		cn_sys_cap_drop(s->sigh);
	s->sigh = c.name;
	cn_ep_keep(cn_env()->ep, c);
	return 0;
}

/* deadline in ticks: 'at' (absolute microseconds) if not 0, else now + us */
static int arm(struct timer_session *s, uint64_t at, uint64_t us, uint64_t period, uint64_t *r)
{
	uint64_t t = now();
	if (at ? at > cn_timer_ticks_to_us(t, hz) + CN_TIMER_MAX_US : !us || us > CN_TIMER_MAX_US)
		return CN_ERR_INVALID;
	if (!s->sigh)
		return CN_ERR_STATE;
	if (s->armed)
		unlink_session(s);
	s->start = t;
	s->k = 1;
	s->period = period;
	s->deadline = at ? cn_timer_us_to_ticks(at, hz) : t + cn_timer_us_to_ticks(us, hz);
	insert(s);
	*r = us_ceil(s->deadline);
	if (armed == s)
		process();
	return 0;
}

static int trigger_once(void *ctx, uint64_t us, uint64_t *r)
{
	return arm(ctx, 0, us, 0, r);
}

static int trigger_at(void *ctx, uint64_t us, uint64_t *r)
{
	return arm(ctx, us ? us : 1, 0, 0, r);
}

static int trigger_periodic(void *ctx, uint64_t us, uint64_t *r)
{
	return arm(ctx, 0, us, us, r);
}

static int cancel(void *ctx)
{
	struct timer_session *s = ctx;
	if (s->armed) {
		bool first = armed == s;
		unlink_session(s);
		if (first)
			process();
	}
	return 0;
}

static const struct cn_timer_ops ops = {
	.elapsed_us = elapsed_us, .sigh = sigh, .trigger_once = trigger_once,
	.trigger_periodic = trigger_periodic, .trigger_at = trigger_at, .cancel = cancel,
};

static void closed(void *ctx, void *state)
{
	struct timer_session *s = state;
	(void)ctx;
	cancel(s);
	if (s->sigh)
		cn_sys_cap_drop(s->sigh);
}

static struct cn_service service = {
	.name = CN_TIMER_SERVICE, .session_size = sizeof(struct timer_session),
	.ram_cost = CN_TIMER_SESSION_RAM - sizeof(struct cn_server_session) -
	            sizeof(struct timer_session),
	.cap_cost = CN_TIMER_SESSION_CAPS - 1,
	.dispatch = cn_timer_dispatch_any, .ops = &ops, .close = closed,
};

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	cn_sys_time(&hz);
	int err = cn_signal_handler(&tick, on_tick, NULL, &tick_ctx);
	if (!err)
		err = cn_server_announce(&service);
	if (err) {
		cn_log("cannot start: %s", cn_strerror(err));
		cn_exit(1);
	}
	cn_log("announced \"%s\" (counter %u Hz)", CN_TIMER_SERVICE, (unsigned)hz);
}

_Static_assert(sizeof(struct cn_server_session) + sizeof(struct timer_session) <=
               CN_TIMER_SESSION_RAM, "CN_TIMER_SESSION_RAM does not cover a session");
