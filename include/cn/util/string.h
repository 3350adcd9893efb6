/* SPDX-License-Identifier: MIT */
/*
 * Memory and string functions under the cn_ prefix (portable, freestanding).
 */
#ifndef CN_UTIL_STRING_H
#define CN_UTIL_STRING_H

#include <stddef.h>

void  *cn_memcpy(void *dst, const void *src, size_t n);
void  *cn_memmove(void *dst, const void *src, size_t n);
void  *cn_memset(void *dst, int c, size_t n);
int    cn_memcmp(const void *a, const void *b, size_t n);
size_t cn_strlen(const char *s);
size_t cn_strnlen(const char *s, size_t max);
int    cn_strcmp(const char *a, const char *b);
int    cn_strncmp(const char *a, const char *b, size_t n);
size_t cn_strlcpy(char *dst, const char *src, size_t size);

#endif
