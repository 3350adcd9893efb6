/*
 * The scheduler: per CPU, one run queue per priority (0..CN_PRIO_MAX) with a
 * bitmap, round robin within a priority, time slices driven by that CPU's
 * timer. The running thread is not in a run queue ("lazy" queueing): IPC
 * that blocks the caller and runs the callee touches no queue at all. A
 * thread is queued on the CPU it belongs to (t->cpu); making it ready on
 * another CPU interrupts that CPU if it should switch.
 */
#include "kernel.h"
#include "arch/arm/cpu.h"

void sched_init(struct cpu *cpu)
{
	for (unsigned i = 0; i <= CN_PRIO_MAX; i++)
		klist_init(&cpu->sched.runq[i]);
	cpu->sched.bits = 0;
}

static inline int top_prio(struct sched *s)
{
	return s->bits ? 31 - __builtin_clz(s->bits) : -1;
}

static bool preempts(struct cpu *c, struct thread *t)
{
	struct thread *cur = c->thread;
	return !cur || cur->state != TS_READY || t->prio > cur->prio;
}

bool sched_preempts(struct thread *t)
{
	return preempts(cpu_get(t->cpu), t);
}

/* may a thread of priority 'prio' run now instead of everything queued on
 * this CPU? */
bool sched_may_run(uint32_t prio)
{
	return (int)prio >= top_prio(&this_cpu()->sched);
}

static void enqueue(struct sched *s, struct thread *t)
{
	klist_add_tail(&s->runq[t->prio], &t->rq);
	s->bits |= 1u << t->prio;
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
	enqueue(&c->sched, t);
	if (preempts(c, t))
		cpu_kick(c);
}

void sched_unready(struct thread *t)
{
	struct cpu *c = cpu_get(t->cpu);
	if (t->state != TS_READY || t->on_cpu || t->rq.next == &t->rq)
		return;
	klist_del(&t->rq);
	if (klist_empty(&c->sched.runq[t->prio]))
		c->sched.bits &= ~(1u << t->prio);
}

void sched_yield(void)
{
	this_cpu()->need_resched = true;
	this_cpu()->slice_end = 0;
}

static struct thread *pick(struct sched *s)
{
	int p = top_prio(s);
	if (p < 0)
		return NULL;
	struct thread *t = kcontainer_of(s->runq[p].next, struct thread, rq);
	klist_del(&t->rq);
	if (klist_empty(&s->runq[p]))
		s->bits &= ~(1u << p);
	return t;
}

/* The running thread may have been paused or moved to another CPU from
 * elsewhere: then it leaves this CPU. Returns true if it stays. */
static bool keep_current(struct cpu *cpu, struct thread *cur)
{
	if (likely(!cur->paused && cur->cpu == cpu->id))
		return true;
	cpu_set_thread(cpu, NULL);
	sched_ready(cur);        /* paused: TS_PAUSED; moved: queued there */
	return false;
}

_Noreturn void schedule_and_return(void)
{
	struct cpu *cpu = this_cpu();
	struct thread *cur = cpu->thread;
	cpu->need_resched = false;
	if (cur && cur->state == TS_READY && keep_current(cpu, cur)) {
		int p = top_prio(&cpu->sched);
		uint64_t now = board_counter();
		bool expired = now >= cpu->slice_end;
		if (p < (int)cur->prio || (p == (int)cur->prio && !expired)) {
			if (expired) {
				cpu->slice_end = now + slice_ticks;
				timer_program_next();
			}
			pd_activate(cur->pd);
			return_to_user(&cur->regs);
		}
		enqueue(&cpu->sched, cur);
	}
	struct thread *next;
	while (!(next = pick(&cpu->sched))) {
		cpu_set_thread(cpu, NULL);
		/* idle: the lock released; interrupts stay masked, WFI wakes
		 * up on a pending one (an IPI when a thread is queued here).
		 * The last address space stays unless a CPU destroying it asks
		 * us to drop it (mmu.c). */
		if (cpu->drop_pd) {
			cpu->drop_pd = false;
			pd_activate(NULL);
		}
		kunlock();
		wfi();
		klock();
		irq_handle();
	}
	cpu_set_thread(cpu, next);
	cpu->slice_end = board_counter() + slice_ticks;
	timer_program_next();
	pd_activate(next->pd);
	return_to_user(&next->regs);
}
