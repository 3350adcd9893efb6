/* SPDX-License-Identifier: MIT */
/*
 * Kernel objects made and unmade: CN_SYS_CREATE places a thread, PD, signal
 * receiver, signal context or IRQ object in memory core gives, and
 * obj_destroy() is the one way every object goes (CN_SYS_DESTROY, and a
 * create whose name could not be given).
 */
#include "syscall.h"

_Static_assert(sizeof(struct thread) <= CN_OBJ_MEM_THREAD, "thread object too big");
_Static_assert(sizeof(struct pd) <= CN_OBJ_MEM_PD - 8192, "pd object too big");
_Static_assert(sizeof(struct sig_recv) <= CN_OBJ_MEM_SIG_RECV, "receiver too big");
_Static_assert(sizeof(struct sig_ctx) <= CN_OBJ_MEM_SIG_CTX, "context too big");
_Static_assert(sizeof(struct irq) <= CN_OBJ_MEM_IRQ, "irq too big");
_Static_assert(sizeof(struct cap) == CN_CAP_SLOT_SIZE, "cap slot size");

/* object memory core passes: usable RAM, aligned, not the kernel's */
static bool mem_arg(struct thread *cur, uint32_t phys, uint32_t size, uint32_t align)
{
	if (kmem_usable(phys, size, align))
		return true;
	(void)REFUSE(cur, CN_ERR_NOMEM, "range", "memory 0x%08x size %u align %u unusable",
	             (unsigned)phys, (unsigned)size, (unsigned)align);
	return false;
}

static struct kobj *create_thread(struct thread *cur, uint32_t phys, int *err)
{
	struct pd *pd = cap_arg(cur, sys_arg(cur, 2), CN_OBJ_PD, NULL, err);
	if (!pd)
		return NULL;
	uint32_t utcb_phys = sys_arg(cur, 3), utcb_virt = sys_arg(cur, 4);
	*err = CN_ERR_NOMEM;
	if (!mem_arg(cur, phys, CN_OBJ_MEM_THREAD, 64) ||
	    !mem_arg(cur, utcb_phys, PAGE_SIZE, PAGE_SIZE))
		return NULL;
	if (utcb_virt & (PAGE_SIZE - 1) || utcb_virt >= USER_TOP) {
		*err = REFUSE(cur, CN_ERR_INVALID, "range", "UTCB address 0x%08x",
		              (unsigned)utcb_virt);
		return NULL;
	}
	struct thread *t = phys_to_virt(phys);
	thread_init(t, pd, phys_to_virt(utcb_phys), utcb_virt);
	t->cpu = cur->cpu;           /* the creator's CPU */
	thread_set_name(t, (const char *)cur->utcb->msg);
	return &t->obj;
}

static struct kobj *create_pd(struct thread *cur, uint32_t phys, int *err)
{
	uint32_t ct = sys_arg(cur, 2), slots = sys_arg(cur, 3);
	if (slots < 2 || slots > CN_CAP_SLOTS_MAX) {
		*err = REFUSE(cur, CN_ERR_INVALID, "range", "%u cap slots", (unsigned)slots);
		return NULL;
	}
	*err = CN_ERR_NOMEM;
	if (!mem_arg(cur, phys, CN_OBJ_MEM_PD, 8192) ||
	    !mem_arg(cur, ct, slots * CN_CAP_SLOT_SIZE, 16))
		return NULL;
	if (ct < phys + CN_OBJ_MEM_PD && phys < ct + slots * CN_CAP_SLOT_SIZE) {
		*err = REFUSE(cur, CN_ERR_NOMEM, "range", "cap table overlaps the PD");
		return NULL;
	}
	struct pd *pd = (struct pd *)((char *)phys_to_virt(phys) + 8192);
	*err = pd_init(pd, phys_to_virt(phys), phys_to_virt(ct), slots);
	return *err ? NULL : &pd->obj;
}

static struct kobj *create_sig_recv(struct thread *cur, uint32_t phys, int *err)
{
	*err = CN_ERR_NOMEM;
	if (!mem_arg(cur, phys, CN_OBJ_MEM_SIG_RECV, 8))
		return NULL;
	struct sig_recv *r = phys_to_virt(phys);
	sig_recv_init(r);
	return &r->obj;
}

static struct kobj *create_sig_ctx(struct thread *cur, uint32_t phys, int *err)
{
	struct sig_recv *r = cap_arg(cur, sys_arg(cur, 2), CN_OBJ_SIG_RECV, NULL, err);
	if (!r)
		return NULL;
	*err = CN_ERR_NOMEM;
	if (!mem_arg(cur, phys, CN_OBJ_MEM_SIG_CTX, 8))
		return NULL;
	struct sig_ctx *c = phys_to_virt(phys);
	sig_ctx_init(c, r, sys_arg(cur, 3));
	return &c->obj;
}

static struct kobj *create_irq(struct thread *cur, uint32_t phys, int *err)
{
	struct sig_ctx *c = cap_arg(cur, sys_arg(cur, 3), CN_OBJ_SIG_CTX, NULL, err);
	if (!c)
		return NULL;
	*err = CN_ERR_NOMEM;
	if (!mem_arg(cur, phys, CN_OBJ_MEM_IRQ, 8))
		return NULL;
	struct irq *irq = phys_to_virt(phys);
	*err = irq_create(irq, sys_arg(cur, 2), c);
	if (*err)
		return NULL;
	return &irq->obj;
}

int sys_create(struct thread *cur)
{
	uint32_t type = sys_arg(cur, 0), phys = sys_arg(cur, 1);
	struct kobj *obj;
	int err;
	switch (type) {
	case CN_OBJ_THREAD:   obj = create_thread(cur, phys, &err); break;
	case CN_OBJ_PD:       obj = create_pd(cur, phys, &err); break;
	case CN_OBJ_SIG_RECV: obj = create_sig_recv(cur, phys, &err); break;
	case CN_OBJ_SIG_CTX:  obj = create_sig_ctx(cur, phys, &err); break;
	case CN_OBJ_IRQ:      obj = create_irq(cur, phys, &err); break;
	default:
		return REFUSE(cur, CN_ERR_INVALID, "range", "object type %u", (unsigned)type);
	}
	if (!obj)
		return err;
	int name = cap_insert(cur->pd, obj, 0);
	if (name < 0) {
		/* nobody else can know the object yet: it goes at once */
		obj_destroy(obj);
		return REFUSE(cur, name, "cap space", "no free slot for the new object");
	}
	sys_ret(cur, 1, (uint32_t)name);
	return CN_OK;
}

/* May obj go now? A thread running on another CPU (or a PD with one, or
 * whose address space another CPU still has loaded) must be taken off
 * there first: that CPU is asked to, and the caller restarts its call. */
static bool obj_in_use_elsewhere(struct kobj *o)
{
	switch (o->type) {
	case CN_OBJ_THREAD: {
		struct thread *t = cn_container_of(o, struct thread, obj);
		if (!thread_running_elsewhere(t))
			return false;
		thread_kick_off(t);
		return true; }
	case CN_OBJ_PD: {
		struct pd *pd = cn_container_of(o, struct pd, obj);
		return pd_threads_kicked(pd) | pd_kick_idle(pd); }
	default:
		return false;
	}
}

void obj_destroy(struct kobj *o)
{
	switch (o->type) {
	case CN_OBJ_THREAD:   thread_destroy(cn_container_of(o, struct thread, obj)); break;
	case CN_OBJ_PD:       pd_destroy(cn_container_of(o, struct pd, obj)); break;
	case CN_OBJ_SIG_RECV: sig_recv_destroy(cn_container_of(o, struct sig_recv, obj)); break;
	case CN_OBJ_SIG_CTX:  sig_ctx_destroy(cn_container_of(o, struct sig_ctx, obj)); break;
	case CN_OBJ_IRQ:      irq_destroy(cn_container_of(o, struct irq, obj)); break;
	}
}

int sys_destroy(struct thread *cur)
{
	int err;
	struct kobj *o = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_NONE, NULL, &err);
	if (!o)
		return err;
	if (o->type < CN_OBJ_THREAD || o->type > CN_OBJ_IRQ)
		return REFUSE(cur, CN_ERR_TYPE, "type", "object type %u", (unsigned)o->type);
	if (o->type == CN_OBJ_PD && cn_container_of(o, struct pd, obj)->privileged)
		return REFUSE(cur, CN_ERR_INVALID, "object", "core's own PD");
	if (obj_in_use_elsewhere(o))
		return SYS_RESTART;
	obj_destroy(o);
	/* the caller's own slot was cleared by the revocation; free it */
	cap_drop(cur->pd, sys_arg(cur, 0));
	return CN_OK;
}
