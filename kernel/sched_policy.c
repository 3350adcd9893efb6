/* SPDX-License-Identifier: MIT */
/*
 * Claims and fills: the per-CPU scheduling policy (see sched_policy.h).
 * Plain C without kernel dependencies, so that the host tests can run it.
 */
#include "sched_policy.h"

void sp_init(struct sp_sched *s, uint64_t period_len, uint64_t slice_len, uint64_t now)
{
	for (unsigned i = 0; i < SP_PRIOS; i++)
		cn_list_init(&s->claims[i]);
	cn_list_init(&s->fills);
	s->claim_bits = 0;
	s->period_len = period_len ? period_len : 1;
	s->slice_len = slice_len ? slice_len : 1;
	s->period_end = (now / s->period_len + 1) * s->period_len;
	s->period = 0;
	s->on_claim = false;
	s->slice_end = 0;
	s->last = now;
}

void sp_share_init(struct sp_share *sh, uint32_t prio, uint64_t quota)
{
	cn_list_elem_init(&sh->claim_link);
	cn_list_elem_init(&sh->fill_link);
	sh->prio = prio < SP_PRIOS ? prio : SP_PRIOS - 1;
	sh->quota = quota;
	sh->claim_left = quota;
	sh->period = 0xffffffffu;     /* refilled when first looked at */
	sh->used = 0;
}

void sp_set(struct sp_sched *s, struct sp_share *sh, uint32_t prio, uint64_t quota)
{
	bool queued = sp_queued(sh);
	if (queued)
		sp_unready(s, sh);
	uint64_t left = sp_claim_left(s, sh);
	if (quota == SP_UNLIMITED || sh->quota == SP_UNLIMITED)
		left = quota;
	else if (quota > sh->quota)
		left += quota - sh->quota;       /* more quota: the extra is usable now */
	else if (left > quota)
		left = quota;
	sh->claim_left = left;
	sh->quota = quota;
	sh->prio = prio < SP_PRIOS ? prio : SP_PRIOS - 1;
	if (queued)
		sp_ready(s, sh);
}

/* a new super period: every queued fill gets its claim back (and is queued
 * as a claim too, see sp_ready()) */
static void period_check(struct sp_sched *s, uint64_t now)
{
	if (now < s->period_end)
		return;
	s->period++;
	s->period_end = (now / s->period_len + 1) * s->period_len;
	for (struct cn_list_elem *l = cn_list_first(&s->fills); l; l = cn_list_next(&s->fills, l)) {
		struct sp_share *sh = SP_SHARE_OF(l, fill_link);
		if (!cn_list_elem_linked(&sh->claim_link) && sp_claim_left(s, sh))
			sp_claim_add(s, sh);
	}
}

void sp_move(struct sp_sched *from, struct sp_sched *to, struct sp_share *sh, uint64_t now)
{
	/* both policies count their own super periods: bring both up to
	 * 'now', then the claim left counts in the new one's period */
	period_check(from, now);
	period_check(to, now);
	uint64_t left = sp_claim_left(from, sh);
	sh->period = to->period;
	sh->claim_left = left;
}

struct sp_share *sp_schedule_full(struct sp_sched *s, struct sp_share *cur, uint64_t now)
{
	period_check(s, now);
	int top = s->claim_bits ? 31 - __builtin_clz(s->claim_bits) : -1;
	if (cur) {
		bool claim = sp_claim_left(s, cur) != 0;
		/* the slice ends with its time, or when the claim ran out under it */
		bool expired = now >= s->slice_end || (s->on_claim && !claim);
		bool keep = claim ? top < (int)cur->prio || (top == (int)cur->prio && !expired)
		                  : top < 0 && (!expired || cn_list_empty(&s->fills));
		if (keep) {
			if (expired || s->on_claim != claim)
				s->slice_end = now + s->slice_len;
			s->on_claim = claim;
			return cur;
		}
		sp_ready(s, cur);
	}
	struct sp_share *next = 0;
	if (s->claim_bits) {
		top = 31 - __builtin_clz(s->claim_bits);
		next = SP_SHARE_OF(cn_list_first(&s->claims[top]), claim_link);
		s->on_claim = true;
	} else if (!cn_list_empty(&s->fills)) {
		next = SP_SHARE_OF(cn_list_first(&s->fills), fill_link);
		s->on_claim = false;
	}
	if (next) {
		sp_unready(s, next);
		s->slice_end = now + s->slice_len;
	}
	return next;
}
