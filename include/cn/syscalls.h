/* SPDX-License-Identifier: MIT */
/*
 * The kernel's system calls, declared once. Everything else is generated
 * from CN_SYSCALLS: the CN_SYS_* numbers, the register counts the user stubs
 * of <cn/sys.h> are checked against, the kernel's dispatch table
 * (kernel/syscall.c) and which calls run without the kernel lock; the host
 * test test/host/syscall_abi_test.c checks that the tables of
 * doc/kernel-abi.md say the same (number, name, argument and result
 * registers, privileged or not).
 *
 * X(nr, NAME, handler, args, results, kind)
 *   nr       the number in r7
 *   NAME     CN_SYS_<NAME>
 *   handler  kernel/: the function sys_<handler>(struct thread *) runs it
 *   args     argument registers: r0 .. r<args-1> (0: none)
 *   results  result registers besides r0 (the error code): r1 .. r<results>
 *   kind     USER: any thread, on caps it holds; NOLOCK: any thread, and the
 *            kernel runs it without its lock (it touches only the caller and
 *            its CPU: doc/scheduling.md); PRIV: core only (CN_ERR_DENIED)
 */
#ifndef CN_SYSCALLS_H
#define CN_SYSCALLS_H

#define CN_SYSCALLS(X) \
	X( 0, CALL,           call,          6, 6, USER)   /* r0 thread cap, r1 info, r2-r5 w0-w3 -> r1 info, r2-r5, r6 0 */ \
	X( 1, REPLY_WAIT,     reply_wait,    6, 6, USER)   /* r0 CN_RW_*, r1 info, r2-r5 -> r1 info, r2-r5, r6 badge */ \
	X( 2, SIGNAL_SUBMIT,  signal_submit, 2, 0, USER)   /* r0 context cap, r1 count */ \
	X( 3, SIGNAL_WAIT,    signal_wait,   1, 2, USER)   /* r0 receiver cap -> r1 imprint, r2 count */ \
	X( 4, SIGNAL_POLL,    signal_poll,   1, 2, USER)   /* like WAIT, CN_ERR_AGAIN instead of blocking */ \
	X( 5, IRQ_ACK,        irq_ack,       1, 0, USER)   /* r0 irq cap */ \
	X( 6, TIMEOUT,        timeout,       3, 0, USER)   /* r0 context cap, r1:r2 microseconds; 0 cancels */ \
	X( 7, TIME,           time,          0, 4, NOLOCK) /* -> r1:r2 counter, r3 Hz, r4 CPU */ \
	X( 8, CACHE,          cache,         3, 0, USER)   /* r0 CN_CACHE_*, r1 address, r2 size */ \
	X( 9, PRINT,          print,         2, 0, USER)   /* r0 address, r1 length (<= CN_PRINT_MAX) */ \
	X(10, YIELD,          yield,         0, 0, USER) \
	X(11, CAP_DROP,       cap_drop,      1, 0, USER)   /* r0 cap name */ \
	X(12, STOP,           stop,          0, 0, USER)   /* the caller stops; its pager is told */ \
	X(13, CAP_IDENTIFY,   cap_identify,  1, 3, USER)   /* r0 cap -> r1 CN_OBJ_*, r2 badge, r3 token */ \
	X(14, NULL,           null,          0, 0, NOLOCK) /* does nothing (benchmarks) */ \
	X(15, SIGNAL_BIND,    signal_bind,   1, 0, USER)   /* r0 receiver cap, 0 unbinds */ \
	X(32, CREATE,         create,        5, 1, PRIV)   /* r0 CN_OBJ_*, r1 memory, r2-r4 -> r1 cap */ \
	X(33, DESTROY,        destroy,       1, 0, PRIV)   /* r0 cap */ \
	X(34, MAP,            map,           6, 1, PRIV)   /* r0 pd, r1 virt, r2 phys, r3 pages, r4 attr, r5 page table -> r1 mapped */ \
	X(35, UNMAP,          unmap,         3, 0, PRIV)   /* r0 pd, r1 virt, r2 pages */ \
	X(36, THREAD_START,   thread_start,  4, 0, PRIV)   /* r0 thread, r1 pc, r2 sp, r3 r0 value */ \
	X(37, THREAD_PAUSE,   thread_pause,  1, 0, PRIV)   /* r0 thread */ \
	X(38, THREAD_RESUME,  thread_resume, 1, 0, PRIV)   /* r0 thread */ \
	X(39, THREAD_PAGER,   thread_pager,  2, 0, PRIV)   /* r0 thread, r1 context cap or 0 */ \
	X(40, THREAD_REGS,    thread_regs,   2, 0, PRIV)   /* r0 thread, r1 0 read / 1 write (UTCB msg[0..16]) */ \
	X(41, THREAD_FAULT,   thread_fault,  1, 5, PRIV)   /* r0 thread -> r1 type, r2 addr, r3 pc, r4 status, r5 state */ \
	X(42, CAP_MINT,       cap_mint,      2, 1, PRIV)   /* r0 cap, r1 badge -> r1 new cap */ \
	X(43, CAP_GIVE,       cap_give,      2, 1, PRIV)   /* r0 pd, r1 cap -> r1 name there */ \
	X(44, THREAD_PRIO,    thread_prio,   2, 0, PRIV)   /* r0 thread, r1 priority */ \
	X(45, KERNEL_INFO,    kernel_info,   1, 1, PRIV)   /* r0 CN_KINFO_* -> r1 */ \
	X(46, THREAD_SCHED,   thread_sched,  3, 0, PRIV)   /* r0 thread, r1 priority, r2 quota us */ \
	X(47, THREAD_INFO,    thread_info,   1, 6, PRIV)   /* r0 thread -> r1:r2 used, r3 Hz, r4 claim left, r5 prio, r6 quota */ \
	X(48, THREAD_CPU,     thread_cpu,    2, 2, PRIV)   /* r0 thread, r1 cpu or QUERY -> r1 its cpu, r2 running on */ \
	X(49, CAP_TAKE,       cap_take,      3, 1, PRIV)   /* r0 pd, r1 name there, r2 our cap -> r1 badge */ \
	X(50, PD_GROW,        pd_grow,       3, 0, PRIV)   /* r0 pd, r1 new cap table phys, r2 slots (more than now) */

#ifndef __ASSEMBLY__
/* CN_SYS_<NAME>: the call numbers */
enum cn_syscall_nr {
#define CN_SYS_ENUM_(nr, NAME, h, a, r, k) CN_SYS_##NAME = nr,
	CN_SYSCALLS(CN_SYS_ENUM_)
#undef CN_SYS_ENUM_
};

/* CN_SYS_<NAME>_ARGS / _RESULTS: how many registers a stub passes and reads */
enum cn_syscall_regs {
#define CN_SYS_REGS_(nr, NAME, h, a, r, k) CN_SYS_##NAME##_ARGS = a, CN_SYS_##NAME##_RESULTS = r,
	CN_SYSCALLS(CN_SYS_REGS_)
#undef CN_SYS_REGS_
};

/* the kinds, as numbers */
#define CN_SYSK_USER   0
#define CN_SYSK_NOLOCK 1
#define CN_SYSK_PRIV   2
#endif

#define CN_SYS_LAST_UNPRIVILEGED 15   /* unprivileged calls: 0 .. 15 */
#define CN_SYS_FIRST_PRIVILEGED  32   /* privileged calls: 32 .. CN_SYS_LAST */
#define CN_SYS_LAST              50

#define CN_THREAD_CPU_QUERY 0xffffffffu  /* CN_SYS_THREAD_CPU: change nothing */
#define CN_THREAD_CPU_NONE  0xffffffffu  /* ... runs on no CPU right now */

#endif
