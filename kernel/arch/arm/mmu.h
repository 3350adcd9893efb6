/* SPDX-License-Identifier: MIT */
/*
 * Loading a protection domain's address space on this CPU (TTBR0 and ASID).
 * Inline, because every IPC between two PDs does it: the fast path
 * (fastpath.c) and the scheduler switch with the few CP15 writes below and
 * no call. Which PD each CPU has loaded is kept in its struct cpu.
 */
#ifndef ARCH_ARM_MMU_H
#define ARCH_ARM_MMU_H

#include "kernel.h"
#include "arch/arm/cpu.h"

/* TTBR0 and ASID through the reserved ASID 0, so that no walk with the new
 * table is tagged with the old ASID (ARMv7 ARM, "synchronization of
 * changes of ASID and TTBR") */
static inline void mmu_load(uint32_t ttbr0, uint32_t asid)
{
	write_contextidr(0);
	isb();
	write_ttbr0(ttbr0);
	isb();
	write_contextidr(asid);
	isb();
}

/* make pd (not NULL) the user address space of cpu, which must be this CPU */
static inline void pd_activate_on(struct cpu *cpu, struct pd *pd)
{
	if (cpu->active_pd == pd)
		return;
	cpu->active_pd = pd;
	mmu_load(pd->ttbr0, pd->asid);
}

#endif
