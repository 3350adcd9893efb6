/* SPDX-License-Identifier: MIT */
/*
 * The memory of a parsed config: every string and array of a struct
 * init_config is allocated here and freed in one go (used by the parser,
 * config.c, and the origin of its messages, origin.c).
 */
#include <cn/component.h>
#include <cn/util/string.h>
#include "init.h"

struct init_alloc {
	struct init_alloc *next;
	uint64_t data[];
};

void *init_alloc(struct init_config *cfg, size_t size)
{
	if (size > 0x7fffffff)
		return NULL;
	struct init_alloc *a = cn_calloc(1, sizeof(*a) + size);
	if (!a)
		return NULL;
	a->next = cfg->allocs;
	cfg->allocs = a;
	return a->data;
}

void init_config_free(struct init_config *cfg)
{
	while (cfg->allocs) {
		struct init_alloc *a = cfg->allocs;
		cfg->allocs = a->next;
		cn_free(a);
	}
	cn_memset(cfg, 0, sizeof(*cfg));
}
