/* SPDX-License-Identifier: MIT */
/*
 * The trivial child of the component-start benchmark (test/corebench): its
 * first output is one line to its LOG session, then it exits.
 */
#include <cn/component.h>

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	cn_log("started");
	cn_exit(0);
}
