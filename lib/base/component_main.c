/* SPDX-License-Identifier: MIT */
/*
 * The light entry: a component that defines cn_main() instead of
 * cn_component_construct() gets this construct(), which calls cn_main()
 * and exits with its value unless it is CN_SERVE. The linker takes this
 * file from libcn_base.a only for programs without a construct() of their
 * own; one with neither fails to link with "undefined reference to
 * `cn_main'".
 */
#include <cn/component.h>

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	int value = cn_main();
	if (value != CN_SERVE)
		cn_exit(value);
}
