/*
 * Threads, mutexes and semaphores of a component (<cn/thread.h>).
 *
 * Blocking: every thread that has to wait owns a slot in 'selves' (found by
 * its UTCB address) with a signal receiver and two contexts on it: WAKE,
 * which whoever hands it a mutex or semaphore unit submits, and NAP, a
 * kernel timeout used to back off while a queue guard is taken. A waiter
 * is woken exactly once per time it queued itself, so the WAKE count never
 * runs ahead.
 */
#include <cn/thread.h>
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/cpu.h>
#include <cn/session/pd.h>
#include <cn/session/quota.h>
#include <cn/util/format.h>
#include <cn/util/string.h>
#include "runtime.h"

#define PAGE        4096u
#define IMPRINT_WAKE 1u
#define IMPRINT_NAP  2u
#define NAP_US       1000u
#define YIELD_SPINS  16u

struct cn_thread_self {
	uint32_t               utcb;      /* owner (0: free slot); atomic */
	uint32_t               recv, wake, nap;
	struct cn_thread_self *next;      /* in a wait queue */
};

static struct cn_thread_self selves[CN_THREAD_BLOCKERS];

void cn_thread_entry_(void);
uint32_t cn_thread_run_(struct cn_thread *t);

/* ------------------------------------------------------ per-thread state */
static void free_signal(uint32_t pd, uint32_t cap)
{
	if (!cap)
		return;
	cn_cap_t c = { cap };
	cn_pd_free_signal(pd, c, NULL);
	cn_sys_cap_drop(cap);
}

static void self_release(struct cn_thread_self *s)
{
	uint32_t pd = cn_env()->pd;
	free_signal(pd, s->wake);
	free_signal(pd, s->nap);
	free_signal(pd, s->recv);
	s->recv = s->wake = s->nap = 0;
	s->next = 0;
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
	s->next = 0;
	return err;
}

/* the calling thread's state, created on first use; NULL if none can be */
static struct cn_thread_self *self(void)
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
static void back_off(unsigned round)
{
	struct cn_thread_self *s;
	if (round < YIELD_SPINS || !(s = self()) ||
	    cn_sys_timeout(s->nap, NAP_US)) {
		cn_sys_yield();
		return;
	}
	wait_for(s, IMPRINT_NAP);
}

/* ------------------------------------------------------------ wait queues */
static void guard_lock(uint32_t *g)
{
	for (unsigned i = 0; __atomic_exchange_n(g, 1, __ATOMIC_ACQUIRE); i++)
		back_off(i);
}

static void guard_unlock(uint32_t *g)
{
	__atomic_store_n(g, 0, __ATOMIC_RELEASE);
}

static void enqueue(struct cn_thread_self **head, struct cn_thread_self **tail,
                    struct cn_thread_self *s)
{
	s->next = 0;
	if (*tail)
		(*tail)->next = s;
	else
		*head = s;
	*tail = s;
}

static struct cn_thread_self *dequeue(struct cn_thread_self **head,
                                      struct cn_thread_self **tail)
{
	struct cn_thread_self *s = *head;
	if (s) {
		*head = s->next;
		if (!*head)
			*tail = 0;
		s->next = 0;
	}
	return s;
}

static void wake(struct cn_thread_self *s)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	while (cn_sys_signal_submit(s->wake, 1))
		cn_sys_yield();
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
	struct cn_thread_self *s = self();
	if (!s) {                               /* cannot block: spin */
		for (unsigned i = 0; !cn_mutex_trylock(m); i++)
			back_off(i);
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
	enqueue(&m->head, &m->tail, s);
	guard_unlock(&m->guard);
	wait_for(s, IMPRINT_WAKE);              /* the unlocker handed it to us */
}

void cn_mutex_unlock(struct cn_mutex *m)
{
	uint32_t expected = 1;
	if (__atomic_compare_exchange_n(&m->state, &expected, 0, false, __ATOMIC_RELEASE,
	                                __ATOMIC_RELAXED))
		return;                         /* nobody waits */
	guard_lock(&m->guard);
	struct cn_thread_self *w = dequeue(&m->head, &m->tail);
	/* hand over: the state stays 'locked'; 'with waiters' only if more wait */
	__atomic_store_n(&m->state, w ? (m->head ? 2u : 1u) : 0u, __ATOMIC_RELEASE);
	guard_unlock(&m->guard);
	if (w)
		wake(w);
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
	struct cn_thread_self *me = self();
	if (!me) {
		for (unsigned i = 0; !cn_semaphore_trydown(s); i++)
			back_off(i);
		return;
	}
	guard_lock(&s->guard);
	/* up() increments only under the guard: a count of 0 seen here stays 0
	 * until we are queued */
	if (cn_semaphore_trydown(s)) {
		guard_unlock(&s->guard);
		return;
	}
	enqueue(&s->head, &s->tail, me);
	guard_unlock(&s->guard);
	wait_for(me, IMPRINT_WAKE);             /* the unit was handed to us */
}

void cn_semaphore_up(struct cn_semaphore *s)
{
	guard_lock(&s->guard);
	struct cn_thread_self *w = dequeue(&s->head, &s->tail);
	if (!w)
		__atomic_add_fetch(&s->count, 1, __ATOMIC_RELEASE);
	guard_unlock(&s->guard);
	if (w)
		wake(w);
}

/* ---------------------------------------------------------------- threads */
uint32_t cn_thread_run_(struct cn_thread *t)
{
	t->fn(t->arg);
	struct cn_thread_self *s = self_find();
	if (s)
		self_release(s);
	uint32_t ctx = t->join_ctx;
	__atomic_store_n(&t->done, 1, __ATOMIC_RELEASE);
	return ctx;                     /* thread_entry.S signals it and stops */
}

static int create_thread(struct cn_env *env, const char *name, uint32_t prio, cn_cap_t *cap)
{
	cn_cap_t pd = { env->pd };
	int err = cn_cpu_create_thread(env->cpu, pd, name, prio, cap);
	if (err == CN_ERR_QUOTA_RAM || err == CN_ERR_QUOTA_CAP) {
		char args[64];
		cn_snprintf(args, sizeof(args), "ram_quota=%u, cap_quota=2", CN_THREAD_RAM);
		if (cn_upgrade(env->cpu, args) == 0)
			err = cn_cpu_create_thread(env->cpu, pd, name, prio, cap);
	}
	return err;
}

static void undo(struct cn_env *env, struct cn_thread *t)
{
	if (t->cap) {
		cn_cap_t c = { t->cap };
		cn_cpu_kill_thread(env->cpu, c, NULL);
		cn_sys_cap_drop(t->cap);
	}
	if (t->stack)
		cn_ram_detach_free(t->stack, t->stack_ds);
	free_signal(env->pd, t->join_ctx);
	free_signal(env->pd, t->join_recv);
	t->cap = t->stack_ds = t->join_ctx = t->join_recv = 0;
	t->stack = 0;
}

int cn_thread_create(struct cn_thread *t, const char *name, void (*fn)(void *), void *arg,
                     uint32_t stack_size, uint32_t prio)
{
	struct cn_env *env = cn_env();
	if (!t || !fn || prio > CN_PRIO_MAX)
		return CN_ERR_INVALID;
	if (stack_size == 0)
		stack_size = CN_THREAD_STACK_DEFAULT;
	if (stack_size > UINT32_MAX - (PAGE - 1))
		return CN_ERR_INVALID;
	stack_size = (stack_size + PAGE - 1) & ~(PAGE - 1);
	cn_memset(t, 0, sizeof(*t));
	t->fn = fn;
	t->arg = arg;
	t->stack_size = stack_size;

	cn_cap_t recv = { 0 }, ctx = { 0 }, cap = { 0 };
	int err = cn_pd_signal_receiver(env->pd, &recv);
	t->join_recv = recv.name;
	if (!err)
		err = cn_pd_signal_context(env->pd, recv, 1, &ctx);
	t->join_ctx = ctx.name;
	if (!err) {
		t->stack = cn_ram_alloc_attach(stack_size, 0, &t->stack_ds);
		if (!t->stack)
			err = CN_ERR_QUOTA_RAM;
	}
	if (!err)
		err = create_thread(env, name ? name : "thread", prio, &cap);
	t->cap = cap.name;
	if (!err) {
		uint32_t sp = (uint32_t)(uintptr_t)t->stack + stack_size;
		err = cn_thread_start(t->cap, (uint32_t)(uintptr_t)cn_thread_entry_, sp,
		                      (uint32_t)(uintptr_t)t, NULL);
	}
	if (err)
		undo(env, t);
	return err;
}

int cn_thread_join(struct cn_thread *t)
{
	struct cn_env *env = cn_env();
	if (!t || !t->cap)
		return CN_ERR_INVALID;
	uint32_t imprint, count;
	int err;
	while ((err = cn_sys_signal_wait(t->join_recv, &imprint, &count)) == CN_ERR_AGAIN)
		;
	if (err)
		return err;
	undo(env, t);
	return 0;
}
