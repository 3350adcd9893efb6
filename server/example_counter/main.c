/* SPDX-License-Identifier: MIT */
/*
 * example_counter: the tutorial's server (doc/c-api.md). It offers the
 * "Counter" service of counter_session.h; the server library
 * (<cn/server.h>) checks each client's donation and keeps one counter per
 * session.
 */
#include <cn/component.h>
#include <cn/server.h>
#include "counter_session.h"

struct counter { uint32_t value; };

static int add(void *state, uint32_t n, uint32_t *sum)
{
	struct counter *c = state;
	c->value += n;
	*sum = c->value;
	return 0;
}

static int get(void *state, uint32_t *value)
{
	*value = ((struct counter *)state)->value;
	return 0;
}

static const struct counter_ops ops = { .add = add, .get = get };

static struct cn_service service = {
	.name = COUNTER_SERVICE, .session_size = sizeof(struct counter),
	.dispatch = counter_dispatch_any, .ops = &ops,
};

int cn_main(void)
{
	int err = cn_server_announce(&service);
	if (err) {
		cn_log("cannot announce: %s", cn_strerror(err));
		return 1;
	}
	cn_log("announced \"%s\"", COUNTER_SERVICE);
	return CN_SERVE;
}
