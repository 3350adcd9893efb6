/* SPDX-License-Identifier: MIT */
/*
 * example_client: the tutorial's client (doc/c-api.md). It opens a
 * session of the "Counter" service, adds to its counter twice, reads it
 * and exits with 0 when the sum is right.
 */
#include <cn/component.h>
#include "counter_session.h"

int cn_main(void)
{
	uint32_t s, sum = 0, value = 0;
	int err = counter_connect(&s);
	if (err) {
		cn_log("no Counter session: %s", cn_strerror(err));
		return 1;
	}
	err = counter_add(s, 13, &sum);
	if (!err)
		err = counter_add(s, 29, &sum);
	if (!err)
		err = counter_get(s, &value);
	cn_close(s);
	if (err) {
		cn_log("Counter call failed: %s", cn_strerror(err));
		return 2;
	}
	cn_log("13 + 29 = %u, the counter says %u", (unsigned)sum, (unsigned)value);
	return value == 42 ? 0 : 3;
}
