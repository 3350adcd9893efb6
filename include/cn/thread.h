/* SPDX-License-Identifier: MIT */
/*
 * Threads of a component, and the mutex and counting semaphore to
 * coordinate them (lib/base/thread.c).
 *
 * A thread is a CPU-session thread in the component's own PD with a stack
 * from a RAM dataspace. It runs fn(arg); when fn returns, the thread signals
 * its completion and stops; cn_thread_join() waits for that and frees
 * everything.
 *
 * Mutex and semaphore take an uncontended path with atomic instructions
 * only (ldrex/strex through the __atomic builtins). A thread that must
 * block queues itself (FIFO) and waits on its own signal receiver; the
 * unlocking thread hands the mutex (or the semaphore unit) directly to the
 * first waiter and signals it. Per-thread blocking state is created the
 * first time a thread blocks and is found by the address of its UTCB.
 *
 * Limits:
 *  - At most CN_THREAD_BLOCKERS threads of a component can ever have
 *    blocked at the same time (per-thread state slots); a thread that gets
 *    no slot, or whose signal objects cannot be created, spins with
 *    cn_sys_yield() instead of blocking.
 *  - Not recursive; unlocking a mutex one does not hold is not detected.
 *  - No priority inheritance. The short internal guard of a mutex's wait
 *    queue is taken by spinning with cn_sys_yield(), then by sleeping 1 ms
 *    at a time (so that a lower-priority holder gets to run).
 *  - No guard page below a thread's stack.
 *  - A thread must not exit (return from fn) while holding a mutex.
 */
#ifndef CN_THREAD_H
#define CN_THREAD_H

#include <stdint.h>
#include <stdbool.h>
#include <cn/util/list.h>

#define CN_THREAD_BLOCKERS        64
#define CN_THREAD_STACK_DEFAULT   (16u * 1024u)

struct cn_thread_self;    /* per-thread blocking state (lib/base/thread.c) */

struct cn_thread {
	uint32_t    cap;            /* CPU session thread capability */
	void      (*fn)(void *arg);
	void       *arg;
	void       *stack;          /* lowest address */
	uint32_t    stack_size;
	uint32_t    stack_ds;
	uint32_t    join_recv;      /* signal receiver and context for join */
	uint32_t    join_ctx;
	uint32_t    done;           /* set when fn returned */
};

/* Create and start a thread named 'name' running fn(arg) at priority prio
 * (0..15, within the CPU session's band). stack_size 0 means
 * CN_THREAD_STACK_DEFAULT; it is rounded up to pages. *t must stay valid
 * until cn_thread_join() returned. If the CPU session lacks quota, the
 * runtime upgrades it once through the parent (CN_THREAD_RAM, 2 caps).
 * Returns 0 or an error (nothing is left allocated). */
int cn_thread_create(struct cn_thread *t, const char *name, void (*fn)(void *), void *arg,
                     uint32_t stack_size, uint32_t prio);

/* Wait until t's function returned, then kill the thread and free its
 * stack and signal objects. One joiner per thread; every created thread
 * must be joined to give its resources back. */
int cn_thread_join(struct cn_thread *t);

/* --------------------------------------------------------------- mutex */
/* all zero (CN_MUTEX_INIT or static storage) is an unlocked mutex */
struct cn_mutex {
	uint32_t               state;   /* 0 free, 1 locked, 2 locked with waiters */
	uint32_t               guard;   /* protects the wait queue */
	struct cn_list         waiters; /* struct cn_thread_self; all zero: empty */
};
#define CN_MUTEX_INIT { 0, 0, { { 0, 0 } } }

static inline void cn_mutex_init(struct cn_mutex *m)
{
	m->state = m->guard = 0;
	m->waiters.head.prev = m->waiters.head.next = 0;
}

void cn_mutex_lock(struct cn_mutex *m);
/* true if it was free and is now ours */
bool cn_mutex_trylock(struct cn_mutex *m);
void cn_mutex_unlock(struct cn_mutex *m);

/* ----------------------------------------------------------- semaphore */
struct cn_semaphore {
	uint32_t               count;
	uint32_t               guard;
	struct cn_list         waiters; /* as the mutex's */
};

static inline void cn_semaphore_init(struct cn_semaphore *s, uint32_t count)
{
	s->count = count;
	s->guard = 0;
	s->waiters.head.prev = s->waiters.head.next = 0;
}

/* release one unit: wakes the first waiter or increments the count */
void cn_semaphore_up(struct cn_semaphore *s);
/* take one unit, blocking while the count is 0 */
void cn_semaphore_down(struct cn_semaphore *s);
/* take one unit if there is one: true on success */
bool cn_semaphore_trydown(struct cn_semaphore *s);

#endif
