/* SPDX-License-Identifier: MIT */
/*
 * rpc_mistake: a Hello client built against a newer version of the
 * interface than its server (hello_session.h plus a third function,
 * "shout"): the server answers the unknown function with
 * CN_RPC_ERR_UNKNOWN_FUNCTION and logs the first such call of the session
 * (run/mistake_rpc.run). The known functions still work.
 */
#include <cn/component.h>
#include "hello_session.h"

/* Hello as a newer server would have it: the same functions, one more */
#define HELLO2_RPC(F0, F1, F2, F3, F4, F5) \
	F1(hello2, say, uint32_t, const char *, text) \
	F2(hello2, add, uint32_t, uint32_t, a, uint32_t, b) \
	F1(hello2, shout, void, uint32_t, times)
CN_RPC_INTERFACE(hello2, HELLO2_RPC)

void cn_component_construct(struct cn_env *env)
{
	uint32_t s, sum = 0;
	int err = hello_connect(env, NULL, &s);
	if (err) {
		cn_log("no Hello session: %s", cn_strerror(err));
		cn_exit(1);
	}
	/* twice: the server logs only the first */
	for (int i = 0; i < 2; i++) {
		err = hello2_shout(s, 3);
		cn_log("shout: %d (%s)", err, cn_strerror(err));
	}
	err = hello2_add(s, 20, 22, &sum);
	cn_log("add: %d, 20 + 22 = %u", err, (unsigned)sum);
	cn_close(s);
	cn_exit(err == 0 && sum == 42 ? 0 : 2);
}
