/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the slab allocator: block accounting, return of empty
 * blocks, bad and double frees, backing allocator failure.
 */
#include <string.h>
#include <stdlib.h>
#include <stdint.h>
#include <cn/util/slab.h>
#include "check.h"

struct backing { int live, limit, allocs; };

static void *blk_alloc(void *ctx, size_t size)
{
	struct backing *b = ctx;
	if (b->live >= b->limit)
		return NULL;
	b->live++;
	b->allocs++;
	void *p = malloc(size);
	memset(p, 0x5a, size);
	return p;
}

static void blk_free(void *ctx, void *block, size_t size)
{
	struct backing *b = ctx;
	(void)size;
	b->live--;
	free(block);
}

static void fill_and_empty(void)
{
	struct backing bk = { 0, 100, 0 };
	struct cn_slab s;
	CN_CHECK_EQ(cn_slab_init(&s, 20, 512, blk_alloc, blk_free, &bk), 0);
	CN_CHECK(s.per_block >= 15 && s.per_block <= 21);
	static void *p[200];
	for (int i = 0; i < 200; i++) {
		p[i] = cn_slab_alloc(&s);
		CN_CHECK(p[i] != NULL && ((uintptr_t)p[i] & 7) == 0);
		memset(p[i], i, 20);                         /* ASan: within the block */
	}
	size_t blocks = (200 + s.per_block - 1) / s.per_block;
	CN_CHECK_EQ(cn_slab_blocks(&s), blocks);
	CN_CHECK_EQ((size_t)bk.live, blocks);
	for (int i = 0; i < 200; i++)
		for (int j = i + 1; j < 200 && j < i + 3; j++)
			CN_CHECK(p[i] != p[j]);
	for (int i = 0; i < 200; i++)
		CN_CHECK(((unsigned char *)p[i])[19] == (unsigned char)i);   /* no overlap */
	for (int i = 0; i < 200; i += 2)
		CN_CHECK_EQ(cn_slab_free(&s, p[i]), 0);
	CN_CHECK_EQ(cn_slab_used(&s), 100u);
	for (int i = 1; i < 200; i += 2)
		CN_CHECK_EQ(cn_slab_free(&s, p[i]), 0);
	CN_CHECK_EQ(cn_slab_used(&s), 0u);
	CN_CHECK_EQ(cn_slab_blocks(&s), 0u);
	CN_CHECK_EQ(bk.live, 0);                          /* every block returned */
}

static void bad_frees(void)
{
	struct backing bk = { 0, 100, 0 };
	struct cn_slab s;
	CN_CHECK_EQ(cn_slab_init(&s, 16, 256, blk_alloc, blk_free, &bk), 0);
	char *a = cn_slab_alloc(&s), *b = cn_slab_alloc(&s);
	int local;
	CN_CHECK_EQ(cn_slab_free(&s, &local), CN_ERR_CORRUPT);
	CN_CHECK_EQ(cn_slab_free(&s, a + 4), CN_ERR_CORRUPT);
	CN_CHECK_EQ(cn_slab_free(&s, a), 0);
	CN_CHECK_EQ(cn_slab_free(&s, a), CN_ERR_CORRUPT);        /* double free */
	CN_CHECK_EQ(cn_slab_free(&s, NULL), CN_ERR_CORRUPT);
	CN_CHECK_EQ(cn_slab_used(&s), 1u);
	CN_CHECK_EQ(cn_slab_free(&s, b), 0);
	CN_CHECK_EQ(cn_slab_free(&s, b), CN_ERR_CORRUPT);        /* block is gone */
	CN_CHECK_EQ(bk.live, 0);
}

static void backing_exhausted(void)
{
	struct backing bk = { 0, 1, 0 };
	struct cn_slab s;
	CN_CHECK_EQ(cn_slab_init(&s, 64, 128, blk_alloc, blk_free, &bk), 0);
	CN_CHECK_EQ(s.per_block, 1u);
	void *a = cn_slab_alloc(&s);
	CN_CHECK(a != NULL);
	CN_CHECK(cn_slab_alloc(&s) == NULL);
	CN_CHECK_EQ(cn_slab_free(&s, a), 0);
	a = cn_slab_alloc(&s);
	CN_CHECK(a != NULL);
	CN_CHECK_EQ(cn_slab_free(&s, a), 0);
	CN_CHECK_EQ(cn_slab_init(&s, 200, 128, blk_alloc, blk_free, &bk), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_slab_init(&s, 120, 128, blk_alloc, blk_free, &bk), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_slab_init(&s, 0, 128, blk_alloc, blk_free, &bk), CN_ERR_INVALID);
}

int main(void)
{
	cn_test_program = "slab";
	CN_RUN(fill_and_empty);
	CN_RUN(bad_frees);
	CN_RUN(backing_exhausted);
	return CN_TEST_RESULT();
}
