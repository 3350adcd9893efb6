/* SPDX-License-Identifier: MIT */
/*
 * event_peer: a test peer that SERVES the Event session
 * (<cn/session/event.h>) in place of an event filter, and prints every
 * event a driver submits, one line each, in a fixed format the run
 * scripts match (run/input.run):
 *
 *   press KEY_A          release KEY_LEFTSHIFT     (key 183 without a name)
 *   rel 10 -5            abs 512 384               wheel 0 1
 *
 * A ring index out of range from a client is logged ("session "L" broke
 * the ring") and that session is ignored from then on.
 *
 * It also serves Input, as a stand-in for the event filter: every event
 * it receives goes to each Input session's ring, and that session's
 * signal fires once per batch (test/input_client reads them).
 */
#include <cn/component.h>
#include <cn/server.h>
#include <cn/sys.h>
#include <cn/session/event.h>
#include "keys.h"

struct session {
	uint32_t                 ds;
	void                    *ring;
	struct cn_input_end      end;       /* we consume */
	struct cn_signal_handler wake;
	uint32_t                 wake_ctx;
	uint32_t                 events;
};

/* ------------------------------------------------------------ Input */
struct input_session {
	uint32_t            ds;
	void               *ring;
	struct cn_input_end end;           /* we produce */
	uint32_t            sigh;          /* the client's context, 0: none yet */
};

static struct cn_service input_service;

static void forward(const struct cn_input_event *e)
{
	for (struct cn_server_session *x = input_service.sessions; x; x = x->next) {
		struct input_session *s = (struct input_session *)x->state;
		if (cn_input_put(&s->end, e) == CN_ERR_AGAIN && s->end.dropped == 1)
			cn_log("Input session \"%s\": ring full, dropping", x->label);
	}
}

static void commit_all(void)
{
	for (struct cn_server_session *x = input_service.sessions; x; x = x->next) {
		struct input_session *s = (struct input_session *)x->state;
		if (cn_input_commit(&s->end) == 1 && s->sigh)
			cn_sys_signal_submit(s->sigh, 1);
	}
}

static int input_dataspace(void *ctx, cn_cap_t *r)
{
	struct input_session *s = ctx;
	r->name = s->ds;
	return 0;
}

static int input_sigh(void *ctx, cn_cap_t c)
{
	struct input_session *s = ctx;
	cn_ep_keep_replace(cn_env()->ep, &s->sigh, c);
	return 0;
}

static const struct cn_input_ops input_ops = { .dataspace = input_dataspace, .sigh = input_sigh };

#define RING_COST (CN_INPUT_RING_BYTES + CN_DS_RAM_META)

static int input_create(void *ctx, const char *args, void *state)
{
	struct input_session *s = state;
	(void)ctx; (void)args;
	int err = cn_server_charge(s, RING_COST, 1);
	if (err)
		return err;
	s->ring = cn_ram_alloc_attach(CN_INPUT_RING_BYTES, 0, &s->ds);
	if (!s->ring) {
		cn_server_release(s, RING_COST, 1);
		return CN_ERR_EXHAUSTED;
	}
	cn_input_end_init(&s->end, s->ring, 1);
	cn_log("Input session \"%s\" opened", cn_server_session_of(s)->label);
	return 0;
}

static void input_close(void *ctx, void *state)
{
	struct input_session *s = state;
	(void)ctx;
	if (s->sigh)
		cn_sys_cap_drop(s->sigh);
	cn_ram_detach_free(s->ring, s->ds);
	cn_server_release(s, RING_COST, 1);
}

static struct cn_service input_service = {
	.name = CN_INPUT_SERVICE, .session_size = sizeof(struct input_session),
	.ram_cost = CN_INPUT_SESSION_STATE, .cap_cost = 0,
	.dispatch = cn_input_dispatch_any, .ops = &input_ops,
	.create = input_create, .close = input_close,
};

/* ------------------------------------------------------------ Event */
static void print(const struct cn_input_event *e)
{
	const char *n;
	switch (e->type) {
	case CN_INPUT_PRESS:
	case CN_INPUT_RELEASE:
		n = key_name(e->code);
		if (n)
			cn_log("%s %s", e->type == CN_INPUT_PRESS ? "press" : "release", n);
		else
			cn_log("%s key %u", e->type == CN_INPUT_PRESS ? "press" : "release",
			       (unsigned)e->code);
		break;
	case CN_INPUT_REL:   cn_log("rel %d %d", (int)e->x, (int)e->y); break;
	case CN_INPUT_ABS:   cn_log("abs %d %d", (int)e->x, (int)e->y); break;
	case CN_INPUT_WHEEL: cn_log("wheel %d %d", (int)e->x, (int)e->y); break;
	default:
		cn_log("unknown event type %u (code %u, %d %d)", (unsigned)e->type,
		       (unsigned)e->code, (int)e->x, (int)e->y);
	}
}

static void on_wakeup(void *arg, uint32_t count)
{
	struct session *s = arg;
	struct cn_input_event e;
	int r;
	(void)count;
	if (s->end.broken)
		return;
	while ((r = cn_input_get(&s->end, &e)) == 0) {
		s->events++;
		print(&e);
		forward(&e);
	}
	commit_all();
	if (r == CN_ERR_STATE)
		cn_log("session \"%s\" broke the ring: ignoring it",
		       cn_server_session_of(s)->label);
}

static int rpc_dataspace(void *ctx, cn_cap_t *r)
{
	struct session *s = ctx;
	r->name = s->ds;
	return 0;
}

static int rpc_wakeup(void *ctx, cn_cap_t *r)
{
	struct session *s = ctx;
	r->name = s->wake_ctx;
	return 0;
}

static const struct cn_event_ops event_ops = { .dataspace = rpc_dataspace, .wakeup = rpc_wakeup };

static int create(void *ctx, const char *args, void *state)
{
	struct session *s = state;
	(void)ctx; (void)args;
	int err = cn_server_charge(s, RING_COST, 2);
	if (err)
		return err;
	s->ring = cn_ram_alloc_attach(CN_INPUT_RING_BYTES, 0, &s->ds);
	if (!s->ring) {
		cn_server_release(s, RING_COST, 2);
		return CN_ERR_EXHAUSTED;
	}
	cn_input_end_init(&s->end, s->ring, 0);
	if ((err = cn_signal_handler(&s->wake, on_wakeup, s, &s->wake_ctx))) {
		cn_ram_detach_free(s->ring, s->ds);
		cn_server_release(s, RING_COST, 2);
		return err;
	}
	cn_log("session \"%s\" opened", cn_server_session_of(s)->label);
	return 0;
}

static void close_session(void *ctx, void *state)
{
	struct session *s = state;
	(void)ctx;
	on_wakeup(s, 0);                  /* what is left */
	cn_log("session \"%s\" closed after %u events", cn_server_session_of(s)->label,
	       (unsigned)s->events);
	cn_signal_handler_dissolve(&s->wake, s->wake_ctx);
	cn_ram_detach_free(s->ring, s->ds);
	cn_server_release(s, RING_COST, 2);
}

static struct cn_service event_service = {
	.name = CN_EVENT_SERVICE, .session_size = sizeof(struct session),
	.ram_cost = CN_EVENT_SESSION_STATE, .cap_cost = 0,
	.dispatch = cn_event_dispatch_any, .ops = &event_ops,
	.create = create, .close = close_session,
};

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	int err = cn_server_announce(&event_service);
	if (!err)
		err = cn_server_announce(&input_service);
	if (err) {
		cn_log("cannot announce Event and Input: %s", cn_strerror(err));
		cn_exit(1);
	}
}
