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

#define SP_PRIOS     16
#define SP_UNLIMITED 0xffffffffffffffffull

struct sp_link { struct sp_link *prev, *next; };

struct sp_share {
	struct sp_link claim_link;   /* in claims[prio] while queued with claim left */
	struct sp_link fill_link;    /* in fills while queued */
	uint32_t       prio;         /* 0 .. SP_PRIOS - 1 */
	uint32_t       period;       /* super period claim_left belongs to */
	uint64_t       quota;        /* ticks per super period, 0: fill only */
	uint64_t       claim_left;   /* ticks left of this super period's quota */
	uint64_t       used;         /* ticks charged so far, in total */
};

struct sp_sched {
	struct sp_link claims[SP_PRIOS];
	uint32_t       claim_bits;   /* bit p: claims[p] is not empty */
	struct sp_link fills;
	uint64_t       period_len, slice_len;   /* ticks */
	uint64_t       period_end;   /* start of the next super period */
	uint32_t       period;       /* number of the current super period */
	bool           on_claim;     /* the running share runs on its claim */
	uint64_t       slice_end;    /* end of the running share's slice */
	uint64_t       last;         /* time of the last charge */
};

void sp_init(struct sp_sched *s, uint64_t period_len, uint64_t slice_len, uint64_t now);
void sp_share_init(struct sp_share *sh, uint32_t prio, uint64_t quota);

/* queue a ready share (not the running one) / take it out of the queues */
void sp_ready(struct sp_sched *s, struct sp_share *sh);
void sp_unready(struct sp_sched *s, struct sp_share *sh);
bool sp_queued(const struct sp_share *sh);

/* a share that is neither queued nor running moves from one CPU's policy
 * to another's with the claim it has left in the current super period */
void sp_move(struct sp_sched *from, struct sp_sched *to, struct sp_share *sh, uint64_t now);

/* new priority and quota; a queued share is queued again accordingly */
void sp_set(struct sp_sched *s, struct sp_share *sh, uint32_t prio, uint64_t quota);

/* charge the time since the last charge to 'sh' (the share found on the
 * CPU; NULL: nobody, e.g. idle or destroyed) */
void sp_account(struct sp_sched *s, struct sp_share *sh, uint64_t now);

/* the claim ticks 'sh' has left in the current super period */
uint64_t sp_claim_left(struct sp_sched *s, struct sp_share *sh);

/* would the ready share 'sh' preempt 'cur' (NULL: nothing runs)? */
bool sp_preempts(struct sp_sched *s, struct sp_share *cur, struct sp_share *sh);

/* may a claim of priority 'prio' run now rather than everything queued?
 * (inline: the IPC fast path asks) */
static inline bool sp_may_run(const struct sp_sched *s, uint32_t prio)
{
	return !s->claim_bits || (int)prio >= 31 - __builtin_clz(s->claim_bits);
}

/* Choose what runs from 'now' on: 'cur' is the share on the CPU if it may go
 * on running (NULL otherwise); it is queued again if something else is
 * chosen. Call sp_account() first. Returns NULL if nothing is ready. */
struct sp_share *sp_schedule(struct sp_sched *s, struct sp_share *cur, uint64_t now);

/* when the decision of the last sp_schedule() must be revisited: the end of
 * the slice, of the running claim's quota, or of the super period */
uint64_t sp_deadline(struct sp_sched *s, struct sp_share *cur);

#endif
