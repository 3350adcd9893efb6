/* SPDX-License-Identifier: MIT */
/*
 * Private interface of lib/base/blocker.c: the per-thread state a thread
 * of the component blocks on (a signal receiver with a WAKE and a NAP
 * context), used by the mutex and semaphore (mutex.c) and released by a
 * thread that ends (thread.c).
 */
#ifndef CN_BASE_BLOCKER_H
#define CN_BASE_BLOCKER_H

#include <stdint.h>
#include <cn/thread.h>

struct cn_thread_self {
	uint32_t               utcb;      /* owner (0: free slot); atomic */
	uint32_t               recv, wake, nap;
	struct cn_list_elem    elem;      /* in a wait queue */
};

/* the calling thread's state, created on first use; NULL if none can be */
struct cn_thread_self *cn_blocker_self(void);
/* sleep until another thread calls cn_blocker_wake(s) (s is the caller's) */
void cn_blocker_wait(struct cn_thread_self *s);
void cn_blocker_wake(struct cn_thread_self *s);
/* give up the CPU for a while (round: how often already), also to lower
 * priorities */
void cn_blocker_back_off(unsigned round);
/* the calling thread ends: its state goes back */
void cn_blocker_exit(void);

#endif
