/* SPDX-License-Identifier: MIT */
/*
 * A minimal unit-test harness for host tests of the portable libraries.
 * Each case prints 'test: <program>/<case> ok' or '... FAIL <file>:<line>
 * <expression>'; main() returns non-zero if any case failed.
 */
#ifndef CN_TEST_CHECK_H
#define CN_TEST_CHECK_H

#include <stdio.h>

static int cn_test_failures;
static int cn_case_failed;
static const char *cn_test_program = "test";

#define CN_CHECK(c) do { if (!(c)) { \
	if (!cn_case_failed) printf("FAIL %s:%d %s\n", __FILE__, __LINE__, #c); \
	cn_case_failed = 1; } } while (0)
#define CN_CHECK_EQ(a, b) CN_CHECK((a) == (b))
#define CN_CHECK_STR(a, b) CN_CHECK(strcmp((a), (b)) == 0)

/* run one case: its output line starts with 'test: prog/name ' */
#define CN_RUN(fn) do { \
	cn_case_failed = 0; \
	printf("test: %s/%s ", cn_test_program, #fn); \
	fn(); \
	if (!cn_case_failed) printf("ok\n"); \
	else cn_test_failures++; \
	fflush(stdout); } while (0)

#define CN_TEST_RESULT() (cn_test_failures ? 1 : 0)

#endif
