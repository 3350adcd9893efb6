/* SPDX-License-Identifier: MIT */
/*
 * The entrypoint loop: wait for a call or a signal (CN_SYS_REPLY_WAIT with a
 * bound signal receiver), find the object by badge (a direct-mapped cache in
 * front of an AVL tree) or the handler by imprint (AVL tree), run it, and
 * reply with the next wait. Calls that fit the message registers are
 * dispatched there; the rest are unpacked into a struct cn_rpc_msg.
 */
#include <cn/entrypoint.h>
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/util/list.h>

static int obj_cmp(const struct cn_avl_node *a, const struct cn_avl_node *b)
{
	uint32_t x = cn_container_of(a, struct cn_rpc_object, node)->badge;
	uint32_t y = cn_container_of(b, struct cn_rpc_object, node)->badge;
	return x < y ? -1 : x > y;
}

static int obj_key(const void *key, const struct cn_avl_node *n)
{
	uint32_t x = *(const uint32_t *)key;
	uint32_t y = cn_container_of(n, struct cn_rpc_object, node)->badge;
	return x < y ? -1 : x > y;
}

static int sig_cmp(const struct cn_avl_node *a, const struct cn_avl_node *b)
{
	uint32_t x = cn_container_of(a, struct cn_signal_handler, node)->imprint;
	uint32_t y = cn_container_of(b, struct cn_signal_handler, node)->imprint;
	return x < y ? -1 : x > y;
}

static int sig_key(const void *key, const struct cn_avl_node *n)
{
	uint32_t x = *(const uint32_t *)key;
	uint32_t y = cn_container_of(n, struct cn_signal_handler, node)->imprint;
	return x < y ? -1 : x > y;
}

/* An empty cache slot holds a stand-in whose badge never maps to that slot
 * (so the fast lookup needs no NULL check): badge 1 in every slot but 1,
 * badge 0 in slot 1. */
static struct cn_rpc_object stand_in[2] = { { .badge = 1 }, { .badge = 0 } };

static inline struct cn_rpc_object *empty_slot(uint32_t slot)
{
	return &stand_in[slot == 1];
}

void cn_ep_init(struct cn_entrypoint *ep)
{
	cn_avl_init(&ep->objects, obj_cmp);
	cn_avl_init(&ep->handlers, sig_cmp);
	ep->stop = false;
	ep->unknown = 0;
	ep->drop_received = true;
	ep->held = false;
	for (uint32_t i = 0; i < CN_RPC_MAX_CAPS; i++)
		ep->rx_caps[i] = ep->later[i] = 0;
	for (uint32_t i = 0; i < CN_EP_CACHE; i++)
		ep->cache[i] = empty_slot(i);
}

void cn_ep_drop_after_reply(struct cn_entrypoint *ep, uint32_t cap)
{
	for (uint32_t i = 0; i < CN_RPC_MAX_CAPS; i++)
		if (!ep->later[i]) {
			ep->later[i] = cap;
			ep->held = true;
			return;
		}
	cn_sys_cap_drop(cap);   /* more than a reply can carry: it cannot be in the reply */
}

void cn_ep_keep(struct cn_entrypoint *ep, cn_cap_t cap)
{
	for (uint32_t i = 0; i < CN_RPC_MAX_CAPS; i++)
		if (ep->rx_caps[i] == cap.name)
			ep->rx_caps[i] = 0;
}

void cn_ep_keep_replace(struct cn_entrypoint *ep, uint32_t *slot, cn_cap_t cap)
{
	if (*slot)
		cn_sys_cap_drop(*slot);
	*slot = 0;
	if (cap.name) {
		cn_ep_keep(ep, cap);
		*slot = cap.name;
	}
}

int cn_ep_manage(struct cn_entrypoint *ep, struct cn_rpc_object *obj)
{
	if (!obj->dispatch)
		return CN_ERR_INVALID;
	return cn_avl_insert(&ep->objects, &obj->node) ? CN_OK : CN_ERR_BUSY;
}

void cn_ep_dissolve(struct cn_entrypoint *ep, struct cn_rpc_object *obj)
{
	if (cn_ep_lookup(ep, obj->badge) == obj)
		cn_avl_remove(&ep->objects, &obj->node);
	uint32_t i = obj->badge % CN_EP_CACHE;
	if (ep->cache[i] == obj)
		ep->cache[i] = empty_slot(i);
}

static struct cn_rpc_object *lookup_tree(struct cn_entrypoint *ep, uint32_t badge)
{
	struct cn_avl_node *n = cn_avl_find(&ep->objects, &badge, obj_key);
	struct cn_rpc_object *o = n ? cn_container_of(n, struct cn_rpc_object, node) : 0;
	if (o)
		ep->cache[badge % CN_EP_CACHE] = o;
	return o;
}

static inline struct cn_rpc_object *lookup(struct cn_entrypoint *ep, uint32_t badge)
{
	struct cn_rpc_object *o = ep->cache[badge % CN_EP_CACHE];
	if (__builtin_expect(o->badge == badge, 1))
		return o;
	return lookup_tree(ep, badge);
}

struct cn_rpc_object *cn_ep_lookup(struct cn_entrypoint *ep, uint32_t badge)
{
	return lookup(ep, badge);
}

int cn_ep_bind_signals(uint32_t recv)
{
	return cn_sys_signal_bind(recv);
}

int cn_ep_handle_signal(struct cn_entrypoint *ep, struct cn_signal_handler *h)
{
	if (!h->fn)
		return CN_ERR_INVALID;
	return cn_avl_insert(&ep->handlers, &h->node) ? CN_OK : CN_ERR_BUSY;
}

void cn_ep_unhandle_signal(struct cn_entrypoint *ep, struct cn_signal_handler *h)
{
	struct cn_avl_node *n = cn_avl_find(&ep->handlers, &h->imprint, sig_key);
	if (n == &h->node)
		cn_avl_remove(&ep->handlers, n);
}

static void signal(struct cn_entrypoint *ep, uint32_t imprint, uint32_t count)
{
	struct cn_avl_node *n = cn_avl_find(&ep->handlers, &imprint, sig_key);
	if (!n) {
		ep->unknown++;
		return;
	}
	struct cn_signal_handler *h = cn_container_of(n, struct cn_signal_handler, node);
	h->fn(h->ctx, count);
}

/* a client called a function number the object's interface does not have
 * (a client built against another version of the interface, a wrong
 * capability): the first one per object (session) is logged */
static __attribute__((noinline, cold)) void unknown_function(struct cn_rpc_object *o, uint32_t op)
{
	/* badges are never reused: the last few objects that were logged */
	static uint32_t logged[8];
	static unsigned next;
	for (unsigned i = 0; i < 8; i++)
		if (logged[i] == o->badge)
			return;
	logged[next++ % 8] = o->badge;
	cn_log("RPC: call of unknown function %u on object %u answered with "
	       "CN_RPC_ERR_UNKNOWN_FUNCTION (logged once per object)", (unsigned)op,
	       (unsigned)o->badge);
}

/* a call that needs the full path: unpack it, remember the capabilities it
 * brought, dispatch, and pack the reply (words 4.. and caps into the UTCB) */
static __attribute__((noinline)) void call_full(struct cn_entrypoint *ep,
                                                struct cn_rpc_object *o, struct cn_msg *k)
{
	struct cn_rpc_msg m;
	cn_rpc_from_kernel(k, &m);
	uint32_t n = m.ncaps < CN_RPC_MAX_CAPS ? m.ncaps : CN_RPC_MAX_CAPS;
	for (uint32_t i = 0; i < n; i++)
		if ((ep->rx_caps[i] = m.caps[i]))
			ep->held = true;
	if (o) {
		uint32_t op = m.words ? m.w[0] : 0;
		o->dispatch(o->ctx, o->ops, k, &m);
		if (m.words && (int)m.w[0] == CN_RPC_ERR_UNKNOWN_FUNCTION)
			unknown_function(o, op);
	} else {
		ep->unknown++;
		cn_rpc_reply_error(&m, CN_RPC_ERR_UNKNOWN_OBJECT);
	}
	cn_rpc_to_kernel(&m, k);
}

/* after the reply went out (a handler may return a received cap) */
static void drop_received(struct cn_entrypoint *ep)
{
	for (uint32_t i = 0; i < CN_RPC_MAX_CAPS; i++) {
		if (ep->drop_received && ep->rx_caps[i])
			cn_sys_cap_drop(ep->rx_caps[i]);
		if (ep->later[i])
			cn_sys_cap_drop(ep->later[i]);
		ep->rx_caps[i] = ep->later[i] = 0;
	}
	ep->held = false;
}

int cn_ep_run(struct cn_entrypoint *ep)
{
	struct cn_msg k = { 0, { 0, 0, 0, 0 } };
	uint32_t badge = 0;
	int reply = 0;
	if (ep->stop)
		return CN_OK;
	int err = cn_sys_reply_wait(0, &k, &badge);
	for (;;) {
		if (err)
			return err;
		struct cn_rpc_object *o = 0;
		int r = CN_RPC_DISPATCH_FULL;
		/* registers only (at most 4 words, no caps, no flags): try the
		 * interface's register dispatch first */
		if (__builtin_expect(k.info <= 4, 1) && (o = lookup(ep, badge)) != 0) {
			r = o->dispatch(o->ctx, o->ops, &k, 0);
			/* the common case: answered in the registers, nothing to
			 * drop, no stop */
			if (__builtin_expect(r == 0, 1) && __builtin_expect(ep->attention == 0, 1)) {
				err = cn_sys_reply_wait(1, &k, &badge);
				continue;
			}
		}
		reply = 1;
		if (r != CN_RPC_DISPATCH_FULL) {
			if (r)
				cn_rpc_regs_error(&k, r);
		} else if (k.info & CN_MSG_INFO_SIGNAL) {
			signal(ep, k.w[0], k.w[1]);
			reply = 0;
		} else {
			call_full(ep, lookup(ep, badge), &k);
		}
		if (__builtin_expect(ep->attention != 0, 0)) {
			if (ep->stop)
				break;
			/* capabilities to drop once the reply is out */
			err = cn_sys_reply_wait(reply, &k, &badge);
			drop_received(ep);
			continue;
		}
		err = cn_sys_reply_wait(reply, &k, &badge);
	}
	/* a caller still waits for the reply to the last call: send it */
	if (reply)
		cn_syscall(CN_SYS_REPLY_WAIT, CN_RW_REPLY | CN_RW_NOWAIT, k.info, k.w[0], k.w[1],
		           k.w[2], k.w[3], 0);
	if (ep->held)
		drop_received(ep);
	return CN_OK;
}
