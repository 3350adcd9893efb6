/* SPDX-License-Identifier: MIT */
/*
 * The component heap and RAM helpers: cn_malloc/cn_calloc/cn_free over a
 * struct cn_heap (lib/util/heap.c) that grows by allocating RAM dataspaces
 * from the PD and attaching them anywhere in the address space. Each growth
 * at least doubles the heap (64 KiB first, steps of at most 8 MiB unless a
 * larger block is wanted); the heap holds CN_HEAP_MAX_REGIONS regions. A
 * mutex makes it usable from several threads. Memory never goes back to the
 * PD while the component runs.
 */
#include <cn/component.h>
#include <cn/thread.h>
#include <cn/sys.h>
#include <cn/session/pd.h>
#include <cn/session/rm.h>
#include <cn/util/string.h>
#include "runtime.h"

#include <cn/page.h>
#define GROW_MIN    (64u * 1024u)
#define GROW_STEP   (8u * 1024u * 1024u)

static struct cn_heap heap;
static struct cn_mutex heap_lock;

void *cn_ram_alloc_attach(uint32_t size, uint32_t flags, uint32_t *ds)
{
	struct cn_env *env = cn_env();
	if (size == 0 || size > UINT32_MAX - (CN_PAGE_SIZE - 1))
		return NULL;
	size = (size + CN_PAGE_SIZE - 1) & ~(CN_PAGE_SIZE - 1);
	cn_cap_t d = { 0 };
	if (cn_pd_alloc(env->pd, size, flags, &d))
		return NULL;
	uint32_t addr = 0;
	if (cn_rm_attach(env->rm, d, 0, 0, 0, CN_ATTACH_WRITE, &addr)) {
		cn_pd_free(env->pd, d);
		cn_sys_cap_drop(d.name);
		return NULL;
	}
	if (ds)
		*ds = d.name;
	return (void *)(uintptr_t)addr;
}

int cn_ram_detach_free(void *addr, uint32_t ds)
{
	struct cn_env *env = cn_env();
	int err = 0;
	if (addr)
		err = cn_rm_detach(env->rm, (uint32_t)(uintptr_t)addr);
	if (ds) {
		cn_cap_t d = { ds };
		int e = cn_pd_free(env->pd, d);
		err = err ? err : e;
		cn_sys_cap_drop(ds);
	}
	return err;
}

static bool grow(void *ctx, struct cn_heap *h, size_t min_size)
{
	(void)ctx;
	size_t have = h->used + h->avail;
	size_t size = have < GROW_MIN ? GROW_MIN : have > GROW_STEP ? GROW_STEP : have;
	if (min_size > (size_t)UINT32_MAX - 2 * CN_PAGE_SIZE)
		return false;
	if (size < min_size + 64)
		size = min_size + 64;     /* room for the region's bookkeeping */
	uint32_t ds = 0;
	void *p = cn_ram_alloc_attach((uint32_t)size, 0, &ds);
	if (!p)
		return false;
	size = (size + CN_PAGE_SIZE - 1) & ~(size_t)(CN_PAGE_SIZE - 1);
	if (cn_heap_add_region(h, p, size)) {
		cn_ram_detach_free(p, ds);
		return false;
	}
	return true;
}

void cn_runtime_heap_init(void)
{
	cn_heap_init(&heap, grow, 0);
	cn_runtime_env.heap = &heap;
}

void *cn_malloc(size_t size)
{
	cn_mutex_lock(&heap_lock);
	void *p = cn_heap_alloc(&heap, size);
	cn_mutex_unlock(&heap_lock);
	return p;
}

void *cn_calloc(size_t n, size_t size)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	void *p = cn_malloc(n * size);
	if (p)
		cn_memset(p, 0, n * size);
	return p;
}

void cn_free(void *p)
{
	if (!p)
		return;
	cn_mutex_lock(&heap_lock);
	cn_heap_free(&heap, p);
	cn_mutex_unlock(&heap_lock);
}
