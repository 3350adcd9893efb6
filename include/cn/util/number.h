/* SPDX-License-Identifier: MIT */
/*
 * Parsing unsigned numbers: decimal or 0x-hexadecimal, optionally followed by
 * a K, M or G suffix (binary multiples, e.g. RAM quanta). Overflow is an
 * error, never a wrap-around.
 */
#ifndef CN_UTIL_NUMBER_H
#define CN_UTIL_NUMBER_H

#include <stddef.h>
#include <stdint.h>
#include <cn/errors.h>

#define CN_NUM_SUFFIX 1u   /* accept a K/M/G (or k/m/g) suffix */

/* Scan a number at the start of s[0..len). Returns the number of characters
 * consumed (> 0) and stores the value, or CN_ERR_INVALID (no digits, "0x"
 * without hex digits) or CN_ERR_RANGE (overflow). Stops at the first
 * character that cannot continue the number. */
int cn_scan_u64(const char *s, size_t len, uint64_t *v, unsigned flags);

/* the whole of s[0..len) must be one number: 0 or a negative error */
int cn_parse_u64(const char *s, size_t len, uint64_t *v, unsigned flags);
int cn_parse_ulong(const char *s, size_t len, unsigned long *v, unsigned flags);

/* NUL-terminated size with optional suffix ("16M"), must fit size_t */
int cn_parse_size(const char *s, size_t *v);

#endif
