/* SPDX-License-Identifier: MIT */
/*
 * A server library: offer a session interface through the parent with
 * quota accounting done for you (lib/base/server.c).
 *
 * Describe the service in a struct cn_service and announce it. Its root
 * object (CN_ROOT_RPC of <cn/session/parent.h>) answers the parent's
 * session requests: it parses ram_quota= and cap_quota= from the arguments,
 * refuses with CN_ERR_QUOTA_RAM / CN_ERR_QUOTA_CAP when they do not cover a
 * session's cost, allocates the session from the heap, calls create() and
 * returns the capability of a new RPC object (the service's interface, with
 * the session state as the handlers' ctx). upgrade adds quota to the
 * session, close calls close() and frees it.
 *
 * A session costs  sizeof(struct cn_server_session) + session_size +
 * ram_cost  bytes of RAM quota and  CN_SESSION_CAP_META + cap_cost
 * capabilities; what the service allocates later for a session it charges
 * with cn_server_charge() and gives back with cn_server_release().
 *
 *   static const struct calc_ops ops = { .add = my_add };   // ctx = struct my_session *
 *   static struct cn_service calc = {
 *       .name = "Calc", .session_size = sizeof(struct my_session),
 *       .dispatch = calc_dispatch_any, .ops = &ops, .create = my_create,
 *   };
 *   int cn_main(void) { cn_server_announce(&calc); return CN_SERVE; }
 *
 * Everything runs on the component's entrypoint; not for other threads.
 */
#ifndef CN_SERVER_H
#define CN_SERVER_H

#include <stdint.h>
#include <stddef.h>
#include <cn/component.h>
#include <cn/util/quota.h>

struct cn_server_session;

struct cn_service {
	/* filled in by the service */
	const char        *name;          /* e.g. "Calc" */
	size_t             session_size;  /* bytes of per-session state (zeroed) */
	uint32_t           ram_cost;      /* extra RAM quota a session costs up front */
	uint32_t           cap_cost;      /* extra caps a session costs up front */
	cn_ep_dispatch_fn  dispatch;      /* the session interface, e.g. calc_dispatch_any */
	const void        *ops;           /* its handlers; their ctx is the session state */
	void              *ctx;           /* first argument of the callbacks below */
	/* optional callbacks; state is the session state (session_size bytes).
	 * create: an error refuses the session; args carry label and quota. */
	int  (*create)(void *ctx, const char *args, void *state);
	/* upgrade: after the quota of args was added */
	int  (*upgrade)(void *ctx, const char *args, void *state);
	/* close: before the state is freed */
	void (*close)(void *ctx, void *state);

	/* the library's (zero-initialise) */
	struct cn_rpc_object      root;
	uint32_t                  root_cap;
	struct cn_server_session *sessions;
	uint32_t                  num_sessions;
};

struct cn_server_session {
	struct cn_rpc_object      obj;      /* the session's RPC object */
	uint32_t                  cap;      /* its capability (our name) */
	struct cn_service        *service;
	struct cn_quota           quota;    /* donated and used, incl. the session's cost */
	struct cn_server_session *next;
	char                      label[96];/* the label of the request (truncated) */
	uint64_t                  state[];  /* session_size bytes, 8-byte aligned */
};

/* create the root object and announce the service to the parent */
int cn_server_announce(struct cn_service *s);

/* the session a state pointer (a handler's ctx) belongs to */
static inline struct cn_server_session *cn_server_session_of(void *state)
{
	return (struct cn_server_session *)((char *)state -
	                                    __builtin_offsetof(struct cn_server_session, state));
}

/* charge what the service allocates for a session to its donated quota:
 * 0, or CN_ERR_QUOTA_RAM / CN_ERR_QUOTA_CAP (the client should upgrade) */
static inline int cn_server_charge(void *state, uint32_t ram, uint32_t caps)
{
	return cn_quota_charge(&cn_server_session_of(state)->quota, ram, caps);
}

static inline void cn_server_release(void *state, uint32_t ram, uint32_t caps)
{
	cn_quota_release(&cn_server_session_of(state)->quota, ram, caps);
}

/* RAM quota and caps one session costs up front */
uint32_t cn_server_session_ram(const struct cn_service *s);
uint32_t cn_server_session_caps(const struct cn_service *s);

#endif
