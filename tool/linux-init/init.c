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
typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long s64;

#define BENCH_MIB 32u
#define RUNS      3u

/* ARM EABI system call numbers (arch/arm/tools/syscall.tbl) */
#define SYS_exit            1
#define SYS_read            3
#define SYS_write           4
#define SYS_open            5
#define SYS_close           6
#define SYS_mkdir          39
#define SYS_mount          21
#define SYS_ioctl          54
#define SYS_reboot         88
#define SYS_nanosleep     162
#define SYS_perf_event_open 364
#define SYS_finit_module  379
#define SYS_llseek        140

#define O_RDONLY   0
#define O_DIRECT   0200000   /* ARM's value */
#define O_LARGEFILE 0400000

#define PERF_EVENT_IOC_ENABLE  0x2400
#define PERF_EVENT_IOC_DISABLE 0x2401
#define PERF_EVENT_IOC_RESET   0x2403

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r7 __asm__("r7") = n;
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r3 __asm__("r3") = d;
	register long r4 __asm__("r4") = e;
	register long r5 __asm__("r5") = f;
	__asm__ volatile("svc 0" : "+r"(r0) : "r"(r7), "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5)
	                 : "memory");
	return r0;
}
#define sys(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)

void *memset(void *d, int c, unsigned n)
{
	unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, unsigned n)
{
	unsigned char *p = d;
	const unsigned char *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

static unsigned slen(const char *s)
{
	unsigned n = 0;
	while (s[n])
		n++;
	return n;
}

static void puts_(const char *s) { sys(SYS_write, 1, s, slen(s)); }

static void put_u64(u64 v)
{
	char b[24];
	int i = sizeof(b);
	b[--i] = 0;
	do {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	puts_(b + i);
}

static void put_int(long v)
{
	if (v < 0) {
		puts_("-");
		put_u64((u64)(-(s64)v));
	} else {
		put_u64((u64)v);
	}
}

static void power_off(void)
{
	/* LINUX_REBOOT_MAGIC1, MAGIC2, LINUX_REBOOT_CMD_POWER_OFF */
	sys(SYS_reboot, 0xfee1deadu, 672274793, 0x4321fedcu);
	for (;;)
		sys(SYS_exit, 0, 0, 0);
}

static void fail(const char *what, long err)
{
	puts_("linux-bench: FAILED ");
	puts_(what);
	puts_(": ");
	put_int(err);
	puts_("\n");
	power_off();
}

static void load_module(const char *path)
{
	long fd = sys(SYS_open, path, O_RDONLY, 0);
	if (fd < 0)
		fail(path, fd);
	long r = sys(SYS_finit_module, fd, "", 0);
	if (r < 0 && r != -17 /* EEXIST */)
		fail("finit_module", r);
	sys(SYS_close, fd, 0, 0);
}

struct perf_event_attr {
	u32 type, size;
	u64 config, sample_period, sample_type, read_format;
	u64 flags;              /* disabled = bit 0 */
	u32 wakeup_events, bp_type;
	u64 bp_addr, bp_len;
};

static unsigned char buf[64 * 1024] __attribute__((aligned(4096)));

static long open_counter(void)
{
	struct perf_event_attr a;
	memset(&a, 0, sizeof(a));
	a.type = 0;             /* PERF_TYPE_HARDWARE */
	a.size = sizeof(a);     /* 72: PERF_ATTR_SIZE_VER1 */
	a.config = 1;           /* PERF_COUNT_HW_INSTRUCTIONS */
	a.flags = 1;            /* disabled; user, kernel, hypervisor and idle all counted */
	/* pid -1, cpu 0: everything that runs on CPU 0 */
	return sys6(SYS_perf_event_open, (long)&a, -1, 0, -1, 0, 0);
}

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
		sys(SYS_ioctl, pc, PERF_EVENT_IOC_DISABLE, 0);
		long r = sys(SYS_read, pc, &count, 8);
		if (r != 8)
			fail("reading the counter", r);
		puts_("linux-bench: ");
		puts_(name);
		puts_(" run ");
		put_u64(run);
		puts_(": ");
		put_u64(count);
		puts_(" instructions, ");
		put_u64(done);
		puts_(" bytes\n");
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

__asm__(".global _start\n"
        "_start:\n"
        "	bl init_main\n"
        "	b .\n");
