/*
 * The entrypoint loop: wait for a call or a signal (CN_SYS_REPLY_WAIT with a
 * bound signal receiver), find the object by badge or the handler by
 * imprint, run it, and reply with the next wait.
 */
#include <cn/entrypoint.h>
#include <cn/sys.h>

void cn_ep_init(struct cn_entrypoint *ep)
{
	ep->objects = 0;
	ep->handlers = 0;
	ep->stop = false;
	ep->unknown = 0;
}

int cn_ep_manage(struct cn_entrypoint *ep, struct cn_rpc_object *obj)
{
	for (struct cn_rpc_object *o = ep->objects; o; o = o->next)
		if (o->badge == obj->badge || o == obj)
			return CN_ERR_BUSY;
	if (!obj->dispatch)
		return CN_ERR_INVALID;
	obj->next = ep->objects;
	ep->objects = obj;
	return CN_OK;
}

void cn_ep_dissolve(struct cn_entrypoint *ep, struct cn_rpc_object *obj)
{
	for (struct cn_rpc_object **p = &ep->objects; *p; p = &(*p)->next)
		if (*p == obj) {
			*p = obj->next;
			return;
		}
}

int cn_ep_bind_signals(uint32_t recv)
{
	return cn_sys_signal_bind(recv);
}

int cn_ep_handle_signal(struct cn_entrypoint *ep, struct cn_signal_handler *h)
{
	for (struct cn_signal_handler *x = ep->handlers; x; x = x->next)
		if (x->imprint == h->imprint || x == h)
			return CN_ERR_BUSY;
	if (!h->fn)
		return CN_ERR_INVALID;
	h->next = ep->handlers;
	ep->handlers = h;
	return CN_OK;
}

static void signal(struct cn_entrypoint *ep, uint32_t imprint, uint32_t count)
{
	for (struct cn_signal_handler *h = ep->handlers; h; h = h->next)
		if (h->imprint == imprint) {
			h->fn(h->ctx, count);
			return;
		}
	ep->unknown++;
}

static void call(struct cn_entrypoint *ep, uint32_t badge, struct cn_rpc_msg *m)
{
	for (struct cn_rpc_object *o = ep->objects; o; o = o->next)
		if (o->badge == badge) {
			o->dispatch(o->ops, o->ctx, m);
			return;
		}
	ep->unknown++;
	cn_rpc_reply_error(m, CN_RPC_ERR_UNKNOWN);
}

int cn_ep_run(struct cn_entrypoint *ep)
{
	struct cn_msg k = { 0, { 0, 0, 0, 0 } };
	struct cn_rpc_msg m;
	int reply = 0;
	while (!ep->stop) {
		uint32_t badge = 0;
		int err = cn_sys_reply_wait(reply, &k, &badge);
		if (err)
			return err;
		if (k.info & CN_MSG_INFO_SIGNAL) {
			signal(ep, k.w[0], k.w[1]);
			reply = 0;
			continue;
		}
		cn_rpc_from_kernel(&k, &m);
		call(ep, badge, &m);
		cn_rpc_to_kernel(&m, &k);
		reply = 1;
	}
	/* a caller still waits for the reply to the last call: send it */
	if (reply) {
		cn_rpc_to_kernel(&m, &k);
		cn_syscall(CN_SYS_REPLY_WAIT, CN_RW_REPLY | CN_RW_NOWAIT, k.info, k.w[0], k.w[1],
		           k.w[2], k.w[3], 0);
	}
	return CN_OK;
}
