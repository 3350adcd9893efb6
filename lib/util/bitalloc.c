/* SPDX-License-Identifier: MIT */
/*
 * Bit allocator (see cn/util/bitalloc.h): word-at-a-time scans from a hint
 * below which every bit is used.
 */
#include <stdbool.h>
#include <cn/util/bitalloc.h>

/* the bits of word w that lie in [from, to) */
static uint32_t mask(size_t w, size_t from, size_t to)
{
	size_t lo = w * 32 < from ? from - w * 32 : 0;
	size_t hi = to - w * 32 < 32 ? to - w * 32 : 32;
	uint32_t m = hi == 32 ? 0xffffffffu : (1u << hi) - 1;
	return m & ~((1u << lo) - 1);
}

static void set_range(struct cn_bitalloc *b, size_t idx, size_t count, bool v)
{
	for (size_t w = idx / 32; w * 32 < idx + count; w++) {
		uint32_t m = mask(w, idx, idx + count);
		b->words[w] = v ? b->words[w] | m : b->words[w] & ~m;
	}
}

/* the first bit in [from, to) that is 'want' (1: used, 0: free), or 'to';
 * a word at a time */
static size_t find(const struct cn_bitalloc *b, size_t from, size_t to, bool want)
{
	for (size_t w = from / 32; from < to && w * 32 < to; w++) {
		uint32_t bits = (want ? b->words[w] : ~b->words[w]) & mask(w, from, to);
		if (bits) {
			size_t i = w * 32 + (size_t)__builtin_ctz(bits);
			return i < to ? i : to;
		}
	}
	return to;
}

void cn_bitalloc_init(struct cn_bitalloc *b, uint32_t *words, size_t bits)
{
	b->words = words;
	b->bits = bits;
	b->used = 0;
	b->hint = 0;
	for (size_t i = 0; i < CN_BITALLOC_WORDS(bits); i++)
		words[i] = 0;
}

int cn_bitalloc_alloc(struct cn_bitalloc *b, size_t *idx)
{
	return cn_bitalloc_alloc_range(b, 1, 0, idx);
}

/* Candidates start at the hint (every bit below it is used); a candidate
 * that meets a used bit moves past it and the used run behind it, so the
 * scan is linear in the bits looked at, a word at a time where it can. */
int cn_bitalloc_alloc_range(struct cn_bitalloc *b, size_t count, unsigned align_log2, size_t *idx)
{
	if (count == 0 || align_log2 >= sizeof(size_t) * 8)
		return CN_ERR_INVALID;
	size_t step = (size_t)1 << align_log2;
	size_t start = b->hint = find(b, b->hint, b->bits, false);
	while (start < b->bits) {
		if (start & (step - 1)) {                     /* up to the alignment */
			if (start > (size_t)-1 - step)
				break;
			start = (start | (step - 1)) + 1;
			continue;
		}
		if (count > b->bits - start)
			break;
		size_t used = find(b, start, start + count, true);
		if (used == start + count) {
			set_range(b, start, count, true);
			b->used += count;
			if (start == b->hint)
				b->hint = start + count;
			*idx = start;
			return 0;
		}
		start = find(b, used + 1, b->bits, false);   /* past the used run */
	}
	return CN_ERR_EXHAUSTED;
}

static int check_range(const struct cn_bitalloc *b, size_t idx, size_t count, bool want)
{
	if (count == 0 || idx >= b->bits || count > b->bits - idx)
		return CN_ERR_INVALID;
	return find(b, idx, idx + count, !want) == idx + count ? 0 : CN_ERR_CORRUPT;
}

int cn_bitalloc_reserve(struct cn_bitalloc *b, size_t idx, size_t count)
{
	int r = check_range(b, idx, count, false);
	if (r)
		return r;
	set_range(b, idx, count, true);
	b->used += count;
	if (idx == b->hint)
		b->hint = find(b, idx + count, b->bits, false);
	return 0;
}

int cn_bitalloc_free(struct cn_bitalloc *b, size_t idx, size_t count)
{
	int r = check_range(b, idx, count, true);
	if (r)
		return r;
	set_range(b, idx, count, false);
	b->used -= count;
	if (idx < b->hint)
		b->hint = idx;
	return 0;
}
