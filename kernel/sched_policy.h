/* SPDX-License-Identifier: MIT */
/*
 * The scheduling policy of one CPU, as a plain data structure without any
 * kernel dependency (host-tested by test/host/sched_policy_test.c).
 *
 * Every schedulable thread has a share: a priority and a quota, the time it
 * may run per super period as a "claim". Claims are chosen by priority while
 * their quota lasts, round robin with equal slices within a priority; the
 * quota of every share is refilled when a new super period begins (super
 * periods start at counter multiples of their length). Everything ready
 * that has no claim left (or never had a quota) is a "fill": fills share the
 * time no claim wants round robin with equal slices, whatever their
 * priority. A share with quota SP_UNLIMITED is a claim that never runs out:
 * the kernel's default, which keeps plain static priorities for threads
 * nobody gave a quota.
 *
 * The share that holds the CPU is not queued ("lazy" queueing, as in the
 * rest of the kernel): sp_schedule() gets it from the caller and queues it
 * again only if something else runs instead.
 */
#ifndef SCHED_POLICY_H
#define SCHED_POLICY_H

#include <stdint.h>
#include <stdbool.h>
#include <cn/util/list.h>

#define SP_PRIOS     16
#define SP_UNLIMITED 0xffffffffffffffffull


struct sp_share {
	struct cn_list_elem claim_link;   /* in claims[prio] while queued with claim left */
	struct cn_list_elem fill_link;    /* in fills while queued */
	uint32_t       prio;         /* 0 .. SP_PRIOS - 1 */
	uint32_t       period;       /* super period claim_left belongs to */
	uint64_t       quota;        /* ticks per super period, 0: fill only */
	uint64_t       claim_left;   /* ticks left of this super period's quota */
	uint64_t       used;         /* ticks charged so far, in total */
};

struct sp_sched {
	struct cn_list claims[SP_PRIOS];
	uint32_t       claim_bits;   /* bit p: claims[p] is not empty */
	struct cn_list fills;
	uint64_t       period_len, slice_len;   /* ticks */
	uint64_t       period_end;   /* start of the next super period */
	uint32_t       period;       /* number of the current super period */
	bool           on_claim;     /* the running share runs on its claim */
	uint64_t       slice_end;    /* end of the running share's slice */
	uint64_t       last;         /* time of the last charge */
};

void sp_init(struct sp_sched *s, uint64_t period_len, uint64_t slice_len, uint64_t now);
void sp_share_init(struct sp_share *sh, uint32_t prio, uint64_t quota);

/* a share that is neither queued nor running moves from one CPU's policy
 * to another's with the claim it has left in the current super period */
void sp_move(struct sp_sched *from, struct sp_sched *to, struct sp_share *sh, uint64_t now);

/* new priority and quota; a queued share is queued again accordingly */
void sp_set(struct sp_sched *s, struct sp_share *sh, uint32_t prio, uint64_t quota);

/* sp_schedule() beyond its fast path: a share on the CPU, a new super period */
struct sp_share *sp_schedule_full(struct sp_sched *s, struct sp_share *cur, uint64_t now);

/* The hot operations follow inline (forced: the compiler would keep one
 * copy called from everywhere): every cross-CPU IPC round trip makes four
 * scheduling decisions and queues two shares. */
#define SP_HOT static inline __attribute__((always_inline))


#define SP_SHARE_OF(p, member) \
	((struct sp_share *)(void *)((char *)(p) - __builtin_offsetof(struct sp_share, member)))

/* the claim ticks 'sh' has left in the current super period (refilled if a
 * new super period began since it was last looked at) */
SP_HOT uint64_t sp_claim_left(struct sp_sched *s, struct sp_share *sh)
{
	if (sh->period != s->period) {
		sh->period = s->period;
		sh->claim_left = sh->quota;
	}
	return sh->claim_left;
}

static inline bool sp_queued(const struct sp_share *sh)
{
	return cn_list_elem_linked(&sh->fill_link) || cn_list_elem_linked(&sh->claim_link);
}

/* queue 'sh' (not queued as a claim, with claim left) as a claim */
SP_HOT void sp_claim_add(struct sp_sched *s, struct sp_share *sh)
{
	cn_list_insert_tail(&s->claims[sh->prio], &sh->claim_link);
	s->claim_bits |= 1u << sh->prio;
}

/* Queue a ready share (not the running one) / take it out of the queues.
 * A share with claim left is queued as a claim only: claims are chosen
 * before any fill, and its claim cannot run out while it is queued, so its
 * place among the fills would never count (it runs, and is queued again,
 * before). One without claim left is a fill until a new super period gives
 * it its claim back (then it is in both queues). */
SP_HOT void sp_ready(struct sp_sched *s, struct sp_share *sh)
{
	if (sp_claim_left(s, sh)) {
		if (!cn_list_elem_linked(&sh->claim_link))
			sp_claim_add(s, sh);
	} else if (!cn_list_elem_linked(&sh->fill_link))
		cn_list_insert_tail(&s->fills, &sh->fill_link);
}

SP_HOT void sp_unready(struct sp_sched *s, struct sp_share *sh)
{
	if (cn_list_elem_linked(&sh->claim_link)) {
		cn_list_remove(&sh->claim_link);
		if (cn_list_empty(&s->claims[sh->prio]))
			s->claim_bits &= ~(1u << sh->prio);
	}
	if (cn_list_elem_linked(&sh->fill_link))
		cn_list_remove(&sh->fill_link);
}

/* charge the time since the last charge to 'sh' (the share found on the
 * CPU; NULL: nobody, e.g. idle or destroyed) */
SP_HOT void sp_account(struct sp_sched *s, struct sp_share *sh, uint64_t now)
{
	uint64_t last = s->last;
	s->last = now;
	if (!sh || now <= last)
		return;
	uint64_t d = now - last;
	sh->used += d;
	if (s->on_claim && sh->quota != SP_UNLIMITED) {
		uint64_t left = sp_claim_left(s, sh);
		sh->claim_left = d < left ? left - d : 0;
	}
}

/* would the ready share 'sh' preempt 'cur' (NULL: nothing runs)? */
SP_HOT bool sp_preempts(struct sp_sched *s, struct sp_share *cur, struct sp_share *sh)
{
	if (!cur)
		return true;
	if (!sp_claim_left(s, sh))
		return false;                  /* a fill waits for the next decision */
	if (!s->on_claim || !sp_claim_left(s, cur))
		return true;                   /* a claim preempts any fill */
	return sh->prio > cur->prio;
}

/* may a claim of priority 'prio' run now rather than everything queued?
 * (the IPC fast path asks) */
static inline bool sp_may_run(const struct sp_sched *s, uint32_t prio)
{
	return !s->claim_bits || (int)prio >= 31 - __builtin_clz(s->claim_bits);
}

/* Choose what runs from 'now' on: 'cur' is the share on the CPU if it may go
 * on running (NULL otherwise); it is queued again if something else is
 * chosen. Call sp_account() first. Returns NULL if nothing is ready.
 * Inline here: nothing on the CPU within the super period (an idle CPU, a
 * thread that blocked), the rest in sp_schedule_full(). */
SP_HOT struct sp_share *sp_schedule(struct sp_sched *s, struct sp_share *cur, uint64_t now)
{
	if (cur || now >= s->period_end)
		return sp_schedule_full(s, cur, now);
	struct sp_share *next;
	if (s->claim_bits) {
		/* the first claim of the top priority: sp_unready() knowing where */
		uint32_t top = 31 - __builtin_clz(s->claim_bits);
		next = SP_SHARE_OF(cn_list_first(&s->claims[top]), claim_link);
		cn_list_remove(&next->claim_link);
		if (cn_list_empty(&s->claims[top]))
			s->claim_bits &= ~(1u << top);
		if (cn_list_elem_linked(&next->fill_link))
			cn_list_remove(&next->fill_link);
		s->on_claim = true;
	} else if (!cn_list_empty(&s->fills)) {
		next = SP_SHARE_OF(cn_list_first(&s->fills), fill_link);
		cn_list_remove(&next->fill_link);    /* a fill is queued as a fill only */
		s->on_claim = false;
	} else
		return 0;
	s->slice_end = now + s->slice_len;
	return next;
}

/* when the decision of the last sp_schedule() must be revisited: the end of
 * the slice, of the running claim's quota, or of the super period */
SP_HOT uint64_t sp_deadline(struct sp_sched *s, struct sp_share *cur)
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

#endif
