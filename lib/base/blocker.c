/* SPDX-License-Identifier: MIT */
/*
 * Blocking a component's threads (for <cn/thread.h>'s mutex and semaphore,
 * lib/base/mutex.c): every thread that has to wait owns a slot in 'selves'
 * (found by its UTCB address) with a signal receiver and two contexts on
 * it: WAKE, which whoever hands it a mutex or semaphore unit submits, and
 * NAP, a kernel timeout used to back off while a queue guard is taken. A
 * waiter is woken exactly once per time it queued itself, so the WAKE
 * count never runs ahead.
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/pd.h>
#include "blocker.h"
#include "runtime.h"

#define IMPRINT_WAKE 1u
#define IMPRINT_NAP  2u
#define NAP_US       1000u
#define YIELD_SPINS  16u

static struct cn_thread_self selves[CN_THREAD_BLOCKERS];

static void self_release(struct cn_thread_self *s)
{
	uint32_t pd = cn_env()->pd;
	cn_runtime_free_signal(pd, s->wake);
	cn_runtime_free_signal(pd, s->nap);
	cn_runtime_free_signal(pd, s->recv);
	s->recv = s->wake = s->nap = 0;
	cn_list_elem_init(&s->elem);
	__atomic_store_n(&s->utcb, 0, __ATOMIC_RELEASE);
}

static int self_setup(struct cn_thread_self *s)
{
	uint32_t pd = cn_env()->pd;
	cn_cap_t recv = { 0 }, wake = { 0 }, nap = { 0 };
	int err = cn_pd_signal_receiver(pd, &recv);
	s->recv = recv.name;
	if (!err)
		err = cn_pd_signal_context(pd, recv, IMPRINT_WAKE, &wake);
	s->wake = wake.name;
	if (!err)
		err = cn_pd_signal_context(pd, recv, IMPRINT_NAP, &nap);
	s->nap = nap.name;
	cn_list_elem_init(&s->elem);
	return err;
}

/* the calling thread's state, created on first use; NULL if none can be */
struct cn_thread_self *cn_blocker_self(void)
{
	uint32_t u = (uint32_t)(uintptr_t)cn_utcb();
	for (unsigned i = 0; i < CN_THREAD_BLOCKERS; i++)
		if (__atomic_load_n(&selves[i].utcb, __ATOMIC_ACQUIRE) == u)
			return &selves[i];
	for (unsigned i = 0; i < CN_THREAD_BLOCKERS; i++) {
		uint32_t expected = 0;
		if (__atomic_compare_exchange_n(&selves[i].utcb, &expected, u, false,
		                                __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
			if (self_setup(&selves[i])) {
				self_release(&selves[i]);
				return 0;
			}
			return &selves[i];
		}
	}
	return 0;
}

/* the calling thread's state if it has one (no creation) */
static struct cn_thread_self *self_find(void)
{
	uint32_t u = (uint32_t)(uintptr_t)cn_utcb();
	for (unsigned i = 0; i < CN_THREAD_BLOCKERS; i++)
		if (__atomic_load_n(&selves[i].utcb, __ATOMIC_ACQUIRE) == u)
			return &selves[i];
	return 0;
}

/* wait for a signal with the given imprint on the own receiver */
static void wait_for(struct cn_thread_self *s, uint32_t want)
{
	for (;;) {
		uint32_t imprint = 0, count = 0;
		if (cn_sys_signal_wait(s->recv, &imprint, &count)) {
			cn_sys_yield();
			continue;
		}
		if (imprint == want)
			break;
	}
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
}

/* give up the CPU for a while, also to lower priorities */
void cn_blocker_back_off(unsigned round)
{
	struct cn_thread_self *s;
	if (round < YIELD_SPINS || !(s = cn_blocker_self()) ||
	    cn_sys_timeout(s->nap, NAP_US)) {
		cn_sys_yield();
		return;
	}
	wait_for(s, IMPRINT_NAP);
}

void cn_blocker_wait(struct cn_thread_self *s)
{
	wait_for(s, IMPRINT_WAKE);
}

void cn_blocker_exit(void)
{
	struct cn_thread_self *s = self_find();
	if (s)
		self_release(s);
}

void cn_blocker_wake(struct cn_thread_self *s)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	while (cn_sys_signal_submit(s->wake, 1))
		cn_sys_yield();
}

