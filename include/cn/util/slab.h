/* SPDX-License-Identifier: MIT */
/*
 * Slab allocator for objects of one size. Blocks come from a caller-supplied
 * backing allocator and go back to it as soon as they are empty. Freeing a
 * pointer that is not an allocated object is reported, not undefined.
 */
#ifndef CN_UTIL_SLAB_H
#define CN_UTIL_SLAB_H

#include <stddef.h>
#include <stdint.h>
#include <cn/errors.h>

struct cn_slab_block;

struct cn_slab {
	size_t obj_size, block_size, per_block, objs_offset;
	void *(*alloc_block)(void *ctx, size_t size);
	void  (*free_block)(void *ctx, void *block, size_t size);
	void  *ctx;
	struct cn_slab_block *blocks;
	size_t used, num_blocks;
};

/* 0 or CN_ERR_INVALID if a block of block_size cannot hold one object */
int cn_slab_init(struct cn_slab *s, size_t obj_size, size_t block_size,
                 void *(*alloc_block)(void *ctx, size_t size),
                 void (*free_block)(void *ctx, void *block, size_t size), void *ctx);

/* an 8-byte aligned object, NULL if the backing allocator has no block */
void *cn_slab_alloc(struct cn_slab *s);

/* 0, or CN_ERR_CORRUPT for a pointer that is not an allocated object */
int cn_slab_free(struct cn_slab *s, void *obj);

static inline size_t cn_slab_used(const struct cn_slab *s) { return s->used; }
static inline size_t cn_slab_blocks(const struct cn_slab *s) { return s->num_blocks; }

#endif
