/* SPDX-License-Identifier: MIT */
/*
 * Thread objects of CPU sessions: a kernel thread in a PD with its UTCB
 * page and its pager (fault.c), at a priority in its session's band, on a
 * CPU of its session's location, with its part of the session's CPU quota
 * (split by weight); the thread capability's RPC interface (start, pause,
 * registers, info, exception signal, affinity, weight). The CPU session
 * (cpu.c) owns the threads through their struct thread_group.
 */
#include <cn/session/cpu.h>
#include <cn/start.h>
#include <cn/util/affinity.h>
#include <cn/util/string.h>
#include "core.h"

/* every thread's kernel quota: the group's quota split by weight */
void thread_group_update(struct thread_group *g)
{
	uint32_t weights = 0;
	struct cn_list_elem *e;
	for (e = cn_list_first(&g->threads); e; e = cn_list_next(&g->threads, e)) {
		struct thread *t = cn_container_of(e, struct thread, grp_elem);
		weights += t->dead ? 0 : t->weight;
	}
	for (e = cn_list_first(&g->threads); e; e = cn_list_next(&g->threads, e)) {
		struct thread *t = cn_container_of(e, struct thread, grp_elem);
		if (!t->dead)
			cn_sys_thread_sched(t->kthread, t->prio,
			                    (uint32_t)((uint64_t)g->quota * t->weight / weights));
	}
}

/* Where a thread runs: the kernel moves it to that CPU (its share of the
 * session's quota moves to that CPU's scheduler with it). */
static int place(struct thread *t, uint32_t cpu_nr)
{
	int err = cn_sys_thread_cpu(t->kthread, cpu_nr);
	if (!err)
		t->cpu_nr = cpu_nr;
	return err;
}

static int utcb_slot(struct pd *pd)
{
	for (uint32_t i = 0; i < 256; i++)
		if (!(pd->utcb_used[i / 32] & (1u << (i % 32)))) {
			pd->utcb_used[i / 32] |= 1u << (i % 32);
			return (int)i;
		}
	return -1;
}

static void thread_free_kernel(struct thread *t)
{
	if (t->kthread) {
		cn_sys_destroy(t->kthread);
		t->kthread = 0;
	}
	fault_pager_destroy(t);
	if (t->kmem)
		kmem_free(t->kmem, CN_OBJ_MEM_THREAD);
	t->kmem = 0;
	if (t->utcb_phys) {
		uint32_t i = (t->utcb_va - CN_UTCB_AREA) / CN_PAGE_SIZE;
		pd_unmap(t->pd, t->utcb_va, 1);
		t->pd->utcb_used[i / 32] &= ~(1u << (i % 32));
		phys_free(t->utcb_phys, 1);
		t->utcb_phys = 0;
	}
}

void thread_kill(struct thread *t)
{
	if (t->dead)
		return;
	t->dead = true;
	thread_free_kernel(t);
	cn_list_remove(&t->pd_elem);
	if (t->exc_sigh)
		cn_sys_cap_drop(t->exc_sigh);
	t->exc_sigh = 0;
}

static struct thread *thread_of(void *ctx) { return ctx; }

static int th_start(void *ctx, uint32_t ip, uint32_t sp, uint32_t arg)
{
	struct thread *t = thread_of(ctx);
	return t->dead ? CN_ERR_DEAD : cn_sys_thread_start(t->kthread, ip, sp, arg);
}

static int th_pause(void *ctx)
{
	struct thread *t = thread_of(ctx);
	return t->dead ? CN_ERR_DEAD : cn_sys_thread_pause(t->kthread);
}

static int th_resume(void *ctx)
{
	struct thread *t = thread_of(ctx);
	return t->dead ? CN_ERR_DEAD : cn_sys_thread_resume(t->kthread);
}

/* the thread's registers r0..r12, sp, lr, pc, cpsr into our UTCB */
static int read_regs(struct thread *t, uint32_t idx)
{
	if (t->dead)
		return CN_ERR_DEAD;
	return idx > 16 ? CN_ERR_INVALID : cn_sys_thread_regs(t->kthread, 0);
}

static int th_reg(void *ctx, uint32_t idx, uint32_t *r)
{
	int err = read_regs(thread_of(ctx), idx);
	if (!err)
		*r = cn_utcb()->msg[idx];
	return err;
}

static int th_set_reg(void *ctx, uint32_t idx, uint32_t v)
{
	int err = read_regs(thread_of(ctx), idx);
	if (err)
		return err;
	cn_utcb()->msg[idx] = v;
	return cn_sys_thread_regs(thread_of(ctx)->kthread, 1);
}

static int th_info(void *ctx, uint32_t what, uint32_t *r)
{
	struct thread *t = thread_of(ctx);
	struct cn_fault f = { 0, 0, 0, 0, CN_THREAD_STOPPED };
	if (!t->dead && cn_sys_thread_fault(t->kthread, &f))
		return CN_ERR_DEAD;
	switch (what) {
	case CN_THREAD_INFO_STATE:      *r = f.state; return 0;
	case CN_THREAD_INFO_FAULT_TYPE: *r = f.type; return 0;
	case CN_THREAD_INFO_FAULT_ADDR: *r = f.addr; return 0;
	case CN_THREAD_INFO_FAULT_PC:   *r = f.pc; return 0;
	case CN_THREAD_INFO_UTCB:       *r = t->utcb_va; return 0;
	case CN_THREAD_INFO_CPU:        /* the kernel's placement */
		return t->dead ? (*r = t->cpu_nr, 0) : cn_sys_thread_where(t->kthread, r, 0);
	}
	struct cn_sched_info si = { 0, 0, 0, 0, 0 };
	if (t->dead || cn_sys_thread_info(t->kthread, &si))
		return CN_ERR_DEAD;
	switch (what) {
	case CN_THREAD_INFO_QUOTA:   *r = si.quota_us; return 0;
	case CN_THREAD_INFO_TIME_LO: *r = (uint32_t)si.used; return 0;
	case CN_THREAD_INFO_TIME_HI: *r = (uint32_t)(si.used >> 32); return 0;
	case CN_THREAD_INFO_TIME_HZ: *r = si.hz; return 0;
	}
	return CN_ERR_INVALID;
}

static int th_exc_sigh(void *ctx, cn_cap_t c)
{
	struct thread *t = thread_of(ctx);
	if (t->dead)
		return CN_ERR_DEAD;
	cn_ep_keep_replace(&core_ep, &t->exc_sigh, c);
	return CN_OK;
}

static int th_affinity(void *ctx, uint32_t x, uint32_t y, uint32_t *r)
{
	struct thread *t = thread_of(ctx);
	int nr = cn_affinity_cpu(core_cpu_space(), t->grp->phys, x, y);
	if (t->dead)
		return CN_ERR_DEAD;
	if (nr < 0)
		return CN_ERR_INVALID;
	int err = place(t, (uint32_t)nr);
	*r = t->cpu_nr;
	return err;
}

static int th_weight(void *ctx, uint32_t w)
{
	struct thread *t = thread_of(ctx);
	if (t->dead)
		return CN_ERR_DEAD;
	if (!w || w > CN_THREAD_WEIGHT_MAX)
		return CN_ERR_INVALID;
	t->weight = w;
	thread_group_update(t->grp);
	return CN_OK;
}

static const struct cn_thread_ops thread_ops = {
	.start = th_start, .pause = th_pause, .resume = th_resume, .reg = th_reg,
	.set_reg = th_set_reg, .info = th_info, .exception_sigh = th_exc_sigh,
	.affinity = th_affinity, .weight = th_weight,
};

int thread_create(struct thread_group *g, struct pd *pd, const char *name, uint32_t prio,
                  struct thread **out)
{
	if (prio > CN_PRIO_MAX)
		return CN_ERR_INVALID;
	int err = cn_quota_charge(g->acc, CN_THREAD_RAM, 1);
	if (err)
		return err;
	struct thread *t = core_alloc(sizeof(*t));
	int slot = t ? utcb_slot(pd) : -1;
	if (slot < 0) {
		core_free(t);
		cn_quota_release(g->acc, CN_THREAD_RAM, 1);
		return CN_ERR_EXHAUSTED;
	}
	t->grp = g;
	t->pd = pd;
	cn_strlcpy(t->name, name, sizeof(t->name));
	t->utcb_va = CN_UTCB_AREA + (uint32_t)slot * CN_PAGE_SIZE;
	t->utcb_phys = phys_alloc(1, 1);
	t->kmem = kmem_alloc(CN_OBJ_MEM_THREAD);
	cn_list_insert_tail(&pd->threads, &t->pd_elem);
	/* band [lo, hi]: thread priority 0..15 scaled into it */
	t->prio = g->prio_lo + prio * (g->prio_hi - g->prio_lo + 1) / (CN_PRIO_MAX + 1);
	struct cn_utcb *u = cn_utcb();
	cn_memset(u->msg, 0, 16);
	cn_strlcpy((char *)u->msg, name, 16);
	err = CN_ERR_EXHAUSTED;
	if (t->utcb_phys && t->kmem &&
	    !cn_sys_create(CN_OBJ_THREAD, t->kmem, pd->kpd, t->utcb_phys, t->utcb_va, &t->kthread) &&
	    !(err = pd_map(pd, t->utcb_va, t->utcb_phys, 1, CN_MAP_WRITE)) &&
	    !(err = obj_register(&t->obj, K_THREAD, cn_thread_dispatch_any, &thread_ops, t)) &&
	    !(err = fault_pager_create(t)) &&
	    !(err = cn_sys_thread_prio(t->kthread, t->prio)) &&
	    !(err = place(t, (uint32_t)cn_affinity_cpu(core_cpu_space(), g->phys, 0, 0)))) {
		cn_list_insert_tail(&g->threads, &t->grp_elem);
		t->weight = CN_THREAD_WEIGHT;
		thread_group_update(g);
		*out = t;
		return CN_OK;
	}
	obj_unregister(&t->obj);
	thread_free_kernel(t);
	cn_list_remove(&t->pd_elem);
	core_free(t);
	cn_quota_release(g->acc, CN_THREAD_RAM, 1);
	return err ? err : CN_ERR_EXHAUSTED;
}

void thread_destroy(struct thread *t)
{
	thread_kill(t);
	obj_unregister(&t->obj);
	cn_list_remove(&t->grp_elem);
	cn_quota_release(t->grp->acc, CN_THREAD_RAM, 1);
	thread_group_update(t->grp);
	core_free(t);
}
