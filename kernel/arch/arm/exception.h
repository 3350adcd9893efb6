/* SPDX-License-Identifier: MIT */
/*
 * ARMv7-A exceptions the kernel takes from user mode besides SVC and IRQ,
 * and the fault status they report: the numbers entry.S passes to
 * kernel_abort() and the fields of DFSR/IFSR (short-descriptor format) that
 * exception.c decodes into CN_FAULT_* kinds. Included by entry.S too.
 */
#ifndef ARCH_ARM_EXCEPTION_H
#define ARCH_ARM_EXCEPTION_H

/* kernel_abort(kind): which vector was taken */
#define ARM_EXC_UNDEF          0  /* undefined instruction */
#define ARM_EXC_PREFETCH_ABORT 1  /* instruction fetch: IFSR, IFAR */
#define ARM_EXC_DATA_ABORT     2  /* load or store: DFSR, DFAR */
#define ARM_EXC_UNEXPECTED     3  /* reset or FIQ vector: never expected */

#ifndef __ASSEMBLY__
#include <stdint.h>

/* fault status FS[4:0]: FSR bit 10 and bits 3:0 */
static inline uint32_t arm_fsr_status(uint32_t fsr) { return (fsr & 0xf) | ((fsr >> 6) & 0x10); }

enum arm_fault_status {
	ARM_FS_ALIGNMENT          = 0x01,
	ARM_FS_ACCESS_FLAG_SECTION = 0x03,
	ARM_FS_TRANSLATION_SECTION = 0x05,
	ARM_FS_ACCESS_FLAG_PAGE   = 0x06,
	ARM_FS_TRANSLATION_PAGE   = 0x07,
	ARM_FS_PERMISSION_SECTION = 0x0d,
	ARM_FS_PERMISSION_PAGE    = 0x0f,
};

#define ARM_DFSR_WNR (1u << 11)  /* the access was a write */
#endif

#endif
