/* SPDX-License-Identifier: MIT */
/*
 * Writing a component: provide cn_main() (or cn_component_construct(), the
 * older form with the environment as its parameter). The runtime
 * (lib/base/component.c) starts it with an environment (cn_env()): the
 * capabilities of the parent, the component's PD, CPU and LOG sessions and
 * its address space, an entrypoint, and a heap. cn_main() returns the
 * component's exit value, or CN_SERVE after registering RPC objects and
 * signal handlers: the entrypoint then serves them until cn_exit(). See
 * doc/c-api.md for the tutorial.
 */
#ifndef CN_COMPONENT_H
#define CN_COMPONENT_H

#include <stdint.h>
#include <stddef.h>
#include <cn/rpc.h>
#include <cn/errors.h>
#include <cn/entrypoint.h>
#include <cn/util/heap.h>

struct cn_env {
	const char           *name;      /* the component's name (from its parent) */
	uint32_t              parent;    /* capability names */
	uint32_t              pd;
	uint32_t              cpu;
	uint32_t              rm;        /* the address space */
	uint32_t              log;       /* LOG session (label = the component's) */
	uint32_t              main_thread;  /* CPU thread cap of the entrypoint */
	uint32_t              sig_recv;  /* signal receiver bound to the entrypoint */
	struct cn_entrypoint *ep;
	struct cn_heap       *heap;
};

/* provided by the component: either cn_main() ... */
int cn_main(void);
/* ... which returns the exit value (the runtime calls cn_exit() with it) or
 * this, to keep serving the entrypoint (a server, a component waiting for
 * signals); never a value a component exits with */
#define CN_SERVE (-0x7fffffff - 1)
/* ... or cn_component_construct(), which returns to serve the entrypoint
 * (lib/base/component_main.c defines it for components with cn_main()) */
void cn_component_construct(struct cn_env *env);

/* the environment (also valid in other threads) */
struct cn_env *cn_env(void);

/* tell the parent we are done; does not return */
void cn_exit(int value) __attribute__((noreturn));

/* formatted output to the LOG session, one line per call (a trailing
 * newline is optional); falls back to the kernel console before the LOG
 * session exists */
void cn_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* heap (best fit, grows by attaching RAM dataspaces from the PD) */
void *cn_malloc(size_t size);
void *cn_calloc(size_t n, size_t size);
void  cn_free(void *p);

/* ------------------------------------------------------------ sessions */
/* Ask the parent for a session. args is the argument string (label=...,
 * ram_quota=..., cap_quota=..., service keys); missing quota keys get the
 * service's default. CN_ERR_QUOTA_RAM/CAP answers are retried with more
 * quota (up to a limit), CN_ERR_PENDING after the parent's signal. */
int cn_connect(const char *service, const char *args, uint32_t *session);
/* donate more quota to an open session (args: ram_quota=, cap_quota=) */
int cn_upgrade(uint32_t session, const char *args);
/* close it: the quota returns (asynchronously: the server closes the
 * session after this returns, and the donation comes back after that) */
int cn_close(uint32_t session);
/* wait (at most timeout_us, yielding the CPU) until our PD's quota holds
 * at least ram bytes and caps caps, e.g. a closed session's donation back:
 * 0, or CN_ERR_AGAIN when the time is up */
int cn_quota_wait(uint32_t ram, uint32_t caps, uint64_t timeout_us);

/* open the ROM session 'name' and attach its dataspace read-only: *data
 * and *size describe the content; close with cn_rom_detach_close() */
int cn_rom_attach(const char *name, const void **data, uint32_t *size, uint32_t *session);
int cn_rom_detach_close(const void *data, uint32_t session);
/* attach the current version of an open ROM session (again after its
 * signal: the dataspace may have changed); detach with cn_rm_detach */
int cn_rom_map(uint32_t session, const void **data, uint32_t *size);

/* ------------------------------------------------------------ memory */
/* allocate a RAM dataspace and attach it anywhere (writable);
 * *ds receives the dataspace cap (may be NULL) */
void *cn_ram_alloc_attach(uint32_t size, uint32_t flags, uint32_t *ds);
int   cn_ram_detach_free(void *addr, uint32_t ds);

/* ------------------------------------------------------------ signals */
/* a signal context on the entrypoint's receiver whose handler runs on the
 * entrypoint; the context capability goes to *ctx */
int cn_signal_handler(struct cn_signal_handler *h, void (*fn)(void *, uint32_t), void *arg,
                      uint32_t *ctx);
/* an RPC object served by the entrypoint; its capability goes to *cap */
int cn_rpc_object(struct cn_rpc_object *obj, cn_ep_dispatch_fn dispatch, const void *ops,
                  void *ctx, uint32_t *cap);
/* Imprints and badges come from counters and are never reused. Register
 * and dissolve from the entrypoint's thread (construct or a handler). */

/* the reverse: the handler leaves the entrypoint, the context goes back to
 * the PD (ctx 0: keep it) */
void cn_signal_handler_dissolve(struct cn_signal_handler *h, uint32_t ctx);
/* the object leaves the entrypoint (later calls through copies of its
 * capability get CN_RPC_ERR_UNKNOWN_OBJECT); core takes our name 'cap' back
 * (pd.free_rpc_cap: its cap quota returns) unless 0 */
void cn_rpc_object_dissolve(struct cn_rpc_object *obj, uint32_t cap);

/* ------------------------------------------------------------ announce */
/* offer a service to the parent; root is the RPC object of <cn/session/parent.h>'s root
 * interface (see <cn/server.h> for a ready-made one) */
int cn_announce(const char *service, uint32_t root_cap);

#endif
