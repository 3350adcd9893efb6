/* SPDX-License-Identifier: MIT */
/*
 * Host tests of lib/util/number.c: bases, suffixes, overflow, junk.
 */
#include <string.h>
#include <stdint.h>
#include <cn/util/number.h>
#include "check.h"

static int p64(const char *s, uint64_t *v) { return cn_parse_u64(s, strlen(s), v, CN_NUM_SUFFIX); }

static void decimal_and_hex(void)
{
	uint64_t v = 0;
	CN_CHECK_EQ(p64("0", &v), 0);          CN_CHECK_EQ(v, 0u);
	CN_CHECK_EQ(p64("1234567", &v), 0);    CN_CHECK_EQ(v, 1234567u);
	CN_CHECK_EQ(p64("0x1f", &v), 0);       CN_CHECK_EQ(v, 31u);
	CN_CHECK_EQ(p64("0XABCdef", &v), 0);   CN_CHECK_EQ(v, 0xabcdefu);
	CN_CHECK_EQ(p64("007", &v), 0);        CN_CHECK_EQ(v, 7u);     /* not octal */
	CN_CHECK_EQ(p64("18446744073709551615", &v), 0);
	CN_CHECK_EQ(v, UINT64_MAX);
	CN_CHECK_EQ(p64("0xffffffffffffffff", &v), 0);
	CN_CHECK_EQ(v, UINT64_MAX);
}

static void suffixes(void)
{
	size_t s = 0;
	CN_CHECK_EQ(cn_parse_size("16M", &s), 0);  CN_CHECK_EQ(s, 16u * 1024 * 1024);
	CN_CHECK_EQ(cn_parse_size("8K", &s), 0);   CN_CHECK_EQ(s, 8192u);
	CN_CHECK_EQ(cn_parse_size("1G", &s), 0);   CN_CHECK_EQ(s, 1u << 30);
	CN_CHECK_EQ(cn_parse_size("4k", &s), 0);   CN_CHECK_EQ(s, 4096u);
	CN_CHECK_EQ(cn_parse_size("0x10K", &s), 0); CN_CHECK_EQ(s, 16u * 1024);
	CN_CHECK_EQ(cn_parse_size("1T", &s), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_parse_size("1KK", &s), CN_ERR_INVALID);
	uint64_t v;
	CN_CHECK_EQ(cn_parse_u64("5M", 2, &v, 0), CN_ERR_INVALID);   /* suffix not allowed */
}

static void overflow(void)
{
	uint64_t v = 77;
	CN_CHECK_EQ(p64("18446744073709551616", &v), CN_ERR_RANGE);
	CN_CHECK_EQ(p64("0x10000000000000000", &v), CN_ERR_RANGE);
	CN_CHECK_EQ(p64("17179869184G", &v), CN_ERR_RANGE);          /* 2^34 G = 2^64 */
	CN_CHECK_EQ(p64("17179869183G", &v), 0);
	CN_CHECK_EQ(v, 17179869183ull << 30);
	v = 77;
	CN_CHECK_EQ(p64("99999999999999999999999", &v), CN_ERR_RANGE);
	CN_CHECK_EQ(v, 77u);                                            /* untouched */
	unsigned long ul;
	if (sizeof(unsigned long) == 4)
		CN_CHECK_EQ(cn_parse_ulong("4G", 2, &ul, CN_NUM_SUFFIX), CN_ERR_RANGE);
	else
		CN_CHECK_EQ(cn_parse_ulong("4G", 2, &ul, CN_NUM_SUFFIX), 0);
	size_t s;
	int r = cn_parse_size("4G", &s);
	CN_CHECK(sizeof(size_t) == 4 ? r == CN_ERR_RANGE : (r == 0 && s == (size_t)4 << 30));
}

static void malformed(void)
{
	uint64_t v;
	CN_CHECK_EQ(p64("", &v), CN_ERR_INVALID);
	CN_CHECK_EQ(p64("0x", &v), CN_ERR_INVALID);
	CN_CHECK_EQ(p64("-1", &v), CN_ERR_INVALID);
	CN_CHECK_EQ(p64(" 1", &v), CN_ERR_INVALID);
	CN_CHECK_EQ(p64("1 ", &v), CN_ERR_INVALID);
	CN_CHECK_EQ(p64("12a", &v), CN_ERR_INVALID);
	CN_CHECK_EQ(p64("K", &v), CN_ERR_INVALID);
	CN_CHECK_EQ(p64("0xg", &v), CN_ERR_INVALID);
}

static void scan_stops(void)
{
	uint64_t v = 0;
	CN_CHECK_EQ(cn_scan_u64("42, rest", 8, &v, CN_NUM_SUFFIX), 2);
	CN_CHECK_EQ(v, 42u);
	CN_CHECK_EQ(cn_scan_u64("8K,", 3, &v, CN_NUM_SUFFIX), 2);
	CN_CHECK_EQ(v, 8192u);
	CN_CHECK_EQ(cn_scan_u64("123456", 3, &v, 0), 3);   /* length is respected */
	CN_CHECK_EQ(v, 123u);
	CN_CHECK_EQ(cn_scan_u64("0x", 2, &v, 0), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_scan_u64("0xz", 1, &v, 0), 1);      /* only "0" is in range */
	CN_CHECK_EQ(v, 0u);
}

int main(void)
{
	cn_test_program = "number";
	CN_RUN(decimal_and_hex);
	CN_RUN(suffixes);
	CN_RUN(overflow);
	CN_RUN(malformed);
	CN_RUN(scan_stops);
	return CN_TEST_RESULT();
}
