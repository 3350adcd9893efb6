/* SPDX-License-Identifier: MIT */
/*
 * cn_strerror(): the name of every error value of <cn/errors.h> (kernel,
 * sessions, lib/util, RPC), for messages. Portable: also in the kernel and
 * the host tests.
 */
#include <cn/errors.h>

const char *cn_strerror(int err)
{
	switch (err) {
#define CN_ERROR_CASE_(value, name) case value: return name;
	CN_ERRORS(CN_ERROR_CASE_)
#undef CN_ERROR_CASE_
	default: return "unknown error";
	}
}
