/* SPDX-License-Identifier: MIT */
/*
 * input_client: an application reading the Input session
 * (<cn/session/input.h>): attaches the ring, consumes it in its signal
 * handler and prints each event in the event peer's format ("press KEY_A",
 * "abs 512 192", ...), so that run/input.run can check that an application
 * gets exactly what the driver submitted.
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/input.h>
#include <cn/session/rm.h>
#include "../event_peer/keys.h"

static uint32_t session;
static struct cn_input_end end;
static struct cn_signal_handler sigh;

static void on_signal(void *arg, uint32_t count)
{
	struct cn_input_event e;
	int r;
	(void)arg; (void)count;
	while ((r = cn_input_get(&end, &e)) == 0) {
		const char *n = key_name(e.code);
		switch (e.type) {
		case CN_INPUT_PRESS:
		case CN_INPUT_RELEASE:
			if (n)
				cn_log("%s %s", e.type == CN_INPUT_PRESS ? "press" : "release", n);
			else
				cn_log("%s key %u", e.type == CN_INPUT_PRESS ? "press" : "release",
				       (unsigned)e.code);
			break;
		case CN_INPUT_REL:   cn_log("rel %d %d", (int)e.x, (int)e.y); break;
		case CN_INPUT_ABS:   cn_log("abs %d %d", (int)e.x, (int)e.y); break;
		case CN_INPUT_WHEEL: cn_log("wheel %d %d", (int)e.x, (int)e.y); break;
		default:             cn_log("unknown event type %u", (unsigned)e.type);
		}
	}
	if (r == CN_ERR_STATE) {
		cn_log("FAIL: the Input server broke the ring");
		cn_exit(1);
	}
}

void cn_component_construct(struct cn_env *env)
{
	cn_cap_t ds;
	uint32_t at, ctx;
	int err = cn_input_connect(env, NULL, &session);
	if (!err)
		err = cn_input_dataspace(session, &ds);
	if (!err)
		err = cn_rm_attach(env->rm, ds, 0, 0, 0, CN_ATTACH_WRITE, &at);
	if (!err)
		err = cn_signal_handler(&sigh, on_signal, NULL, &ctx);
	if (!err) {
		cn_input_end_init(&end, (void *)(uintptr_t)at, 0);
		err = cn_input_sigh(session, (cn_cap_t){ ctx });
	}
	if (err) {
		cn_log("FAIL: Input session: %s", cn_strerror(err));
		cn_exit(1);
	}
	cn_log("Input session open");
}
