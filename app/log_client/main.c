/* SPDX-License-Identifier: MIT */
/*
 * log_client: the smallest component on top of init. It prints a few lines
 * through its LOG session (core shows them as "[init -> NAME] ...") and
 * exits with value 0.
 */
#include <cn/component.h>

void cn_component_construct(struct cn_env *env)
{
	cn_log("Hello from %s", env->name);
	for (int i = 1; i <= 3; i++)
		cn_log("line %d of 3", i);
	cn_exit(0);
}
