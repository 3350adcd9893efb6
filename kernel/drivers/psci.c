/* SPDX-License-Identifier: MIT */
/*
 * PSCI CPU_ON through HVC: how a secondary CPU of QEMU's virt board (and of
 * boards whose firmware implements PSCI with the HVC conduit) is started.
 */
#include "drivers/drivers.h"

#define PSCI_CPU_ON_32 0x84000003u

bool psci_cpu_on(uint32_t mpidr, uint32_t entry)
{
	register uint32_t r0 __asm__("r0") = PSCI_CPU_ON_32;
	register uint32_t r1 __asm__("r1") = mpidr;
	register uint32_t r2 __asm__("r2") = entry;
	register uint32_t r3 __asm__("r3") = 0;
	__asm__ volatile(".arch_extension virt\n\thvc #0"
	                 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) :: "memory");
	return r0 == 0;
}
