/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the bit allocator: exhaustion, alignment, double free,
 * ranges at the end of a bitmap that is not a multiple of 32 bits, and a
 * random walk against a plain first-fit model (the search hint and the
 * word-wise scan must find exactly what a bit-by-bit first fit finds).
 */
#include <string.h>
#include <stdbool.h>
#include <stdint.h>
#include <cn/util/bitalloc.h>
#include "check.h"

static void single_bits(void)
{
	uint32_t w[CN_BITALLOC_WORDS(70)];
	struct cn_bitalloc b;
	memset(w, 0xa5, sizeof(w));
	cn_bitalloc_init(&b, w, 70);
	size_t idx;
	for (size_t i = 0; i < 70; i++) {
		CN_CHECK_EQ(cn_bitalloc_alloc(&b, &idx), 0);
		CN_CHECK_EQ(idx, i);
	}
	CN_CHECK_EQ(cn_bitalloc_alloc(&b, &idx), CN_ERR_EXHAUSTED);   /* bits 70..95 not used */
	CN_CHECK_EQ(cn_bitalloc_used(&b), 70u);
	CN_CHECK_EQ(cn_bitalloc_free(&b, 33, 1), 0);
	CN_CHECK_EQ(cn_bitalloc_alloc(&b, &idx), 0);
	CN_CHECK_EQ(idx, 33u);
}

static void double_free_and_range_errors(void)
{
	uint32_t w[2];
	struct cn_bitalloc b;
	cn_bitalloc_init(&b, w, 64);
	size_t idx;
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 4, 0, &idx), 0);
	CN_CHECK_EQ(cn_bitalloc_free(&b, 0, 4), 0);
	CN_CHECK_EQ(cn_bitalloc_free(&b, 0, 4), CN_ERR_CORRUPT);
	CN_CHECK_EQ(cn_bitalloc_free(&b, 64, 1), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_bitalloc_free(&b, 60, 5), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_bitalloc_free(&b, 0, 0), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_bitalloc_reserve(&b, 10, 2), 0);
	CN_CHECK_EQ(cn_bitalloc_free(&b, 9, 3), CN_ERR_CORRUPT);   /* partly free: no change */
	CN_CHECK_EQ(cn_bitalloc_used(&b), 2u);
	CN_CHECK_EQ(cn_bitalloc_reserve(&b, 11, 1), CN_ERR_CORRUPT);
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 0, 0, &idx), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 1, 200, &idx), CN_ERR_INVALID);
}

static void aligned_ranges(void)
{
	uint32_t w[CN_BITALLOC_WORDS(100)];
	struct cn_bitalloc b;
	cn_bitalloc_init(&b, w, 100);
	size_t idx;
	CN_CHECK_EQ(cn_bitalloc_reserve(&b, 1, 1), 0);
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 3, 2, &idx), 0);   /* 4-aligned */
	CN_CHECK_EQ(idx, 4u);
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 16, 4, &idx), 0);
	CN_CHECK_EQ(idx, 16u);
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 32, 5, &idx), 0);
	CN_CHECK_EQ(idx, 32u);
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 32, 5, &idx), 0);
	CN_CHECK_EQ(idx, 64u);
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 5, 5, &idx), CN_ERR_EXHAUSTED);   /* 96 + 5 > 100 */
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 4, 5, &idx), 0);                /* exactly to the end */
	CN_CHECK_EQ(idx, 96u);
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 36, 5, &idx), CN_ERR_EXHAUSTED);  /* beyond 100 */
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 4, 0, &idx), 0);
	CN_CHECK_EQ(idx, 0u + 7u);                                   /* 7..10 after 4..6 */
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 100, 0, &idx), CN_ERR_EXHAUSTED);
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 101, 0, &idx), CN_ERR_EXHAUSTED);
}

#define MODEL_BITS 1000
static bool model[MODEL_BITS];

/* the lowest aligned start of 'count' free bits, bit by bit */
static long model_fit(size_t count, unsigned align_log2)
{
	size_t step = (size_t)1 << align_log2;
	for (size_t s = 0; s + count <= MODEL_BITS; s += step) {
		size_t i = 0;
		while (i < count && !model[s + i])
			i++;
		if (i == count)
			return (long)s;
	}
	return -1;
}

static void random_against_model(void)
{
	static uint32_t w[CN_BITALLOC_WORDS(MODEL_BITS)];
	struct cn_bitalloc b;
	cn_bitalloc_init(&b, w, MODEL_BITS);
	memset(model, 0, sizeof(model));
	struct { size_t idx, count; } live[400];
	size_t nlive = 0, used = 0;
	uint32_t seed = 12345;
	for (int round = 0; round < 20000; round++) {
		seed = seed * 1103515245u + 12345u;
		uint32_t r = seed >> 8;
		if (nlive && (r % 5 < 2 || nlive == 400)) {          /* free a random one */
			size_t k = (r >> 3) % nlive;
			CN_CHECK_EQ(cn_bitalloc_free(&b, live[k].idx, live[k].count), 0);
			for (size_t i = 0; i < live[k].count; i++)
				model[live[k].idx + i] = false;
			used -= live[k].count;
			live[k] = live[--nlive];
			continue;
		}
		size_t count = 1 + (r >> 3) % (r & 4 ? 70 : 5);
		unsigned align = (r >> 12) % 4 == 0 ? (unsigned)((r >> 14) % 6) : 0;
		long want = model_fit(count, align);
		size_t idx = 0;
		int err = cn_bitalloc_alloc_range(&b, count, align, &idx);
		if (want < 0) {
			CN_CHECK_EQ(err, CN_ERR_EXHAUSTED);
			continue;
		}
		CN_CHECK_EQ(err, 0);
		CN_CHECK_EQ(idx, (size_t)want);
		for (size_t i = 0; i < count; i++)
			model[idx + i] = true;
		used += count;
		live[nlive].idx = idx;
		live[nlive++].count = count;
		CN_CHECK_EQ(cn_bitalloc_used(&b), used);
	}
	CN_CHECK_EQ(cn_bitalloc_free(&b, 0, MODEL_BITS), used == MODEL_BITS ? 0 : CN_ERR_CORRUPT);
}

int main(void)
{
	cn_test_program = "bitalloc";
	CN_RUN(single_bits);
	CN_RUN(double_free_and_range_errors);
	CN_RUN(aligned_ranges);
	CN_RUN(random_against_model);
	return CN_TEST_RESULT();
}
