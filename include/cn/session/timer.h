/* SPDX-License-Identifier: MIT */
/*
 * Timer session (server/timer, doc/session-timer.md): monotonic time in
 * microseconds and timeouts delivered as signals. The server multiplexes
 * every session's timeout onto one kernel timeout (CN_SYS_TIMEOUT) of its
 * own thread.
 *
 *   elapsed_us()           -> microseconds since the board's counter started
 *                             (the same clock as cn_timer_counter_us())
 *   sigh(ctx)              the signal context timeouts fire (one per session;
 *                             a new one replaces the old)
 *   trigger_once(us)       -> the deadline (in elapsed_us time): the context
 *                             fires once, at or after it, never before; a
 *                             new trigger replaces the pending one
 *   trigger_at(us)         -> the deadline: once, when elapsed_us() reaches
 *                             us (at once if it has); the same as
 *                             trigger_once, with an absolute deadline
 *   trigger_periodic(us)   -> the first deadline: the context fires every us
 *                             microseconds, the k-th time at start + k * us
 *                             (no drift; periods missed meanwhile add to the
 *                             signal's count)
 *   cancel()               no more signals from this session
 * Durations are 1 .. CN_TIMER_MAX_US (an absolute deadline at most that
 * far ahead), else CN_ERR_INVALID; trigger without
 * a signal context is CN_ERR_STATE.
 *
 * Cost: CN_TIMER_SESSION_RAM bytes of RAM quota and CN_TIMER_SESSION_CAPS
 * capabilities (the session and the server's copy of the signal context),
 * paid by the client; cn_timer_connect() donates exactly that.
 *
 * Client helpers (lib/base/timer.c), struct cn_timer:
 *   cn_timer_connect(&t)        open a session (t.session for the RPCs)
 *   cn_timer_sleep(&t, us)      block the calling thread (no spinning) for at
 *                               least us microseconds; the session's signal
 *                               then belongs to the helper (a receiver and a
 *                               context of its own, made on first use, paid
 *                               from the component's PD)
 *   cn_timer_close(&t)          close the session, free the helper's signal
 */
#ifndef CN_SESSION_TIMER_H
#define CN_SESSION_TIMER_H

#include <cn/rpc.h>
#include <cn/sys.h>

#define CN_TIMER_SERVICE       "Timer"
#define CN_TIMER_SESSION_RAM   1024u
#define CN_TIMER_SESSION_CAPS  2u
#define CN_TIMER_MAX_US        (1ull << 40)   /* about 12.7 days */

#define CN_TIMER_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_timer, elapsed_us,       uint64_t) \
	F1(cn_timer, sigh,             void,     cn_cap_t, ctx) \
	F1(cn_timer, trigger_once,     uint64_t, uint64_t, us) \
	F1(cn_timer, trigger_periodic, uint64_t, uint64_t, us) \
	F1(cn_timer, trigger_at,       uint64_t, uint64_t, us) \
	F0(cn_timer, cancel,           void)
CN_RPC_INTERFACE(cn_timer, CN_TIMER_RPC)

struct cn_timer {
	uint32_t session;      /* the Timer session */
	uint32_t recv, ctx;    /* cn_timer_sleep's signal receiver and context */
};

int  cn_timer_connect(struct cn_timer *t);
int  cn_timer_sleep(struct cn_timer *t, uint64_t us);
void cn_timer_close(struct cn_timer *t);

/* counter ticks <-> microseconds at hz (rounding ticks up: a deadline
 * converted this way is never early) */
static inline uint64_t cn_timer_ticks_to_us(uint64_t ticks, uint32_t hz)
{
	return (ticks / hz) * 1000000ull + (ticks % hz) * 1000000ull / hz;
}

static inline uint64_t cn_timer_us_to_ticks(uint64_t us, uint32_t hz)
{
	return (us / 1000000ull) * hz + ((us % 1000000ull) * hz + 999999ull) / 1000000ull;
}

/* the Timer session's clock read locally (CN_SYS_TIME), without a call */
static inline uint64_t cn_timer_counter_us(void)
{
	uint32_t hz;
	uint64_t t = cn_sys_time(&hz);
	return cn_timer_ticks_to_us(t, hz);
}

#endif
