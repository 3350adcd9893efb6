/* SPDX-License-Identifier: MIT */
/*
 * Threads of a component (<cn/thread.h>): a CPU-session thread in the
 * component's own PD with a stack from a RAM dataspace, started at
 * thread_entry.S, which runs fn(arg), signals the joiner and stops.
 */
#include <cn/thread.h>
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/cpu.h>
#include <cn/session/pd.h>
#include <cn/session/quota.h>
#include <cn/util/format.h>
#include <cn/util/string.h>
#include "blocker.h"
#include "runtime.h"

#include <cn/page.h>

void cn_thread_entry_(void);
uint32_t cn_thread_run_(struct cn_thread *t);

/* ---------------------------------------------------------------- threads */
uint32_t cn_thread_run_(struct cn_thread *t)
{
	t->fn(t->arg);
	cn_blocker_exit();
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
		cn_cpu_kill_thread(env->cpu, c);
		cn_sys_cap_drop(t->cap);
	}
	if (t->stack)
		cn_ram_detach_free(t->stack, t->stack_ds);
	cn_runtime_free_signal(env->pd, t->join_ctx);
	cn_runtime_free_signal(env->pd, t->join_recv);
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
	if (stack_size > UINT32_MAX - (CN_PAGE_SIZE - 1))
		return CN_ERR_INVALID;
	stack_size = (stack_size + CN_PAGE_SIZE - 1) & ~(CN_PAGE_SIZE - 1);
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
		                      (uint32_t)(uintptr_t)t);
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
