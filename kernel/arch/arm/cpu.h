/* SPDX-License-Identifier: MIT */
/*
 * ARMv7-A CP15 accessors and barriers used by the kernel.
 */
#ifndef ARCH_ARM_CPU_H
#define ARCH_ARM_CPU_H

#include <stdint.h>

#define CP15_RD(name, op1, crn, crm, op2) \
	static inline uint32_t read_##name(void) { uint32_t v; \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v)); return v; }
#define CP15_WR(name, op1, crn, crm, op2) \
	static inline void write_##name(uint32_t v) { \
		__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 :: "r"(v) : "memory"); }
#define CP15_RW(name, op1, crn, crm, op2) CP15_RD(name, op1, crn, crm, op2) CP15_WR(name, op1, crn, crm, op2)

CP15_RD(mpidr,      0, c0,  c0, 5)
CP15_RW(sctlr,      0, c1,  c0, 0)
CP15_RW(ttbr0,      0, c2,  c0, 0)
CP15_RW(ttbr1,      0, c2,  c0, 1)
CP15_RW(ttbcr,      0, c2,  c0, 2)
CP15_RW(dacr,       0, c3,  c0, 0)
CP15_RD(dfsr,       0, c5,  c0, 0)
CP15_RD(ifsr,       0, c5,  c0, 1)
CP15_RD(dfar,       0, c6,  c0, 0)
CP15_RD(ifar,       0, c6,  c0, 2)
CP15_RW(contextidr, 0, c13, c0, 1)
CP15_RW(tpidrprw,   0, c13, c0, 4)
CP15_RW(tpidruro,   0, c13, c0, 3)
CP15_WR(iciallu,    0, c7,  c5, 0)
CP15_WR(icialluis,  0, c7,  c1, 0)
CP15_WR(bpiallis,   0, c7,  c1, 6)
CP15_WR(dccmvac,    0, c7,  c10, 1)
CP15_WR(dccmvau,    0, c7,  c11, 1)
CP15_WR(dcimvac,    0, c7,  c6, 1)
CP15_WR(dccimvac,   0, c7,  c14, 1)
CP15_WR(icimvau,    0, c7,  c5, 1)
CP15_WR(tlbiallis,  0, c8,  c3, 0)
CP15_WR(tlbimvais,  0, c8,  c3, 1)
CP15_WR(tlbiasidis, 0, c8,  c3, 2)
CP15_RD(ctr,        0, c0,  c0, 1)
CP15_RW(pmcr,       0, c9,  c12, 0)
CP15_RW(pmcntenset, 0, c9,  c12, 1)
CP15_RW(pmuserenr,  0, c9,  c14, 0)
CP15_RD(pmccntr,    0, c9,  c13, 0)
CP15_RW(cntkctl,    0, c14, c1, 0)
CP15_RD(cntfrq,     0, c14, c0, 0)
CP15_RW(cntv_ctl,   0, c14, c3, 1)
CP15_RD(id_pfr1,    0, c0,  c1, 1)
CP15_RD(id_dfr0,    0, c0,  c1, 2)

static inline void dsb(void) { __asm__ volatile("dsb" ::: "memory"); }
static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void dmb(void) { __asm__ volatile("dmb" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

static inline uint64_t read_cntvct(void)
{
	uint32_t lo, hi;
	__asm__ volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((uint64_t)hi << 32) | lo;
}
static inline void write_cntv_cval(uint64_t v)
{
	__asm__ volatile("mcrr p15, 3, %0, %1, c14" :: "r"((uint32_t)v), "r"((uint32_t)(v >> 32)));
}

static inline uint32_t dcache_line(void) { return 4u << ((read_ctr() >> 16) & 0xf); }

#define CPSR_MODE_MASK 0x1f
#define CPSR_MODE_USR  0x10
#define CPSR_MODE_SVC  0x13
#define CPSR_T         (1u << 5)
#define CPSR_F         (1u << 6)
#define CPSR_I         (1u << 7)
#define CPSR_A         (1u << 8)
#define CPSR_E         (1u << 9)

#endif
