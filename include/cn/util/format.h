/* SPDX-License-Identifier: MIT */
/*
 * printf-style formatting without a C library: to a callback or a buffer.
 */
#ifndef CN_UTIL_FORMAT_H
#define CN_UTIL_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Conversions: d i u x X o c s p %, flags - 0 + space, width and precision
 * (also *), length modifiers hh h l ll z t j. Returns characters emitted. */
int cn_vformat(void (*out)(void *ctx, char c), void *ctx, const char *fmt, va_list ap);
int cn_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int cn_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
