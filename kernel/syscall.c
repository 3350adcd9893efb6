/*
 * System-call dispatch (the slow path; IPC fast paths are in fastpath.c),
 * the privileged calls core uses to create objects, map memory and control
 * threads, and the C entry points for exceptions and interrupts. Every
 * argument is validated here: no value from user space may crash the kernel.
 */
#include "kernel.h"
#include "arch/arm/cpu.h"
#include <cn/util/string.h>

_Static_assert(sizeof(struct thread) <= CN_OBJ_MEM_THREAD, "thread object too big");
_Static_assert(sizeof(struct pd) <= CN_OBJ_MEM_PD - 8192, "pd object too big");
_Static_assert(sizeof(struct sig_recv) <= CN_OBJ_MEM_SIG_RECV, "receiver too big");
_Static_assert(sizeof(struct sig_ctx) <= CN_OBJ_MEM_SIG_CTX, "context too big");
_Static_assert(sizeof(struct irq) <= CN_OBJ_MEM_IRQ, "irq too big");
_Static_assert(sizeof(struct cap) == CN_CAP_SLOT_SIZE, "cap slot size");
_Static_assert(sizeof(struct cn_utcb) == PAGE_SIZE, "utcb size");
_Static_assert(offsetof(struct thread, utcb_virt) == 68, "entry.S expects the UTCB address at +68");
_Static_assert(TS_READY == CN_THREAD_READY && TS_SEND == CN_THREAD_SEND &&
               TS_REPLY == CN_THREAD_REPLY && TS_RECV == CN_THREAD_RECV &&
               TS_SIGNAL == CN_THREAD_SIGNAL && TS_PAUSED == CN_THREAD_PAUSED &&
               TS_FAULTED == CN_THREAD_FAULTED && TS_STOPPED == CN_THREAD_STOPPED,
               "thread states are ABI");

#define ARG(i) (cur->regs.r[i])
#define RET(i) (cur->regs.r[i])

/* A handler returns this when a thread it works on is running on another
 * CPU: it has asked that CPU to take the thread off (thread_kick_off) and
 * changed nothing else; the call is restarted (syscall_dispatch). */
#define RESTART 2

static struct thread *thread_arg(struct thread *cur, uint32_t name, int *err)
{
	struct kobj *o = cap_lookup(cur->pd, name, CN_OBJ_NONE, NULL);
	*err = !o ? CN_ERR_CAP : o->type != CN_OBJ_THREAD ? CN_ERR_TYPE : CN_OK;
	return *err ? NULL : kcontainer_of(o, struct thread, obj);
}

static void *obj_arg(struct thread *cur, uint32_t name, uint32_t type, int *err)
{
	struct kobj *o = cap_lookup(cur->pd, name, CN_OBJ_NONE, NULL);
	*err = !o ? CN_ERR_CAP : o->type != type ? CN_ERR_TYPE : CN_OK;
	return *err ? NULL : o;
}

/* ------------------------------------------------------------ create */

static int sys_create(struct thread *cur)
{
	uint32_t type = ARG(0), phys = ARG(1);
	struct kobj *obj;
	int err;
	switch (type) {
	case CN_OBJ_THREAD: {
		struct pd *pd = obj_arg(cur, ARG(2), CN_OBJ_PD, &err);
		if (err)
			return err;
		uint32_t utcb_phys = ARG(3), utcb_virt = ARG(4);
		if (!kmem_usable(phys, CN_OBJ_MEM_THREAD, 64) ||
		    !kmem_usable(utcb_phys, PAGE_SIZE, PAGE_SIZE))
			return CN_ERR_NOMEM;
		if (utcb_virt & (PAGE_SIZE - 1) || utcb_virt >= USER_TOP)
			return CN_ERR_INVALID;
		struct thread *t = phys_to_virt(phys);
		thread_init(t, pd, phys_to_virt(utcb_phys), utcb_virt);
		t->cpu = cur->cpu;           /* the creator's CPU */
		cn_memcpy(t->name, cur->utcb->msg, sizeof(t->name) - 1);
		t->name[sizeof(t->name) - 1] = 0;
		obj = &t->obj;
		break; }
	case CN_OBJ_PD: {
		uint32_t ct = ARG(2), slots = ARG(3);
		if (slots < 2 || slots > 65536)
			return CN_ERR_INVALID;
		if (!kmem_usable(phys, CN_OBJ_MEM_PD, 8192) ||
		    !kmem_usable(ct, slots * CN_CAP_SLOT_SIZE, 16))
			return CN_ERR_NOMEM;
		if (ct < phys + CN_OBJ_MEM_PD && phys < ct + slots * CN_CAP_SLOT_SIZE)
			return CN_ERR_NOMEM;
		struct pd *pd = (struct pd *)((char *)phys_to_virt(phys) + 8192);
		err = pd_init(pd, phys_to_virt(phys), phys_to_virt(ct), slots);
		if (err)
			return err;
		obj = &pd->obj;
		break; }
	case CN_OBJ_SIG_RECV: {
		if (!kmem_usable(phys, CN_OBJ_MEM_SIG_RECV, 8))
			return CN_ERR_NOMEM;
		struct sig_recv *r = phys_to_virt(phys);
		sig_recv_init(r);
		obj = &r->obj;
		break; }
	case CN_OBJ_SIG_CTX: {
		struct sig_recv *r = obj_arg(cur, ARG(2), CN_OBJ_SIG_RECV, &err);
		if (err)
			return err;
		if (!kmem_usable(phys, CN_OBJ_MEM_SIG_CTX, 8))
			return CN_ERR_NOMEM;
		struct sig_ctx *c = phys_to_virt(phys);
		sig_ctx_init(c, r, ARG(3));
		obj = &c->obj;
		break; }
	case CN_OBJ_IRQ: {
		struct sig_ctx *c = obj_arg(cur, ARG(3), CN_OBJ_SIG_CTX, &err);
		if (err)
			return err;
		if (!kmem_usable(phys, CN_OBJ_MEM_IRQ, 8))
			return CN_ERR_NOMEM;
		struct irq *irq = phys_to_virt(phys);
		err = irq_create(irq, ARG(2), c);
		if (err)
			return err;
		obj = &irq->obj;
		break; }
	default:
		return CN_ERR_INVALID;
	}
	int name = cap_insert(cur->pd, obj, 0);
	if (name < 0) {
		/* undo: nobody else can know the object yet */
		switch (type) {
		case CN_OBJ_THREAD: thread_destroy(kcontainer_of(obj, struct thread, obj)); break;
		case CN_OBJ_PD:     pd_destroy(kcontainer_of(obj, struct pd, obj)); break;
		case CN_OBJ_IRQ:    irq_destroy(kcontainer_of(obj, struct irq, obj)); break;
		case CN_OBJ_SIG_CTX: sig_ctx_destroy(kcontainer_of(obj, struct sig_ctx, obj)); break;
		default: obj->type = CN_OBJ_NONE; break;
		}
		return name;
	}
	RET(1) = (uint32_t)name;
	return CN_OK;
}

/* Does any thread of pd run on another CPU? Those are asked to stop. */
static bool pd_threads_kicked(struct pd *pd)
{
	bool kicked = false;
	for (struct klist *e = pd->threads.next; e != &pd->threads; e = e->next) {
		struct thread *t = kcontainer_of(e, struct thread, pd_elem);
		if (thread_running_elsewhere(t)) {
			thread_kick_off(t);
			kicked = true;
		}
	}
	return kicked;
}

void pd_destroy(struct pd *pd)
{
	kobj_revoke(&pd->obj);
	while (!klist_empty(&pd->threads)) {
		struct thread *t = kcontainer_of(pd->threads.next, struct thread, pd_elem);
		thread_destroy(t);
	}
	capspace_clear(&pd->caps);
	pd_release_mmu(pd);
	pd->obj.type = CN_OBJ_NONE;
}

static int sys_destroy(struct thread *cur)
{
	struct kobj *o = cap_lookup(cur->pd, ARG(0), CN_OBJ_NONE, NULL);
	if (!o)
		return CN_ERR_CAP;
	switch (o->type) {
	case CN_OBJ_THREAD: {
		struct thread *t = kcontainer_of(o, struct thread, obj);
		if (thread_running_elsewhere(t)) {
			thread_kick_off(t);
			return RESTART;
		}
		thread_destroy(t);
		break; }
	case CN_OBJ_PD: {
		struct pd *pd = kcontainer_of(o, struct pd, obj);
		if (pd->privileged)
			return CN_ERR_INVALID;
		if (pd_threads_kicked(pd) | pd_kick_idle(pd))
			return RESTART;
		pd_destroy(pd);
		break; }
	case CN_OBJ_SIG_RECV: sig_recv_destroy(kcontainer_of(o, struct sig_recv, obj)); break;
	case CN_OBJ_SIG_CTX:  sig_ctx_destroy(kcontainer_of(o, struct sig_ctx, obj)); break;
	case CN_OBJ_IRQ:      irq_destroy(kcontainer_of(o, struct irq, obj)); break;
	default:              return CN_ERR_TYPE;
	}
	/* the caller's own slot was cleared by the revocation; free it */
	cap_drop(cur->pd, ARG(0));
	return CN_OK;
}

/* ------------------------------------------------------------ threads */

static int sys_thread_ctl(struct thread *cur, uint32_t call)
{
	int err;
	struct thread *t = thread_arg(cur, ARG(0), &err);
	if (!t)
		return err;
	switch (call) {
	case CN_SYS_THREAD_START:
		if (t->state != TS_INACTIVE)
			return CN_ERR_STATE;
		if (ARG(1) >= USER_TOP || ARG(1) & 3 || ARG(2) > USER_TOP)
			return CN_ERR_INVALID;
		t->regs.pc = ARG(1);
		t->regs.sp = ARG(2);
		t->regs.r[0] = ARG(3);
		t->regs.cpsr = CPSR_MODE_USR;
		thread_wake(t);
		return CN_OK;
	case CN_SYS_THREAD_PAUSE:
		if (thread_running_elsewhere(t)) {
			thread_kick_off(t);
			return RESTART;
		}
		t->paused = true;
		if (t->state == TS_READY) {
			sched_unready(t);
			t->state = TS_PAUSED;
		}
		return CN_OK;
	case CN_SYS_THREAD_RESUME:
		t->paused = false;
		if (t->state == TS_STOPPED)
			t->regs.r[0] = CN_OK;
		if (t->state == TS_PAUSED || t->state == TS_FAULTED || t->state == TS_STOPPED) {
			t->fault_type = CN_FAULT_NONE;
			thread_wake(t);
		}
		return CN_OK;
	case CN_SYS_THREAD_PAGER: {
		struct sig_ctx *c = NULL;
		if (ARG(1)) {
			c = obj_arg(cur, ARG(1), CN_OBJ_SIG_CTX, &err);
			if (err)
				return err;
		}
		klist_del(&t->pager_elem);
		t->pager = c;
		if (c)
			klist_add_tail(&c->pager_users, &t->pager_elem);
		return CN_OK; }
	case CN_SYS_THREAD_REGS: {
		uint32_t *buf = cur->utcb->msg;
		if (ARG(1) == 0) {
			cn_memcpy(buf, &t->regs, sizeof(t->regs));
			return CN_OK;
		}
		if (ARG(1) != 1)
			return CN_ERR_INVALID;
		if (t == cur)
			return CN_ERR_STATE;
		if (thread_running_elsewhere(t))
			return CN_ERR_BUSY;   /* its registers are not saved */
		cn_memcpy(&t->regs, buf, sizeof(t->regs));
		/* user mode, ARM state, interrupts on: whatever the caller asked */
		t->regs.cpsr = (t->regs.cpsr & 0xf80f0000u) | CPSR_MODE_USR;
		return CN_OK; }
	case CN_SYS_THREAD_FAULT:
		RET(1) = t->fault_type;
		RET(2) = t->fault_addr;
		RET(3) = t->fault_pc;
		RET(4) = t->fault_status;
		RET(5) = t->state;
		return CN_OK;
	case CN_SYS_THREAD_PRIO:
		if (ARG(1) > CN_PRIO_MAX)
			return CN_ERR_INVALID;
		sched_set(t, ARG(1), t->sched_quota_us);
		return CN_OK;
	case CN_SYS_THREAD_SCHED:
		if (ARG(1) > CN_PRIO_MAX ||
		    (ARG(2) > CN_SCHED_SUPER_PERIOD_US && ARG(2) != CN_SCHED_UNLIMITED))
			return CN_ERR_INVALID;
		t->sched_quota_us = ARG(2);
		sched_set(t, ARG(1), ARG(2));
		return CN_OK;
	case CN_SYS_THREAD_INFO: {
		uint64_t used = sched_used(t), left = sched_claim_left(t);
		RET(1) = (uint32_t)used;
		RET(2) = (uint32_t)(used >> 32);
		RET(3) = board_counter_hz();
		RET(4) = left > 0xffffffffu ? 0xffffffffu : (uint32_t)left;
		RET(5) = t->share.prio;
		RET(6) = t->sched_quota_us;
		return CN_OK; }
	case CN_SYS_THREAD_CPU:
		if (ARG(1) == CN_THREAD_CPU_QUERY) {
			RET(1) = t->cpu;
			RET(2) = t->on_cpu ? t->on_cpu->id : CN_THREAD_CPU_NONE;
			return CN_OK;
		}
		if (ARG(1) >= nr_cpus)
			return CN_ERR_INVALID;
		sched_move(t, ARG(1));
		return CN_OK;
	}
	return CN_ERR_NOSYS;
}

/* ------------------------------------------------------------ dispatch */

static __attribute__((noinline)) int sys_privileged(struct thread *cur, uint32_t call)
{
	int err;
	switch (call) {
	case CN_SYS_CREATE:  return sys_create(cur);
	case CN_SYS_DESTROY: return sys_destroy(cur);
	case CN_SYS_MAP: {
		struct pd *pd = obj_arg(cur, ARG(0), CN_OBJ_PD, &err);
		if (err)
			return err;
		if (!kmem_mappable(ARG(2), ARG(3)))
			return CN_ERR_DENIED;
		uint32_t mapped = 0;
		err = mmu_map(pd, ARG(1), ARG(2), ARG(3), ARG(4), ARG(5), &mapped);
		RET(1) = mapped;
		return err; }
	case CN_SYS_UNMAP: {
		struct pd *pd = obj_arg(cur, ARG(0), CN_OBJ_PD, &err);
		if (err)
			return err;
		return mmu_unmap(pd, ARG(1), ARG(2)); }
	case CN_SYS_CAP_MINT: {
		uint32_t badge;
		struct kobj *o = cap_lookup(cur->pd, ARG(0), CN_OBJ_NONE, &badge);
		if (!o)
			return CN_ERR_CAP;
		int name = cap_insert(cur->pd, o, ARG(1));
		if (name < 0)
			return name;
		RET(1) = (uint32_t)name;
		return CN_OK; }
	case CN_SYS_CAP_GIVE: {
		struct pd *pd = obj_arg(cur, ARG(0), CN_OBJ_PD, &err);
		if (err)
			return err;
		uint32_t badge;
		struct kobj *o = cap_lookup(cur->pd, ARG(1), CN_OBJ_NONE, &badge);
		if (!o)
			return CN_ERR_CAP;
		int name = cap_insert(pd, o, badge);
		if (name < 0)
			return name;
		RET(1) = (uint32_t)name;
		return CN_OK; }
	case CN_SYS_CAP_TAKE: {
		struct pd *pd = obj_arg(cur, ARG(0), CN_OBJ_PD, &err);
		if (err)
			return err;
		uint32_t badge;
		struct kobj *want = cap_lookup(cur->pd, ARG(2), CN_OBJ_NONE, NULL);
		struct kobj *o = cap_lookup(pd, ARG(1), CN_OBJ_NONE, &badge);
		if (!want || !o)
			return CN_ERR_CAP;
		if (o != want)
			return CN_ERR_INVALID;
		cap_drop(pd, ARG(1));
		RET(1) = badge;
		return CN_OK; }
	case CN_SYS_KERNEL_INFO:
		switch (ARG(0)) {
		case CN_KINFO_COUNTER_HZ: RET(1) = board_counter_hz(); return CN_OK;
		case CN_KINFO_NR_CPUS:    RET(1) = nr_cpus; return CN_OK;
		}
		return CN_ERR_INVALID;
	default:
		return sys_thread_ctl(cur, call);
	}
}

/* Each call is a small handler: the dispatcher stays a bounds check and an
 * indirect call. A handler returns the error code for r0, or KEEP_R0 when
 * it has set the results itself (or the thread blocked). */
#define KEEP_R0 1

static int h_call(struct thread *cur)       { sys_call(cur); return KEEP_R0; }
static int h_reply_wait(struct thread *cur) { sys_reply_wait(cur); return KEEP_R0; }
static int h_wait(struct thread *cur)       { sys_signal_wait(cur, true); return KEEP_R0; }
static int h_poll(struct thread *cur)       { sys_signal_wait(cur, false); return KEEP_R0; }
static int h_null(struct thread *cur)       { (void)cur; return CN_OK; }
static int h_yield(struct thread *cur)      { (void)cur; sched_yield(); return CN_OK; }
static int h_cap_drop(struct thread *cur)   { cap_drop(cur->pd, ARG(0)); return CN_OK; }
static int h_cache(struct thread *cur)
{ return user_cache_op(cur->pd, ARG(0), ARG(1), ARG(2)); }

static int h_submit(struct thread *cur)
{
	int err;
	struct sig_ctx *c = obj_arg(cur, ARG(0), CN_OBJ_SIG_CTX, &err);
	return c ? sig_submit(c, ARG(1)) : err;
}

static int h_irq_ack(struct thread *cur)
{
	int err;
	struct irq *irq = obj_arg(cur, ARG(0), CN_OBJ_IRQ, &err);
	return irq ? irq_ack(irq) : err;
}

static int h_timeout(struct thread *cur)
{
	int err;
	struct sig_ctx *c = obj_arg(cur, ARG(0), CN_OBJ_SIG_CTX, &err);
	if (c)
		timeout_set(cur, c, ((uint64_t)ARG(2) << 32) | ARG(1));
	return err;
}

static int h_time(struct thread *cur)
{
	uint64_t now = board_counter();
	RET(1) = (uint32_t)now;
	RET(2) = (uint32_t)(now >> 32);
	RET(3) = board_counter_hz();
	RET(4) = this_cpu()->id;
	return CN_OK;
}

static int h_print(struct thread *cur)
{
	char buf[CN_PRINT_MAX];
	uint32_t len = ARG(1);
	if (len > CN_PRINT_MAX)
		return CN_ERR_INVALID;
	int err = copy_from_user(cur->pd, buf, ARG(0), len);
	if (!err)
		kputs(buf, len);
	return err;
}

static int h_stop(struct thread *cur)
{
	/* r0 becomes CN_OK only when resumed: the pager may read r0-r6 */
	thread_fault(cur, CN_FAULT_STOP, 0, 0);
	return KEEP_R0;
}

static int h_identify(struct thread *cur)
{
	uint32_t badge;
	struct kobj *o = cap_lookup(cur->pd, ARG(0), CN_OBJ_NONE, &badge);
	if (!o)
		return CN_ERR_CAP;
	RET(1) = o->type;
	RET(2) = badge;
	RET(3) = (uint32_t)(uintptr_t)o;   /* which object: equal names, equal token */
	return CN_OK;
}

static int h_bind(struct thread *cur)
{
	if (ARG(0) == 0)
		return sig_bind(cur, NULL);
	int err;
	struct sig_recv *r = obj_arg(cur, ARG(0), CN_OBJ_SIG_RECV, &err);
	return r ? sig_bind(cur, r) : err;
}

static int (*const handlers[])(struct thread *) = {
	[CN_SYS_CALL]          = h_call,
	[CN_SYS_REPLY_WAIT]    = h_reply_wait,
	[CN_SYS_SIGNAL_SUBMIT] = h_submit,
	[CN_SYS_SIGNAL_WAIT]   = h_wait,
	[CN_SYS_SIGNAL_POLL]   = h_poll,
	[CN_SYS_IRQ_ACK]       = h_irq_ack,
	[CN_SYS_TIMEOUT]       = h_timeout,
	[CN_SYS_TIME]          = h_time,
	[CN_SYS_CACHE]         = h_cache,
	[CN_SYS_PRINT]         = h_print,
	[CN_SYS_YIELD]         = h_yield,
	[CN_SYS_CAP_DROP]      = h_cap_drop,
	[CN_SYS_STOP]          = h_stop,
	[CN_SYS_CAP_IDENTIFY]  = h_identify,
	[CN_SYS_NULL]          = h_null,
	[CN_SYS_SIGNAL_BIND]   = h_bind,
};

static inline void syscall_dispatch(struct thread *cur)
{
	uint32_t call = ARG(7);
	int err;
	if (likely(call < sizeof(handlers) / sizeof(handlers[0]) && handlers[call]))
		err = handlers[call](cur);
	else if (call >= CN_SYS_CREATE && call <= CN_SYS_LAST)
		err = cur->pd->privileged ? sys_privileged(cur, call) : CN_ERR_DENIED;
	else
		err = CN_ERR_NOSYS;
	if (unlikely(err == RESTART)) {
		/* run the svc again once the other CPU had a chance to react
		 * (WFE: until some CPU releases the lock) */
		cur->regs.pc -= 4;
		kunlock();
		__asm__ volatile("wfe" ::: "memory");
		klock();
		return;
	}
	if (err != KEEP_R0)
		thread_set_return(cur, err);
}

/* ------------------------------------------------------------ entries */

_Noreturn void kernel_svc(void)
{
	struct cpu *cpu = this_cpu();
	struct thread *cur = cpu->thread;
	syscall_dispatch(cur);
	/* still runnable (not blocked, stopped or destroyed) and not preempted */
	if (likely(cur->state == TS_READY && !cpu->need_resched))
		return_to_current(&cur->regs);
	schedule_and_return();
}

_Noreturn void kernel_irq(void)
{
	irq_handle();
	schedule_and_return();
}

_Noreturn void kernel_abort(uint32_t kind)
{
	/* SAVE_USER put the interrupted mode into 'current' even when it was
	 * the kernel's: then this CPU may hold the lock already */
	if ((this_cpu()->current->cpsr & CPSR_MODE_MASK) == CPSR_MODE_USR)
		klock();
	struct thread *cur = current_thread();
	if (!cur || (cur->regs.cpsr & CPSR_MODE_MASK) != CPSR_MODE_USR)
		panic("exception %u in kernel mode: pc 0x%08x dfar 0x%08x dfsr 0x%08x",
		      (unsigned)kind, cur ? (unsigned)cur->regs.pc : 0u,
		      (unsigned)read_dfar(), (unsigned)read_dfsr());
	uint32_t type, addr, status;
	switch (kind) {
	case 0:
		type = CN_FAULT_UNDEF;
		addr = cur->regs.pc;
		status = 0;
		break;
	case 1:
		status = read_ifsr();
		addr = read_ifar();
		type = CN_FAULT_PAGE_EXEC;
		break;
	case 2: {
		status = read_dfsr();
		addr = read_dfar();
		uint32_t fs = (status & 0xf) | ((status >> 6) & 0x10);
		if (fs == 0x1)
			type = CN_FAULT_ALIGN;
		else if (fs == 0x5 || fs == 0x7 || fs == 0xd || fs == 0xf || fs == 0x3 || fs == 0x6)
			type = (status & (1u << 11)) ? CN_FAULT_PAGE_WRITE : CN_FAULT_PAGE_READ;
		else
			type = CN_FAULT_OTHER;
		break; }
	default:
		type = CN_FAULT_OTHER;
		addr = cur->regs.pc;
		status = kind;
		break;
	}
	thread_fault(cur, type, addr, status);
	schedule_and_return();
}
