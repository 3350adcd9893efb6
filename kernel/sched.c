/* SPDX-License-Identifier: MIT */
/*
 * The scheduler: per CPU, the claims-and-fills policy of sched_policy.c
 * (priorities with CPU quota per super period, round robin fills) applied
 * to the threads placed on that CPU (t->cpu), with time slices driven by
 * that CPU's timer. The running thread is not queued ("lazy" queueing): IPC
 * that blocks the caller and runs the callee touches no queue at all. Time
 * is charged to the thread found on the CPU at each scheduling decision (a
 * fast-path IPC partner runs on the rest of its caller's slice), by the
 * policy of the CPU it ran on. Making a thread ready on another CPU
 * interrupts that CPU if the thread preempts there. Every CPU's policy is
 * changed only under the kernel lock.
 */
#include "kernel.h"
#include "arch/arm/cpu.h"
#include "arch/arm/mmu.h"

#define SUPER_PERIOD_US 1000000

static inline struct sp_sched *policy_of(struct thread *t)
{
	return &cpu_get(t->cpu)->policy;
}

/* the share running on c that may go on running, if any */
static struct sp_share *running_share(struct cpu *c)
{
	struct thread *cur = c->thread;
	return cur && cur->state == TS_READY ? &cur->share : NULL;
}

void sched_init(struct cpu *cpu)
{
	sp_init(&cpu->policy, us_to_ticks(SUPER_PERIOD_US), slice_ticks, board_counter());
}

static bool preempts(struct cpu *c, struct thread *t)
{
	return sp_preempts(&c->policy, running_share(c), &t->share);
}

bool sched_preempts(struct thread *t)
{
	return preempts(cpu_get(t->cpu), t);
}

void sched_ready(struct thread *t)
{
	if (t->paused) {
		t->state = TS_PAUSED;
		return;
	}
	t->state = TS_READY;
	struct cpu *c = cpu_get(t->cpu);
	if (t->on_cpu) {
		if (t->on_cpu != c)
			cpu_kick(t->on_cpu);   /* it runs but was moved to c */
		return;
	}
	struct sp_sched *p = &c->policy;
	sp_ready(p, &t->share);
	if (sp_preempts(p, running_share(c), &t->share))
		cpu_kick(c);
}

static __attribute__((noinline)) void unready_queued(struct thread *t)
{
	sp_unready(policy_of(t), &t->share);
}

/* (the common case, the running thread blocks, touches no queue: no call) */
void sched_unready(struct thread *t)
{
	if (t->state == TS_READY && !t->on_cpu)
		unready_queued(t);
}

void sched_yield(void)
{
	struct cpu *cpu = this_cpu();
	cpu->need_resched = true;
	cpu->policy.slice_end = 0;
}

void sched_set(struct thread *t, uint32_t prio, uint64_t quota_us)
{
	uint64_t quota = quota_us == CN_SCHED_UNLIMITED ? SP_UNLIMITED : us_to_ticks(quota_us);
	/* a running thread's share belongs to the policy of the CPU it runs on */
	struct cpu *c = t->on_cpu ? t->on_cpu : cpu_get(t->cpu);
	t->prio = prio;
	sp_set(&c->policy, &t->share, prio, quota);
	if (t == current_thread())
		sched_yield();
	else if (t->on_cpu)
		cpu_kick(t->on_cpu);           /* its CPU decides again */
	else if (t->state == TS_READY && preempts(c, t))
		cpu_kick(c);
}

/* Place t on another CPU: its share leaves the old CPU's policy and joins
 * the new one's, keeping the claim it has left in this super period. A
 * thread running elsewhere is let go by its CPU at its next decision
 * (keep_current), which kick makes prompt. */
void sched_move(struct thread *t, uint32_t cpu)
{
	if (t->cpu == cpu)
		return;
	if (t->on_cpu) {
		t->cpu = cpu;
		if (t->on_cpu->id != cpu)
			cpu_kick(t->on_cpu);
		return;
	}
	bool queued = t->state == TS_READY;
	if (queued)
		sp_unready(policy_of(t), &t->share);
	struct sp_sched *from = policy_of(t);
	t->cpu = cpu;
	sp_move(from, policy_of(t), &t->share, board_counter());
	if (queued)
		sched_ready(t);
}

uint64_t sched_used(struct thread *t)
{
	uint64_t used = t->share.used;
	if (t->on_cpu) {
		/* not charged yet: the time since its CPU's last decision */
		uint64_t now = board_counter(), last = t->on_cpu->policy.last;
		used += now > last ? now - last : 0;
	}
	return used;
}

uint64_t sched_claim_left(struct thread *t)
{
	struct sp_sched *s = t->on_cpu ? &t->on_cpu->policy : policy_of(t);
	uint64_t left = sp_claim_left(s, &t->share);
	if (t->on_cpu && s->on_claim && t->share.quota != SP_UNLIMITED) {
		uint64_t now = board_counter();
		uint64_t d = now > s->last ? now - s->last : 0;
		left = d < left ? left - d : 0;
	}
	return left;
}

/* The thread found on this CPU may have been paused or moved to another
 * CPU from elsewhere: then it leaves this CPU, and a moved one's share goes
 * to its new CPU's policy (also if it blocked meanwhile). Returns the share
 * that may go on running, or NULL. */
static struct sp_share *keep_current(struct cpu *cpu, struct thread *cur, uint64_t now)
{
	bool moved = cur->cpu != cpu->id;
	if (cur->state != TS_READY) {
		if (unlikely(moved))
			sp_move(&cpu->policy, policy_of(cur), &cur->share, now);
		return NULL;
	}
	if (likely(!cur->paused && !moved))
		return &cur->share;
	cpu_set_thread(cpu, NULL);
	if (moved)
		sp_move(&cpu->policy, policy_of(cur), &cur->share, now);
	sched_ready(cur);        /* paused: TS_PAUSED; moved: queued there */
	return NULL;
}

_Noreturn void schedule_and_return(void)
{
	struct cpu *cpu = this_cpu();
	struct sp_sched *s = &cpu->policy;
	struct thread *t = cpu->thread;
	for (;;) {
		uint64_t now = board_counter();
		struct sp_share *cur = NULL;
		if (t) {
			sp_account(s, &t->share, now);
			cur = keep_current(cpu, t, now);
		} else
			sp_account(s, NULL, now);
		struct sp_share *next = sp_schedule(s, cur, now);
		while (!next) {
			cpu_set_thread(cpu, NULL);
			/* idle: the lock released; interrupts stay masked, WFI
			 * wakes up on a pending one (an IPI when a thread is
			 * queued here). The last address space stays unless a
			 * CPU destroying it asks us to drop it (mmu.c). */
			if (cpu->drop_pd) {
				cpu->drop_pd = false;
				pd_activate(NULL);
			}
			kunlock();
			wfi();
			klock();
			irq_handle();
			now = board_counter();
			sp_account(s, NULL, now);
			next = sp_schedule(s, NULL, now);
		}
		t = cn_container_of(next, struct thread, share);
		cpu_set_thread(cpu, t);
		cpu->slice_end = sp_deadline(s, next);
		/* a deadline that passed while we decided (the CPU was stalled,
		 * e.g. a busy host under QEMU) is not programmed but asks for a
		 * new decision (need_resched): decide again rather than run
		 * without a timer (or the timer is armed for an earlier
		 * deadline, then passed too: its interrupt is pending) */
		cpu->need_resched = false;
		timer_program_next();
		if (likely(!cpu->need_resched))
			break;
	}
	pd_activate_on(cpu, t->pd);
	return_to_user(&t->regs);
}
