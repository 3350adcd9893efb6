/* SPDX-License-Identifier: MIT */
/*
 * A minimal roottask toolkit for kernel-level tests and benchmarks: physical
 * memory from the boot info, fresh protection domains that share this
 * program's code, threads in them, waiting for them to stop or fault, and
 * console output. It stands in for core until core exists on top of it.
 */
#ifndef KT_H
#define KT_H

#include <stdint.h>
#include <stdbool.h>
#include <cn/sys.h>
#include <cn/bootinfo.h>

/* memory */
void     kt_init(const struct cn_bootinfo *bi);
uint32_t kt_alloc(uint32_t size, uint32_t align);   /* physical, zeroed */
void    *kt_va(uint32_t phys);                     /* where the roottask sees it */
const struct cn_bootinfo *kt_bootinfo(void);

/* output */
void kt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* kernel objects */
uint32_t kt_sig_recv(void);
uint32_t kt_sig_ctx(uint32_t recv, uint32_t imprint);

/* A child PD runs this program's code (shared, read-only) with fresh data. */
#define KT_MAX_THREADS 8
struct kt_pd {
	uint32_t pd;                  /* cap */
	uint32_t nthreads;
	uint32_t threads[KT_MAX_THREADS];   /* caps */
};

int kt_pd_create(struct kt_pd *p);
int kt_pd_destroy(struct kt_pd *p);
/* give a capability to the child: returns its name there (0 on error) */
uint32_t kt_give(struct kt_pd *p, uint32_t cap);
/* map 'pages' fresh zeroed pages at 'va' in the child (or at a physical
 * address if phys != 0); returns the physical address */
uint32_t kt_map(struct kt_pd *p, uint32_t va, uint32_t pages, uint32_t attr, uint32_t phys);

/* Start fn(arg) in the child; when fn returns, the thread stops with the
 * return value in r1. The pager signal of the thread is 'pager' (a context
 * cap of the caller's, or 0). Returns the thread cap (0 on error). */
typedef uint32_t (*kt_fn)(uint32_t arg);
uint32_t kt_thread(struct kt_pd *p, const char *name, kt_fn fn, uint32_t arg, uint32_t prio,
                   uint32_t pager);
/* the same on CPU 'cpu' (KT_CPU_ANY: the creator's) */
#define KT_CPU_ANY 0xffffffffu
uint32_t kt_thread_on(struct kt_pd *p, const char *name, kt_fn fn, uint32_t arg, uint32_t prio,
                      uint32_t pager, uint32_t cpu);

/* The stack and UTCB of thread i of a child */
#define KT_STACK_BASE(i)  (0x10000000u + (i) * 0x10000u)
#define KT_STACK_SIZE     0x8000u
#define KT_UTCB(i)        (0x20000000u + (i) * 0x1000u)

/* Wait for a signal on 'recv' for at most 'us' microseconds (using context
 * 'tmo_ctx', whose imprint must be KT_TIMEOUT). Returns the imprint, or
 * KT_TIMEOUT. */
#define KT_TIMEOUT 0xffffffffu
uint32_t kt_wait(uint32_t recv, uint32_t tmo_ctx, uint64_t us, uint32_t *count);

/* Read a stopped/faulted thread's registers (r0..r12, sp, lr, pc, cpsr). */
int kt_regs(uint32_t thread, uint32_t regs[17]);

/* cycle counter (instructions under QEMU -icount shift=0) */
static inline uint32_t kt_cycles(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c9, c13, 0" : "=r"(v));
	return v;
}

#endif
