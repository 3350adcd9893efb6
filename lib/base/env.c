/* SPDX-License-Identifier: MIT */
/*
 * The component's environment (struct cn_env) and leaving: cn_env(),
 * cn_exit(); giving a signal object back to the PD. Kept apart from main() (component.c) so that programs with
 * their own main (core, kernel tests) can use the rest of the runtime.
 */
#include <cn/component.h>
#include <cn/start.h>
#include <cn/sys.h>
#include <cn/session/parent.h>
#include <cn/session/pd.h>
#include <cn/util/string.h>
#include "runtime.h"

struct cn_env cn_runtime_env;
static char env_name[sizeof(((struct cn_start_info *)0)->name) + 1];

void cn_runtime_env_init(const struct cn_start_info *si)
{
	struct cn_env *e = &cn_runtime_env;
	cn_memcpy(env_name, si->name, sizeof(si->name));
	env_name[sizeof(si->name)] = 0;
	e->name        = env_name;
	e->parent      = si->parent;
	e->pd          = si->pd;
	e->cpu         = si->cpu;
	e->rm          = si->rm;
	e->main_thread = si->main_thread;
	e->log         = 0;
	e->sig_recv    = 0;
}

struct cn_env *cn_env(void)
{
	return &cn_runtime_env;
}

void cn_exit(int value)
{
	if (cn_runtime_env.parent)
		cn_parent_exit(cn_runtime_env.parent, value);
	for (;;)
		cn_sys_stop();
}

void cn_runtime_free_signal(uint32_t pd, uint32_t cap)
{
	if (!cap)
		return;
	cn_cap_t c = { cap };
	cn_pd_free_signal(pd, c);
	cn_sys_cap_drop(cap);
}
