/* SPDX-License-Identifier: MIT */
/*
 * Mutex and counting semaphore of <cn/thread.h>: an uncontended path with
 * atomic instructions only; a thread that must block queues itself (FIFO)
 * and sleeps on its blocking state (blocker.c); the unlocking thread hands
 * the mutex (or the semaphore unit) directly to the first waiter and wakes
 * it.
 */
#include <cn/thread.h>
#include "blocker.h"

/* ------------------------------------------------------------ wait queues */
static void guard_lock(uint32_t *g)
{
	for (unsigned i = 0; __atomic_exchange_n(g, 1, __ATOMIC_ACQUIRE); i++)
		cn_blocker_back_off(i);
}

static void guard_unlock(uint32_t *g)
{
	__atomic_store_n(g, 0, __ATOMIC_RELEASE);
}

/* A wait queue is a list that all-zero storage leaves uninitialised (a
 * mutex or semaphore needs no init call): it is set up on first use. */
static void enqueue(struct cn_list *q, struct cn_thread_self *s)
{
	if (!q->head.next)
		cn_list_init(q);
	cn_list_insert_tail(q, &s->elem);
}

static struct cn_thread_self *dequeue(struct cn_list *q)
{
	struct cn_list_elem *e = q->head.next ? cn_list_first(q) : NULL;
	if (!e)
		return NULL;
	cn_list_remove(e);
	return cn_container_of(e, struct cn_thread_self, elem);
}

/* ------------------------------------------------------------------ mutex */
bool cn_mutex_trylock(struct cn_mutex *m)
{
	uint32_t expected = 0;
	return __atomic_compare_exchange_n(&m->state, &expected, 1, false, __ATOMIC_ACQUIRE,
	                                   __ATOMIC_RELAXED);
}

void cn_mutex_lock(struct cn_mutex *m)
{
	if (cn_mutex_trylock(m))
		return;
	struct cn_thread_self *s = cn_blocker_self();
	if (!s) {                               /* cannot block: spin */
		for (unsigned i = 0; !cn_mutex_trylock(m); i++)
			cn_blocker_back_off(i);
		return;
	}
	guard_lock(&m->guard);
	for (;;) {
		uint32_t st = __atomic_load_n(&m->state, __ATOMIC_RELAXED);
		if (st == 0) {
			if (cn_mutex_trylock(m)) {
				guard_unlock(&m->guard);
				return;
			}
		} else if (st == 2 || __atomic_compare_exchange_n(&m->state, &st, 2, false,
		                                                  __ATOMIC_RELAXED,
		                                                  __ATOMIC_RELAXED)) {
			break;
		}
	}
	enqueue(&m->waiters, s);
	guard_unlock(&m->guard);
	cn_blocker_wait(s);              /* the unlocker handed it to us */
}

void cn_mutex_unlock(struct cn_mutex *m)
{
	uint32_t expected = 1;
	if (__atomic_compare_exchange_n(&m->state, &expected, 0, false, __ATOMIC_RELEASE,
	                                __ATOMIC_RELAXED))
		return;                         /* nobody waits */
	guard_lock(&m->guard);
	struct cn_thread_self *w = dequeue(&m->waiters);
	/* hand over: the state stays 'locked'; 'with waiters' only if more wait */
	__atomic_store_n(&m->state, w ? (cn_list_empty(&m->waiters) ? 1u : 2u) : 0u, __ATOMIC_RELEASE);
	guard_unlock(&m->guard);
	if (w)
		cn_blocker_wake(w);
}

/* -------------------------------------------------------------- semaphore */
bool cn_semaphore_trydown(struct cn_semaphore *s)
{
	uint32_t c = __atomic_load_n(&s->count, __ATOMIC_RELAXED);
	while (c > 0)
		if (__atomic_compare_exchange_n(&s->count, &c, c - 1, false, __ATOMIC_ACQUIRE,
		                                __ATOMIC_RELAXED))
			return true;
	return false;
}

void cn_semaphore_down(struct cn_semaphore *s)
{
	if (cn_semaphore_trydown(s))
		return;
	struct cn_thread_self *me = cn_blocker_self();
	if (!me) {
		for (unsigned i = 0; !cn_semaphore_trydown(s); i++)
			cn_blocker_back_off(i);
		return;
	}
	guard_lock(&s->guard);
	/* up() increments only under the guard: a count of 0 seen here stays 0
	 * until we are queued */
	if (cn_semaphore_trydown(s)) {
		guard_unlock(&s->guard);
		return;
	}
	enqueue(&s->waiters, me);
	guard_unlock(&s->guard);
	cn_blocker_wait(me);             /* the unit was handed to us */
}

void cn_semaphore_up(struct cn_semaphore *s)
{
	guard_lock(&s->guard);
	struct cn_thread_self *w = dequeue(&s->waiters);
	if (!w)
		__atomic_add_fetch(&s->count, 1, __ATOMIC_RELEASE);
	guard_unlock(&s->guard);
	if (w)
		cn_blocker_wake(w);
}

