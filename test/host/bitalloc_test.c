/*
 * Host tests of the bit allocator: exhaustion, alignment, double free,
 * ranges at the end of a bitmap that is not a multiple of 32 bits.
 */
#include <string.h>
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
	CN_CHECK_EQ(cn_bitalloc_alloc(&b, &idx), CN_UTIL_ENOMEM);   /* bits 70..95 not used */
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
	CN_CHECK_EQ(cn_bitalloc_free(&b, 0, 4), CN_UTIL_EFAULT);
	CN_CHECK_EQ(cn_bitalloc_free(&b, 64, 1), CN_UTIL_EINVAL);
	CN_CHECK_EQ(cn_bitalloc_free(&b, 60, 5), CN_UTIL_EINVAL);
	CN_CHECK_EQ(cn_bitalloc_free(&b, 0, 0), CN_UTIL_EINVAL);
	CN_CHECK_EQ(cn_bitalloc_reserve(&b, 10, 2), 0);
	CN_CHECK_EQ(cn_bitalloc_free(&b, 9, 3), CN_UTIL_EFAULT);   /* partly free: no change */
	CN_CHECK_EQ(cn_bitalloc_used(&b), 2u);
	CN_CHECK_EQ(cn_bitalloc_reserve(&b, 11, 1), CN_UTIL_EFAULT);
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 0, 0, &idx), CN_UTIL_EINVAL);
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 1, 200, &idx), CN_UTIL_EINVAL);
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
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 5, 5, &idx), CN_UTIL_ENOMEM);   /* 96 + 5 > 100 */
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 4, 5, &idx), 0);                /* exactly to the end */
	CN_CHECK_EQ(idx, 96u);
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 36, 5, &idx), CN_UTIL_ENOMEM);  /* beyond 100 */
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 4, 0, &idx), 0);
	CN_CHECK_EQ(idx, 0u + 7u);                                   /* 7..10 after 4..6 */
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 100, 0, &idx), CN_UTIL_ENOMEM);
	CN_CHECK_EQ(cn_bitalloc_alloc_range(&b, 101, 0, &idx), CN_UTIL_ENOMEM);
}

int main(void)
{
	cn_test_program = "bitalloc";
	CN_RUN(single_bits);
	CN_RUN(double_free_and_range_errors);
	CN_RUN(aligned_ranges);
	return CN_TEST_RESULT();
}
