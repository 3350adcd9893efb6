/* SPDX-License-Identifier: MIT */
/*
 * Host unit test of the error space <cn/errors.h> and cn_strerror()
 * (lib/util/errors.c): every value is distinct and has its own name.
 */
#include <string.h>
#include <cn/errors.h>
#include <cn/syscall.h>
#include <cn/rpc.h>
#include "check.h"

#define VALUE_(v, n) v,
#define NAME_(v, n) n,
static const int values[] = { CN_ERRORS(VALUE_) };
static const char *const names[] = { CN_ERRORS(NAME_) };
#define COUNT (sizeof(values) / sizeof(values[0]))

static void values_distinct(void)
{
	for (unsigned i = 0; i < COUNT; i++)
		for (unsigned j = i + 1; j < COUNT; j++)
			CN_CHECK(values[i] != values[j]);
	for (unsigned i = 1; i < COUNT; i++)
		CN_CHECK(values[i] < 0);
}

static void every_value_named(void)
{
	for (unsigned i = 0; i < COUNT; i++) {
		CN_CHECK_STR(cn_strerror(values[i]), names[i]);
		CN_CHECK(strcmp(names[i], "unknown error") != 0);
		for (unsigned j = i + 1; j < COUNT; j++)
			CN_CHECK(strcmp(names[i], names[j]) != 0);
	}
	CN_CHECK_STR(cn_strerror(-99), "unknown error");
	CN_CHECK_STR(cn_strerror(1), "unknown error");
}

/* the values the issue found overlapping are distinct now */
static void former_overlaps(void)
{
	CN_CHECK(CN_ERR_EXHAUSTED != CN_ERR_NOMEM);     /* allocator full vs. object memory */
	CN_CHECK(CN_ERR_NOT_FOUND != CN_ERR_DENIED);
	CN_CHECK_STR(cn_strerror(CN_ERR_NOMEM), "object memory unusable");
	/* issue 18: unknown object, unknown function, unimplemented are three */
	CN_CHECK(CN_RPC_ERR_UNKNOWN_OBJECT != CN_RPC_ERR_UNKNOWN_FUNCTION);
	CN_CHECK(CN_RPC_ERR_UNKNOWN_FUNCTION != CN_RPC_ERR_UNIMPLEMENTED);
	CN_CHECK(CN_RPC_ERR_UNKNOWN_OBJECT != CN_RPC_ERR_UNIMPLEMENTED);
	CN_CHECK_STR(cn_strerror(CN_RPC_ERR_UNKNOWN_OBJECT), "unknown RPC object");
	CN_CHECK_STR(cn_strerror(CN_RPC_ERR_UNKNOWN_FUNCTION), "unknown RPC function");
	CN_CHECK_STR(cn_strerror(CN_RPC_ERR_UNIMPLEMENTED), "RPC function not implemented");
}

int main(void)
{
	cn_test_program = "errors";
	CN_RUN(values_distinct);
	CN_RUN(every_value_named);
	CN_RUN(former_overlaps);
	return CN_TEST_RESULT();
}
