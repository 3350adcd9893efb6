/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the heap: alignment, accounting, best fit, coalescing back to
 * one chunk, bad and double frees, growth through the callback, realloc, and
 * a random run checked against shadow contents.
 */
#include <string.h>
#include <stdint.h>
#include <stdlib.h>
#include <cn/util/heap.h>
#include "check.h"

static uint64_t mem[4096];           /* 32 KiB */

static void basic(void)
{
	struct cn_heap h;
	cn_heap_init(&h, NULL, NULL);
	CN_CHECK(cn_heap_alloc(&h, 8) == NULL);                 /* no region yet */
	CN_CHECK_EQ(cn_heap_add_region(&h, (char *)mem + 3, sizeof(mem) - 3), 0);
	size_t total = cn_heap_avail(&h);
	CN_CHECK(total == sizeof(mem) - 8);                      /* aligned up to 8 */
	char *a = cn_heap_alloc(&h, 1), *b = cn_heap_alloc(&h, 13), *c = cn_heap_alloc(&h, 100);
	CN_CHECK(a && b && c);
	CN_CHECK((((uintptr_t)a | (uintptr_t)b | (uintptr_t)c) & 7) == 0);
	CN_CHECK(cn_heap_size(&h, b) >= 13);
	CN_CHECK_EQ(cn_heap_used(&h) + cn_heap_avail(&h), total);
	memset(a, 1, 1); memset(b, 2, 13); memset(c, 3, 100);
	CN_CHECK(a[0] == 1 && b[12] == 2 && c[99] == 3);
	CN_CHECK(cn_heap_alloc(&h, 0) == NULL);
	CN_CHECK(cn_heap_alloc(&h, (size_t)-1) == NULL);
	CN_CHECK(cn_heap_alloc(&h, sizeof(mem)) == NULL);
	CN_CHECK_EQ(cn_heap_free(&h, b), 0);
	CN_CHECK_EQ(cn_heap_free(&h, a), 0);
	CN_CHECK_EQ(cn_heap_free(&h, c), 0);
	CN_CHECK_EQ(cn_heap_used(&h), 0u);
	CN_CHECK_EQ(cn_heap_avail(&h), total);
	/* fully coalesced: the whole region is one chunk again */
	char *all = cn_heap_alloc(&h, total - 16);
	CN_CHECK(all != NULL);
	CN_CHECK_EQ(cn_heap_free(&h, all), 0);
}

static void bad_pointers(void)
{
	struct cn_heap h;
	cn_heap_init(&h, NULL, NULL);
	CN_CHECK_EQ(cn_heap_add_region(&h, mem, sizeof(mem)), 0);
	char *a = cn_heap_alloc(&h, 64);
	char *b = cn_heap_alloc(&h, 64);
	int local;
	CN_CHECK_EQ(cn_heap_free(&h, &local), CN_ERR_CORRUPT);
	CN_CHECK_EQ(cn_heap_free(&h, a + 8), CN_ERR_CORRUPT);
	CN_CHECK_EQ(cn_heap_free(&h, a + 1), CN_ERR_CORRUPT);
	CN_CHECK_EQ(cn_heap_free(&h, a), 0);
	CN_CHECK_EQ(cn_heap_free(&h, a), CN_ERR_CORRUPT);        /* double free */
	CN_CHECK_EQ(cn_heap_free(&h, NULL), 0);
	CN_CHECK_EQ(cn_heap_size(&h, a), 0u);
	CN_CHECK_EQ(cn_heap_free(&h, b), 0);
	CN_CHECK_EQ(cn_heap_free(&h, b), CN_ERR_CORRUPT);        /* merged into a free chunk */
	CN_CHECK_EQ(cn_heap_add_region(&h, mem, 4), CN_ERR_INVALID);
}

static void best_fit(void)
{
	struct cn_heap h;
	cn_heap_init(&h, NULL, NULL);
	cn_heap_add_region(&h, mem, sizeof(mem));
	char *p[6];
	size_t sizes[6] = { 256, 32, 128, 32, 64, 32 };
	for (int i = 0; i < 6; i++)
		p[i] = cn_heap_alloc(&h, sizes[i]);
	cn_heap_free(&h, p[0]);   /* holes of 256, 128, 64 between used blocks */
	cn_heap_free(&h, p[2]);
	cn_heap_free(&h, p[4]);
	CN_CHECK(cn_heap_alloc(&h, 60) == p[4]);                /* smallest hole that fits */
	CN_CHECK(cn_heap_alloc(&h, 100) == p[2]);
	CN_CHECK(cn_heap_alloc(&h, 200) == p[0]);
}

static uint64_t extra[2][1024];     /* adjacent: chunks merge across the seam */
static int grow_calls;

static bool grow(void *ctx, struct cn_heap *h, size_t min)
{
	(void)ctx;
	if (grow_calls >= 2 || min > sizeof(extra[0]))
		return false;
	return cn_heap_add_region(h, extra[grow_calls++], sizeof(extra[0])) == 0;
}

static void growth_and_realloc(void)
{
	struct cn_heap h;
	grow_calls = 0;
	cn_heap_init(&h, grow, NULL);
	CN_CHECK_EQ(cn_heap_add_region(&h, mem, 256), 0);
	char *a = cn_heap_alloc(&h, 200);
	CN_CHECK(a && grow_calls == 0);
	char *b = cn_heap_alloc(&h, 1000);
	CN_CHECK(b && grow_calls == 1);
	CN_CHECK((uintptr_t)b >= (uintptr_t)extra[0] && (uintptr_t)b < (uintptr_t)extra[1]);
	CN_CHECK(cn_heap_alloc(&h, 100000) == NULL);              /* grow refuses */
	for (int i = 0; i < 200; i++) a[i] = (char)i;
	char *c = cn_heap_realloc(&h, a, 7500);           /* more than extra[0] has left */
	CN_CHECK(c && grow_calls == 2);
	for (int i = 0; i < 200; i++) CN_CHECK(c[i] == (char)i);
	CN_CHECK_EQ(cn_heap_free(&h, a), CN_ERR_CORRUPT);         /* realloc freed it */
	CN_CHECK(cn_heap_realloc(&h, c, 10) == c);
	CN_CHECK_EQ(cn_heap_free(&h, c), 0);
	CN_CHECK_EQ(cn_heap_free(&h, b), 0);
	CN_CHECK_EQ(cn_heap_used(&h), 0u);
}

static void random_run(void)
{
	struct cn_heap h;
	cn_heap_init(&h, NULL, NULL);
	cn_heap_add_region(&h, mem, sizeof(mem));
	size_t total = cn_heap_avail(&h);
	static unsigned char *ptr[64];
	static size_t len[64];
	memset(ptr, 0, sizeof(ptr));
	unsigned r = 7;
	for (int step = 0; step < 20000; step++) {
		r = r * 1103515245u + 12345u;
		int i = (int)((r >> 8) % 64);
		if (ptr[i]) {
			for (size_t k = 0; k < len[i]; k++)
				if (ptr[i][k] != (unsigned char)(i + k)) { CN_CHECK(!"contents"); break; }
			CN_CHECK_EQ(cn_heap_free(&h, ptr[i]), 0);
			ptr[i] = NULL;
		} else {
			len[i] = 1 + (r >> 16) % 700;
			ptr[i] = cn_heap_alloc(&h, len[i]);
			if (ptr[i])
				for (size_t k = 0; k < len[i]; k++)
					ptr[i][k] = (unsigned char)(i + k);
		}
		CN_CHECK_EQ(cn_heap_used(&h) + cn_heap_avail(&h), total);
	}
	for (int i = 0; i < 64; i++)
		CN_CHECK_EQ(cn_heap_free(&h, ptr[i]), 0);
	CN_CHECK_EQ(cn_heap_used(&h), 0u);
	CN_CHECK(cn_heap_alloc(&h, total - 16) != NULL);          /* coalesced */
}

int main(void)
{
	cn_test_program = "heap";
	CN_RUN(basic);
	CN_RUN(bad_pointers);
	CN_RUN(best_fit);
	CN_RUN(growth_and_realloc);
	CN_RUN(random_run);
	return CN_TEST_RESULT();
}
