/* SPDX-License-Identifier: MIT */
/*
 * /init of the Linux baseline's initramfs (tool/linux-baseline): a
 * freestanding static ARM program on raw Linux system calls, no libc.
 * It loads virtio_mmio.ko and virtio_blk.ko, mounts devtmpfs on /dev,
 * opens /dev/vda with O_DIRECT and reads BENCH_MIB MiB sequentially in
 * 4 KiB and then in 64 KiB requests (one at a time, as 'dd iflag=direct'),
 * RUNS times each, counting the instructions of the whole system on the
 * only CPU with perf_event_open (PERF_COUNT_HW_INSTRUCTIONS, pid -1, cpu 0:
 * every task, the kernel and interrupts on that CPU, which the ARM PMU
 * counts as event 0x08, instructions architecturally executed). It prints
 *   linux-bench: <size> run <i>: <instructions> instructions, <bytes> bytes
 * per run and "linux-bench: done", then powers the machine off.
 * Any error prints "linux-bench: FAILED ..." and powers off, too.
 */
#include "rt.h"

#define BENCH_MIB 32u
#define RUNS      3u

#define O_DIRECT   0200000   /* ARM's value */
#define O_LARGEFILE 0400000

static unsigned char buf[64 * 1024] __attribute__((aligned(4096)));

static void rewind(long fd)
{
	u64 pos;
	long r = sys6(SYS_llseek, fd, 0, 0, (long)&pos, 0 /* SEEK_SET */, 0);
	if (r < 0)
		fail("llseek", r);
}

static void bench(long dev, long pc, u32 size, const char *name)
{
	for (u32 run = 1; run <= RUNS; run++) {
		u64 done = 0, count = 0;
		rewind(dev);
		sys(SYS_ioctl, pc, PERF_EVENT_IOC_RESET, 0);
		sys(SYS_ioctl, pc, PERF_EVENT_IOC_ENABLE, 0);
		while (done < (u64)BENCH_MIB << 20) {
			long r = sys(SYS_read, dev, buf, size);
			if (r != (long)size)
				fail("read", r);
			done += (u32)r;
		}
		count = read_counter(pc);
		report(name, run, count, done, " bytes");
	}
}

void init_main(void)
{
	load_module("/virtio_mmio.ko");
	load_module("/virtio_blk.ko");
	sys(SYS_mkdir, "/dev", 0755, 0);
	long r = sys6(SYS_mount, (long)"devtmpfs", (long)"/dev", (long)"devtmpfs", 0, 0, 0);
	if (r < 0 && r != -16 /* EBUSY: mounted already */)
		fail("mount devtmpfs", r);
	long dev = -2;
	for (int i = 0; i < 200 && dev < 0; i++) {   /* the probe may still run */
		dev = sys(SYS_open, "/dev/vda", O_RDONLY | O_DIRECT | O_LARGEFILE, 0);
		if (dev < 0) {
			long ts[2] = { 0, 10 * 1000 * 1000 };
			sys(SYS_nanosleep, ts, 0, 0);
		}
	}
	if (dev < 0)
		fail("open /dev/vda", dev);
	long pc = open_counter();
	if (pc < 0)
		fail("perf_event_open (no PMU in the device tree?)", pc);
	puts_("linux-bench: counting PERF_COUNT_HW_INSTRUCTIONS on cpu 0 (whole system)\n");
	bench(dev, pc, 4096, "4KiB");
	bench(dev, pc, 65536, "64KiB");
	puts_("linux-bench: done\n");
	power_off();
}
