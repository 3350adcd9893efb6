/* SPDX-License-Identifier: MIT */
/*
 * Host tests of lib/util/format.c: conversions, flags, widths, precisions
 * and length modifiers compared with the C library's snprintf, plus
 * truncation and the callback interface.
 */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <limits.h>
#include <cn/util/format.h>
#include "check.h"

#define SAME(fmt, ...) do { \
	char want[256], got[256]; \
	int wn = snprintf(want, sizeof(want), fmt, __VA_ARGS__); \
	int gn = cn_snprintf(got, sizeof(got), fmt, __VA_ARGS__); \
	if (wn != gn || strcmp(want, got)) \
		fprintf(stderr, "format \"%s\": libc \"%s\" (%d), cn \"%s\" (%d)\n", fmt, want, wn, got, gn); \
	CN_CHECK(wn == gn && strcmp(want, got) == 0); } while (0)

static void integers(void)
{
	SAME("%d %i %u", 0, -1, 42u);
	SAME("%d|%d", INT_MIN, INT_MAX);
	SAME("%x %X %o", 0xdeadbeefu, 0xabcu, 8u);
	SAME("%5d|%-5d|%05d", 42, 42, 42);
	SAME("%+d % d %+d", 5, 5, -5);
	SAME("%.3d|%8.3d|%-8.3d|", 7, 7, -7);
	SAME("%.0d|%.0u|", 0, 0u);
	SAME("%08x|%-8x|", 0x1fu, 0x1fu);
}

static void length_modifiers(void)
{
	SAME("%ld %lu %lx", -123456789L, 123456789UL, 0xfeedUL);
	SAME("%lld %llu %llx", LLONG_MIN, ULLONG_MAX, 0x123456789abcdefULL);
	SAME("%hd %hu %hhd %hhu", (short)-3, (unsigned short)65535, (signed char)-7, (unsigned char)250);
	SAME("%zu %zx %td %jd", (size_t)12345, (size_t)0xabc, (ptrdiff_t)-9, (intmax_t)-1);
}

static void strings_and_chars(void)
{
	SAME("[%s]", "hello");
	SAME("[%10s][%-10s]", "hi", "hi");
	SAME("[%.3s][%.*s]", "abcdef", 2, "xyz");
	SAME("[%c][%3c][%-3c]", 'a', 'b', 'c');
	SAME("%%|%d%%", 50);
	SAME("[%*d][%-*d]", 6, 1, 6, 2);
}

static void null_string(void)
{
	char buf[32];
	const char *volatile nothing = NULL;   /* hidden from the format checker */
	cn_snprintf(buf, sizeof(buf), "%s", nothing);
	CN_CHECK_STR(buf, "(null)");
}

/* %.Ns must not read beyond N characters: the array has no NUL (a bug the
 * XML fuzzer found; host-tests-san catches a regression as an overflow) */
static void precision_bounds_read(void)
{
	char buf[16];
	static const char abc[3] = { 'a', 'b', 'c' };
	CN_CHECK_EQ(cn_snprintf(buf, sizeof(buf), "[%.3s]", abc), 5);
	CN_CHECK_STR(buf, "[abc]");
	CN_CHECK_EQ(cn_snprintf(buf, sizeof(buf), "[%.*s]", 2, abc), 4);
	CN_CHECK_STR(buf, "[ab]");
	CN_CHECK_EQ(cn_snprintf(buf, sizeof(buf), "[%.0s]", abc), 2);
	CN_CHECK_STR(buf, "[]");
}

static void pointer(void)
{
	char buf[32];
	cn_snprintf(buf, sizeof(buf), "%p", (void *)(uintptr_t)0x1234);
	CN_CHECK_STR(buf, "0x1234");
}

static void truncation(void)
{
	char buf[8];
	memset(buf, 'x', sizeof(buf));
	CN_CHECK_EQ(cn_snprintf(buf, sizeof(buf), "%s", "0123456789"), 10);
	CN_CHECK_STR(buf, "0123456");
	CN_CHECK_EQ(cn_snprintf(buf, 1, "%d", 123), 3);
	CN_CHECK_EQ(buf[0], '\0');
	buf[0] = 'q';
	CN_CHECK_EQ(cn_snprintf(buf, 0, "%d", 123), 3);       /* size 0: untouched */
	CN_CHECK_EQ(buf[0], 'q');
}

static char sink[64];
static int sink_n;
static void put(void *ctx, char c) { (void)ctx; if (sink_n < 63) sink[sink_n++] = c; }
static int callv(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = cn_vformat(put, NULL, fmt, ap);
	va_end(ap);
	return n;
}

static void callback(void)
{
	sink_n = 0;
	CN_CHECK_EQ(callv("a%db%sc", 12, "xy"), 7);
	sink[sink_n] = 0;
	CN_CHECK_STR(sink, "a12bxyc");
}

static void unknown_conversion(void)
{
	char buf[32];
	/* no floating point: an unknown conversion is emitted as written (the
	 * format comes through a variable: the compiler would reject it) */
	const char *volatile fmt = "%d %y %d";
	cn_snprintf(buf, sizeof(buf), fmt, 1, 2);
	CN_CHECK_EQ(buf[0], '1');
	CN_CHECK(strstr(buf, "%y") != NULL);
}

int main(void)
{
	cn_test_program = "format";
	CN_RUN(integers);
	CN_RUN(length_modifiers);
	CN_RUN(strings_and_chars);
	CN_RUN(null_string);
	CN_RUN(precision_bounds_read);
	CN_RUN(pointer);
	CN_RUN(truncation);
	CN_RUN(callback);
	CN_RUN(unknown_conversion);
	return CN_TEST_RESULT();
}
