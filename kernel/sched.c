/*
 * The scheduler: the claims-and-fills policy of sched_policy.c (priorities
 * with CPU quota per super period, round robin fills) applied to threads,
 * with time slices driven by the kernel timer. The running thread is not
 * in a run queue ("lazy" queueing): IPC that blocks the caller and runs the
 * callee touches no queue at all. Time is charged to the thread found on
 * the CPU at each scheduling decision (a fast-path IPC partner runs on the
 * rest of its caller's slice).
 */
#include "kernel.h"
#include "arch/arm/cpu.h"

#define SLICE_US        10000
#define SUPER_PERIOD_US 1000000

static struct sp_sched policy;

void sched_init(void)
{
	sp_init(&policy, us_to_ticks(SUPER_PERIOD_US), us_to_ticks(SLICE_US), board_counter());
}

static struct sp_share *running_share(void)
{
	struct thread *cur = current_thread();
	return cur && cur->state == TS_READY ? &cur->share : NULL;
}

bool sched_preempts(struct thread *t)
{
	return sp_preempts(&policy, running_share(), &t->share);
}

/* may a thread of priority 'prio' run now instead of everything queued? */
bool sched_may_run(uint32_t prio)
{
	return sp_may_run(&policy, prio);
}

void sched_ready(struct thread *t)
{
	if (t->paused) {
		t->state = TS_PAUSED;
		return;
	}
	t->state = TS_READY;
	if (t == current_thread())
		return;
	sp_ready(&policy, &t->share);
	if (sched_preempts(t))
		this_cpu()->need_resched = true;
}

void sched_unready(struct thread *t)
{
	if (t->state != TS_READY || t == current_thread())
		return;
	sp_unready(&policy, &t->share);
}

void sched_yield(void)
{
	this_cpu()->need_resched = true;
	policy.slice_end = 0;
}

void sched_set(struct thread *t, uint32_t prio, uint64_t quota_us)
{
	uint64_t quota = quota_us == CN_SCHED_UNLIMITED ? SP_UNLIMITED : us_to_ticks(quota_us);
	t->prio = prio;
	sp_set(&policy, &t->share, prio, quota);
	if (t == current_thread())
		sched_yield();
	else if (t->state == TS_READY && sched_preempts(t))
		this_cpu()->need_resched = true;
}

uint64_t sched_used(struct thread *t)
{
	uint64_t used = t->share.used;
	if (t == current_thread()) {
		uint64_t now = board_counter();
		used += now > policy.last ? now - policy.last : 0;
	}
	return used;
}

uint64_t sched_claim_left(struct thread *t)
{
	return sp_claim_left(&policy, &t->share);
}

_Noreturn void schedule_and_return(void)
{
	struct cpu *cpu = this_cpu();
	struct thread *t = cpu->thread;
	cpu->need_resched = false;
	for (;;) {
		uint64_t now = board_counter();
		sp_account(&policy, t ? &t->share : NULL, now);
		struct sp_share *next = sp_schedule(&policy, running_share(), now);
		while (!next) {
			cpu->thread = NULL;
			/* idle: interrupts stay masked, WFI wakes up on a pending one */
			wfi();
			irq_handle();
			now = board_counter();
			sp_account(&policy, NULL, now);
			next = sp_schedule(&policy, NULL, now);
		}
		t = kcontainer_of(next, struct thread, share);
		cpu->thread = t;
		cpu->slice_end = sp_deadline(&policy, next);
		/* a deadline that passed while we decided (the CPU was stalled,
		 * e.g. a busy host under QEMU) would never be programmed:
		 * decide again rather than run without a timer */
		if (cpu->slice_end > board_counter())
			break;
	}
	timer_program_next();
	pd_activate(t->pd);
	return_to_user(&t->regs);
}
