/* SPDX-License-Identifier: MIT */
/*
 * The time source for cn_mmio_wait() in components: the kernel's
 * free-running counter (CN_SYS_TIME) in microseconds; between polls the
 * thread yields the CPU.
 */
#include <cn/mmio.h>
#include <cn/sys.h>

static uint64_t kernel_us(void *ctx)
{
	(void)ctx;
	uint32_t hz = 0;
	uint64_t t = cn_sys_time(&hz);
	if (!hz)
		return 0;
	return t / hz * 1000000u + t % hz * 1000000u / hz;
}

static void kernel_relax(void *ctx)
{
	(void)ctx;
	cn_sys_yield();
}

const struct cn_mmio_clock cn_mmio_kernel_clock = { kernel_us, kernel_relax, 0 };
