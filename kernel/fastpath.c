/*
 * IPC fast paths, entered straight from the SVC vector for CN_SYS_CALL and
 * CN_SYS_REPLY_WAIT. They handle the common case — at most four message
 * words in registers, no capabilities, the partner already waiting and
 * allowed to run now on this CPU — by moving five registers and switching
 * threads without touching any queue. Everything else goes to kernel_svc().
 */
#include "kernel.h"

static inline _Noreturn void switch_to(struct cpu *cpu, struct thread *cur, struct thread *next)
{
	cpu->thread = next;
	if (next->pd != cur->pd)
		pd_activate(next->pd);
	return_to_user(&next->regs);
}

_Noreturn void fastpath_ipc(void);
_Noreturn void fastpath_ipc(void)
{
	struct cpu *cpu = this_cpu();
	struct thread *cur = cpu->thread;
	uint32_t *r = cur->regs.r;
	uint32_t info = r[1];

	if (info > 4)                              /* long message or capabilities */
		kernel_svc();

	if (r[7] == CN_SYS_CALL) {
		struct capspace *cs = &cur->pd->caps;
		uint32_t name = r[0];
		if (name >= cs->nslots)
			kernel_svc();
		struct cap *c = &cs->slots[name];
		struct kobj *o = c->obj;
		if (!o || o->type != CN_OBJ_THREAD)
			kernel_svc();
		struct thread *dst = kcontainer_of(o, struct thread, obj);
		if (dst->state != TS_RECV || dst->prio < cur->prio || dst->paused)
			kernel_svc();
		uint32_t *d = dst->regs.r;
		d[0] = CN_OK; d[1] = info;
		d[2] = r[2]; d[3] = r[3]; d[4] = r[4]; d[5] = r[5];
		d[6] = c->badge;
		dst->caller = cur;
		cur->callee = dst;
		cur->state = TS_REPLY;
		dst->state = TS_READY;
		switch_to(cpu, cur, dst);
	}

	/* CN_SYS_REPLY_WAIT */
	struct thread *c = cur->caller;
	if (r[0] != CN_RW_REPLY || !c || c->paused || !klist_empty(&cur->senders) ||
	    !sched_may_run(c->prio))
		kernel_svc();
	uint32_t *d = c->regs.r;
	d[0] = CN_OK; d[1] = info;
	d[2] = r[2]; d[3] = r[3]; d[4] = r[4]; d[5] = r[5];
	d[6] = 0;
	c->callee = NULL;
	cur->caller = NULL;
	cur->state = TS_RECV;
	c->state = TS_READY;
	switch_to(cpu, cur, c);
}
