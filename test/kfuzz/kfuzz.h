/* SPDX-License-Identifier: MIT */
/*
 * The kernel syscall fuzzer: layout of the page the driver (roottask) shares
 * with the fuzzer PD, capability names in the fuzzer PD, the PRNG.
 */
#ifndef KFUZZ_H
#define KFUZZ_H

#include "../lib/kt.h"

#define FZ_THREADS    2             /* fuzzer threads in the fuzzer PD */
#define FZ_SHARED_VA  0x30000000u   /* the shared page in the fuzzer PD */
#define FZ_UNMAPPED   0x50000000u   /* nothing is mapped around here */

/* per fuzzer thread, written by the fuzzer, read by the driver */
struct fz_thread {
	volatile uint32_t calls;     /* calls issued so far (counted before the svc) */
	volatile uint32_t quota;     /* stop after this many (set by the driver) */
	volatile uint32_t denied;    /* privileged calls refused with CN_ERR_DENIED */
	volatile uint32_t in_call;   /* call number + 1 while inside the kernel, else 0 */
	volatile uint32_t rng;       /* PRNG state: a restarted thread continues from it */
	volatile uint32_t bad;       /* privileged calls that were not refused */
	volatile uint32_t bad_nr, bad_err;
	volatile uint32_t done;      /* quota reached: the thread stops for good */
	volatile uint32_t probes;    /* deliberate memory probes (may fault) */
};

struct fz_shared {
	struct fz_thread t[FZ_THREADS];
};

/* capability names in the fuzzer PD (given in this order) */
enum {
	FC_ECHO = 1,       /* echo server thread */
	FC_ECHO_BADGED,    /* same, badge 0x77 */
	FC_RECV1,          /* receiver of the fuzzer */
	FC_CTX1A,          /* contexts on it */
	FC_CTX1B,
	FC_RECV2,          /* a second receiver */
	FC_CTX2,
	FC_DRIVER_CTX,     /* context on the driver's receiver */
	FC_IRQ,            /* an IRQ object on a quiet line (or another context) */
	FC_SELF_PD,        /* the fuzzer's own PD */
	FC_ECHO_PD,        /* the echo server's PD */
	FC_STALE,          /* a context destroyed after giving: stale name */
	FC_ORPHAN,         /* a context whose receiver was destroyed */
	FC_TMO_CTX,        /* context on RECV1 for timeouts */
	FC_THREAD0,        /* the fuzzer threads (given again after a restart) */
	FC_THREAD1,
	FC_COUNT = FC_THREAD1
};

static inline uint32_t xorshift32(uint32_t *s)
{
	uint32_t x = *s;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

uint32_t fuzz_thread(uint32_t idx);

#endif
