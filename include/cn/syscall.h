/*
 * The Cairn kernel ABI: system-call numbers, error codes, message layout,
 * object types and mapping attributes. Shared by the kernel and user space.
 * doc/kernel-abi.md describes every call.
 *
 * Calling convention (ARMv7-A, 'svc #0'): r7 = call number, arguments in
 * r0..r6, results in r0..r6. r0 returns the error code (CN_OK = 0) unless a
 * call says otherwise. All other registers are preserved.
 */
#ifndef CN_SYSCALL_H
#define CN_SYSCALL_H

#ifndef __ASSEMBLY__
#include <stdint.h>
#endif

/* --------------------------------------------------------------- calls */
/* Unprivileged: every thread may use them on capabilities it holds. */
#define CN_SYS_CALL          0  /* r0 cap, r1 info, r2-r5 w0-w3 -> r0 err, r1 info, r2-r5 */
#define CN_SYS_REPLY_WAIT    1  /* r0 flags, r1 info, r2-r5 -> r0 err, r1 info, r2-r5, r6 badge */
#define CN_SYS_SIGNAL_SUBMIT 2  /* r0 context cap, r1 count */
#define CN_SYS_SIGNAL_WAIT   3  /* r0 receiver cap -> r1 imprint, r2 count */
#define CN_SYS_SIGNAL_POLL   4  /* like WAIT, returns CN_ERR_AGAIN instead of blocking */
#define CN_SYS_IRQ_ACK       5  /* r0 irq cap */
#define CN_SYS_TIMEOUT       6  /* r0 context cap, r1:r2 = microseconds (lo, hi); 0 cancels */
#define CN_SYS_TIME          7  /* -> r1:r2 counter (lo, hi), r3 counter frequency in Hz,
                                    r4 the CPU executing the call */
#define CN_SYS_CACHE         8  /* r0 op (CN_CACHE_*), r1 address, r2 size */
#define CN_SYS_PRINT         9  /* r0 address, r1 length (<= CN_PRINT_MAX) */
#define CN_SYS_YIELD        10
#define CN_SYS_CAP_DROP     11  /* r0 cap name */
#define CN_SYS_STOP         12  /* the calling thread stops; its pager is told */
#define CN_SYS_CAP_IDENTIFY 13  /* r0 cap -> r1 type (CN_OBJ_*), r2 badge */
#define CN_SYS_NULL         14  /* does nothing (benchmarks) */
#define CN_SYS_SIGNAL_BIND  15  /* r0 receiver cap (0: unbind): signals on it wake the caller's
                                   REPLY_WAIT as signal messages (CN_MSG_INFO_SIGNAL) */
#define CN_SYS_LAST_UNPRIVILEGED 15

/* Privileged: refused with CN_ERR_DENIED unless the caller's PD is core's. */
#define CN_SYS_CREATE       32  /* r0 type, r1 phys memory, r2-r4 type args -> r1 new cap */
#define CN_SYS_DESTROY      33  /* r0 cap */
#define CN_SYS_MAP          34  /* r0 pd, r1 virt, r2 phys, r3 pages, r4 attr, r5 phys of a free
                                   1 KiB page table or 0 -> r1 pages mapped */
#define CN_SYS_UNMAP        35  /* r0 pd, r1 virt, r2 pages */
#define CN_SYS_THREAD_START 36  /* r0 thread, r1 pc, r2 sp, r3 r0-argument */
#define CN_SYS_THREAD_PAUSE 37  /* r0 thread */
#define CN_SYS_THREAD_RESUME 38 /* r0 thread */
#define CN_SYS_THREAD_PAGER 39  /* r0 thread, r1 signal context cap (0: none) */
#define CN_SYS_THREAD_REGS  40  /* r0 thread, r1 0=read 1=write: caller's UTCB msg[0..16] */
#define CN_SYS_THREAD_FAULT 41  /* r0 thread -> r1 type, r2 address, r3 pc, r4 status,
                                   r5 state (CN_THREAD_*) */
#define CN_SYS_CAP_MINT     42  /* r0 cap, r1 badge -> r1 new cap (same object, new badge) */
#define CN_SYS_CAP_GIVE     43  /* r0 pd, r1 cap -> r1 name of the copy in that pd */
#define CN_SYS_THREAD_PRIO  44  /* r0 thread, r1 priority */
#define CN_SYS_KERNEL_INFO  45  /* r0 what -> r1.. (CN_KINFO_*) */
#define CN_SYS_THREAD_SCHED 46  /* r0 thread, r1 priority, r2 quota in microseconds per
                                   super period (0: fill only, CN_SCHED_UNLIMITED) */
#define CN_SYS_THREAD_INFO  47  /* r0 thread -> r1:r2 time used in counter ticks (lo, hi),
                                   r3 counter Hz, r4 claim ticks left in this super
                                   period, r5 priority, r6 quota (microseconds) */
#define CN_SYS_THREAD_CPU   48  /* r0 thread, r1 cpu (< CN_KINFO_NR_CPUS): the thread runs
                                   there from now on (a running thread is moved);
                                   r1 CN_THREAD_CPU_QUERY: nothing changes ->
                                   r1 its CPU, r2 the CPU running it right now
                                   (CN_THREAD_CPU_NONE if none) */
#define CN_THREAD_CPU_QUERY 0xffffffffu
#define CN_THREAD_CPU_NONE  0xffffffffu

#define CN_SYS_CAP_TAKE     49  /* r0 pd, r1 name in that pd, r2 cap for the same object ->
                                   r1 badge of that name, which is dropped from that pd */

#define CN_SYS_LAST         49

/* ------------------------------------------------------------- errors */
/* CN_OK and the CN_ERR_* values: <cn/errors.h> (one space for all errors) */
#include <cn/errors.h>

/* ------------------------------------------------------------- messages */
/* info word: number of message words and of capabilities */
#define CN_MSG_WORDS_MAX  1016
#define CN_MSG_CAPS_MAX   4
#define CN_MSG_INFO(words, caps)  ((unsigned)(words) | ((unsigned)(caps) << 12))
#define CN_MSG_INFO_WORDS(i)      ((i) & 0x3ff)
#define CN_MSG_INFO_CAPS(i)       (((i) >> 12) & 0x7)
/* receiver side: bit set when a transferred capability could not be given */
#define CN_MSG_INFO_CAP_LOST      (1u << 16)
/* receiver side: not a call but a signal on the bound receiver; r2 imprint,
 * r3 count, no reply expected */
#define CN_MSG_INFO_SIGNAL        (1u << 17)

/* REPLY_WAIT flags */
#define CN_RW_REPLY   1  /* reply to the current caller before waiting */
#define CN_RW_NOWAIT  2  /* do not wait for the next call: return after the reply */

/* The message registers of CALL and REPLY_WAIT: r1 info, r2-r5 words 0-3 */
#ifndef __ASSEMBLY__
struct cn_msg { uint32_t info; uint32_t w[4]; };
#endif

/* The UTCB: one page per thread, shared between the thread and the kernel.
 * Message words 0..3 travel in registers; words 4.. live in msg[4..]. */
#ifndef __ASSEMBLY__
struct cn_utcb {
	uint32_t msg[CN_MSG_WORDS_MAX];
	uint32_t caps[CN_MSG_CAPS_MAX]; /* send: names to transfer; receive: new names */
	uint32_t thread_id;             /* set by whoever creates the thread */
	uint32_t reserved[3];
};
#endif

/* --------------------------------------------------------------- objects */
#define CN_OBJ_NONE        0
#define CN_OBJ_THREAD      1  /* args: r2 pd cap, r3 utcb phys, r4 utcb virt */
#define CN_OBJ_PD          2  /* args: r2 cap-table phys, r3 cap-table slots */
#define CN_OBJ_SIG_RECV    3
#define CN_OBJ_SIG_CTX     4  /* args: r2 receiver cap, r3 imprint */
#define CN_OBJ_IRQ         5  /* args: r2 irq number, r3 signal context cap */

/* Memory a CN_SYS_CREATE needs, size and alignment (bytes). A PD needs its
 * 8 KiB first-level table plus the object; a cap table slot is 16 bytes. */
#define CN_OBJ_MEM_THREAD    512
#define CN_OBJ_MEM_PD        (16384)
#define CN_OBJ_MEM_SIG_RECV  64
#define CN_OBJ_MEM_SIG_CTX   64
#define CN_OBJ_MEM_IRQ       64
#define CN_CAP_SLOT_SIZE     16

/* -------------------------------------------------------- map attributes */
#define CN_MAP_WRITE      (1u << 0)
#define CN_MAP_EXEC       (1u << 1)
#define CN_MAP_UNCACHED   (1u << 2)  /* strongly ordered-free normal non-cacheable (DMA) */
#define CN_MAP_WC         (1u << 3)  /* write-combined (same as uncached on ARMv7) */
#define CN_MAP_DEVICE     (1u << 4)  /* device memory (MMIO) */

/* ----------------------------------------------------------- cache ops */
#define CN_CACHE_CLEAN       1  /* write back (before a device reads) */
#define CN_CACHE_INVALIDATE  2  /* discard (after a device wrote) */
#define CN_CACHE_FLUSH       3  /* clean + invalidate */
#define CN_CACHE_SYNC_I      4  /* make new code visible to instruction fetch */

/* ----------------------------------------------------------- faults */
#define CN_FAULT_NONE       0
#define CN_FAULT_PAGE_READ  1  /* translation/permission fault on a load */
#define CN_FAULT_PAGE_WRITE 2  /* ... on a store */
#define CN_FAULT_PAGE_EXEC  3  /* prefetch abort */
#define CN_FAULT_ALIGN      4
#define CN_FAULT_UNDEF      5
#define CN_FAULT_STOP       6  /* thread called CN_SYS_STOP */
#define CN_FAULT_OTHER      7  /* external abort, debug event, ... */

#define CN_PRINT_MAX        256

/* thread states reported by CN_SYS_THREAD_FAULT */
#define CN_THREAD_INACTIVE 0  /* created, not started (or its partner vanished) */
#define CN_THREAD_READY    1  /* running or runnable */
#define CN_THREAD_SEND     2  /* queued to call a server */
#define CN_THREAD_REPLY    3  /* called, waiting for the reply */
#define CN_THREAD_RECV     4  /* waiting for a call */
#define CN_THREAD_SIGNAL   5  /* waiting on a signal receiver */
#define CN_THREAD_PAUSED   6
#define CN_THREAD_FAULTED  7
#define CN_THREAD_STOPPED  8

/* CN_SYS_KERNEL_INFO queries */
#define CN_KINFO_COUNTER_HZ 0  /* r1 = frequency of the time counter */
#define CN_KINFO_NR_CPUS    1  /* r1 = number of CPUs running (0 .. n-1) */

/* Priorities: 0 (lowest) .. CN_PRIO_MAX */
#define CN_PRIO_MAX  15

/* CPU quota (CN_SYS_THREAD_SCHED): microseconds per super period of 1 s */
#define CN_SCHED_SUPER_PERIOD_US 1000000u
#define CN_SCHED_UNLIMITED       0xffffffffu  /* a claim that never runs out (default) */

#endif
