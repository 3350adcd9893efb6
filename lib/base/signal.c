/* SPDX-License-Identifier: MIT */
/*
 * Signal handlers and RPC objects on the component's entrypoint: each gets
 * a fresh imprint or badge (counters, never reused) and a capability from
 * the PD session (a signal context on the entrypoint's receiver, or an RPC
 * capability for the entrypoint's thread). Register and dissolve them from
 * the entrypoint's thread (construct or a handler): the entrypoint's tables
 * have no lock.
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/pd.h>
#include "runtime.h"

static uint32_t last_imprint;
static uint32_t last_badge;

int cn_signal_handler(struct cn_signal_handler *h, void (*fn)(void *, uint32_t), void *arg,
                      uint32_t *ctx)
{
	struct cn_env *env = cn_env();
	if (!h || !fn || !ctx)
		return CN_ERR_INVALID;
	uint32_t imprint = __atomic_add_fetch(&last_imprint, 1, __ATOMIC_RELAXED);
	cn_cap_t recv = { env->sig_recv }, c = { 0 };
	int err = cn_pd_signal_context(env->pd, recv, imprint, &c);
	if (err)
		return err;
	h->imprint = imprint;
	h->fn = fn;
	h->ctx = arg;
	err = cn_ep_handle_signal(env->ep, h);
	if (err) {
		cn_runtime_free_signal(env->pd, c.name);
		return err;
	}
	*ctx = c.name;
	return 0;
}

void cn_signal_handler_dissolve(struct cn_signal_handler *h, uint32_t ctx)
{
	struct cn_env *env = cn_env();
	cn_ep_unhandle_signal(env->ep, h);
	cn_runtime_free_signal(env->pd, ctx);
}

int cn_rpc_object(struct cn_rpc_object *obj, cn_ep_dispatch_fn dispatch, const void *ops,
                  void *ctx, uint32_t *cap)
{
	struct cn_env *env = cn_env();
	if (!obj || !dispatch || !cap)
		return CN_ERR_INVALID;
	uint32_t badge = __atomic_add_fetch(&last_badge, 1, __ATOMIC_RELAXED);
	cn_cap_t thread = { env->main_thread }, c = { 0 };
	int err = cn_pd_rpc_cap(env->pd, thread, badge, &c);
	if (err)
		return err;
	if (!c.name)                /* it came without a name: our cap space is full */
		return CN_ERR_NOSLOT;
	obj->badge = badge;
	obj->dispatch = dispatch;
	obj->ops = ops;
	obj->ctx = ctx;
	err = cn_ep_manage(env->ep, obj);
	if (err) {
		cn_sys_cap_drop(c.name);
		return err;
	}
	*cap = c.name;
	return 0;
}

void cn_rpc_object_dissolve(struct cn_rpc_object *obj, uint32_t cap)
{
	struct cn_env *env = cn_env();
	cn_ep_dissolve(env->ep, obj);
	/* core takes our name back and returns its cap quota; if it cannot,
	 * at least the name goes */
	if (cap && cn_pd_free_rpc_cap(env->pd, (cn_cap_t){ env->main_thread }, cap))
		cn_sys_cap_drop(cap);
}
