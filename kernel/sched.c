/*
 * The scheduler: one run queue per priority (0..CN_PRIO_MAX) with a bitmap,
 * round robin within a priority, time slices driven by the kernel timer.
 * The running thread is not in a run queue ("lazy" queueing): IPC that
 * blocks the caller and runs the callee touches no queue at all.
 */
#include "kernel.h"
#include "arch/arm/cpu.h"

#define SLICE_US 10000

static struct klist runq[CN_PRIO_MAX + 1];
static uint32_t     runq_bits;

void sched_init(void)
{
	for (unsigned i = 0; i <= CN_PRIO_MAX; i++)
		klist_init(&runq[i]);
}

static inline int top_prio(void)
{
	return runq_bits ? 31 - __builtin_clz(runq_bits) : -1;
}

bool sched_preempts(struct thread *t)
{
	struct thread *cur = current_thread();
	return !cur || cur->state != TS_READY || t->prio > cur->prio;
}

/* may a thread of priority 'prio' run now instead of everything queued? */
bool sched_may_run(uint32_t prio)
{
	return (int)prio >= top_prio();
}

static void enqueue(struct thread *t)
{
	klist_add_tail(&runq[t->prio], &t->rq);
	runq_bits |= 1u << t->prio;
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
	enqueue(t);
	if (sched_preempts(t))
		this_cpu()->need_resched = true;
}

void sched_unready(struct thread *t)
{
	if (t->state != TS_READY || t == current_thread() || t->rq.next == &t->rq)
		return;
	klist_del(&t->rq);
	if (klist_empty(&runq[t->prio]))
		runq_bits &= ~(1u << t->prio);
}

void sched_yield(void)
{
	this_cpu()->need_resched = true;
	this_cpu()->slice_end = 0;
}

static struct thread *pick(void)
{
	int p = top_prio();
	if (p < 0)
		return NULL;
	struct thread *t = kcontainer_of(runq[p].next, struct thread, rq);
	klist_del(&t->rq);
	if (klist_empty(&runq[p]))
		runq_bits &= ~(1u << p);
	return t;
}

_Noreturn void schedule_and_return(void)
{
	struct cpu *cpu = this_cpu();
	struct thread *cur = cpu->thread;
	cpu->need_resched = false;
	if (cur && cur->state == TS_READY) {
		int p = top_prio();
		uint64_t now = board_counter();
		bool expired = now >= cpu->slice_end;
		if (p < (int)cur->prio || (p == (int)cur->prio && !expired)) {
			if (expired) {
				cpu->slice_end = now + us_to_ticks(SLICE_US);
				timer_program_next();
			}
			pd_activate(cur->pd);
			return_to_user(&cur->regs);
		}
		enqueue(cur);
	}
	struct thread *next;
	while (!(next = pick())) {
		cpu->thread = NULL;
		/* idle: interrupts stay masked, WFI wakes up on a pending one */
		wfi();
		irq_handle();
	}
	cpu->thread = next;
	cpu->slice_end = board_counter() + us_to_ticks(SLICE_US);
	timer_program_next();
	pd_activate(next->pd);
	return_to_user(&next->regs);
}

