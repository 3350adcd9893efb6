/*
 * Time: the free-running counter, per-thread one-shot timeouts that fire a
 * signal (the basis of the timer service), and each CPU's kernel timer that
 * serves both them and the scheduler's time slices. A timeout is kept by
 * the CPU its thread ran on when it set it (a thread sets only its own).
 */
#include "kernel.h"

#define SLICE_US 10000

/* a time slice in counter ticks (time_init()): no division when switching */
uint64_t slice_ticks;

uint64_t us_to_ticks(uint64_t us)
{
	uint64_t hz = board_counter_hz();
	if (us > 0xffffffffffffffffull / hz)
		return 0xffffffffffffffffull;
	return us * hz / 1000000u;
}

void time_init(void)
{
	slice_ticks = us_to_ticks(SLICE_US);
}

/* Program the kernel timer for the next event: the end of the running
 * thread's slice or the earliest timeout. A slice that has already ended is
 * left out (programming a passed deadline would keep the level-triggered
 * timer interrupt asserted) and asks for a new decision: need_resched makes
 * the scheduler run before the thread returns to user mode and start a new
 * slice. */
void timer_program_next(void)
{
	uint64_t now = board_counter();    /* first: nothing to keep across the call */
	struct cpu *cpu = this_cpu();
	uint64_t next = ~0ull;
	if (cpu->thread) {
		if (cpu->slice_end > now)
			next = cpu->slice_end;
		else
			cpu->need_resched = true;
	}
	if (!klist_empty(&cpu->timeouts)) {
		struct thread *t = kcontainer_of(cpu->timeouts.next, struct thread, timeout_elem);
		if (t->timeout_at < next)
			next = t->timeout_at;
	}
	board_timer_set(next);
}

void timeout_cancel(struct thread *t)
{
	klist_del(&t->timeout_elem);
	klist_del(&t->tmo_user_elem);
	t->timeout_ctx = NULL;
}

void timeout_set(struct thread *t, struct sig_ctx *ctx, uint64_t us)
{
	timeout_cancel(t);
	if (us == 0)
		return;
	uint64_t now = board_counter();
	uint64_t ticks = us_to_ticks(us);
	t->timeout_at = ticks > ~0ull - now ? ~0ull : now + ticks;
	t->timeout_ctx = ctx;
	klist_add_tail(&ctx->tmo_users, &t->tmo_user_elem);
	struct klist *list = &this_cpu()->timeouts;
	struct klist *pos = list->next;
	while (pos != list &&
	       kcontainer_of(pos, struct thread, timeout_elem)->timeout_at <= t->timeout_at)
		pos = pos->next;
	klist_add_tail(pos, &t->timeout_elem);   /* insert before pos */
	timer_program_next();
}

void timeout_check(void)
{
	uint64_t now = board_counter();
	struct klist *list = &this_cpu()->timeouts;
	while (!klist_empty(list)) {
		struct thread *t = kcontainer_of(list->next, struct thread, timeout_elem);
		if (t->timeout_at > now)
			break;
		struct sig_ctx *c = t->timeout_ctx;
		timeout_cancel(t);
		if (c)
			sig_submit(c, 1);
	}
	timer_program_next();
}
