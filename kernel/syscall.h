/* SPDX-License-Identifier: MIT */
/*
 * The system-call layer inside the kernel: what a handler returns, the
 * handler of every call (declared from the one list, <cn/syscalls.h>), and
 * REFUSE(), which names the check that refused a call when the kernel is
 * built with KDEBUG=1 and is just the error code otherwise.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "kernel.h"
#include "sysregs.h"

/* A handler returns an error code for r0 (CN_OK or a CN_ERR_*, all <= 0)
 * or one of these: */
enum sys_disposition {
	SYS_DONE    = 1,  /* it set r0 itself (or the caller blocked): leave r0 */
	SYS_RESTART = 2,  /* a thread it works on runs on another CPU, which was
	                     asked to take it off (thread_kick_off); nothing
	                     changed: run the call again */
};

/* sys_<handler>(cur) for every call of the list */
#define SYS_HANDLER_DECL(nr, NAME, handler, args, results, kind) \
	int sys_##handler(struct thread *cur);
CN_SYSCALLS(SYS_HANDLER_DECL)
#undef SYS_HANDLER_DECL

/* The object a name of cur's PD refers to, if it has the given type: the
 * struct thread, pd, sig_recv, sig_ctx or irq; with CN_OBJ_NONE (any type)
 * its struct kobj. Else NULL and *err says why (CN_ERR_CAP, CN_ERR_TYPE).
 * badge may be NULL. Every call that takes a capability argument uses it. */
void *cap_arg(struct thread *cur, uint32_t name, uint32_t type, uint32_t *badge, int *err);

/* REFUSE(cur, err, check, fmt, ...): return value for a refused call; with
 * KDEBUG the kernel prints the call, the thread and which check refused it */
#ifdef CN_KDEBUG
int kdebug_refuse(const struct thread *cur, int err, const char *check, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
#define REFUSE(cur, err, check, ...) kdebug_refuse(cur, err, check, __VA_ARGS__)
/* after every call: a refusal no REFUSE() named is reported with its code */
void kdebug_result(const struct thread *cur, int err);
#define KDEBUG_RESULT(cur, err) kdebug_result(cur, err)
#else
#define KDEBUG_RESULT(cur, err) ((void)0)
#define REFUSE(cur, err, check, ...) ((void)(cur), (err))
#endif

#endif
