/* SPDX-License-Identifier: MIT */
/*
 * An entrypoint: one thread that serves RPC objects and signal handlers.
 * RPC objects are told apart by the badge of the capability a client called
 * (the badge comes from whoever minted it); signal handlers by the imprint
 * of the signal context that fired, through a signal receiver bound to the
 * entrypoint's thread. Handlers are plain C functions with a context
 * pointer; all storage is the caller's (no heap).
 *
 * A call that came entirely in the message registers (no capabilities, at
 * most 4 words) goes to the interface's register dispatch, which replies in
 * the registers; only calls that need more (UTCB words, capabilities) are
 * unpacked into a struct cn_rpc_msg. Objects are found by badge through a
 * small direct-mapped cache in front of the AVL tree.
 */
#ifndef CN_ENTRYPOINT_H
#define CN_ENTRYPOINT_H

#include <stdint.h>
#include <stdbool.h>
#include <cn/rpc.h>
#include <cn/util/avl.h>

/* an interface's generated I_dispatch_any (see <cn/rpc.h>): with m NULL
 * the register dispatch (0: replied in *k, an error value to reply, or
 * CN_RPC_DISPATCH_FULL), else the full dispatch of *m (0) */
typedef int (*cn_ep_dispatch_fn)(void *ctx, const void *ops, struct cn_msg *k,
                                 struct cn_rpc_msg *m);
typedef void (*cn_ep_signal_fn)(void *ctx, uint32_t count);

struct cn_rpc_object {
	uint32_t           badge;
	cn_ep_dispatch_fn  dispatch;   /* e.g. calc_dispatch_any */
	const void        *ops;        /* e.g. &my_calc_ops */
	void              *ctx;
	struct cn_avl_node node;       /* in the entrypoint's tree, by badge */
};

struct cn_signal_handler {
	uint32_t            imprint;
	cn_ep_signal_fn     fn;
	void               *ctx;
	struct cn_avl_node  node;      /* by imprint */
};

#define CN_EP_CACHE 16   /* direct-mapped badge -> object cache (a power of 2) */

struct cn_entrypoint {
	struct cn_rpc_object     *cache[CN_EP_CACHE];  /* slot badge % CN_EP_CACHE; first: */
	                                               /* indexed without an offset */
	struct cn_avl_tree        objects;
	struct cn_avl_tree        handlers;
	union {                               /* one test in the loop for both */
		struct {
			bool      stop;       /* set by a handler: cn_ep_run returns */
			bool      held;       /* something in rx_caps[] or later[] */
		};
		uint16_t          attention;
	};
	uint32_t                  unknown;    /* calls for no object, signals for no handler */
	/* Capabilities that arrive with a call take slots in this component's
	 * cap space. With drop_received set (the default), the entrypoint drops
	 * them after the handler returns, unless the handler kept one with
	 * cn_ep_keep(). */
	bool                      drop_received;
	uint32_t                  rx_caps[CN_RPC_MAX_CAPS];
	uint32_t                  later[CN_RPC_MAX_CAPS];  /* cn_ep_drop_after_reply */
};

void cn_ep_init(struct cn_entrypoint *ep);
/* serve an object (badge must be unique in this entrypoint) */
int  cn_ep_manage(struct cn_entrypoint *ep, struct cn_rpc_object *obj);
void cn_ep_dissolve(struct cn_entrypoint *ep, struct cn_rpc_object *obj);
struct cn_rpc_object *cn_ep_lookup(struct cn_entrypoint *ep, uint32_t badge);
/* signals on receiver 'recv' reach this entrypoint's thread (call it from
 * that thread); handlers are found by imprint */
int  cn_ep_bind_signals(uint32_t recv);
int  cn_ep_handle_signal(struct cn_entrypoint *ep, struct cn_signal_handler *h);
void cn_ep_unhandle_signal(struct cn_entrypoint *ep, struct cn_signal_handler *h);
/* keep a capability received with the current call (see drop_received) */
void cn_ep_keep(struct cn_entrypoint *ep, cn_cap_t cap);
/* a handler's "set the signal" call: keep cap (received with this call; 0
 * clears) in *slot, dropping the capability *slot held before */
void cn_ep_keep_replace(struct cn_entrypoint *ep, uint32_t *slot, cn_cap_t cap);
/* drop our name for 'cap' once the reply to the current call (which may
 * carry it) is sent: for capabilities handed out once, e.g. freshly minted */
void cn_ep_drop_after_reply(struct cn_entrypoint *ep, uint32_t cap);
/* serve until a handler sets ep->stop; returns 0, or a kernel error */
int  cn_ep_run(struct cn_entrypoint *ep);

#endif
