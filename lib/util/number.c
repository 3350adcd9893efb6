/* SPDX-License-Identifier: MIT */
/*
 * Unsigned number parsing with 0x prefix, K/M/G suffix and overflow checks.
 */
#include <stdbool.h>
#include <cn/util/number.h>

static int digit(char c, unsigned base)
{
	unsigned d;
	if (c >= '0' && c <= '9')
		d = (unsigned)(c - '0');
	else if (c >= 'a' && c <= 'f')
		d = (unsigned)(c - 'a') + 10;
	else if (c >= 'A' && c <= 'F')
		d = (unsigned)(c - 'A') + 10;
	else
		return -1;
	return d < base ? (int)d : -1;
}

int cn_scan_u64(const char *s, size_t len, uint64_t *v, unsigned flags)
{
	size_t i = 0;
	unsigned base = 10;
	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	size_t first = i;
	uint64_t val = 0;
	bool overflow = false;
	for (; i < len; i++) {
		int d = digit(s[i], base);
		if (d < 0)
			break;
		/* no 64-bit division: kernel code need not link libgcc for this */
		if (base == 16 ? (val >> 60) != 0
		               : val > UINT64_MAX / 10 || (val == UINT64_MAX / 10 && d > 5))
			overflow = true;
		val = base == 16 ? val << 4 | (unsigned)d : val * 10 + (unsigned)d;
	}
	if (i == first)
		return CN_ERR_INVALID;
	if ((flags & CN_NUM_SUFFIX) && i < len) {
		unsigned shift = 0;
		switch (s[i]) {
		case 'K': case 'k': shift = 10; break;
		case 'M': case 'm': shift = 20; break;
		case 'G': case 'g': shift = 30; break;
		}
		if (shift) {
			if (val > (UINT64_MAX >> shift))
				overflow = true;
			val <<= shift;
			i++;
		}
	}
	if (overflow)
		return CN_ERR_RANGE;
	if (i > 0x7fffffff)
		return CN_ERR_RANGE;         /* count would not fit the int result */
	*v = val;
	return (int)i;
}

int cn_parse_u64(const char *s, size_t len, uint64_t *v, unsigned flags)
{
	uint64_t val;
	int n = cn_scan_u64(s, len, &val, flags);
	if (n < 0)
		return n;
	if ((size_t)n != len)
		return CN_ERR_INVALID;
	*v = val;
	return CN_OK;
}

int cn_parse_ulong(const char *s, size_t len, unsigned long *v, unsigned flags)
{
	uint64_t val;
	int r = cn_parse_u64(s, len, &val, flags);
	if (r < 0)
		return r;
	if (val > (unsigned long)-1)
		return CN_ERR_RANGE;
	*v = (unsigned long)val;
	return CN_OK;
}

int cn_parse_size(const char *s, size_t *v)
{
	size_t len = 0;
	while (s[len])
		len++;
	uint64_t val;
	int r = cn_parse_u64(s, len, &val, CN_NUM_SUFFIX);
	if (r < 0)
		return r;
	if (val > (size_t)-1)
		return CN_ERR_RANGE;
	*v = (size_t)val;
	return CN_OK;
}
