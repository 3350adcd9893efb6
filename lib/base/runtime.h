/* SPDX-License-Identifier: MIT */
/*
 * Private glue between the files of the component runtime (lib/base): the
 * environment's storage and the start-up steps main() runs. Not a public
 * header; components use <cn/component.h>.
 */
#ifndef CN_BASE_RUNTIME_H
#define CN_BASE_RUNTIME_H

#include <cn/component.h>
#include <cn/start.h>

/* the environment (lib/base/env.c) */
extern struct cn_env cn_runtime_env;

/* fill the environment's capabilities and name from the start info */
void cn_runtime_env_init(const struct cn_start_info *si);

/* set up the heap (lib/base/heap.c) and point cn_runtime_env.heap at it */
void cn_runtime_heap_init(void);

/* give a signal receiver or context back to the PD and drop our name of it
 * (0: nothing) */
void cn_runtime_free_signal(uint32_t pd, uint32_t cap);

/* print a line on the kernel console (with a trailing newline) */
void cn_runtime_print(const char *prefix, const char *line);

/* quota the runtime moved from our PD account to our own CPU session
 * (upgrades for threads, lib/base/connect.c), for the child ledger */
void cn_runtime_own_upgrades(uint32_t *ram, uint32_t *caps);

#endif
