/* SPDX-License-Identifier: MIT */
/*
 * A hostile Event client (run/input.run, boot 3): session "bad" publishes
 * a head index far outside the ring and wakes the server, which must
 * ignore that session and keep serving; session "good" then submits a key
 * press and release, which must arrive. Exits with 0 when both are done.
 */
#include <cn/component.h>
#include <cn/session/event.h>

#define fail(...) do { cn_log("FAIL: " __VA_ARGS__); cn_exit(1); } while (0)

void cn_component_construct(struct cn_env *env)
{
	static struct cn_event_client bad, good;
	int err;
	if ((err = cn_event_open(&bad, env, "bad")))
		fail("Event session \"bad\": %s", cn_strerror(err));
	bad.end.ring->head = 100000;                      /* outside the ring */
	cn_sys_signal_submit(bad.wakeup, 1);
	cn_log("session \"bad\": head 100000 published");
	if ((err = cn_event_open(&good, env, "good")))
		fail("Event session \"good\": %s", cn_strerror(err));
	struct cn_input_event press = { CN_INPUT_PRESS, 44, 0, 0 };   /* KEY_Z */
	struct cn_input_event release = { CN_INPUT_RELEASE, 44, 0, 0 };
	if ((err = cn_event_submit(&good, &press)) || (err = cn_event_submit(&good, &release)) ||
	    (err = cn_event_flush(&good)))
		fail("submit: %s", cn_strerror(err));
	cn_log("session \"good\": 2 events submitted");
	cn_exit(0);
}
