/*
 * Claims and fills: the per-CPU scheduling policy (see sched_policy.h).
 * Plain C without kernel dependencies, so that the host tests can run it.
 */
#include "sched_policy.h"

static void link_init(struct sp_link *l) { l->prev = l->next = l; }
static bool link_empty(const struct sp_link *l) { return l->next == l; }
static void link_add_tail(struct sp_link *l, struct sp_link *e)
{ e->prev = l->prev; e->next = l; l->prev->next = e; l->prev = e; }
static void link_del(struct sp_link *e)
{ e->prev->next = e->next; e->next->prev = e->prev; e->prev = e->next = e; }

#define SHARE_OF(p, member) \
	((struct sp_share *)(void *)((char *)(p) - __builtin_offsetof(struct sp_share, member)))

void sp_init(struct sp_sched *s, uint64_t period_len, uint64_t slice_len, uint64_t now)
{
	for (unsigned i = 0; i < SP_PRIOS; i++)
		link_init(&s->claims[i]);
	link_init(&s->fills);
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
	link_init(&sh->claim_link);
	link_init(&sh->fill_link);
	sh->prio = prio < SP_PRIOS ? prio : SP_PRIOS - 1;
	sh->quota = quota;
	sh->claim_left = quota;
	sh->period = 0xffffffffu;     /* refilled when first looked at */
	sh->used = 0;
}

/* the share's claim, refilled if a new super period began since */
uint64_t sp_claim_left(struct sp_sched *s, struct sp_share *sh)
{
	if (sh->period != s->period) {
		sh->period = s->period;
		sh->claim_left = sh->quota;
	}
	return sh->claim_left;
}

bool sp_queued(const struct sp_share *sh) { return !link_empty(&sh->fill_link); }

static void claim_queue(struct sp_sched *s, struct sp_share *sh)
{
	if (link_empty(&sh->claim_link) && sp_claim_left(s, sh)) {
		link_add_tail(&s->claims[sh->prio], &sh->claim_link);
		s->claim_bits |= 1u << sh->prio;
	}
}

static void claim_dequeue(struct sp_sched *s, struct sp_share *sh)
{
	if (link_empty(&sh->claim_link))
		return;
	link_del(&sh->claim_link);
	if (link_empty(&s->claims[sh->prio]))
		s->claim_bits &= ~(1u << sh->prio);
}

void sp_ready(struct sp_sched *s, struct sp_share *sh)
{
	if (link_empty(&sh->fill_link))
		link_add_tail(&s->fills, &sh->fill_link);
	claim_queue(s, sh);
}

void sp_unready(struct sp_sched *s, struct sp_share *sh)
{
	claim_dequeue(s, sh);
	if (!link_empty(&sh->fill_link))
		link_del(&sh->fill_link);
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

void sp_account(struct sp_sched *s, struct sp_share *sh, uint64_t now)
{
	uint64_t d = now > s->last ? now - s->last : 0;
	s->last = now;
	if (!sh)
		return;
	sh->used += d;
	if (s->on_claim && sh->quota != SP_UNLIMITED) {
		uint64_t left = sp_claim_left(s, sh);
		sh->claim_left = d < left ? left - d : 0;
	}
}

static int top_claim(const struct sp_sched *s)
{
	return s->claim_bits ? 31 - __builtin_clz(s->claim_bits) : -1;
}

bool sp_preempts(struct sp_sched *s, struct sp_share *cur, struct sp_share *sh)
{
	if (!cur)
		return true;
	if (!sp_claim_left(s, sh))
		return false;                  /* a fill waits for the next decision */
	if (!s->on_claim || !sp_claim_left(s, cur))
		return true;                   /* a claim preempts any fill */
	return sh->prio > cur->prio;
}

/* a new super period: every queued share gets its claim back */
static void period_check(struct sp_sched *s, uint64_t now)
{
	if (now < s->period_end)
		return;
	s->period++;
	s->period_end = (now / s->period_len + 1) * s->period_len;
	for (struct sp_link *l = s->fills.next; l != &s->fills; l = l->next)
		claim_queue(s, SHARE_OF(l, fill_link));
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

struct sp_share *sp_schedule(struct sp_sched *s, struct sp_share *cur, uint64_t now)
{
	period_check(s, now);
	int top = top_claim(s);
	if (cur) {
		bool claim = sp_claim_left(s, cur) != 0;
		/* the slice ends with its time, or when the claim ran out under it */
		bool expired = now >= s->slice_end || (s->on_claim && !claim);
		bool keep = claim ? top < (int)cur->prio || (top == (int)cur->prio && !expired)
		                  : top < 0 && (!expired || link_empty(&s->fills));
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
		top = top_claim(s);
		next = SHARE_OF(s->claims[top].next, claim_link);
		s->on_claim = true;
	} else if (!link_empty(&s->fills)) {
		next = SHARE_OF(s->fills.next, fill_link);
		s->on_claim = false;
	}
	if (next) {
		sp_unready(s, next);
		s->slice_end = now + s->slice_len;
	}
	return next;
}

uint64_t sp_deadline(struct sp_sched *s, struct sp_share *cur)
{
	if (!cur)
		return SP_UNLIMITED;
	uint64_t d = s->slice_end;
	if (s->on_claim && cur->quota != SP_UNLIMITED) {
		uint64_t left = sp_claim_left(s, cur);
		if (s->last + left < d)
			d = s->last + left;
	}
	return d < s->period_end ? d : s->period_end;
}
