/* SPDX-License-Identifier: MIT */
/*
 * Best-fit heap (see cn/util/heap.h). Every chunk starts with a header of
 * size and magic; free chunks add a link and form an address-ordered list,
 * so that neighbours coalesce on free.
 */
#include <cn/util/heap.h>
#include <cn/util/string.h>

struct cn_heap_chunk {
	size_t size;                          /* whole chunk incl. header */
	size_t magic;
	struct cn_heap_chunk *next;           /* free chunks only */
};

#define HDR        ((sizeof(size_t) * 2 + 7) & ~(size_t)7)
#define MIN_CHUNK  ((sizeof(struct cn_heap_chunk) + 7) & ~(size_t)7)
#define USED_MAGIC ((size_t)0xa110c8edu)
#define FREE_MAGIC ((size_t)0xf7eec4a7u)

static size_t magic(const struct cn_heap_chunk *c, size_t m) { return m ^ (size_t)(uintptr_t)c; }

void cn_heap_init(struct cn_heap *h, cn_heap_grow_fn grow, void *grow_ctx)
{
	h->free = NULL;
	h->num_regions = 0;
	h->used = h->avail = 0;
	h->grow = grow;
	h->grow_ctx = grow_ctx;
}

/* put c (size set) on the free list, merging with adjacent free chunks */
static void insert_free(struct cn_heap *h, struct cn_heap_chunk *c)
{
	c->magic = magic(c, FREE_MAGIC);
	struct cn_heap_chunk *prev = NULL, *n = h->free;
	while (n && n < c) {
		prev = n;
		n = n->next;
	}
	if (n && (char *)c + c->size == (char *)n) {
		c->size += n->size;
		n->magic = 0;
		n = n->next;
	}
	c->next = n;
	if (prev && (char *)prev + prev->size == (char *)c) {
		prev->size += c->size;
		prev->next = n;
		c->magic = 0;
	} else if (prev)
		prev->next = c;
	else
		h->free = c;
}

int cn_heap_add_region(struct cn_heap *h, void *base, size_t size)
{
	uintptr_t b = ((uintptr_t)base + 7) & ~(uintptr_t)7;
	if (b < (uintptr_t)base || b - (uintptr_t)base >= size)
		return CN_ERR_INVALID;
	size = (size - (b - (uintptr_t)base)) & ~(size_t)7;
	if (size < MIN_CHUNK)
		return CN_ERR_INVALID;
	/* Adjacent regions are kept as one: free chunks merge across the seam,
	 * so a chunk may span both and must be checked against the whole. */
	uintptr_t lo = b, hi = b + size;
	for (unsigned i = 0; i < h->num_regions;) {
		if (h->regions[i].end == lo || h->regions[i].base == hi) {
			lo = h->regions[i].base < lo ? h->regions[i].base : lo;
			hi = h->regions[i].end > hi ? h->regions[i].end : hi;
			h->regions[i] = h->regions[--h->num_regions];
			i = 0;
		} else
			i++;
	}
	if (h->num_regions == CN_HEAP_MAX_REGIONS)
		return CN_ERR_NOSPACE;
	h->regions[h->num_regions].base = lo;
	h->regions[h->num_regions].end = hi;
	h->num_regions++;
	struct cn_heap_chunk *c = (struct cn_heap_chunk *)b;
	c->size = size;
	h->avail += size;
	insert_free(h, c);
	return 0;
}

static void *take(struct cn_heap *h, size_t need)
{
	struct cn_heap_chunk **best = NULL;
	for (struct cn_heap_chunk **l = &h->free; *l; l = &(*l)->next)
		if ((*l)->size >= need && (!best || (*l)->size < (*best)->size))
			best = l;
	if (!best)
		return NULL;
	struct cn_heap_chunk *c = *best;
	if (c->size - need >= MIN_CHUNK) {        /* split: the rest stays free */
		struct cn_heap_chunk *rest = (struct cn_heap_chunk *)((char *)c + need);
		rest->size = c->size - need;
		rest->magic = magic(rest, FREE_MAGIC);
		rest->next = c->next;
		*best = rest;
		c->size = need;
	} else
		*best = c->next;
	c->magic = magic(c, USED_MAGIC);
	h->used += c->size;
	h->avail -= c->size;
	return (char *)c + HDR;
}

void *cn_heap_alloc(struct cn_heap *h, size_t size)
{
	if (size == 0 || size > (size_t)-1 - HDR - 8)
		return NULL;
	size_t need = (size + HDR + 7) & ~(size_t)7;
	if (need < MIN_CHUNK)
		need = MIN_CHUNK;
	void *p = take(h, need);
	if (!p && h->grow && h->grow(h->grow_ctx, h, need))
		p = take(h, need);
	return p;
}

/* the header of an allocated block, NULL if p is not one */
static struct cn_heap_chunk *chunk_of(const struct cn_heap *h, const void *p)
{
	uintptr_t a = (uintptr_t)p;
	if (a & 7)
		return NULL;
	for (unsigned i = 0; i < h->num_regions; i++) {
		if (a < h->regions[i].base + HDR || a >= h->regions[i].end)
			continue;
		struct cn_heap_chunk *c = (struct cn_heap_chunk *)(a - HDR);
		if (c->magic != magic(c, USED_MAGIC) || c->size < MIN_CHUNK ||
		    c->size > h->regions[i].end - (uintptr_t)c)
			return NULL;
		return c;
	}
	return NULL;
}

int cn_heap_free(struct cn_heap *h, void *p)
{
	if (!p)
		return 0;
	struct cn_heap_chunk *c = chunk_of(h, p);
	if (!c)
		return CN_ERR_CORRUPT;
	h->used -= c->size;
	h->avail += c->size;
	insert_free(h, c);
	return 0;
}

size_t cn_heap_size(const struct cn_heap *h, const void *p)
{
	const struct cn_heap_chunk *c = chunk_of(h, p);
	return c ? c->size - HDR : 0;
}

void *cn_heap_realloc(struct cn_heap *h, void *p, size_t size)
{
	if (!p)
		return cn_heap_alloc(h, size);
	size_t old = cn_heap_size(h, p);
	if (!old)
		return NULL;
	if (size == 0) {
		cn_heap_free(h, p);
		return NULL;
	}
	if (size <= old)
		return p;
	void *n = cn_heap_alloc(h, size);
	if (!n)
		return NULL;
	cn_memcpy(n, p, old);
	cn_heap_free(h, p);
	return n;
}
