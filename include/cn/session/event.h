/* SPDX-License-Identifier: MIT */
/*
 * Event session (doc/session-input.md): how an input driver hands its
 * events on. The driver is the CLIENT (doc/drivers.md: a driver can be
 * restarted while the server above it, an event filter or GUI server,
 * keeps every application's Input session); the server is the event
 * filter, or a test peer (test/event_peer).
 *
 * The events and the ring are those of the Input session
 * (<cn/session/input.h>), with the roles swapped: here the client produces
 * and the server consumes.
 *
 *   dataspace()   the ring (a page the server allocated, paid by the client)
 *   wakeup()      the server's signal context: the client submits a signal
 *                 to it after each cn_input_commit() that returned 1
 *
 * Cost: CN_EVENT_SESSION_RAM bytes of RAM quota and CN_EVENT_SESSION_CAPS
 * caps; cn_event_connect() donates exactly that.
 *
 * Client helper (inline below), struct cn_event_client:
 *   cn_event_open(&c, env, label)     connect, attach the ring
 *   cn_event_submit(&c, &ev)          queue an event (cn_input_put)
 *   cn_event_flush(&c)                publish the queued events and wake
 *                                     the server
 *   cn_event_close(&c)
 */
#ifndef CN_SESSION_EVENT_H
#define CN_SESSION_EVENT_H

#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/input.h>
#include <cn/session/rm.h>

#define CN_EVENT_SERVICE       "Event"
#define CN_EVENT_SESSION_STATE 512u
#define CN_EVENT_SESSION_RAM   (CN_EVENT_SESSION_STATE + CN_SESSION_RAM_META + \
                                CN_DS_RAM_META + CN_INPUT_RING_BYTES + 4096u)
#define CN_EVENT_SESSION_CAPS  4u

#define CN_EVENT_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_event, dataspace, cn_cap_t) \
	F0(cn_event, wakeup,    cn_cap_t)
CN_RPC_INTERFACE(cn_event, CN_EVENT_RPC)

/* open an Event session (label may be NULL) */
static inline int cn_event_connect(struct cn_env *env, const char *label, uint32_t *session)
{
	return cn_session_connect(env, CN_EVENT_SERVICE, label, CN_EVENT_SESSION_RAM,
	                          CN_EVENT_SESSION_CAPS, "", session);
}

struct cn_event_client {
	uint32_t            session;
	uint32_t            wakeup;       /* the server's signal context */
	uint32_t            at;           /* where the ring is attached */
	struct cn_input_end end;          /* we are the producer */
};

static inline int cn_event_open(struct cn_event_client *c, struct cn_env *env, const char *label)
{
	cn_cap_t ds, wake;
	int err = cn_event_connect(env, label, &c->session);
	if (err)
		return err;
	if ((err = cn_event_dataspace(c->session, &ds)) ||
	    (err = cn_event_wakeup(c->session, &wake)) ||
	    (err = cn_rm_attach(env->rm, ds, 0, 0, 0, CN_ATTACH_WRITE, &c->at))) {
		cn_close(c->session);
		return err;
	}
	c->wakeup = wake.name;
	cn_input_end_init(&c->end, (void *)(uintptr_t)c->at, 1);
	return 0;
}

static inline int cn_event_submit(struct cn_event_client *c, const struct cn_input_event *ev)
{
	return cn_input_put(&c->end, ev);
}

static inline int cn_event_flush(struct cn_event_client *c)
{
	int r = cn_input_commit(&c->end);
	if (r == 1)
		return cn_sys_signal_submit(c->wakeup, 1);
	return r;
}

static inline void cn_event_close(struct cn_event_client *c)
{
	cn_rm_detach(cn_env()->rm, c->at);
	cn_close(c->session);
}

#endif
