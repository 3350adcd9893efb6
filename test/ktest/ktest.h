/* SPDX-License-Identifier: MIT */
/*
 * Shared parts of the kernel test suite: the per-case environment, checks
 * and the helpers to run child code and wait for it.
 */
#ifndef KTEST_H
#define KTEST_H

#include "../lib/kt.h"

/* checks inside child code and driver code: return the failing line */
#define CHECK(c) do { if (!(c)) return __LINE__; } while (0)
#define CHECK_EQ(a, b) do { uint32_t a_ = (uint32_t)(a), b_ = (uint32_t)(b); if (a_ != b_) { \
	kt_printf("ktest:   line %d: %s = %d, expected %d\n", __LINE__, #a, (int)a_, (int)b_); \
	return __LINE__; } } while (0)

/* Without icount QEMU's clock follows the host's, so a busy host can stall
 * the guest for a whole wait: wait in short steps until 'cond' holds, for at
 * most 'ms' milliseconds. */
#define WAIT_UNTIL(cond, ms) do { \
	for (uint32_t w_ = 0; !(cond) && w_ < (ms); w_ += 5) \
		kt_wait(env.recv, env.tmo, 5000, 0); \
	CHECK(cond); } while (0)

/* wait (up to 2 s) until 'thread' is in state 'st' (CN_THREAD_*) */
static inline uint32_t thread_state(uint32_t thread)
{
	struct cn_fault f_ = { 0, 0, 0, 0, ~0u };
	cn_sys_thread_fault(thread, &f_);
	return f_.state;
}
#define WAIT_STATE(thread, st) WAIT_UNTIL(thread_state(thread) == (st), 2000)

/* per-case environment, fresh for every case */
struct env {
	uint32_t recv;      /* driver's signal receiver */
	uint32_t tmo;       /* timeout context (imprint KT_TIMEOUT) */
	uint32_t pager[4];  /* pager contexts, imprints 1..4 */
};
extern struct env env;

/* Start fn in a fresh PD with the given caps (names 1.. in the child, in
 * order), pager signal imprint 1. */
uint32_t spawn(struct kt_pd *pd, const char *name, kt_fn fn, uint32_t arg, uint32_t prio,
               const uint32_t *caps, unsigned ncaps, unsigned pager_idx);
/* wait until the thread with pager index 'idx' stops; its fault or stop
 * state in *f, its r1 (the child's result) returned; ~0 on timeout */
uint32_t wait_stop(uint32_t thread, unsigned idx, struct cn_fault *f);

/* test cases */
#define TESTS(X) \
	X(ipc_words) X(ipc_words_low_server) X(ipc_caps) X(ipc_cap_invalid) X(ipc_queue) \
	X(ipc_callee_destroyed) X(ipc_caller_destroyed) X(ipc_stale_cap) X(ipc_self_call) \
	X(ipc_no_reply) \
	X(signal_count) X(signal_contexts) X(signal_wakeup) X(signal_poll) X(signal_destroyed) \
	X(signal_bound) \
	X(irq_device) X(fault_resolved) X(fault_unresolved) \
	X(exc_undef) X(exc_prefetch) X(exc_write_ro) X(exc_align) X(exc_kernel_addr) \
	X(thread_regs_mode) \
	X(thread_lifecycle) X(thread_pause_resume) X(pd_lifecycle) \
	X(privileged_refused) X(user_pointers) X(timeout) X(time_monotonic) \
	X(cap_errors) X(cap_take) X(pd_grow) X(unknown_syscall) X(cache_ops) X(map_attrs) X(sched_round_robin) X(sched_priority) \
	X(sched_quota) \
	X(rpc_generated) X(rpc_entrypoint)
/* multi-processor cases: only with 2 or more CPUs (t_smp.c) */
#define SMP_TESTS(X) \
	X(smp_cpus) X(smp_migrate) X(smp_inherit) X(smp_info) X(smp_ipc) X(smp_ipc_words) X(smp_ipc_cap) X(smp_signal) X(smp_pause_destroy) X(smp_unmap) \
	X(smp_ipc_stress)
#define DECL(n) int test_##n(void);
TESTS(DECL)
SMP_TESTS(DECL)
#undef DECL

#endif
