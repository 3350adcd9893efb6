/* SPDX-License-Identifier: MIT */
/*
 * hello_client: connects to the "Hello" service (hello_session.h), which
 * init routes to its sibling hello_server, calls it, closes the session and
 * exits with value 0.
 */
#include <cn/component.h>
#include "hello_session.h"

void cn_component_construct(struct cn_env *env)
{
	uint32_t s, sum = 0;
	int err = hello_connect(env, NULL, &s);
	if (err) {
		cn_log("no Hello session: %s", cn_strerror(err));
		cn_exit(1);
	}
	err = hello_say(s, "Hello");
	if (!err)
		err = hello_add(s, 13, 29, &sum);
	if (err) {
		cn_log("Hello call failed: %s", cn_strerror(err));
		cn_exit(2);
	}
	cn_log("13 + 29 = %u", (unsigned)sum);
	cn_close(s);
	cn_log("done");
	cn_exit(0);
}
