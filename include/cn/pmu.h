/* SPDX-License-Identifier: MIT */
/*
 * The ARMv7 PMU's event counters, read from user mode (the kernel grants
 * user access in PMUSERENR): how the benchmarks count executed
 * instructions (event 0x08, instructions architecturally executed; under
 * QEMU's -icount it counts only what ran, not the virtual time warped over
 * while every CPU idles; doc/benchmarks.md). The counters count on the CPU
 * the thread runs on: pin the benchmark, or count the whole CPU.
 *
 *   cn_pmu_count_instructions();        counter 0 counts event 0x08
 *   uint32_t t0 = cn_pmu_read(0);
 *   ...
 *   uint32_t used = cn_pmu_read(0) - t0;
 */
#ifndef CN_PMU_H
#define CN_PMU_H

#include <stdint.h>

#define CN_PMU_INSTRUCTIONS   0x08u        /* event: instructions executed */
#define CN_PMU_EXCLUDE_USER   (1u << 30)   /* PMXEVTYPER.U: not at PL0 */
#define CN_PMU_EXCLUDE_KERNEL (1u << 31)   /* PMXEVTYPER.P: not at PL1 */

/* event counter 'counter' counts 'type' (an event, maybe with the
 * exclude bits); cn_pmu_enable() starts it */
static inline void cn_pmu_event(uint32_t counter, uint32_t type)
{
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 5" :: "r"(counter));   /* PMSELR */
	__asm__ volatile("isb");
	__asm__ volatile("mcr p15, 0, %0, c9, c13, 1" :: "r"(type));      /* PMXEVTYPER */
}

/* start the event counters whose bits are set in mask (PMCNTENSET) */
static inline void cn_pmu_enable(uint32_t mask)
{
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 1" :: "r"(mask));
	__asm__ volatile("isb");
}

/* the value of event counter 'counter' (PMXEVCNTR) */
static inline uint32_t cn_pmu_read(uint32_t counter)
{
	uint32_t v;
	__asm__ volatile("mcr p15, 0, %1, c9, c12, 5\n\tisb\n\tmrc p15, 0, %0, c9, c13, 2"
	                 : "=r"(v) : "r"(counter));
	return v;
}

/* counter 0 counts executed instructions, everywhere */
static inline void cn_pmu_count_instructions(void)
{
	cn_pmu_event(0, CN_PMU_INSTRUCTIONS);
	cn_pmu_enable(1u << 0);
}

#endif
