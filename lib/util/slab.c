/* SPDX-License-Identifier: MIT */
/*
 * Slab allocator (see cn/util/slab.h). A block is a header, a bitmap of used
 * objects, and the objects; the blocks form a list.
 */
#include <stdbool.h>
#include <cn/util/slab.h>

struct cn_slab_block {
	struct cn_slab_block *next, *prev;
	size_t used;
	uint32_t bitmap[];
};

#define ALIGN8(x) (((x) + 7) & ~(size_t)7)

int cn_slab_init(struct cn_slab *s, size_t obj_size, size_t block_size,
                 void *(*alloc_block)(void *ctx, size_t size),
                 void (*free_block)(void *ctx, void *block, size_t size), void *ctx)
{
	if (obj_size == 0 || obj_size > block_size)
		return CN_ERR_INVALID;
	s->obj_size = ALIGN8(obj_size);
	s->block_size = block_size;
	/* the largest count whose header, bitmap and objects fit */
	size_t n = block_size / s->obj_size;
	for (; n > 0; n--) {
		size_t off = ALIGN8(sizeof(struct cn_slab_block) + (n + 31) / 32 * 4);
		if (off <= block_size && n <= (block_size - off) / s->obj_size) {
			s->objs_offset = off;
			break;
		}
	}
	if (n == 0)
		return CN_ERR_INVALID;
	s->per_block = n;
	s->alloc_block = alloc_block;
	s->free_block = free_block;
	s->ctx = ctx;
	s->blocks = NULL;
	s->used = s->num_blocks = 0;
	return 0;
}

static char *objs(const struct cn_slab *s, struct cn_slab_block *b)
{
	return (char *)b + s->objs_offset;
}

void *cn_slab_alloc(struct cn_slab *s)
{
	struct cn_slab_block *b = s->blocks;
	while (b && b->used == s->per_block)
		b = b->next;
	if (!b) {
		b = s->alloc_block(s->ctx, s->block_size);
		if (!b || ((uintptr_t)b & 7))
			return NULL;
		b->used = 0;
		for (size_t i = 0; i < (s->per_block + 31) / 32; i++)
			b->bitmap[i] = 0;
		b->prev = NULL;
		b->next = s->blocks;
		if (s->blocks)
			s->blocks->prev = b;
		s->blocks = b;
		s->num_blocks++;
	}
	for (size_t i = 0; i < s->per_block; i++)
		if (!(b->bitmap[i / 32] & (1u << (i % 32)))) {
			b->bitmap[i / 32] |= 1u << (i % 32);
			b->used++;
			s->used++;
			return objs(s, b) + i * s->obj_size;
		}
	return NULL;                                   /* not reached: used < per_block */
}

int cn_slab_free(struct cn_slab *s, void *obj)
{
	uintptr_t p = (uintptr_t)obj;
	for (struct cn_slab_block *b = s->blocks; b; b = b->next) {
		uintptr_t first = (uintptr_t)objs(s, b);
		if (p < first || p >= first + s->per_block * s->obj_size)
			continue;
		if ((p - first) % s->obj_size)
			return CN_ERR_CORRUPT;             /* inside an object */
		size_t i = (p - first) / s->obj_size;
		if (!(b->bitmap[i / 32] & (1u << (i % 32))))
			return CN_ERR_CORRUPT;             /* double free */
		b->bitmap[i / 32] &= ~(1u << (i % 32));
		b->used--;
		s->used--;
		if (b->used == 0) {
			if (b->prev)
				b->prev->next = b->next;
			else
				s->blocks = b->next;
			if (b->next)
				b->next->prev = b->prev;
			s->num_blocks--;
			if (s->free_block)
				s->free_block(s->ctx, b, s->block_size);
		}
		return 0;
	}
	return CN_ERR_CORRUPT;
}
