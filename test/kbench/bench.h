/* SPDX-License-Identifier: MIT */
/*
 * Shared by the kernel benchmark programs (test/kbench, test/smpbench): the
 * hand-written measurement loops of bench.S, the iteration counts, the
 * median and the 'bench:' line.
 */
#ifndef KBENCH_BENCH_H
#define KBENCH_BENCH_H

#include "../lib/kt.h"
#include <cn/util/string.h>

#define N     64                    /* iterations per figure */
#define WARM  8                     /* of which warm-up rounds */
#define SERVER_USER_INSNS 6         /* see bench_server in bench.S */

uint32_t bench_overhead(void);
uint32_t bench_null(void);
void bench_client(uint32_t cap, uint32_t info, uint32_t n, uint32_t *rt);
void bench_server(uint32_t *oneway);
void bench_cap_server(uint32_t *oneway);
void bench_waiter(uint32_t recv, uint32_t *lat);
void bench_submit(uint32_t ctx, uint32_t n);
uint32_t bench_touch(uint32_t addr, uint32_t n, uint32_t *lat);

/* median of v[WARM..n) */
static inline uint32_t median(const uint32_t *v, uint32_t n)
{
	uint32_t s[N];
	uint32_t m = n - WARM;
	cn_memcpy(s, v + WARM, m * 4);
	for (uint32_t i = 1; i < m; i++)
		for (uint32_t j = i; j > 0 && s[j - 1] > s[j]; j--) {
			uint32_t t = s[j]; s[j] = s[j - 1]; s[j - 1] = t;
		}
	return s[m / 2];
}

static inline void report(const char *name, uint32_t value)
{
	kt_printf("bench: %s %u instructions\n", name, (unsigned)value);
}

#endif
