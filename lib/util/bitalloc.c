/*
 * Bit allocator (see cn/util/bitalloc.h).
 */
#include <stdbool.h>
#include <cn/util/bitalloc.h>

static bool test(const struct cn_bitalloc *b, size_t i)
{
	return (b->words[i / 32] >> (i % 32)) & 1;
}

static void set_range(struct cn_bitalloc *b, size_t idx, size_t count, bool v)
{
	for (size_t i = idx; i < idx + count; i++) {
		if (v)
			b->words[i / 32] |= 1u << (i % 32);
		else
			b->words[i / 32] &= ~(1u << (i % 32));
	}
}

void cn_bitalloc_init(struct cn_bitalloc *b, uint32_t *words, size_t bits)
{
	b->words = words;
	b->bits = bits;
	b->used = 0;
	for (size_t i = 0; i < CN_BITALLOC_WORDS(bits); i++)
		words[i] = 0;
}

int cn_bitalloc_alloc(struct cn_bitalloc *b, size_t *idx)
{
	for (size_t w = 0; w < CN_BITALLOC_WORDS(b->bits); w++) {
		if (b->words[w] == 0xffffffffu)
			continue;
		for (size_t i = w * 32; i < w * 32 + 32 && i < b->bits; i++)
			if (!test(b, i)) {
				set_range(b, i, 1, true);
				b->used++;
				*idx = i;
				return 0;
			}
	}
	return CN_UTIL_ENOMEM;
}

int cn_bitalloc_alloc_range(struct cn_bitalloc *b, size_t count, unsigned align_log2, size_t *idx)
{
	if (count == 0 || align_log2 >= sizeof(size_t) * 8)
		return CN_UTIL_EINVAL;
	size_t step = (size_t)1 << align_log2;
	for (size_t start = 0; start < b->bits && count <= b->bits - start; start += step) {
		size_t i = 0;
		while (i < count && !test(b, start + i))
			i++;
		if (i == count) {
			set_range(b, start, count, true);
			b->used += count;
			*idx = start;
			return 0;
		}
		if (start > (size_t)-1 - step)
			break;
	}
	return CN_UTIL_ENOMEM;
}

static int check_range(const struct cn_bitalloc *b, size_t idx, size_t count, bool want)
{
	if (count == 0 || idx >= b->bits || count > b->bits - idx)
		return CN_UTIL_EINVAL;
	for (size_t i = idx; i < idx + count; i++)
		if (test(b, i) != want)
			return CN_UTIL_EFAULT;
	return 0;
}

int cn_bitalloc_reserve(struct cn_bitalloc *b, size_t idx, size_t count)
{
	int r = check_range(b, idx, count, false);
	if (r)
		return r;
	set_range(b, idx, count, true);
	b->used += count;
	return 0;
}

int cn_bitalloc_free(struct cn_bitalloc *b, size_t idx, size_t count)
{
	int r = check_range(b, idx, count, true);
	if (r)
		return r;
	set_range(b, idx, count, false);
	b->used -= count;
	return 0;
}
