/* SPDX-License-Identifier: MIT */
/*
 * Kernel test suite driver (sel4test style): every case gets fresh kernel
 * objects and runs its child code in fresh PDs, so a failing case cannot
 * disturb the next one. Prints one line per case and a summary.
 */
#include "ktest.h"
#include <cn/util/string.h>

struct env env;

uint32_t spawn(struct kt_pd *pd, const char *name, kt_fn fn, uint32_t arg, uint32_t prio,
               const uint32_t *caps, unsigned ncaps, unsigned pager_idx)
{
	if (kt_pd_create(pd))
		return 0;
	for (unsigned i = 0; i < ncaps; i++)
		if (kt_give(pd, caps[i]) != i + 1)
			return 0;
	return kt_thread(pd, name, fn, arg, prio, env.pager[pager_idx - 1]);
}

uint32_t wait_stop(uint32_t thread, unsigned idx, struct cn_fault *f)
{
	uint32_t imprint = kt_wait(env.recv, env.tmo, 2000000, 0);
	if (imprint != idx)
		return ~0u;
	if (cn_sys_thread_fault(thread, f))
		return ~0u;
	uint32_t regs[17];
	if (kt_regs(thread, regs))
		return ~0u;
	return regs[1];
}

struct test { const char *name; int (*fn)(void); };
#define ENTRY(n) { #n, test_##n },
static const struct test tests[] = { TESTS(ENTRY) };
static const struct test smp_tests[] = { SMP_TESTS(ENTRY) };
#undef ENTRY

static void run(const struct test *t, unsigned *passed, unsigned *failed)
{
	env.recv = kt_sig_recv();
	env.tmo = kt_sig_ctx(env.recv, KT_TIMEOUT);
	for (unsigned k = 0; k < 4; k++)
		env.pager[k] = kt_sig_ctx(env.recv, k + 1);
	int line = t->fn();
	if (line == 0) {
		(*passed)++;
		kt_printf("ktest: %s ok\n", t->name);
	} else {
		(*failed)++;
		kt_printf("ktest: %s FAIL at line %d\n", t->name, line);
	}
	for (unsigned k = 0; k < 4; k++)
		cn_sys_destroy(env.pager[k]);
	cn_sys_destroy(env.tmo);
	cn_sys_destroy(env.recv);
}

int main(const struct cn_bootinfo *bi);
int main(const struct cn_bootinfo *bi)
{
	kt_init(bi);
	unsigned n = sizeof(tests) / sizeof(tests[0]), passed = 0, failed = 0;
	unsigned nsmp = bi->nr_cpus > 1 ? sizeof(smp_tests) / sizeof(smp_tests[0]) : 0;
	kt_printf("ktest: %u cases on %s, %u CPU%s\n", n + nsmp, bi->board,
	          (unsigned)bi->nr_cpus, bi->nr_cpus > 1 ? "s" : "");
	for (unsigned i = 0; i < n; i++)
		run(&tests[i], &passed, &failed);
	for (unsigned i = 0; i < nsmp; i++)
		run(&smp_tests[i], &passed, &failed);
	if (!nsmp)
		kt_printf("ktest: multi-processor cases left out: 1 CPU\n");
	kt_printf("ktest: done, %u passed, %u failed\n", passed, failed);
	return 0;
}
