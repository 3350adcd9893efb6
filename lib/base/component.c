/* SPDX-License-Identifier: MIT */
/*
 * main() of every component: check the start info its parent mapped, set up
 * the environment (signal receiver of the entrypoint, heap, LOG session),
 * call cn_component_construct() and serve the entrypoint. Only this file
 * defines main and references cn_component_construct, so the linker pulls
 * it in only for programs without a main of their own.
 */
#include <cn/component.h>
#include <cn/start.h>
#include <cn/sys.h>
#include <cn/session/pd.h>
#include <cn/session/log.h>
#include <cn/util/format.h>
#include "runtime.h"

int main(uint32_t start_info_addr);

static struct cn_entrypoint entrypoint;

__attribute__((noreturn)) static void fail(const char *what, int err)
{
	char line[96];
	cn_snprintf(line, sizeof(line), "%s failed: %s (%d)", what, cn_strerror(err), err);
	cn_runtime_print(cn_runtime_env.name, line);
	cn_exit(1);
}

int main(uint32_t start_info_addr)
{
	const struct cn_start_info *si = (const struct cn_start_info *)(uintptr_t)start_info_addr;
	if (!si || si->magic != CN_START_MAGIC) {
		cn_runtime_print(0, "component: no start info (bad magic), stopping");
		return 1;
	}
	cn_runtime_env_init(si);
	struct cn_env *env = &cn_runtime_env;

	cn_ep_init(&entrypoint);
	env->ep = &entrypoint;
	cn_cap_t recv = { 0 };
	int err = cn_pd_signal_receiver(env->pd, &recv);
	if (err)
		fail("signal receiver", err);
	env->sig_recv = recv.name;
	err = cn_ep_bind_signals(env->sig_recv);
	if (err)
		fail("binding signals", err);

	cn_runtime_heap_init();

	/* the parent replaces the empty label with the component's own */
	uint32_t log = 0;
	err = cn_log_connect(env, "", &log);
	if (err)
		cn_log("no LOG session: %s (%d)", cn_strerror(err), err);
	else
		env->log = log;

	cn_component_construct(env);
	err = cn_ep_run(env->ep);
	if (err)
		fail("entrypoint", err);
	cn_exit(0);
}
