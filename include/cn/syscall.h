/* SPDX-License-Identifier: MIT */
/*
 * The Cairn kernel ABI: system-call numbers, error codes, message layout,
 * object types and mapping attributes. Shared by the kernel and user space.
 * doc/kernel-abi.md describes every call.
 *
 * Calling convention (ARMv7-A, 'svc #0'): r7 = call number, arguments in
 * r0..r6, results in r0..r6. r0 returns the error code (CN_OK = 0) unless a
 * call says otherwise. All other registers are preserved. The calls are
 * listed in <cn/syscalls.h>.
 */
#ifndef CN_SYSCALL_H
#define CN_SYSCALL_H

#ifndef __ASSEMBLY__
#include <stdint.h>
#endif

/* --------------------------------------------------------------- calls */
/* The calls, their numbers and registers: <cn/syscalls.h> (one list). */
#include <cn/syscalls.h>

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
#define CN_CAP_SLOTS_MAX     65536   /* slots of a cap space (CREATE, PD_GROW) */

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
