/* SPDX-License-Identifier: MIT */
/*
 * CPU service: a session creates and kills threads (thread.c) in PDs, in
 * its band of priorities ('priority=', 'prio_levels='), on its CPUs (the
 * 'affinity' location scaled onto the physical CPUs), with its CPU quota
 * split among them by weight; quota moves between sessions like RAM and
 * returns on close (doc/scheduling.md).
 */
#include <cn/session/cpu.h>
#include <cn/util/affinity.h>
#include <cn/util/args.h>
#include "core.h"

struct cpu {
	struct session      s;
	struct thread_group g;             /* threads, band, quota, CPUs, exception signal */
	uint32_t            limit;         /* all it was given: transfers are parts of it */
	struct cpu         *ref;           /* where the quota goes back on close */
	struct cn_list_elem all_elem;
};

static struct cn_list all_cpus = { { &all_cpus.head, &all_cpus.head } };

struct thread_group *cpu_session_root(struct session *s)
{
	struct cpu *cpu = cn_container_of(s, struct cpu, s);
	cpu->g.quota = cpu->limit = CN_CPU_QUOTA_MAX;
	thread_group_update(&cpu->g);
	return &cpu->g;
}

static struct cpu *cpu_from_cap(uint32_t cap)
{
	struct obj *o = obj_lookup(cap, K_SESSION);
	struct session *s = o ? cn_container_of(o, struct session, obj) : 0;
	return s && s->svc == &svc_cpu ? cn_container_of(s, struct cpu, s) : 0;
}

/* ----------------------------------------------------------------- session */
static int op_create_thread(void *ctx, cn_cap_t pd_cap, const char *name, uint32_t prio,
                            cn_cap_t *r)
{
	struct pd *pd = pd_from_cap(pd_cap.name);
	if (!pd)
		return CN_ERR_CAP;
	struct thread *t;
	int err = thread_create(&((struct cpu *)ctx)->g, pd, name, prio, &t);
	if (!err)
		r->name = t->obj.kcap;
	return err;
}

static int op_kill_thread(void *ctx, cn_cap_t c)
{
	struct obj *o = obj_lookup(c.name, K_THREAD);
	struct thread *t = o ? cn_container_of(o, struct thread, obj) : 0;
	if (!t)
		return CN_ERR_CAP;
	if (t->grp != &((struct cpu *)ctx)->g)
		return CN_ERR_OWNER;
	thread_destroy(t);
	return CN_OK;
}

static int op_exc_sigh(void *ctx, cn_cap_t c)
{
	struct cpu *cpu = ctx;
	cn_ep_keep_replace(&core_ep, &cpu->g.exc_sigh, c);
	return CN_OK;
}

static int op_transfer_quota(void *ctx, cn_cap_t c, uint32_t ppm, uint32_t *r)
{
	struct cpu *from = ctx, *to = cpu_from_cap(c.name);
	if (!to)
		return CN_ERR_CAP;
	if (to == from || ppm > CN_CPU_QUOTA_MAX)
		return CN_ERR_INVALID;
	for (struct cpu *p = from; p; p = p->ref)
		if (p == to)
			return CN_ERR_DENIED;        /* quota must not flow in a circle */
	if (to->ref && to->ref != from)
		return CN_ERR_DENIED;            /* one session it returns to */
	uint32_t amount = (uint32_t)((uint64_t)from->limit * ppm / CN_CPU_QUOTA_MAX);
	if (amount > from->g.quota)
		return CN_ERR_EXHAUSTED;
	from->g.quota -= amount;
	to->g.quota += amount;
	to->limit += amount;
	to->ref = from;
	thread_group_update(&from->g);
	thread_group_update(&to->g);
	*r = amount;
	return CN_OK;
}

static int op_info(void *ctx, uint32_t what, uint32_t *r)
{
	struct cpu *cpu = ctx;
	switch (what) {
	case CN_CPU_INFO_QUOTA:   *r = cpu->g.quota; return CN_OK;
	case CN_CPU_INFO_SPACE_W: *r = core_cpu_space().w; return CN_OK;
	case CN_CPU_INFO_SPACE_H: *r = core_cpu_space().h; return CN_OK;
	case CN_CPU_INFO_LOC_X:   *r = cpu->g.phys.x; return CN_OK;
	case CN_CPU_INFO_LOC_Y:   *r = cpu->g.phys.y; return CN_OK;
	case CN_CPU_INFO_LOC_W:   *r = cpu->g.phys.w; return CN_OK;
	case CN_CPU_INFO_LOC_H:   *r = cpu->g.phys.h; return CN_OK;
	}
	return CN_ERR_INVALID;
}

static const struct cn_cpu_ops cpu_ops = {
	.create_thread = op_create_thread, .kill_thread = op_kill_thread,
	.exception_sigh = op_exc_sigh, .transfer_quota = op_transfer_quota, .info = op_info,
};

/* affinity_space="WxH", affinity="X,Y,WxH" (default: all of the space) */
static int parse_affinity(const char *args, struct cn_affinity_loc *phys)
{
	char buf[32];
	struct cn_affinity_space space = core_cpu_space();
	struct cn_affinity_loc loc;
	int n = cn_args_str(args, "affinity_space", buf, sizeof(buf));
	if (n != CN_ERR_NOT_FOUND && (n < 0 || cn_affinity_parse_space(buf, &space)))
		return CN_ERR_ARGS;
	loc = (struct cn_affinity_loc){ 0, 0, space.w, space.h };
	n = cn_args_str(args, "affinity", buf, sizeof(buf));
	if (n != CN_ERR_NOT_FOUND && (n < 0 || cn_affinity_parse_loc(buf, &loc)))
		return CN_ERR_ARGS;
	if (!cn_affinity_valid(space, loc))
		return CN_ERR_ARGS;
	*phys = cn_affinity_scale(space, loc, core_cpu_space());
	return CN_OK;
}

static int cpu_create(struct session *s, const char *args)
{
	struct cpu *cpu = cn_container_of(s, struct cpu, s);
	/* the user band is 0..14 (core's thread has 15); 'prio_levels=L' cuts
	 * it into L bands, 'priority=k' picks the k-th from the top */
	unsigned long k = 0, levels = 1;
	int e1 = cn_args_ulong(args, "priority", &k);
	int e2 = cn_args_ulong(args, "prio_levels", &levels);
	if ((e1 && e1 != CN_ERR_NOT_FOUND) || (e2 && e2 != CN_ERR_NOT_FOUND) || !levels ||
	    levels > CN_PRIO_MAX || k >= levels)
		return CN_ERR_ARGS;
	uint32_t size = CN_PRIO_MAX / (uint32_t)levels;
	cpu->g.prio_hi = CN_PRIO_MAX - 1 - (uint32_t)k * size;
	cpu->g.prio_lo = cpu->g.prio_hi + 1 - size;
	int err = parse_affinity(args, &cpu->g.phys);
	if (err)
		return err;
	cn_list_init(&cpu->g.threads);
	cpu->g.acc = &s->acc;
	cn_list_insert_tail(&all_cpus, &cpu->all_elem);
	return CN_OK;
}

static void cpu_destroy(struct session *s)
{
	struct cpu *cpu = cn_container_of(s, struct cpu, s);
	while (!cn_list_empty(&cpu->g.threads))
		thread_destroy(cn_container_of(cpu->g.threads.head.next, struct thread, grp_elem));
	if (cpu->g.exc_sigh)
		cn_sys_cap_drop(cpu->g.exc_sigh);
	/* the quota goes back where it came from; sessions that got quota
	 * from this one will return theirs there too */
	cn_list_remove(&cpu->all_elem);
	struct cn_list_elem *e;
	for (e = cn_list_first(&all_cpus); e; e = cn_list_next(&all_cpus, e)) {
		struct cpu *c = cn_container_of(e, struct cpu, all_elem);
		if (c->ref == cpu)
			c->ref = cpu->ref;
	}
	if (cpu->ref) {
		cpu->ref->g.quota += cpu->g.quota;
		thread_group_update(&cpu->ref->g);
	}
}

const struct service svc_cpu = {
	"CPU", sizeof(struct cpu), cpu_create, cpu_destroy, cn_cpu_dispatch_any, &cpu_ops,
};