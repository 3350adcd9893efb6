/* SPDX-License-Identifier: MIT */
/*
 * Bit allocator over a caller-provided array of 32-bit words: single bits,
 * naturally aligned contiguous ranges, free with double-free detection.
 */
#ifndef CN_UTIL_BITALLOC_H
#define CN_UTIL_BITALLOC_H

#include <stddef.h>
#include <stdint.h>
#include <cn/errors.h>

struct cn_bitalloc {
	uint32_t *words;
	size_t    bits;
	size_t    used;
	size_t    hint;    /* every bit below it is used: searches start here */
};

#define CN_BITALLOC_WORDS(bits) (((bits) + 31) / 32)

/* words must hold CN_BITALLOC_WORDS(bits) words; all bits start free */
void cn_bitalloc_init(struct cn_bitalloc *b, uint32_t *words, size_t bits);

/* one bit: 0 and *idx, or CN_ERR_EXHAUSTED */
int cn_bitalloc_alloc(struct cn_bitalloc *b, size_t *idx);

/* count contiguous bits starting at a multiple of 2^align_log2:
 * 0, CN_ERR_EXHAUSTED, or CN_ERR_INVALID (count 0, align_log2 too large) */
int cn_bitalloc_alloc_range(struct cn_bitalloc *b, size_t count, unsigned align_log2, size_t *idx);

/* mark a range as used: 0, EINVAL (out of range) or EFAULT (already used) */
int cn_bitalloc_reserve(struct cn_bitalloc *b, size_t idx, size_t count);

/* free a range: 0, EINVAL (out of range) or EFAULT (a bit is not allocated);
 * on error nothing changes */
int cn_bitalloc_free(struct cn_bitalloc *b, size_t idx, size_t count);

static inline size_t cn_bitalloc_used(const struct cn_bitalloc *b) { return b->used; }
static inline size_t cn_bitalloc_avail(const struct cn_bitalloc *b) { return b->bits - b->used; }

#endif
