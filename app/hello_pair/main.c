/* SPDX-License-Identifier: MIT */
/*
 * hello_pair: two "Hello" sessions at once (labels "a" and "b", which
 * init routes to two different servers), then closes "b" and must still be
 * able to use "a" — closing one session must not touch the other, even
 * when both servers gave their session the same badge. Exits with 0 if
 * all went well.
 */
#include <cn/component.h>
#include "hello_session.h"

void cn_component_construct(struct cn_env *env)
{
	uint32_t a, b, sum = 0;
	int err = hello_connect(env, "a", &a);
	if (!err)
		err = hello_connect(env, "b", &b);
	if (err) {
		cn_log("no Hello sessions: %s", cn_strerror(err));
		cn_exit(1);
	}
	hello_say(a, "to a");
	hello_say(b, "to b");
	cn_close(b);
	err = hello_add(a, 1, 2, &sum);
	if (err || sum != 3) {
		cn_log("session a after closing b: %s", err ? cn_strerror(err) : "wrong sum");
		cn_exit(2);
	}
	cn_log("session a still works after closing b");
	cn_close(a);
	cn_exit(0);
}
