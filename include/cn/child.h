/* SPDX-License-Identifier: MIT */
/*
 * The parent side of the parent protocol (lib/base/child*.c): starting a
 * child from an ELF binary, serving its parent interface, and keeping the
 * books of its sessions so that every byte of quota it donated returns to
 * it exactly. Routing is the user's policy (init's config): a callback says
 * where each session request goes — to our own parent, to a sibling child
 * that announced the service, to a service the parent implements itself, or
 * nowhere.
 *
 *   static struct cn_child app;
 *   struct cn_child_args a = { .name = "app", .binary = "app", .ram = 1 << 20,
 *                              .caps = 50 };
 *   cn_child_start(&app, &a, &my_policy);   // logs and returns an error
 *
 * All children of one parent live on one list (cn_child_first/next), also
 * after their end, until the parent forgets them (cn_child_forget): the
 * parent's one list of children (init keeps no other).
 */
#ifndef CN_CHILD_H
#define CN_CHILD_H

#include <stdint.h>
#include <stdbool.h>
#include <cn/rpc.h>
#include <cn/entrypoint.h>
#include <cn/session/parent.h>
#include <cn/util/list.h>

#define CN_CHILD_NAME_MAX    48
#define CN_CHILD_SERVICE_MAX 32
#define CN_CHILD_ARGS_MAX    (CN_RPC_STR_MAX + 1)

/* threads a child's CPU session pays for (main thread, entrypoint, spares) */
#define CN_CHILD_THREADS     4
#define CN_CHILD_STACK_SIZE  (64u * 1024u)

struct cn_child;

/* a service the parent implements itself (e.g. init's "config" ROM) */
struct cn_child_local {
	/* open a session for 'client' with the final args (label prefixed,
	 * ram_quota is what the client donated, now on the parent's account);
	 * *cap is the session capability, *handle identifies it for close */
	int  (*session)(void *ctx, struct cn_child *client, const char *args, uint32_t *cap,
	                void **handle);
	void (*close)(void *ctx, void *handle);
	void *ctx;
};

enum cn_child_route_kind {
	CN_CHILD_ROUTE_DENY = 0,
	CN_CHILD_ROUTE_PARENT,      /* our own parent pays with the donated quota */
	CN_CHILD_ROUTE_CHILD,       /* a sibling's announced root */
	CN_CHILD_ROUTE_LOCAL,       /* served by the parent itself */
};

struct cn_child_route {
	enum cn_child_route_kind     kind;
	struct cn_child             *server;   /* ROUTE_CHILD */
	const struct cn_child_local *local;    /* ROUTE_LOCAL */
	const char                  *label;    /* replaces the whole label (NULL: prefix
	                                          the client's name as usual) */
};

struct cn_child_policy {
	/* where 'service' with 'label' (as the client gave it, without its
	 * name) and the session arguments 'args' (as the client gave them)
	 * from 'client' goes; fill *r, kind DENY refuses */
	void (*route)(void *ctx, struct cn_child *client, const char *service, const char *label,
	              const char *args, struct cn_child_route *r);
	/* after the child's exit or fault was cleaned up (may be NULL) */
	void (*gone)(void *ctx, struct cn_child *c);
	void *ctx;
};

/* what to start */
struct cn_child_args {
	const char *name;
	const char *binary;         /* ROM module; NULL = name */
	uint32_t    ram;            /* RAM quantum: the PD session's ram_quota */
	uint32_t    caps;           /* cap quota of the PD */
	int32_t     priority;       /* CPU session 'priority' argument, 0 = ours */
	uint32_t    prio_levels;    /* CPU session 'prio_levels', 0 = leave out */
	uint32_t    cpu_quota;      /* ppm of our own CPU quota for the child's CPU session */
	const char *cpu_args;       /* more CPU session arguments (affinity), NULL = none */
	void       *user;           /* for the policy (cn_child.user) */
};

/* a service the child announced */
struct cn_child_service {
	struct cn_list_elem elem;
	char                name[CN_CHILD_SERVICE_MAX];
	uint32_t            root;      /* root capability in our cap space */
};

/* A request to a sibling server (ROUTE_CHILD) is never awaited by our
 * entrypoint: each server has a worker thread of ours that makes the
 * blocking call to its root (child_worker.c), one request at a time; the
 * answer comes back to the entrypoint as a signal. The client meanwhile
 * gets CN_ERR_PENDING and asks again after its session signal. */
enum cn_child_op { CN_CHILD_OP_SESSION, CN_CHILD_OP_UPGRADE, CN_CHILD_OP_CLOSE };

struct cn_child_session;

struct cn_child_request {
	struct cn_list_elem      elem;        /* in the worker's queue */
	enum cn_child_op         op;
	struct cn_child_session *s;           /* NULL: orphaned (the server went) */
	uint32_t                 root;        /* the server's root (our name) */
	uint32_t                 cap;         /* the session (UPGRADE, CLOSE); the answer (SESSION) */
	int                      err;         /* the answer */
	char                     args[CN_CHILD_ARGS_MAX];   /* what the server gets */
};

struct cn_child_worker;

enum cn_child_session_state {
	CN_CHILD_SESSION_OPEN = 0,
	CN_CHILD_SESSION_REQUESTED,   /* the server has not answered yet */
	CN_CHILD_SESSION_ANSWERED,    /* answered (err), the client has not asked again */
	CN_CHILD_SESSION_CLOSING,     /* close sent, not answered yet */
};

/* one session of a child (open, or on its way: see above) */
struct cn_child_session {
	struct cn_list_elem          elem;         /* in client->sessions */
	struct cn_list_elem          server_elem;  /* in server->served (ROUTE_CHILD) */
	struct cn_child             *client;       /* NULL: the client is gone */
	enum cn_child_session_state  state;
	int                          err;          /* ANSWERED */
	char                        *asked;        /* the client's args (REQUESTED, ANSWERED) */
	struct cn_child_request     *req;          /* in flight, or NULL */
	struct cn_child_request     *up_req;       /* an upgrade in flight */
	char                        *up_asked;     /* its args, until the client asks again */
	int                          up_err;       /* its answer (up_req NULL) */
	enum cn_child_route_kind     kind;
	struct cn_child             *server;
	uint32_t                     root;         /* server's root cap (ROUTE_CHILD) */
	const struct cn_child_local *local;
	void                        *handle;       /* ROUTE_LOCAL */
	char                         service[CN_CHILD_SERVICE_MAX];
	uint32_t                     cap;          /* session capability (our name) */
	uint32_t                     cap_type, cap_badge, cap_obj;  /* what the client's
	                                                               name maps to */
	uint32_t                     ram, caps;    /* quota donated by the client */
};

enum cn_child_state { CN_CHILD_NEW, CN_CHILD_RUNNING, CN_CHILD_EXITED, CN_CHILD_FAULTED,
                      CN_CHILD_GONE };

struct cn_child {
	struct cn_list_elem  elem;            /* on the list of all children */
	char                 name[CN_CHILD_NAME_MAX];
	char                 binary[CN_CHILD_NAME_MAX];
	uint32_t             ram, caps;       /* quanta */
	void                *user;
	const struct cn_child_policy *policy;
	enum cn_child_state  state;
	enum cn_child_state  ended;           /* EXITED or FAULTED once it ended by itself */
	int32_t              exit_value;

	/* core sessions of the child (our cap names) */
	uint32_t pd, cpu, rom, rm, thread;
	uint32_t start_ds, stack_ds;

	/* the parent interface for the child */
	struct cn_rpc_object     parent_obj;
	uint32_t                 parent_cap;
	struct cn_signal_handler fault_sigh;      /* the CPU session's exception signal */
	uint32_t                 fault_ctx;
	struct cn_signal_handler cleanup_sigh;    /* cleanup after the exit RPC returned */
	uint32_t                 cleanup_ctx;
	uint32_t                 session_sigh;    /* the child's, for pending requests */
	bool                     pending;         /* a request got CN_ERR_PENDING */

	struct cn_list sessions;                  /* cn_child_session.elem */
	struct cn_list served;                    /* sessions at this child (server_elem) */
	struct cn_list services;                  /* cn_child_service */
	struct cn_child_worker *worker;           /* calls this child's roots, or NULL */
	uint32_t cpu_ram, cpu_caps;               /* quota of its CPU session (ledger) */
	uint32_t rom_ram, rom_caps;               /* quota of its binary's ROM session */
};

/* The quota ledger of a parent: every byte and cap it got is in exactly
 * one of these places, so the sum stays constant whatever its children do
 * (start, sessions, upgrades, closes, ends, in any order). */
struct cn_child_ledger {
	uint32_t own_ram, own_caps;           /* our PD account's quota */
	uint32_t own_up_ram, own_up_caps;     /* moved to our own CPU session (threads) */
	uint32_t child_ram, child_caps;       /* the children's PD accounts and CPU sessions */
	uint32_t parent_ram, parent_caps;     /* their sessions at our parent (donations) */
	uint32_t ram, caps;                   /* the sum */
};
void cn_child_ledger(struct cn_child_ledger *l);
/* "ledger: N bytes, M caps (own ..., children ..., at our parent ...)" */
void cn_child_ledger_log(void);

/* Load and start the child; 0 or an error (logged with the child's name):
 * CN_ERR_NOT_FOUND no such binary, CN_ERR_TYPE the binary was refused (no
 * valid executable). On failure everything acquired is given back. */
int cn_child_start(struct cn_child *c, const struct cn_child_args *a,
                   const struct cn_child_policy *policy);

/* stop the child (if running) and give back everything: its sessions,
 * the sessions it serves, its CPU, PD and ROM sessions; it stays on the
 * list of children (state CN_CHILD_GONE) */
void cn_child_destroy(struct cn_child *c);
/* destroy it and take it off the list: its memory is the caller's again
 * (a struct cn_child to start must be zeroed, or destroyed before) */
void cn_child_forget(struct cn_child *c);

/* fn is called after each service a child announces (NULL: nothing), e.g.
 * for a warning when the policy would never route to it */
void cn_child_on_announce(void (*fn)(struct cn_child *c, const char *service));

/* the child's announced service of that name, or NULL */
struct cn_child_service *cn_child_service(struct cn_child *c, const char *name);

/* all children of this parent */
struct cn_child *cn_child_first(void);
struct cn_child *cn_child_next(struct cn_child *c);
struct cn_child *cn_child_find(const char *name);
void cn_child_list_add(struct cn_child *c);
void cn_child_list_remove(struct cn_child *c);

/* internal to lib/base/child*.c */
int  cn_child_load(struct cn_child *c, uint32_t *entry);
int  cn_child_prepare_start(struct cn_child *c, uint32_t *stack_top);  /* stack, start info */
int  cn_child_session_open(struct cn_child *c, const char *service, const char *args,
                           uint32_t *cap);
struct cn_child_session *cn_child_session_find(struct cn_child *c, uint32_t cap);
int  cn_child_session_upgrade(struct cn_child_session *s, const char *args);
int  cn_child_own_upgrade(struct cn_child *c, uint32_t cap, const char *args);
void cn_child_session_close(struct cn_child_session *s);
void cn_child_sessions_close_all(struct cn_child *c);
void cn_child_served_revoke(struct cn_child *c);
void cn_child_wake_pending(void);
/* no child left: the signal we watch our parent's pending answers with goes
 * (made on the first request pending at our parent; cn_child_destroy) */
void cn_child_parent_unwatch(void);
/* quota between PD accounts ('from' pays; we hold the PD session caps of
 * ourselves and our children); give_back logs a move that failed */
int  cn_child_quota_move(uint32_t from, uint32_t to, uint32_t ram, uint32_t caps);
void cn_child_quota_give_back(const char *what, uint32_t from, uint32_t to, uint32_t ram,
                              uint32_t caps);
/* sessions at sibling servers (child_sibling.c): asked for, answered
 * asynchronously, collected when the client asks again */
int  cn_child_sibling_open(struct cn_child *c, struct cn_child *server, uint32_t root,
                           const char *service, const char *asked, const char *args,
                           uint32_t ram, uint32_t caps);
struct cn_child_session *cn_child_sibling_request(struct cn_child *c, const char *service,
                                                  const char *asked);
int  cn_child_sibling_collect(struct cn_child_session *s, uint32_t *cap);
int  cn_child_sibling_upgrade(struct cn_child_session *s, const char *asked, uint32_t ram,
                              uint32_t caps);
void cn_child_sibling_close(struct cn_child_session *s);
void cn_child_sibling_client_gone(struct cn_child_session *s);
/* hand a request to the server's worker (created on first use); its answer
 * goes to done() on our entrypoint, orphaned or not */
int  cn_child_worker_queue(struct cn_child *server, struct cn_child_request *r,
                           void (*done)(struct cn_child_request *r));
/* the server is gone (call it after its CPU session was closed): every
 * request is answered CN_ERR_DEAD or as it was, and the thread is gone */
void cn_child_worker_server_gone(struct cn_child *server);
extern const struct cn_parent_ops cn_child_parent_ops;

#endif
