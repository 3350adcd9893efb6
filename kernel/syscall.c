/* SPDX-License-Identifier: MIT */
/*
 * System-call entry and dispatch (the slow path; the IPC fast path is in
 * fastpath.c): the table generated from <cn/syscalls.h>, the lock-free
 * calls, the privilege check, and the handlers of the small calls that
 * belong to no object (time, print, cache, yield, stop, capability names,
 * kernel info). Every argument is validated: no value from user space may
 * crash the kernel.
 */
#include "syscall.h"
#include "arch/arm/cpu.h"

/* the table: sys_<handler> at its number, NULL (CN_ERR_NOSYS) in the gaps */
#define SYS_TABLE_ENTRY(nr, NAME, handler, args, results, kind) [nr] = sys_##handler,
static int (*const handlers[CN_SYS_LAST + 1])(struct thread *) = {
	CN_SYSCALLS(SYS_TABLE_ENTRY)
};

/* the calls that run without the kernel lock, as a bit mask (all < 32) */
#define SYS_NOLOCK_BIT(nr, NAME, handler, args, results, kind) \
	| (CN_SYSK_##kind == CN_SYSK_NOLOCK ? 1u << ((nr) & 31) : 0u)
#define SYS_NOLOCK_MASK (0u CN_SYSCALLS(SYS_NOLOCK_BIT))

/* privileged calls are exactly the numbers from CN_SYS_FIRST_PRIVILEGED */
#define SYS_CHECK_KIND(nr, NAME, handler, args, results, kind) \
	_Static_assert((CN_SYSK_##kind == CN_SYSK_PRIV) == ((nr) >= CN_SYS_FIRST_PRIVILEGED) && \
	               (CN_SYSK_##kind != CN_SYSK_NOLOCK || (nr) < 32) && (nr) <= CN_SYS_LAST && \
	               ((nr) <= CN_SYS_LAST_UNPRIVILEGED || (nr) >= CN_SYS_FIRST_PRIVILEGED) && \
	               (args) <= 7 && (results) <= 6, "CN_SYS_" #NAME ": kind or number");
CN_SYSCALLS(SYS_CHECK_KIND)

/* ------------------------------------------------------------ dispatch */

static inline __attribute__((always_inline)) void syscall_dispatch(struct thread *cur)
{
	uint32_t call = sys_nr(cur);
	int err;
	if (unlikely(call > CN_SYS_LAST || !handlers[call]))
		err = REFUSE(cur, CN_ERR_NOSYS, "number", "no call %u", (unsigned)call);
	else if (unlikely(call >= CN_SYS_FIRST_PRIVILEGED && !cur->pd->privileged))
		err = REFUSE(cur, CN_ERR_DENIED, "privilege", "the caller's PD is not core's");
	else
		err = handlers[call](cur);
	KDEBUG_RESULT(cur, err);
	if (unlikely(err == SYS_RESTART)) {
		/* run the svc again once the other CPU had a chance to react
		 * (WFE: until some CPU releases the lock) */
		cur->regs.pc -= 4;
		kunlock();
		__asm__ volatile("wfe" ::: "memory");
		klock();
		return;
	}
	if (err != SYS_DONE)
		thread_set_return(cur, err);
}

static inline __attribute__((always_inline)) _Noreturn void
svc_locked(struct cpu *cpu, struct thread *cur)
{
	syscall_dispatch(cur);
	/* still runnable (not blocked, stopped or destroyed) and not preempted */
	if (likely(cur->state == TS_READY && !cpu->need_resched))
		return_to_current(&cur->regs);
	schedule_and_return();
}

/* the fast path's way out for what it does not handle: lock held */
_Noreturn void kernel_svc_locked(void)
{
	struct cpu *cpu = this_cpu();
	svc_locked(cpu, cpu->thread);
}

/* entry.S: every call but CALL and REPLY_WAIT, the lock not taken yet. A
 * lock-free call touches only the caller's registers and this CPU: it
 * cannot block or make anything ready, so the same thread goes on. */
_Noreturn void kernel_svc(void)
{
	struct cpu *cpu = this_cpu();
	struct thread *cur = cpu->thread;
	uint32_t call = sys_nr(cur);
	if (likely(call < 32 && ((SYS_NOLOCK_MASK >> call) & 1))) {
		thread_set_return(cur, handlers[call](cur));
		return_unlocked(&cur->regs);
	}
	klock();
	svc_locked(cpu, cur);
}

/* ------------------------------------------------------------ calls */

/* lock-free */
int sys_null(struct thread *cur) { (void)cur; return CN_OK; }

/* lock-free: the counter and the CPU are this CPU's */
int sys_time(struct thread *cur)
{
	uint64_t now = board_counter();
	sys_ret(cur, 1, (uint32_t)now);
	sys_ret(cur, 2, (uint32_t)(now >> 32));
	sys_ret(cur, 3, board_counter_hz());
	sys_ret(cur, 4, this_cpu()->id);
	return CN_OK;
}

int sys_yield(struct thread *cur) { (void)cur; sched_yield(); return CN_OK; }

int sys_cache(struct thread *cur)
{
	return user_cache_op(cur->pd, sys_arg(cur, 0), sys_arg(cur, 1), sys_arg(cur, 2));
}

int sys_print(struct thread *cur)
{
	char buf[CN_PRINT_MAX];
	uint32_t len = sys_arg(cur, 1);
	if (len > CN_PRINT_MAX)
		return REFUSE(cur, CN_ERR_INVALID, "range", "length %u > %u", (unsigned)len,
		              (unsigned)CN_PRINT_MAX);
	int err = copy_from_user(cur->pd, buf, sys_arg(cur, 0), len);
	if (!err)
		kputs(buf, len);
	return err;
}

int sys_stop(struct thread *cur)
{
	/* r0 becomes CN_OK only when resumed: the pager may read r0-r6 */
	thread_fault(cur, CN_FAULT_STOP, 0, 0);
	return SYS_DONE;
}

int sys_kernel_info(struct thread *cur)
{
	switch (sys_arg(cur, 0)) {
	case CN_KINFO_COUNTER_HZ: sys_ret(cur, 1, board_counter_hz()); return CN_OK;
	case CN_KINFO_NR_CPUS:    sys_ret(cur, 1, nr_cpus); return CN_OK;
	}
	return REFUSE(cur, CN_ERR_INVALID, "range", "query %u", (unsigned)sys_arg(cur, 0));
}
