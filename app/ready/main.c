/* SPDX-License-Identifier: MIT */
/*
 * ready: the trivial child of run/init_many and run/bench_init. Logs the
 * kernel time at which it runs ('ready at tick T', the first thing its
 * construct does) and exits with value 0.
 */
#include <cn/component.h>
#include <cn/sys.h>

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	uint64_t t = cn_sys_time(NULL);
	cn_log("ready at tick %u", (unsigned)t);
	cn_exit(0);
}
