/* SPDX-License-Identifier: MIT */
/*
 * Best-fit heap over caller-supplied memory regions, with an optional grow
 * callback when nothing fits. Blocks are 8-byte aligned and carry a header
 * with their size and a magic word, so that a double free or a pointer that
 * was never allocated is reported as an error value.
 */
#ifndef CN_UTIL_HEAP_H
#define CN_UTIL_HEAP_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <cn/errors.h>

#define CN_HEAP_MAX_REGIONS 16

struct cn_heap_chunk;
struct cn_heap;

/* called when no free chunk of min_size bytes exists; should add a region
 * of at least min_size bytes with cn_heap_add_region and return true */
typedef bool (*cn_heap_grow_fn)(void *ctx, struct cn_heap *h, size_t min_size);

struct cn_heap {
	struct cn_heap_chunk *free;          /* free chunks, sorted by address */
	struct { uintptr_t base, end; } regions[CN_HEAP_MAX_REGIONS];
	unsigned        num_regions;
	size_t          used, avail;         /* bytes incl. headers */
	cn_heap_grow_fn grow;
	void           *grow_ctx;
};

void cn_heap_init(struct cn_heap *h, cn_heap_grow_fn grow, void *grow_ctx);

/* 0, CN_ERR_INVALID (too small) or CN_ERR_NOSPACE (too many regions) */
int cn_heap_add_region(struct cn_heap *h, void *base, size_t size);

/* NULL if size is 0 or nothing fits even after growing */
void *cn_heap_alloc(struct cn_heap *h, size_t size);

/* 0 (also for NULL) or CN_ERR_CORRUPT (bad pointer, double free) */
int cn_heap_free(struct cn_heap *h, void *p);

/* like C realloc; NULL on failure with p untouched */
void *cn_heap_realloc(struct cn_heap *h, void *p, size_t size);

/* usable size of an allocated block, 0 for a bad pointer */
size_t cn_heap_size(const struct cn_heap *h, const void *p);

static inline size_t cn_heap_used(const struct cn_heap *h) { return h->used; }
static inline size_t cn_heap_avail(const struct cn_heap *h) { return h->avail; }

#endif
