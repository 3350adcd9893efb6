/*
 * IPC fast paths, entered straight from the SVC vector for CN_SYS_CALL and
 * CN_SYS_REPLY_WAIT. They handle the common case — at most four message
 * words in registers (and, for a call, at most one capability), the partner
 * already waiting — by moving five registers. A partner on this CPU that may
 * run now is switched to without touching any queue; one on another CPU (or
 * one that must wait for its turn here) is made ready through the scheduler,
 * which interrupts its CPU, and this CPU decides what runs next. Everything
 * else goes to kernel_svc().
 */
#include "kernel.h"

static inline _Noreturn void switch_to(struct cpu *cpu, struct thread *cur, struct thread *next)
{
	cur->on_cpu = NULL;
	next->on_cpu = cpu;
	cpu->thread = next;
	if (next->pd != cur->pd)
		pd_activate(next->pd);
	return_to_user(&next->regs);
}

/* the partner may not run here at once (it belongs to another CPU, or
 * something queued here goes first): the caller blocks in 'state', the
 * partner is made ready where it belongs (interrupting that CPU if it
 * preempts there), and this CPU decides — what the general path does after
 * the same transfer */
static __attribute__((noinline)) _Noreturn void hand_over(struct thread *cur, uint32_t state,
                                                          struct thread *next)
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
	uint32_t *r = cur->regs.r;
	uint32_t info = r[1];

	if (r[7] == CN_SYS_CALL) {
		/* at most 4 words and at most one capability */
		if (info & ~(0x7u | CN_MSG_INFO(0, 1)) || CN_MSG_INFO_WORDS(info) > 4)
			kernel_svc();
		struct capspace *cs = &cur->pd->caps;
		uint32_t name = r[0];
		if (name >= cs->nslots)
			kernel_svc();
		struct cap *c = &cs->slots[name];
		struct kobj *o = c->obj;
		if (!o || o->type != CN_OBJ_THREAD)
			kernel_svc();
		struct thread *dst = kcontainer_of(o, struct thread, obj);
		if (dst->state != TS_RECV || dst->paused)
			kernel_svc();
		if (info & CN_MSG_INFO(0, 1)) {
			/* one capability: the receiver gets a new name for it, an
			 * invalid one arrives as 0; a full cap space takes the slow
			 * path (which reports the loss) */
			struct capspace *ds = &dst->pd->caps;
			struct cap *slot = ds->free;
			if (!slot)
				kernel_svc();
			uint32_t tn = cur->utcb->caps[0];
			uint32_t given = 0;
			if (tn < cs->nslots && cs->slots[tn].obj) {
				struct cap *src = &cs->slots[tn];
				struct kobj *to = src->obj;
				ds->free = slot->next;
				slot->obj = to;
				slot->badge = src->badge;
				slot->prev = NULL;
				slot->next = to->caps;
				to->caps->prev = slot;   /* src is on the list: not empty */
				to->caps = slot;
				given = (uint32_t)(slot - ds->slots);
			}
			dst->utcb->caps[0] = given;
		}
		uint32_t *d = dst->regs.r;
		d[0] = CN_OK; d[1] = info;
		d[2] = r[2]; d[3] = r[3]; d[4] = r[4]; d[5] = r[5];
		d[6] = c->badge;
		dst->caller = cur;
		cur->callee = dst;
		if (unlikely(dst->cpu != cpu->id || dst->prio < cur->prio))
			hand_over(cur, TS_REPLY, dst);
		cur->state = TS_REPLY;
		dst->state = TS_READY;
		switch_to(cpu, cur, dst);
	}

	/* CN_SYS_REPLY_WAIT: at most 4 words, no capabilities */
	if (info > 4)
		kernel_svc();
	struct thread *c = cur->caller;
	if (r[0] != CN_RW_REPLY || !c || c->paused || !klist_empty(&cur->senders) ||
	    (cur->bound && !klist_empty(&cur->bound->pending)))
		kernel_svc();
	uint32_t *d = c->regs.r;
	d[0] = CN_OK; d[1] = info;
	d[2] = r[2]; d[3] = r[3]; d[4] = r[4]; d[5] = r[5];
	d[6] = 0;
	c->callee = NULL;
	cur->caller = NULL;
	if (unlikely(c->cpu != cpu->id || !sp_may_run(&cpu->policy, c->prio)))
		hand_over(cur, TS_RECV, c);
	cur->state = TS_RECV;
	c->state = TS_READY;
	switch_to(cpu, cur, c);
}
