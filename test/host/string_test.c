/* SPDX-License-Identifier: MIT */
/*
 * Host tests of lib/util/string.c: results compared with the C library over
 * alignments, lengths and overlaps.
 */
#include <string.h>
#include <stdint.h>
#include <cn/util/string.h>
#include "check.h"

static unsigned char a[512], b[512], ref[512];

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 131 + i * 7);
}

static void memcpy_alignments(void)
{
	for (size_t so = 0; so < 8; so++)
		for (size_t dof = 0; dof < 8; dof++)
			for (size_t n = 0; n < 100; n += 3) {
				fill(a, sizeof(a), (unsigned)(so + n));
				memset(b, 0xee, sizeof(b));
				memset(ref, 0xee, sizeof(ref));
				memcpy(ref + dof, a + so, n);
				CN_CHECK(cn_memcpy(b + dof, a + so, n) == b + dof);
				CN_CHECK(memcmp(b, ref, sizeof(b)) == 0);
			}
}

static void memmove_overlap(void)
{
	for (size_t s = 0; s < 40; s++)
		for (size_t d = 0; d < 40; d++)
			for (size_t n = 0; n < 100; n += 7) {
				fill(a, sizeof(a), 3);
				memcpy(ref, a, sizeof(a));
				memmove(ref + d, ref + s, n);
				cn_memmove(a + d, a + s, n);
				CN_CHECK(memcmp(a, ref, sizeof(a)) == 0);
			}
}

static void memset_lengths(void)
{
	for (size_t o = 0; o < 8; o++)
		for (size_t n = 0; n < 70; n++) {
			memset(b, 1, sizeof(b));
			memset(ref, 1, sizeof(ref));
			memset(ref + o, 0xab, n);
			cn_memset(b + o, 0xab, n);
			CN_CHECK(memcmp(b, ref, sizeof(b)) == 0);
		}
}

static int sign(int v) { return (v > 0) - (v < 0); }

static void compare_functions(void)
{
	CN_CHECK_EQ(cn_memcmp("abc", "abd", 3), -1);
	CN_CHECK_EQ(cn_memcmp("abc", "abc", 3), 0);
	CN_CHECK_EQ(cn_memcmp("\xff", "\x01", 1), 1);      /* unsigned compare */
	CN_CHECK_EQ(sign(cn_strcmp("a", "b")), -1);
	CN_CHECK_EQ(sign(cn_strcmp("b", "a")), 1);
	CN_CHECK_EQ(cn_strcmp("", ""), 0);
	CN_CHECK_EQ(sign(cn_strcmp("ab", "abc")), -1);
	CN_CHECK_EQ(cn_strncmp("abcx", "abcy", 3), 0);
	CN_CHECK_EQ(sign(cn_strncmp("abcx", "abcy", 4)), -1);
	CN_CHECK_EQ(cn_strncmp("a", "b", 0), 0);
}

static void lengths(void)
{
	CN_CHECK_EQ(cn_strlen(""), 0u);
	CN_CHECK_EQ(cn_strlen("hello"), 5u);
	CN_CHECK_EQ(cn_strnlen("hello", 3), 3u);
	CN_CHECK_EQ(cn_strnlen("hi", 10), 2u);
}

static void strlcpy_truncates(void)
{
	char buf[8];
	memset(buf, 'x', sizeof(buf));
	CN_CHECK_EQ(cn_strlcpy(buf, "0123456789", sizeof(buf)), 10u);
	CN_CHECK_STR(buf, "0123456");
	CN_CHECK_EQ(cn_strlcpy(buf, "ab", sizeof(buf)), 2u);
	CN_CHECK_STR(buf, "ab");
	buf[0] = 'q';
	CN_CHECK_EQ(cn_strlcpy(buf, "abc", 0), 3u);        /* size 0: untouched */
	CN_CHECK_EQ(buf[0], 'q');
}

int main(void)
{
	cn_test_program = "string";
	CN_RUN(memcpy_alignments);
	CN_RUN(memmove_overlap);
	CN_RUN(memset_lengths);
	CN_RUN(compare_functions);
	CN_RUN(lengths);
	CN_RUN(strlcpy_truncates);
	return CN_TEST_RESULT();
}
