/* SPDX-License-Identifier: MIT */
/*
 * Shared parts of core's test suite: the environment (start info, LOG
 * session, a signal receiver), checks, and test children: fresh PDs that
 * show this program's text and run one of its functions in a thread.
 */
#ifndef CORETEST_H
#define CORETEST_H

#include <cn/sys.h>
#include <cn/start.h>
#include <cn/errors.h>
#include <cn/session/parent.h>
#include <cn/session/pd.h>
#include <cn/session/cpu.h>
#include <cn/session/rm.h>
#include <cn/session/rom.h>
#include <cn/session/irq.h>
#include <cn/session/io_mem.h>
#include <cn/session/log.h>

struct ct_env {
	const struct cn_start_info *si;
	uint32_t log;
	uint32_t recv;        /* signal receiver */
	uint32_t tmo;         /* timeout context, imprint CT_TIMEOUT */
	uint32_t exc;         /* exception context of test threads, imprint CT_EXC */
	uint32_t rmfault;     /* region-map fault context, imprint CT_RMFAULT */
};
extern struct ct_env ct;

#define CT_TIMEOUT 0xffffffffu
#define CT_EXC     1u
#define CT_RMFAULT 2u

void ct_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* wait for a signal for at most 'ms'; returns its imprint or CT_TIMEOUT */
uint32_t ct_wait(uint32_t ms);

#define CHECK(c) do { if (!(c)) { ct_log("  line %d: %s", __LINE__, #c); return __LINE__; } } while (0)
#define CHECK_EQ(a, b) do { int a_ = (int)(a), b_ = (int)(b); if (a_ != b_) { \
	ct_log("  line %d: %s = %d, expected %d", __LINE__, #a, a_, b_); return __LINE__; } } while (0)

/* a test child: PD + CPU session, this program's text, one thread */
struct ct_child {
	cn_cap_t pd, cpu, as, thread;
};
int  ct_child_create(struct ct_child *c, const char *label, uint32_t ram, uint32_t caps);
/* run fn(arg) in the child (stack at 0x10000000); it stops when fn returns */
int  ct_child_run(struct ct_child *c, uint32_t (*fn)(uint32_t), uint32_t arg);
/* wait for the thread to stop (1) or fault (2); 0 on timeout; *result = r1 */
int  ct_child_wait(struct ct_child *c, uint32_t *result);
void ct_child_destroy(struct ct_child *c);

/* init's account */
struct ct_quota { uint32_t ram, ram_used, caps, caps_used; };
void ct_quota(struct ct_quota *q);

#define CT_CASES(X) \
	X(log_label) X(session_errors) X(quota_return) X(quota_exhaust_upgrade) \
	X(dataspace_shared) X(rm_nested_fault) X(fault_unresolved) X(irq_conflict) \
	X(io_mem_conflict) X(hostile_caps) X(rpc_cap_free) X(dma_dataspace) X(thread_control) \
	X(cpu_quota) X(cpu_affinity)

#define CT_DECL(n) int ct_##n(void);
CT_CASES(CT_DECL)

#endif
