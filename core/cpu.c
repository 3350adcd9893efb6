/*
 * CPU service: threads in PDs, their priorities (scaled into the session's
 * band) and CPU quota (the session's quota split by weight; quota moves
 * between sessions like RAM, doc/scheduling.md), their CPUs (the session's
 * affinity location on the physical CPUs), start/pause/resume/registers,
 * and their faults: core is every
 * thread's pager. A fault arrives as a signal on core's entrypoint; core
 * resolves it from the PD's region maps, or leaves it to a region map's
 * fault handler, or reports it and tells the exception handler.
 */
#include <cn/session/cpu.h>
#include <cn/start.h>
#include <cn/util/affinity.h>
#include <cn/util/args.h>
#include <cn/util/string.h>
#include "core.h"

struct cpu {
	struct session s;
	uint32_t       prio_lo, prio_hi;   /* kernel priorities of the band */
	uint32_t       exc_sigh;
	struct cn_list threads;
	uint32_t       quota;              /* ppm of the machine = us per super period */
	uint32_t       limit;              /* all it was given: transfers are parts of it */
	struct cpu    *ref;                /* where the quota goes back on close */
	struct cn_affinity_loc phys;       /* its CPUs in the physical space */
	struct cn_list_elem all_elem;
};

static struct cn_list all_cpus = { { &all_cpus.head, &all_cpus.head } };

static struct cn_affinity_space phys_space(void)
{
	return (struct cn_affinity_space){ core_nr_cpus, 1 };
}

/* ----------------------------------------------------------------- quota */

/* every thread's kernel quota: the session's quota split by weight */
static void update_quotas(struct cpu *cpu)
{
	uint32_t weights = 0;
	struct cn_list_elem *e;
	for (e = cn_list_first(&cpu->threads); e; e = cn_list_next(&cpu->threads, e)) {
		struct thread *t = cn_container_of(e, struct thread, cpu_elem);
		weights += t->dead ? 0 : t->weight;
	}
	for (e = cn_list_first(&cpu->threads); e; e = cn_list_next(&cpu->threads, e)) {
		struct thread *t = cn_container_of(e, struct thread, cpu_elem);
		if (!t->dead)
			cn_sys_thread_sched(t->kthread, t->prio,
			                    (uint32_t)((uint64_t)cpu->quota * t->weight / weights));
	}
}

void cpu_session_root(struct cpu *cpu)
{
	cpu->quota = cpu->limit = CN_CPU_QUOTA_MAX;
	update_quotas(cpu);
}

static struct cpu *cpu_from_cap(uint32_t cap)
{
	struct obj *o = obj_lookup(cap, K_SESSION);
	struct session *s = o ? cn_container_of(o, struct session, obj) : 0;
	return s && s->svc == &svc_cpu ? cn_container_of(s, struct cpu, s) : 0;
}

/* Where a thread runs: the kernel moves it to that CPU (its share of the
 * session's quota moves to that CPU's scheduler with it). */
static int cpu_place_thread(struct thread *t, uint32_t cpu_nr)
{
	int err = cn_sys_thread_cpu(t->kthread, cpu_nr);
	if (!err)
		t->cpu_nr = cpu_nr;
	return err;
}

static const char *const fault_names[] = {
	"none", "read", "write", "exec", "alignment", "undefined instruction", "stop", "other",
};

void thread_report(struct thread *t, const char *what)
{
	struct cn_fault f = { 0, 0, 0, 0, 0 };
	cn_sys_thread_fault(t->kthread, &f);
	core_log("core: %s in \"%s\" thread \"%s\": pc=0x%x addr=0x%x (%s)", what, t->pd->s.label,
	         t->name, (unsigned)f.pc, (unsigned)f.addr, f.type < 8 ? fault_names[f.type] : "?");
	uint32_t sigh = t->exc_sigh ? t->exc_sigh : t->cpu->exc_sigh;
	if (sigh)
		cn_sys_signal_submit(sigh, 1);
}

void thread_resume_fault(struct thread *t)
{
	if (t->dead)
		return;
	if (rm_resolve_fault(t, t->fault_addr, t->fault_type)) {
		cn_sys_thread_resume(t->kthread);
		return;
	}
	if (!t->waiting)
		thread_report(t, "unresolved page fault");
}

static void on_fault(void *ctx, uint32_t count)
{
	(void)count;
	struct thread *t = ctx;
	struct cn_fault f;
	if (t->dead || cn_sys_thread_fault(t->kthread, &f))
		return;
	if (f.state == CN_THREAD_STOPPED) {
		uint32_t sigh = t->exc_sigh ? t->exc_sigh : t->cpu->exc_sigh;
		if (sigh)
			cn_sys_signal_submit(sigh, 1);
		return;
	}
	if (f.state != CN_THREAD_FAULTED)
		return;
	if (f.type >= CN_FAULT_PAGE_READ && f.type <= CN_FAULT_PAGE_EXEC) {
		t->fault_addr = f.addr;
		t->fault_type = f.type;
		thread_resume_fault(t);
		return;
	}
	thread_report(t, "exception");
}

/* ----------------------------------------------------------------- threads */
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
	if (t->pager) {
		cn_ep_unhandle_signal(&core_ep, &t->fault_h);
		cn_sys_destroy(t->pager);
		kmem_free(t->pager_mem, 64);
		t->pager = 0;
	}
	if (t->kmem)
		kmem_free(t->kmem, CN_OBJ_MEM_THREAD);
	t->kmem = 0;
	if (t->utcb_phys) {
		uint32_t i = (t->utcb_va - CN_UTCB_AREA) / PAGE;
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
	if (t->waiting) {
		cn_list_remove(&t->wait_elem);
		t->waiting = 0;
	}
	thread_free_kernel(t);
	cn_list_remove(&t->pd_elem);
	if (t->exc_sigh)
		cn_sys_cap_drop(t->exc_sigh);
	t->exc_sigh = 0;
}

static struct thread *thread_of(void *ctx) { return ctx; }

static int th_start(void *ctx, uint32_t ip, uint32_t sp, uint32_t arg, uint32_t *r)
{
	(void)r;
	struct thread *t = thread_of(ctx);
	return t->dead ? CN_ERR_DEAD : cn_sys_thread_start(t->kthread, ip, sp, arg);
}

static int th_pause(void *ctx, uint32_t *r)
{
	(void)r;
	struct thread *t = thread_of(ctx);
	return t->dead ? CN_ERR_DEAD : cn_sys_thread_pause(t->kthread);
}

static int th_resume(void *ctx, uint32_t *r)
{
	(void)r;
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

static int th_set_reg(void *ctx, uint32_t idx, uint32_t v, uint32_t *r)
{
	(void)r;
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

static int th_exc_sigh(void *ctx, cn_cap_t c, uint32_t *r)
{
	(void)r;
	struct thread *t = thread_of(ctx);
	if (t->dead)
		return CN_ERR_DEAD;
	if (t->exc_sigh)
		cn_sys_cap_drop(t->exc_sigh);
	t->exc_sigh = c.name ? core_keep(c.name) : 0;
	return CN_OK;
}

static int th_affinity(void *ctx, uint32_t x, uint32_t y, uint32_t *r)
{
	struct thread *t = thread_of(ctx);
	int nr = cn_affinity_cpu(phys_space(), t->cpu->phys, x, y);
	if (t->dead)
		return CN_ERR_DEAD;
	if (nr < 0)
		return CN_ERR_INVALID;
	int err = cpu_place_thread(t, (uint32_t)nr);
	*r = t->cpu_nr;
	return err;
}

static int th_weight(void *ctx, uint32_t w, uint32_t *r)
{
	(void)r;
	struct thread *t = thread_of(ctx);
	if (t->dead)
		return CN_ERR_DEAD;
	if (!w || w > CN_THREAD_WEIGHT_MAX)
		return CN_ERR_INVALID;
	t->weight = w;
	update_quotas(t->cpu);
	return CN_OK;
}

static const struct cn_thread_ops thread_ops = {
	.start = th_start, .pause = th_pause, .resume = th_resume, .reg = th_reg,
	.set_reg = th_set_reg, .info = th_info, .exception_sigh = th_exc_sigh,
	.affinity = th_affinity, .weight = th_weight,
};

int thread_create(struct cpu *cpu, struct pd *pd, const char *name, uint32_t prio,
                  struct thread **out)
{
	if (prio > CN_PRIO_MAX)
		return CN_ERR_INVALID;
	int err = cn_quota_charge(&cpu->s.acc, CN_THREAD_RAM, 1);
	if (err)
		return err;
	struct thread *t = core_alloc(sizeof(*t));
	int slot = t ? utcb_slot(pd) : -1;
	if (slot < 0) {
		core_free(t);
		cn_quota_release(&cpu->s.acc, CN_THREAD_RAM, 1);
		return CN_ERR_EXHAUSTED;
	}
	t->cpu = cpu;
	t->pd = pd;
	cn_strlcpy(t->name, name, sizeof(t->name));
	t->utcb_va = CN_UTCB_AREA + (uint32_t)slot * PAGE;
	t->utcb_phys = phys_alloc(1, 1);
	t->kmem = kmem_alloc(CN_OBJ_MEM_THREAD);
	t->pager_mem = kmem_alloc(64);
	cn_list_insert_tail(&pd->threads, &t->pd_elem);
	/* band [lo, hi]: thread priority 0..15 scaled into it */
	t->prio = cpu->prio_lo + prio * (cpu->prio_hi - cpu->prio_lo + 1) / (CN_PRIO_MAX + 1);
	struct cn_utcb *u = cn_utcb();
	cn_memset(u->msg, 0, 16);
	cn_strlcpy((char *)u->msg, name, 16);
	err = CN_ERR_EXHAUSTED;
	if (t->utcb_phys && t->kmem && t->pager_mem &&
	    !cn_sys_create(CN_OBJ_THREAD, t->kmem, pd->kpd, t->utcb_phys, t->utcb_va, &t->kthread) &&
	    !(err = pd_map(pd, t->utcb_va, t->utcb_phys, 1, CN_MAP_WRITE)) &&
	    !(err = obj_register(&t->obj, K_THREAD, cn_thread_dispatch_any, &thread_ops, t))) {
		err = cn_sys_create(CN_OBJ_SIG_CTX, t->pager_mem, core_sig_recv, t->obj.rpc.badge, 0,
		                    &t->pager);
		t->fault_h.imprint = t->obj.rpc.badge;
		t->fault_h.fn = on_fault;
		t->fault_h.ctx = t;
		if (!err && !(err = cn_ep_handle_signal(&core_ep, &t->fault_h)) &&
		    !(err = cn_sys_thread_pager(t->kthread, t->pager)) &&
		    !(err = cn_sys_thread_prio(t->kthread, t->prio)) &&
		    !(err = cpu_place_thread(t, (uint32_t)cn_affinity_cpu(phys_space(), cpu->phys,
		                                                          0, 0)))) {
			cn_list_insert_tail(&cpu->threads, &t->cpu_elem);
			t->weight = CN_THREAD_WEIGHT;
			update_quotas(cpu);
			*out = t;
			return CN_OK;
		}
	}
	obj_unregister(&t->obj);
	if (!t->pager && t->pager_mem)
		kmem_free(t->pager_mem, 64);
	thread_free_kernel(t);
	cn_list_remove(&t->pd_elem);
	core_free(t);
	cn_quota_release(&cpu->s.acc, CN_THREAD_RAM, 1);
	return err ? err : CN_ERR_EXHAUSTED;
}

static void thread_destroy(struct thread *t)
{
	thread_kill(t);
	obj_unregister(&t->obj);
	cn_list_remove(&t->cpu_elem);
	cn_quota_release(&t->cpu->s.acc, CN_THREAD_RAM, 1);
	update_quotas(t->cpu);
	core_free(t);
}

/* ----------------------------------------------------------------- session */
static int op_create_thread(void *ctx, cn_cap_t pd_cap, const char *name, uint32_t prio,
                            cn_cap_t *r)
{
	struct pd *pd = pd_from_cap(pd_cap.name);
	if (!pd)
		return CN_ERR_CAP;
	struct thread *t;
	int err = thread_create(ctx, pd, name, prio, &t);
	if (!err)
		r->name = t->obj.kcap;
	return err;
}

static int op_kill_thread(void *ctx, cn_cap_t c, uint32_t *r)
{
	(void)r;
	struct obj *o = obj_lookup(c.name, K_THREAD);
	struct thread *t = o ? cn_container_of(o, struct thread, obj) : 0;
	if (!t)
		return CN_ERR_CAP;
	if (t->cpu != ctx)
		return CN_ERR_OWNER;
	thread_destroy(t);
	return CN_OK;
}

static int op_exc_sigh(void *ctx, cn_cap_t c, uint32_t *r)
{
	(void)r;
	struct cpu *cpu = ctx;
	if (cpu->exc_sigh)
		cn_sys_cap_drop(cpu->exc_sigh);
	cpu->exc_sigh = c.name ? core_keep(c.name) : 0;
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
	if (amount > from->quota)
		return CN_ERR_EXHAUSTED;
	from->quota -= amount;
	to->quota += amount;
	to->limit += amount;
	to->ref = from;
	update_quotas(from);
	update_quotas(to);
	*r = amount;
	return CN_OK;
}

static int op_info(void *ctx, uint32_t what, uint32_t *r)
{
	struct cpu *cpu = ctx;
	switch (what) {
	case CN_CPU_INFO_QUOTA:   *r = cpu->quota; return CN_OK;
	case CN_CPU_INFO_SPACE_W: *r = phys_space().w; return CN_OK;
	case CN_CPU_INFO_SPACE_H: *r = phys_space().h; return CN_OK;
	case CN_CPU_INFO_LOC_X:   *r = cpu->phys.x; return CN_OK;
	case CN_CPU_INFO_LOC_Y:   *r = cpu->phys.y; return CN_OK;
	case CN_CPU_INFO_LOC_W:   *r = cpu->phys.w; return CN_OK;
	case CN_CPU_INFO_LOC_H:   *r = cpu->phys.h; return CN_OK;
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
	struct cn_affinity_space space = phys_space();
	struct cn_affinity_loc loc;
	int n = cn_args_str(args, "affinity_space", buf, sizeof(buf));
	if (n != CN_UTIL_ENOENT && (n < 0 || cn_affinity_parse_space(buf, &space)))
		return CN_ERR_ARGS;
	loc = (struct cn_affinity_loc){ 0, 0, space.w, space.h };
	n = cn_args_str(args, "affinity", buf, sizeof(buf));
	if (n != CN_UTIL_ENOENT && (n < 0 || cn_affinity_parse_loc(buf, &loc)))
		return CN_ERR_ARGS;
	if (!cn_affinity_valid(space, loc))
		return CN_ERR_ARGS;
	*phys = cn_affinity_scale(space, loc, phys_space());
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
	if ((e1 && e1 != CN_UTIL_ENOENT) || (e2 && e2 != CN_UTIL_ENOENT) || !levels ||
	    levels > CN_PRIO_MAX || k >= levels)
		return CN_ERR_ARGS;
	uint32_t size = CN_PRIO_MAX / (uint32_t)levels;
	cpu->prio_hi = CN_PRIO_MAX - 1 - (uint32_t)k * size;
	cpu->prio_lo = cpu->prio_hi + 1 - size;
	int err = parse_affinity(args, &cpu->phys);
	if (err)
		return err;
	cn_list_init(&cpu->threads);
	cn_list_insert_tail(&all_cpus, &cpu->all_elem);
	return CN_OK;
}

static void cpu_destroy(struct session *s)
{
	struct cpu *cpu = cn_container_of(s, struct cpu, s);
	while (!cn_list_empty(&cpu->threads))
		thread_destroy(cn_container_of(cpu->threads.head.next, struct thread, cpu_elem));
	if (cpu->exc_sigh)
		cn_sys_cap_drop(cpu->exc_sigh);
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
		cpu->ref->quota += cpu->quota;
		update_quotas(cpu->ref);
	}
}

const struct service svc_cpu = {
	"CPU", sizeof(struct cpu), cpu_create, cpu_destroy, cn_cpu_dispatch_any, &cpu_ops,
};
