/* SPDX-License-Identifier: MIT */
/*
 * The privileged calls core controls threads with: start, pause, resume,
 * pager, registers, fault state, priority and CPU quota, time used, CPU
 * placement. Each takes the thread's capability in r0.
 */
#include "syscall.h"
#include "arch/arm/cpu.h"
#include <cn/util/string.h>

/* THREAD_CALL(name) { body }: sys_<name>(cur) looks up the thread r0 names
 * and runs the body with it as t (a CN_ERR_CAP or CN_ERR_TYPE otherwise) */
#define THREAD_CALL(name) \
	static int name##_on(struct thread *cur __attribute__((unused)), struct thread *t); \
	int sys_##name(struct thread *cur) \
	{ \
		int err; \
		struct thread *t = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_THREAD, NULL, &err); \
		return t ? name##_on(cur, t) : err; \
	} \
	static int name##_on(struct thread *cur __attribute__((unused)), struct thread *t)

THREAD_CALL(thread_start)
{
	uint32_t pc = sys_arg(cur, 1), sp = sys_arg(cur, 2);
	if (t->state != TS_INACTIVE)
		return REFUSE(cur, CN_ERR_STATE, "state", "thread '%s' started already", t->name);
	if (pc >= USER_TOP || pc & 3 || sp > USER_TOP)
		return REFUSE(cur, CN_ERR_INVALID, "range", "pc 0x%08x sp 0x%08x", (unsigned)pc,
		              (unsigned)sp);
	thread_set_entry(t, pc, sp, sys_arg(cur, 3));
	thread_wake(t);
	return CN_OK;
}

THREAD_CALL(thread_pause)
{
	if (thread_running_elsewhere(t)) {
		thread_kick_off(t);
		return SYS_RESTART;
	}
	t->paused = true;
	if (t->state == TS_READY) {
		sched_unready(t);
		t->state = TS_PAUSED;
	}
	return CN_OK;
}

THREAD_CALL(thread_resume)
{
	t->paused = false;
	if (t->state == TS_STOPPED)
		thread_set_return(t, CN_OK);
	if (t->state == TS_PAUSED || t->state == TS_FAULTED || t->state == TS_STOPPED) {
		t->fault_type = CN_FAULT_NONE;
		thread_wake(t);
	}
	return CN_OK;
}

THREAD_CALL(thread_pager)
{
	int err;
	struct sig_ctx *c = NULL;
	if (sys_arg(cur, 1)) {
		c = cap_arg(cur, sys_arg(cur, 1), CN_OBJ_SIG_CTX, NULL, &err);
		if (!c)
			return err;
	}
	cn_list_remove(&t->pager_elem);
	t->pager = c;
	if (c)
		cn_list_insert_tail(&c->pager_users, &t->pager_elem);
	return CN_OK;
}

/* read (r1 0) or write (r1 1) t's registers from or to the caller's UTCB:
 * r0-r12, sp, lr, pc, cpsr. A write keeps t in user mode and ARM state: a
 * privileged mode is refused, the other control bits are t's own. */
THREAD_CALL(thread_regs)
{
	uint32_t *buf = cur->utcb->msg;
	uint32_t mode = sys_arg(cur, 1);
	if (mode == 0) {
		cn_memcpy(buf, &t->regs, sizeof(t->regs));
		return CN_OK;
	}
	if (mode != 1)
		return REFUSE(cur, CN_ERR_INVALID, "range", "mode %u (0 read, 1 write)", (unsigned)mode);
	if (t == cur)
		return REFUSE(cur, CN_ERR_STATE, "state", "a write to the caller's own registers");
	if (thread_running_elsewhere(t))
		return REFUSE(cur, CN_ERR_BUSY, "state", "thread '%s' runs on another CPU", t->name);
	struct regs r;
	cn_memcpy(&r, buf, sizeof(r));
	if ((r.cpsr & CPSR_MODE_MASK) != CPSR_MODE_USR)
		return REFUSE(cur, CN_ERR_INVALID, "range", "cpsr 0x%08x: not user mode",
		              (unsigned)r.cpsr);
	/* flags (N Z C V Q, GE) as asked; user mode, ARM state, interrupts on */
	r.cpsr = (r.cpsr & 0xf80f0000u) | CPSR_MODE_USR;
	cn_memcpy(&t->regs, &r, sizeof(r));
	return CN_OK;
}

THREAD_CALL(thread_fault)
{
	sys_ret(cur, 1, t->fault_type);
	sys_ret(cur, 2, t->fault_addr);
	sys_ret(cur, 3, t->fault_pc);
	sys_ret(cur, 4, t->fault_status);
	sys_ret(cur, 5, t->state);
	return CN_OK;
}

static int prio_arg(struct thread *cur, uint32_t prio)
{
	return prio > CN_PRIO_MAX
	       ? REFUSE(cur, CN_ERR_INVALID, "range", "priority %u > %u", (unsigned)prio,
	                (unsigned)CN_PRIO_MAX)
	       : CN_OK;
}

THREAD_CALL(thread_prio)
{
	int err;
	if ((err = prio_arg(cur, sys_arg(cur, 1))))
		return err;
	sched_set(t, sys_arg(cur, 1), t->sched_quota_us);
	return CN_OK;
}

THREAD_CALL(thread_sched)
{
	int err;
	uint32_t quota = sys_arg(cur, 2);
	if ((err = prio_arg(cur, sys_arg(cur, 1))))
		return err;
	if (quota > CN_SCHED_SUPER_PERIOD_US && quota != CN_SCHED_UNLIMITED)
		return REFUSE(cur, CN_ERR_INVALID, "range", "quota %u us", (unsigned)quota);
	t->sched_quota_us = quota;
	sched_set(t, sys_arg(cur, 1), quota);
	return CN_OK;
}

THREAD_CALL(thread_info)
{
	uint64_t used = sched_used(t), left = sched_claim_left(t);
	sys_ret(cur, 1, (uint32_t)used);
	sys_ret(cur, 2, (uint32_t)(used >> 32));
	sys_ret(cur, 3, board_counter_hz());
	sys_ret(cur, 4, left > 0xffffffffu ? 0xffffffffu : (uint32_t)left);
	sys_ret(cur, 5, t->share.prio);
	sys_ret(cur, 6, t->sched_quota_us);
	return CN_OK;
}

THREAD_CALL(thread_cpu)
{
	uint32_t cpu = sys_arg(cur, 1);
	if (cpu == CN_THREAD_CPU_QUERY) {
		sys_ret(cur, 1, t->cpu);
		sys_ret(cur, 2, t->on_cpu ? t->on_cpu->id : CN_THREAD_CPU_NONE);
		return CN_OK;
	}
	if (cpu >= nr_cpus)
		return REFUSE(cur, CN_ERR_INVALID, "range", "CPU %u of %u", (unsigned)cpu,
		              (unsigned)nr_cpus);
	sched_move(t, cpu);
	return CN_OK;
}
