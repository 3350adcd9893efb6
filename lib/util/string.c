/* SPDX-License-Identifier: MIT */
/*
 * Memory and string functions (portable C, word-sized copies when aligned).
 */
#include <stdint.h>
#include <cn/util/string.h>

void *cn_memcpy(void *dst, const void *src, size_t n)
{
	char *d = dst;
	const char *s = src;
	if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0) {
		uint32_t *dw = (uint32_t *)(void *)d;
		const uint32_t *sw = (const uint32_t *)(const void *)s;
		for (; n >= 32; n -= 32, dw += 8, sw += 8) {
			uint32_t a = sw[0], b = sw[1], c = sw[2], e = sw[3];
			uint32_t f = sw[4], g = sw[5], h = sw[6], i = sw[7];
			dw[0] = a; dw[1] = b; dw[2] = c; dw[3] = e;
			dw[4] = f; dw[5] = g; dw[6] = h; dw[7] = i;
		}
		for (; n >= 4; n -= 4)
			*dw++ = *sw++;
		d = (char *)dw;
		s = (const char *)sw;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *cn_memmove(void *dst, const void *src, size_t n)
{
	char *d = dst;
	const char *s = src;
	if (d == s || n == 0)
		return dst;
	if (d < s || d >= s + n)
		return cn_memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *cn_memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	while (n && ((uintptr_t)d & 3)) {
		*d++ = (unsigned char)c;
		n--;
	}
	uint32_t w = (unsigned char)c * 0x01010101u;
	uint32_t *dw = (uint32_t *)(void *)d;
	for (; n >= 16; n -= 16, dw += 4) {
		dw[0] = w; dw[1] = w; dw[2] = w; dw[3] = w;
	}
	for (; n >= 4; n -= 4)
		*dw++ = w;
	d = (unsigned char *)dw;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int cn_memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

size_t cn_strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t cn_strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int cn_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int cn_strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

size_t cn_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = cn_strlen(src);
	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		cn_memcpy(dst, src, n);
		dst[n] = 0;
	}
	return len;
}
