/* SPDX-License-Identifier: MIT */
/*
 * Client helpers of the Timer session (<cn/session/timer.h>): connecting
 * with the session's exact cost, and a sleep that blocks the calling thread
 * on a signal receiver of its own instead of spinning.
 */
#include <cn/component.h>
#include <cn/session/pd.h>
#include <cn/session/quota.h>
#include <cn/session/timer.h>
#include <cn/util/format.h>

int cn_timer_connect(struct cn_timer *t)
{
	char args[64];
	t->recv = t->ctx = 0;
	cn_snprintf(args, sizeof(args), "ram_quota=%u, cap_quota=%u", CN_TIMER_SESSION_RAM,
	            CN_TIMER_SESSION_CAPS);
	return cn_connect(CN_TIMER_SERVICE, args, &t->session);
}

int cn_timer_sleep(struct cn_timer *t, uint64_t us)
{
	uint32_t pd = cn_env()->pd;
	int err;
	if (!t->ctx) {
		cn_cap_t r, c;
		if ((err = cn_pd_signal_receiver(pd, &r)))
			return err;
		if ((err = cn_pd_signal_context(pd, r, 1, &c))) {
			cn_pd_free_signal(pd, r);
			return err;
		}
		if ((err = cn_timer_sigh(t->session, c))) {
			cn_pd_free_signal(pd, c);
			cn_pd_free_signal(pd, r);
			return err;
		}
		t->recv = r.name;
		t->ctx = c.name;
	}
	uint64_t deadline;
	if ((err = cn_timer_trigger_once(t->session, us, &deadline)))
		return err;
	/* a stale signal of an earlier call may be pending: wait until the
	 * clock says the deadline has passed */
	do {
		uint32_t imprint, count;
		if ((err = cn_sys_signal_wait(t->recv, &imprint, &count)))
			return err;
	} while (cn_timer_counter_us() < deadline);
	return 0;
}

void cn_timer_close(struct cn_timer *t)
{
	uint32_t pd = cn_env()->pd;
	cn_close(t->session);
	if (t->ctx) {
		cn_pd_free_signal(pd, (cn_cap_t){ t->ctx });
		cn_pd_free_signal(pd, (cn_cap_t){ t->recv });
	}
	t->session = t->recv = t->ctx = 0;
}
