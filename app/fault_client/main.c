/* SPDX-License-Identifier: MIT */
/*
 * fault_client: prints a line and then touches unmapped memory, so that its
 * parent sees the fault, reports it and cleans up.
 */
#include <cn/component.h>

/* an address nothing is attached at (kept from the compiler's view) */
volatile uintptr_t fault_addr = 0x10;

void cn_component_construct(struct cn_env *env)
{
	cn_log("%s: about to fault", env->name);
	*(volatile uint32_t *)fault_addr = 1;
	cn_log("still alive?!");
	cn_exit(3);
}
