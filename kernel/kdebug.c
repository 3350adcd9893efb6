/* SPDX-License-Identifier: MIT */
/*
 * KDEBUG=1 builds only (make KDEBUG=1; off by default, and then nothing of
 * this is compiled): the kernel prints every system call it refuses, with
 * the calling thread, the call, the error and which check refused it (cap
 * slot, type, range, state, privilege, ...). REFUSE() in syscall.h names
 * the check where a handler knows it; the dispatcher reports the others
 * with the error code alone.
 */
#ifdef CN_KDEBUG
#include <stdarg.h>
#include "syscall.h"

#define CALL_NAME(nr, NAME, handler, args, results, kind) [nr] = "CN_SYS_" #NAME,
static const char *const call_names[CN_SYS_LAST + 1] = { CN_SYSCALLS(CALL_NAME) };

static const char *call_name(uint32_t nr)
{
	return nr <= CN_SYS_LAST && call_names[nr] ? call_names[nr] : "an unknown call";
}

int kdebug_refuse(const struct thread *cur, int err, const char *check, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kprintf("kdebug: thread '%s': %s (%u) refused with %d by the %s check: ", cur->name,
	        call_name(sys_nr(cur)), (unsigned)sys_nr(cur), err, check);
	kvprintf(fmt, ap);
	kprintf("\n");
	va_end(ap);
	this_cpu()->kdebug_said = true;
	return err;
}

void kdebug_result(const struct thread *cur, int err)
{
	struct cpu *cpu = this_cpu();
	if (err < 0 && !cpu->kdebug_said)
		kprintf("kdebug: thread '%s': %s (%u) refused with %d\n", cur->name,
		        call_name(sys_nr(cur)), (unsigned)sys_nr(cur), err);
	cpu->kdebug_said = false;
}
#endif
