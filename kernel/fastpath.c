/* SPDX-License-Identifier: MIT */
/*
 * IPC fast paths, entered straight from the SVC vector for CN_SYS_CALL and
 * CN_SYS_REPLY_WAIT. They handle the common case — at most four message
 * words in registers (and, for a call, at most one capability), the partner
 * already waiting — by moving five registers. A partner on this CPU that may
 * run now is switched to without touching any queue; one on another CPU (or
 * one that must wait for its turn here) is made ready through the scheduler,
 * which interrupts its CPU, and this CPU decides what runs next. Everything
 * else goes to the general path (kernel_svc_locked()), which the lock is
 * already taken for. The capability transfer is cap_insert(), as there.
 */
#include "kernel.h"
#include "sysregs.h"
#include "arch/arm/mmu.h"

/* The fast path leaves by a branch, not a call: the functions it leaves to
 * never return, and every kernel entry starts on an empty kernel stack, so
 * no frame needs to be set up for them (a call would save lr first). */
#define LEAVE_TO(fn) do { \
	__asm__ volatile("b " #fn ::: "memory"); \
	__builtin_unreachable(); \
} while (0)
#define LEAVE_TO_1(fn, a) do { \
	register uint32_t a0_ __asm__("r0") = (uint32_t)(uintptr_t)(a); \
	__asm__ volatile("b " #fn :: "r"(a0_) : "memory"); \
	__builtin_unreachable(); \
} while (0)
#define LEAVE_TO_3(fn, a, b, c) do { \
	register uint32_t a0_ __asm__("r0") = (uint32_t)(uintptr_t)(a); \
	register uint32_t a1_ __asm__("r1") = (uint32_t)(uintptr_t)(b); \
	register uint32_t a2_ __asm__("r2") = (uint32_t)(uintptr_t)(c); \
	__asm__ volatile("b " #fn :: "r"(a0_), "r"(a1_), "r"(a2_) : "memory"); \
	__builtin_unreachable(); \
} while (0)

/* not for the fast path: the general one (the lock is held) */
#define SLOW_PATH() LEAVE_TO(kernel_svc_locked)

static inline __attribute__((always_inline)) _Noreturn void
switch_to(struct cpu *cpu, struct thread *cur, struct thread *next)
{
	cur->on_cpu = NULL;
	next->on_cpu = cpu;
	cpu->thread = next;
	pd_activate_on(cpu, next->pd);
	LEAVE_TO_1(return_to_user, &next->regs);
}

/* the partner may not run here at once (it belongs to another CPU, or
 * something queued here goes first): the caller blocks in 'state', the
 * partner is made ready where it belongs (interrupting that CPU if it
 * preempts there), and this CPU decides — what the general path does after
 * the same transfer */
_Noreturn void fastpath_hand_over(struct thread *cur, uint32_t state, struct thread *next);
_Noreturn void fastpath_hand_over(struct thread *cur, uint32_t state, struct thread *next)
{
	cur->state = state;
	sched_ready(next);
	schedule_and_return();
}

_Noreturn void fastpath_ipc(void);
_Noreturn void fastpath_ipc(void)
{
	struct cpu *cpu = this_cpu();
	struct thread *cur = cpu->thread;
	uint32_t info = msg_info(cur);

	if (sys_nr(cur) == CN_SYS_CALL) {
		/* at most 4 words and at most one capability */
		if ((info & ~CN_MSG_INFO(0, 1)) > MSG_REG_WORDS)
			SLOW_PATH();
		struct capspace *cs = &cur->pd->caps;
		uint32_t name = sys_arg(cur, 0);
		if (name >= cs->nslots)
			SLOW_PATH();
		struct cap *c = &cs->slots[name];
		if (!c->obj || c->obj->type != CN_OBJ_THREAD)
			SLOW_PATH();
		struct thread *dst = cn_container_of(c->obj, struct thread, obj);
		if (dst->state != TS_RECV || dst->paused)
			SLOW_PATH();
		if (info & CN_MSG_INFO(0, 1)) {
			/* one capability: the receiver gets a new name for it, an
			 * invalid one arrives as 0; a full cap space takes the slow
			 * path (which reports the loss) */
			if (!dst->pd->caps.free)
				SLOW_PATH();
			struct cap *src = cap_slot(cs, cur->utcb->caps[0]);
			int given = 0;
			if (src && src->obj)
				given = cap_insert(dst->pd, src->obj, src->badge);
			dst->utcb->caps[0] = (uint32_t)given;
		}
		msg_deliver(dst, cur, info, c->badge);
		dst->caller = cur;
		cur->callee = dst;
		if (unlikely(dst->cpu != cpu->id || dst->prio < cur->prio))
			LEAVE_TO_3(fastpath_hand_over, cur, TS_REPLY, dst);
		cur->state = TS_REPLY;
		dst->state = TS_READY;
		switch_to(cpu, cur, dst);
	}

	/* CN_SYS_REPLY_WAIT: at most 4 words, no capabilities */
	if (info > MSG_REG_WORDS)
		SLOW_PATH();
	struct thread *c = cur->caller;
	if (sys_arg(cur, 0) != CN_RW_REPLY || !c || c->paused || !cn_list_empty(&cur->senders) ||
	    (cur->bound && !cn_list_empty(&cur->bound->pending)))
		SLOW_PATH();
	msg_deliver(c, cur, info, 0);
	c->callee = NULL;
	cur->caller = NULL;
	if (unlikely(c->cpu != cpu->id || !sp_may_run(&cpu->policy, c->prio)))
		LEAVE_TO_3(fastpath_hand_over, cur, TS_RECV, c);
	cur->state = TS_RECV;
	c->state = TS_READY;
	switch_to(cpu, cur, c);
}
