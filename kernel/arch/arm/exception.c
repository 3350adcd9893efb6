/* SPDX-License-Identifier: MIT */
/*
 * The C entry for the exceptions that are not system calls or interrupts:
 * an undefined instruction, a prefetch or a data abort (or an unexpected
 * vector) in user mode becomes a fault of the thread with a CN_FAULT_* kind,
 * which its pager is told about; the same in kernel mode is a kernel bug.
 */
#include "kernel.h"
#include "arch/arm/cpu.h"
#include "arch/arm/exception.h"

struct fault { uint32_t type, addr, status; };

/* a data abort: alignment, a page fault (read or write), or something else */
static struct fault data_abort(void)
{
	uint32_t dfsr = read_dfsr();
	struct fault f = { CN_FAULT_OTHER, read_dfar(), dfsr };
	switch (arm_fsr_status(dfsr)) {
	case ARM_FS_ALIGNMENT:
		f.type = CN_FAULT_ALIGN;
		break;
	case ARM_FS_ACCESS_FLAG_SECTION:
	case ARM_FS_ACCESS_FLAG_PAGE:
	case ARM_FS_TRANSLATION_SECTION:
	case ARM_FS_TRANSLATION_PAGE:
	case ARM_FS_PERMISSION_SECTION:
	case ARM_FS_PERMISSION_PAGE:
		f.type = dfsr & ARM_DFSR_WNR ? CN_FAULT_PAGE_WRITE : CN_FAULT_PAGE_READ;
		break;
	}
	return f;
}

static struct fault decode(uint32_t kind, const struct thread *cur)
{
	switch (kind) {
	case ARM_EXC_UNDEF:
		return (struct fault){ CN_FAULT_UNDEF, cur->regs.pc, 0 };
	case ARM_EXC_PREFETCH_ABORT:
		return (struct fault){ CN_FAULT_PAGE_EXEC, read_ifar(), read_ifsr() };
	case ARM_EXC_DATA_ABORT:
		return data_abort();
	default:
		return (struct fault){ CN_FAULT_OTHER, cur->regs.pc, kind };
	}
}

_Noreturn void kernel_abort(uint32_t kind)
{
	/* SAVE_USER put the interrupted mode into 'current' even when it was
	 * the kernel's: then this CPU may hold the lock already */
	if ((this_cpu()->current->cpsr & CPSR_MODE_MASK) == CPSR_MODE_USR)
		klock();
	struct thread *cur = current_thread();
	if (!cur || (cur->regs.cpsr & CPSR_MODE_MASK) != CPSR_MODE_USR)
		panic("exception %u in kernel mode: pc 0x%08x dfar 0x%08x dfsr 0x%08x",
		      (unsigned)kind, cur ? (unsigned)cur->regs.pc : 0u,
		      (unsigned)read_dfar(), (unsigned)read_dfsr());
	struct fault f = decode(kind, cur);
	thread_fault(cur, f.type, f.addr, f.status);
	schedule_and_return();
}
