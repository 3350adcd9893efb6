/* SPDX-License-Identifier: MIT */
/*
 * Session-argument strings: comma-separated key=value pairs such as
 *   label="init -> app", ram_quota=8K, cap_quota=4, priority=2
 * Values are bare (up to the next comma; no '"' or '\' inside) or
 * double-quoted with \" and \\ escapes (and may contain commas). All
 * functions check the whole string: malformed input (missing '=',
 * unterminated quote, garbage) is CN_ERR_INVALID. Buffers are bounded;
 * a modification that does not fit is CN_ERR_NOSPACE and leaves the buffer
 * unchanged.
 */
#ifndef CN_UTIL_ARGS_H
#define CN_UTIL_ARGS_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <cn/errors.h>

/* 0 if args is well-formed, else CN_ERR_INVALID */
int cn_args_check(const char *args);

/* the raw value of key (with quotes if quoted): 0, ENOENT or EINVAL */
int cn_args_raw(const char *args, const char *key, const char **value, size_t *len);

bool cn_args_has(const char *args, const char *key);

/* the value without quotes and escapes into buf (NUL-terminated if size > 0);
 * returns its length, or CN_ERR_NOT_FOUND, CN_ERR_INVALID, CN_ERR_NOSPACE */
int cn_args_str(const char *args, const char *key, char *buf, size_t size);

/* the value as a number (decimal or 0x-hex, K/M/G suffix): 0, ENOENT,
 * EINVAL (malformed or not a number) or ERANGE */
int cn_args_u64(const char *args, const char *key, uint64_t *v);
int cn_args_ulong(const char *args, const char *key, unsigned long *v);

/* set key to a raw value (must be a valid bare or quoted value), replacing
 * the first existing entry or appending ", key=value" */
int cn_args_set(char *buf, size_t size, const char *key, const char *raw);

/* set key to the string s, quoted and escaped */
int cn_args_set_str(char *buf, size_t size, const char *key, const char *s);

/* set key to a decimal number */
int cn_args_set_ulong(char *buf, size_t size, const char *key, unsigned long v);

/* remove the first entry of key: 0, ENOENT or EINVAL */
int cn_args_remove(char *buf, const char *key);

/* label="old" becomes label="prefix -> old"; no or an empty label becomes
 * label="prefix" */
int cn_args_label_prefix(char *buf, size_t size, const char *prefix);

#endif
