/* SPDX-License-Identifier: MIT */
/*
 * User-space stubs for every kernel call (see cn/syscalls.h and
 * doc/kernel-abi.md). Each stub is an inline 'svc #0' with the arguments in
 * r0-r6 and the call number in r7; results come back in r0-r6. Each goes
 * through CN_SYSCALL<k>(), which checks the number of arguments against the
 * list of calls and binds just the registers the list gives the call.
 */
#ifndef CN_SYS_H
#define CN_SYS_H

#include <stdint.h>
#include <cn/syscall.h>

struct cn_sysret { int err; uint32_t r1, r2, r3, r4, r5, r6; };

/* The calling thread's UTCB (the kernel keeps its address in TPIDRURO). */
static inline struct cn_utcb *cn_utcb(void)
{
	uint32_t v;
	__asm__("mrc p15, 0, %0, c13, c0, 3" : "=r"(v));
	return (struct cn_utcb *)(uintptr_t)v;
}

/* A call that passes and reads the registers r0 .. r<n-1>; the rest are
 * preserved by the kernel, so the compiler keeps its values there. n is a
 * constant in every use (always inline): one 'svc' with exactly those
 * registers remains. */
static inline __attribute__((always_inline)) struct cn_sysret
cn_syscall_regs(unsigned n, uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3,
                uint32_t a4, uint32_t a5, uint32_t a6)
{
	register uint32_t r0 __asm__("r0") = a0;
	register uint32_t r1 __asm__("r1") = a1;
	register uint32_t r2 __asm__("r2") = a2;
	register uint32_t r3 __asm__("r3") = a3;
	register uint32_t r4 __asm__("r4") = a4;
	register uint32_t r5 __asm__("r5") = a5;
	register uint32_t r6 __asm__("r6") = a6;
	register uint32_t r7 __asm__("r7") = nr;
	switch (n) {
	case 0:
	case 1:
		__asm__ volatile("svc #0" : "+r"(r0) : "r"(r7) : "memory");
		break;
	case 2:
		__asm__ volatile("svc #0" : "+r"(r0), "+r"(r1) : "r"(r7) : "memory");
		break;
	case 3:
		__asm__ volatile("svc #0" : "+r"(r0), "+r"(r1), "+r"(r2) : "r"(r7) : "memory");
		break;
	case 4:
		__asm__ volatile("svc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : "r"(r7)
		                 : "memory");
		break;
	case 5:
		__asm__ volatile("svc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4)
		                 : "r"(r7) : "memory");
		break;
	case 6:
		__asm__ volatile("svc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4),
		                 "+r"(r5) : "r"(r7) : "memory");
		break;
	default:
		__asm__ volatile("svc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4),
		                 "+r"(r5), "+r"(r6) : "r"(r7) : "memory");
		break;
	}
	struct cn_sysret r = { (int)r0, r1, r2, r3, r4, r5, r6 };
	return r;
}

/* any call number with every register (tests of unknown numbers) */
static inline struct cn_sysret cn_syscall(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2,
                                          uint32_t a3, uint32_t a4, uint32_t a5, uint32_t a6)
{
	return cn_syscall_regs(7, nr, a0, a1, a2, a3, a4, a5, a6);
}

/* CN_SYSCALL<k>(NAME, a0 .. a<k-1>): CN_SYS_<NAME> with k arguments, which
 * must be the number <cn/syscalls.h> gives it (checked at compile time); the
 * registers bound are the arguments and the results the list declares. */
#define CN_SYS_REGS_(args, results) ((args) > (results) ? (args) : (results) + 1)
#define CN_SYSCALL_(nr, nargs, nres, name, k, a0, a1, a2, a3, a4, a5) \
	((void)sizeof(struct { _Static_assert((nargs) == (k), name \
	               ": number of arguments differs from <cn/syscalls.h>"); int x_; }), \
	 cn_syscall_regs(CN_SYS_REGS_(nargs, nres), nr, a0, a1, a2, a3, a4, a5, 0))
/* NAME is pasted in each of these: it must not expand (NULL is a macro) */
#define CN_SYSCALL0(NAME) CN_SYSCALL_(CN_SYS_##NAME, CN_SYS_##NAME##_ARGS, \
	CN_SYS_##NAME##_RESULTS, "CN_SYS_" #NAME, 0, 0, 0, 0, 0, 0, 0)
#define CN_SYSCALL1(NAME, a) CN_SYSCALL_(CN_SYS_##NAME, CN_SYS_##NAME##_ARGS, \
	CN_SYS_##NAME##_RESULTS, "CN_SYS_" #NAME, 1, a, 0, 0, 0, 0, 0)
#define CN_SYSCALL2(NAME, a, b) CN_SYSCALL_(CN_SYS_##NAME, CN_SYS_##NAME##_ARGS, \
	CN_SYS_##NAME##_RESULTS, "CN_SYS_" #NAME, 2, a, b, 0, 0, 0, 0)
#define CN_SYSCALL3(NAME, a, b, c) CN_SYSCALL_(CN_SYS_##NAME, CN_SYS_##NAME##_ARGS, \
	CN_SYS_##NAME##_RESULTS, "CN_SYS_" #NAME, 3, a, b, c, 0, 0, 0)
#define CN_SYSCALL4(NAME, a, b, c, d) CN_SYSCALL_(CN_SYS_##NAME, CN_SYS_##NAME##_ARGS, \
	CN_SYS_##NAME##_RESULTS, "CN_SYS_" #NAME, 4, a, b, c, d, 0, 0)
#define CN_SYSCALL5(NAME, a, b, c, d, e) CN_SYSCALL_(CN_SYS_##NAME, CN_SYS_##NAME##_ARGS, \
	CN_SYS_##NAME##_RESULTS, "CN_SYS_" #NAME, 5, a, b, c, d, e, 0)
#define CN_SYSCALL6(NAME, a, b, c, d, e, f) CN_SYSCALL_(CN_SYS_##NAME, CN_SYS_##NAME##_ARGS, \
	CN_SYS_##NAME##_RESULTS, "CN_SYS_" #NAME, 6, a, b, c, d, e, f)

/* --- IPC: message words 0-3 in w[0..3], the rest in the UTCB (struct cn_msg:
 * cn/syscall.h) --- */

static inline int cn_sys_call(uint32_t cap, struct cn_msg *m)
{
	struct cn_sysret r = CN_SYSCALL6(CALL, cap, m->info, m->w[0], m->w[1], m->w[2],
	                                      m->w[3]);
	if (r.err == CN_OK) {
		m->info = r.r1; m->w[0] = r.r2; m->w[1] = r.r3; m->w[2] = r.r4; m->w[3] = r.r5;
	}
	return r.err;
}

/* reply (if 'reply') with *m, then wait for the next call into *m;
 * *badge tells which object was invoked */
static inline int cn_sys_reply_wait(int reply, struct cn_msg *m, uint32_t *badge)
{
	struct cn_sysret r = CN_SYSCALL6(REPLY_WAIT, reply ? CN_RW_REPLY : 0, m->info,
	                                      m->w[0], m->w[1], m->w[2], m->w[3]);
	if (r.err == CN_OK) {
		m->info = r.r1; m->w[0] = r.r2; m->w[1] = r.r3; m->w[2] = r.r4; m->w[3] = r.r5;
		*badge = r.r6;
	}
	return r.err;
}

/* --- signals, IRQs, time --- */
static inline int cn_sys_signal_submit(uint32_t ctx, uint32_t count)
{ return CN_SYSCALL2(SIGNAL_SUBMIT, ctx, count).err; }

static inline int cn_sys_signal_wait(uint32_t recv, uint32_t *imprint, uint32_t *count)
{
	struct cn_sysret r = CN_SYSCALL1(SIGNAL_WAIT, recv);
	if (r.err == CN_OK) { *imprint = r.r1; *count = r.r2; }
	return r.err;
}

static inline int cn_sys_signal_poll(uint32_t recv, uint32_t *imprint, uint32_t *count)
{
	struct cn_sysret r = CN_SYSCALL1(SIGNAL_POLL, recv);
	if (r.err == CN_OK) { *imprint = r.r1; *count = r.r2; }
	return r.err;
}

/* signals on 'recv' end this thread's cn_sys_reply_wait() as a message with
 * CN_MSG_INFO_SIGNAL in m->info, the imprint in w[0] and the count in w[1]
 * (recv 0 unbinds) */
static inline int cn_sys_signal_bind(uint32_t recv) { return CN_SYSCALL1(SIGNAL_BIND, recv).err; }

static inline int cn_sys_irq_ack(uint32_t irq) { return CN_SYSCALL1(IRQ_ACK, irq).err; }

static inline int cn_sys_timeout(uint32_t ctx, uint64_t us)
{ return CN_SYSCALL3(TIMEOUT, ctx, (uint32_t)us, (uint32_t)(us >> 32)).err; }

static inline uint64_t cn_sys_time(uint32_t *hz)
{
	struct cn_sysret r = CN_SYSCALL0(TIME);
	if (hz)
		*hz = r.r3;
	return ((uint64_t)r.r2 << 32) | r.r1;
}

/* the CPU the calling thread runs on (as of the call: CN_SYS_TIME's r4) */
static inline uint32_t cn_sys_current_cpu(void) { return CN_SYSCALL0(TIME).r4; }

/* --- memory, output, misc --- */
static inline int cn_sys_cache(uint32_t op, const void *addr, uint32_t size)
{ return CN_SYSCALL3(CACHE, op, (uint32_t)(uintptr_t)addr, size).err; }

static inline int cn_sys_print(const char *s, uint32_t len)
{ return CN_SYSCALL2(PRINT, (uint32_t)(uintptr_t)s, len).err; }

static inline void cn_sys_yield(void) { CN_SYSCALL0(YIELD); }
static inline void cn_sys_cap_drop(uint32_t cap) { CN_SYSCALL1(CAP_DROP, cap); }
static inline void cn_sys_stop(void) { CN_SYSCALL0(STOP); }
static inline int cn_sys_null(void) { return CN_SYSCALL0(NULL).err; }

static inline int cn_sys_cap_identify(uint32_t cap, uint32_t *type, uint32_t *badge)
{
	struct cn_sysret r = CN_SYSCALL1(CAP_IDENTIFY, cap);
	if (r.err == CN_OK) { *type = r.r1; *badge = r.r2; }
	return r.err;
}

/* also which object the name refers to: an opaque token, the same for all
 * names of one object, different for two objects that exist at once (it
 * tells sessions at different servers apart when their badges are equal) */
static inline int cn_sys_cap_identify_obj(uint32_t cap, uint32_t *type, uint32_t *badge,
                                          uint32_t *obj)
{
	struct cn_sysret r = CN_SYSCALL1(CAP_IDENTIFY, cap);
	if (r.err == CN_OK) { *type = r.r1; *badge = r.r2; *obj = r.r3; }
	return r.err;
}

/* --- privileged (core only) --- */
static inline int cn_sys_create(uint32_t type, uint32_t phys, uint32_t a2, uint32_t a3,
                                uint32_t a4, uint32_t *cap)
{
	struct cn_sysret r = CN_SYSCALL5(CREATE, type, phys, a2, a3, a4);
	if (r.err == CN_OK)
		*cap = r.r1;
	return r.err;
}

static inline int cn_sys_destroy(uint32_t cap) { return CN_SYSCALL1(DESTROY, cap).err; }

static inline int cn_sys_map(uint32_t pd, uint32_t va, uint32_t pa, uint32_t pages,
                             uint32_t attr, uint32_t pt_phys, uint32_t *mapped)
{
	struct cn_sysret r = CN_SYSCALL6(MAP, pd, va, pa, pages, attr, pt_phys);
	if (mapped)
		*mapped = r.r1;
	return r.err;
}

static inline int cn_sys_unmap(uint32_t pd, uint32_t va, uint32_t pages)
{ return CN_SYSCALL3(UNMAP, pd, va, pages).err; }

static inline int cn_sys_thread_start(uint32_t t, uint32_t pc, uint32_t sp, uint32_t arg)
{ return CN_SYSCALL4(THREAD_START, t, pc, sp, arg).err; }
static inline int cn_sys_thread_pause(uint32_t t) { return CN_SYSCALL1(THREAD_PAUSE, t).err; }
static inline int cn_sys_thread_resume(uint32_t t) { return CN_SYSCALL1(THREAD_RESUME, t).err; }
static inline int cn_sys_thread_pager(uint32_t t, uint32_t ctx)
{ return CN_SYSCALL2(THREAD_PAGER, t, ctx).err; }
static inline int cn_sys_thread_prio(uint32_t t, uint32_t prio)
{ return CN_SYSCALL2(THREAD_PRIO, t, prio).err; }
static inline int cn_sys_thread_sched(uint32_t t, uint32_t prio, uint32_t quota_us)
{ return CN_SYSCALL3(THREAD_SCHED, t, prio, quota_us).err; }

struct cn_sched_info { uint64_t used; uint32_t hz, claim_left, prio, quota_us; };
static inline int cn_sys_thread_info(uint32_t t, struct cn_sched_info *i)
{
	struct cn_sysret r = CN_SYSCALL1(THREAD_INFO, t);
	i->used = r.r1 | (uint64_t)r.r2 << 32;
	i->hz = r.r3;
	i->claim_left = r.r4;
	i->prio = r.r5;
	i->quota_us = r.r6;
	return r.err;
}
static inline int cn_sys_thread_cpu(uint32_t t, uint32_t cpu)
{ return CN_SYSCALL2(THREAD_CPU, t, cpu).err; }
/* where t is placed and which CPU runs it right now (CN_THREAD_CPU_NONE) */
static inline int cn_sys_thread_where(uint32_t t, uint32_t *placed, uint32_t *running)
{
	struct cn_sysret r = CN_SYSCALL2(THREAD_CPU, t, CN_THREAD_CPU_QUERY);
	if (placed)
		*placed = r.r1;
	if (running)
		*running = r.r2;
	return r.err;
}
static inline int cn_sys_thread_regs(uint32_t t, int write)
{ return CN_SYSCALL2(THREAD_REGS, t, (uint32_t)write).err; }

struct cn_fault { uint32_t type, addr, pc, status, state; };
static inline int cn_sys_thread_fault(uint32_t t, struct cn_fault *f)
{
	struct cn_sysret r = CN_SYSCALL1(THREAD_FAULT, t);
	if (r.err == CN_OK) {
		f->type = r.r1; f->addr = r.r2; f->pc = r.r3; f->status = r.r4; f->state = r.r5;
	}
	return r.err;
}

static inline int cn_sys_cap_mint(uint32_t cap, uint32_t badge, uint32_t *out)
{
	struct cn_sysret r = CN_SYSCALL2(CAP_MINT, cap, badge);
	if (r.err == CN_OK) *out = r.r1;
	return r.err;
}

/* CN_KINFO_COUNTER_HZ, CN_KINFO_NR_CPUS */
static inline int cn_sys_kernel_info(uint32_t what, uint32_t *value)
{
	struct cn_sysret r = CN_SYSCALL1(KERNEL_INFO, what);
	if (r.err == CN_OK) *value = r.r1;
	return r.err;
}

/* drop 'name' from the cap space of 'pd' if it names the object 'expect'
 * names (a cap of ours); *badge is the badge it had */
static inline int cn_sys_cap_take(uint32_t pd, uint32_t name, uint32_t expect, uint32_t *badge)
{
	struct cn_sysret r = CN_SYSCALL3(CAP_TAKE, pd, name, expect);
	if (r.err == CN_OK && badge) *badge = r.r1;
	return r.err;
}

static inline int cn_sys_cap_give(uint32_t pd, uint32_t cap, uint32_t *out)
{
	struct cn_sysret r = CN_SYSCALL2(CAP_GIVE, pd, cap);
	if (r.err == CN_OK) *out = r.r1;
	return r.err;
}

/* move the cap space of 'pd' into a larger table of 'slots' slots at
 * 'table' (phys, 16 bytes a slot): names stay, the old table is free after */
static inline int cn_sys_pd_grow(uint32_t pd, uint32_t table, uint32_t slots)
{
	return CN_SYSCALL3(PD_GROW, pd, table, slots).err;
}

#endif
