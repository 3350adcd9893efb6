/* SPDX-License-Identifier: MIT */
/*
 * Time: the free-running counter, per-thread one-shot timeouts that fire a
 * signal (the basis of the timer service), and each CPU's kernel timer that
 * serves both them and the scheduler's time slices. A timeout is kept by
 * the CPU its thread ran on when it set it (a thread sets only its own).
 */
#include "syscall.h"

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

/* The deadline each CPU's timer is armed for; 0: none known (not armed
 * yet, or it fired: timeout_check() clears it). */
static uint64_t armed_at[CN_NR_CPUS];

static uint64_t first_timeout(struct cpu *cpu)
{
	if (cn_list_empty(&cpu->timeouts))
		return ~0ull;
	return cn_container_of(cn_list_first(&cpu->timeouts), struct thread, timeout_elem)->timeout_at;
}

static __attribute__((noinline)) void timer_arm(struct cpu *cpu)
{
	uint64_t first = first_timeout(cpu), next = first;
	if (cpu->thread) {
		if (cpu->slice_end > board_counter()) {
			if (cpu->slice_end < next)
				next = cpu->slice_end;
		} else
			cpu->need_resched = true;    /* the slice has ended */
	}
	armed_at[cpu->id] = next;
	board_timer_set(next);
}

/* Program the kernel timer for the next event: the end of the running
 * thread's slice or the earliest timeout. A timer armed no later than that
 * is left alone (the common case when an idle CPU wakes up: a new slice
 * ends after the old one): it fires early at worst, and timeout_check()
 * then programs it again. A slice that has already ended is left out
 * (programming a passed deadline would keep the level-triggered timer
 * interrupt asserted) and asks for a new decision: need_resched makes the
 * scheduler run before the thread returns to user mode and start a new
 * slice. */
void timer_program_next(void)
{
	struct cpu *cpu = this_cpu();
	uint64_t next = first_timeout(cpu);
	if (cpu->thread && cpu->slice_end < next)
		next = cpu->slice_end;
	uint64_t armed = armed_at[cpu->id];
	if (!armed || armed > next)
		timer_arm(cpu);
}

void timeout_cancel(struct thread *t)
{
	cn_list_remove(&t->timeout_elem);
	cn_list_remove(&t->tmo_user_elem);
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
	cn_list_insert_tail(&ctx->tmo_users, &t->tmo_user_elem);
	/* by deadline: before the first that is due later */
	struct cn_list *list = &this_cpu()->timeouts;
	struct cn_list_elem *pos = cn_list_first(list);
	while (pos && cn_container_of(pos, struct thread, timeout_elem)->timeout_at <= t->timeout_at)
		pos = cn_list_next(list, pos);
	if (pos)
		cn_list_insert_before(pos, &t->timeout_elem);
	else
		cn_list_insert_tail(list, &t->timeout_elem);
	timer_program_next();
}

void timeout_check(void)
{
	uint64_t now = board_counter();
	armed_at[this_cpu()->id] = 0;         /* it fired */
	struct cn_list *list = &this_cpu()->timeouts;
	while (!cn_list_empty(list)) {
		struct thread *t = cn_container_of(cn_list_first(list), struct thread, timeout_elem);
		if (t->timeout_at > now)
			break;
		struct sig_ctx *c = t->timeout_ctx;
		timeout_cancel(t);
		if (c)
			sig_submit(c, 1);
	}
	timer_program_next();
}

int sys_timeout(struct thread *cur)
{
	int err;
	struct sig_ctx *c = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_SIG_CTX, NULL, &err);
	if (c)
		timeout_set(cur, c, ((uint64_t)sys_arg(cur, 2) << 32) | sys_arg(cur, 1));
	return err;
}
