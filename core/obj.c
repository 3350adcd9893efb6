/* SPDX-License-Identifier: MIT */
/*
 * Core's RPC objects: each gets a fresh badge (with CORE_BADGE_BIT, which
 * components cannot mint, so a component's own capability can never pass
 * for one of core's) and one capability minted from core's entrypoint
 * thread. Capabilities that clients pass in are mapped back to objects by
 * badge; stale badges are never reused.
 */
#include "core.h"

struct cn_entrypoint core_ep;
static uint32_t next_badge = CORE_BADGE_BIT | 1;

static int no_call(void *ctx, const void *ops, struct cn_msg *k, struct cn_rpc_msg *m)
{
	(void)ops; (void)ctx; (void)k;
	if (!m)
		return CN_RPC_ERR_UNKNOWN_FUNCTION;
	cn_rpc_reply_error(m, CN_RPC_ERR_UNKNOWN_FUNCTION);
	return 0;
}

static int enroll(struct obj *o, uint32_t kind, uint32_t from_cap, cn_ep_dispatch_fn dispatch,
                  const void *ops, void *ctx)
{
	if (next_badge == 0)
		return CN_ERR_EXHAUSTED;            /* 2^31 objects: never in practice */
	o->kind = kind;
	o->rpc.badge = next_badge;
	o->rpc.dispatch = dispatch;
	o->rpc.ops = ops;
	o->rpc.ctx = ctx;
	if (cn_sys_cap_mint(from_cap, o->rpc.badge, &o->kcap))
		return CN_ERR_EXHAUSTED;            /* core's cap space is full */
	next_badge++;
	if (cn_ep_manage(&core_ep, &o->rpc)) {
		cn_sys_cap_drop(o->kcap);
		return CN_ERR_EXHAUSTED;
	}
	return CN_OK;
}

int obj_register(struct obj *o, uint32_t kind, cn_ep_dispatch_fn dispatch, const void *ops,
                 void *ctx)
{
	return enroll(o, kind, CN_ROOT_CAP_THREAD, dispatch, ops, ctx);
}

int obj_register_kernel(struct obj *o, uint32_t kind, uint32_t cap)
{
	return enroll(o, kind, cap, no_call, 0, o);
}

void obj_unregister(struct obj *o)
{
	if (!o->kcap)
		return;
	cn_ep_dissolve(&core_ep, &o->rpc);
	cn_sys_cap_drop(o->kcap);
	o->kcap = 0;
}

struct obj *obj_lookup(uint32_t cap, uint32_t kind)
{
	uint32_t type, badge;
	if (!cap || cn_sys_cap_identify(cap, &type, &badge) || !(badge & CORE_BADGE_BIT))
		return 0;
	struct cn_rpc_object *r = cn_ep_lookup(&core_ep, badge);
	if (!r)
		return 0;
	struct obj *o = cn_container_of(r, struct obj, rpc);
	return (kind == K_NONE || o->kind == kind) ? o : 0;
}

uint32_t core_keep(uint32_t cap)
{
	cn_ep_keep(&core_ep, (cn_cap_t){ cap });
	return cap;
}

int acc_transfer(struct account *from, struct account *to, uint32_t ram, uint32_t caps)
{
	if (from->ram_donated - from->ram_used < ram)
		return CN_ERR_QUOTA_RAM;
	if (from->cap_donated - from->cap_used < caps)
		return CN_ERR_QUOTA_CAP;
	if (to->ram_donated + ram < ram || to->cap_donated + caps < caps)
		return CN_ERR_INVALID;
	from->ram_donated -= ram;
	from->cap_donated -= caps;
	to->ram_donated += ram;
	to->cap_donated += caps;
	return CN_OK;
}

