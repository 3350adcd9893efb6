/* SPDX-License-Identifier: MIT */
/*
 * ARMv7 generic timer: the virtual counter is the kernel's time base and the
 * virtual timer its one-shot event. User space may read the counter and use
 * the physical timer directly (its interrupt is owned like any other).
 */
#include "drivers/drivers.h"
#include "arch/arm/cpu.h"

void gtimer_init(void)
{
	write_cntv_cval(~0ull);
	write_cntv_ctl(1);              /* enabled, not masked */
	/* PL0: counter reads (PCTEN, VCTEN) and the physical timer (PTEN) */
	write_cntkctl(read_cntkctl() | 0x3 | (1u << 9));
	isb();
}

uint64_t gtimer_counter(void) { return read_cntvct(); }
uint32_t gtimer_hz(void) { return read_cntfrq(); }

void gtimer_set(uint64_t deadline)
{
	write_cntv_cval(deadline);
	isb();
}
