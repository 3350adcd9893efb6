/* SPDX-License-Identifier: MIT */
/*
 * hello_server: offers the "Hello" service (hello_session.h) through the
 * server library (<cn/server.h>): the library's root object checks each
 * request's donated quota, keeps the session state and its RPC object, and
 * frees them on close; this file only has the service's handlers.
 */
#include <cn/component.h>
#include <cn/server.h>
#include "hello_session.h"

struct hello_state { uint32_t calls; };

static const char *label(void *state) { return cn_server_session_of(state)->label; }

static int say(void *state, const char *text)
{
	((struct hello_state *)state)->calls++;
	cn_log("%s says: %s", label(state), text);
	return 0;
}

static int add(void *state, uint32_t a, uint32_t b, uint32_t *result)
{
	((struct hello_state *)state)->calls++;
	*result = a + b;
	return 0;
}

static const struct hello_ops hello_ops = { .say = say, .add = add };

static int opened(void *ctx, const char *args, void *state)
{
	(void)ctx; (void)args;
	cn_log("session for \"%s\"", label(state));
	return 0;
}

static void closed(void *ctx, void *state)
{
	(void)ctx;
	cn_log("closing session of \"%s\" after %u calls", label(state),
	       (unsigned)((struct hello_state *)state)->calls);
}

static struct cn_service hello_service = {
	.name = HELLO_SERVICE, .session_size = sizeof(struct hello_state), .ram_cost = HELLO_SESSION_RAM,
	.dispatch = hello_dispatch_any, .ops = &hello_ops, .create = opened, .close = closed,
};

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	int err = cn_server_announce(&hello_service);
	if (err)
		cn_log("cannot announce: %s", cn_strerror(err));
	else
		cn_log("announced \"Hello\"");
}
