/* SPDX-License-Identifier: MIT */
/*
 * What the Linux baseline's freestanding /init programs (init.c: block,
 * nic.c: network; tool/linux-baseline) share: raw ARM EABI system calls,
 * memset/memcpy for the compiler, printing, power-off, loading a module and
 * the whole-system instruction counter (perf_event_open, hardware
 * instructions, pid -1, cpu 0). Each program is one file that includes this
 * and defines init_main(); _start is here.
 */
#ifndef LINUX_INIT_RT_H
#define LINUX_INIT_RT_H

typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;
typedef unsigned long long u64;
typedef long long s64;

/* ARM EABI system call numbers (arch/arm/tools/syscall.tbl) */
#define SYS_exit            1
#define SYS_read            3
#define SYS_write           4
#define SYS_open            5
#define SYS_close           6
#define SYS_mount          21
#define SYS_mkdir          39
#define SYS_ioctl          54
#define SYS_reboot         88
#define SYS_llseek        140
#define SYS_nanosleep     162
#define SYS_socket        281
#define SYS_bind          282
#define SYS_send          289
#define SYS_recv          291
#define SYS_setsockopt    294
#define SYS_perf_event_open 364
#define SYS_finit_module  379

#define O_RDONLY   0

#define PERF_EVENT_IOC_ENABLE  0x2400
#define PERF_EVENT_IOC_DISABLE 0x2401
#define PERF_EVENT_IOC_RESET   0x2403

static inline long sys6(long n, long a, long b, long c, long d, long e, long f)
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

static inline unsigned slen(const char *s)
{
	unsigned n = 0;
	while (s[n])
		n++;
	return n;
}

static inline void puts_(const char *s) { sys(SYS_write, 1, s, slen(s)); }

static inline void put_u64(u64 v)
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

static inline void put_int(long v)
{
	if (v < 0) {
		puts_("-");
		put_u64((u64)(-(s64)v));
	} else {
		put_u64((u64)v);
	}
}

static inline void power_off(void)
{
	/* LINUX_REBOOT_MAGIC1, MAGIC2, LINUX_REBOOT_CMD_POWER_OFF */
	sys(SYS_reboot, 0xfee1deadu, 672274793, 0x4321fedcu);
	for (;;)
		sys(SYS_exit, 0, 0, 0);
}

static inline void fail(const char *what, long err)
{
	puts_("linux-bench: FAILED ");
	puts_(what);
	puts_(": ");
	put_int(err);
	puts_("\n");
	power_off();
}

static inline void load_module(const char *path)
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

static inline long open_counter(void)
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

static inline void sleep_ms(long ms)
{
	long ts[2] = { ms / 1000, (ms % 1000) * 1000 * 1000 };
	sys(SYS_nanosleep, ts, 0, 0);
}

/* linux-bench: NAME run RUN: COUNT instructions, N UNIT */
static inline void report(const char *name, u32 run, u64 count, u64 n, const char *unit)
{
	puts_("linux-bench: ");
	puts_(name);
	puts_(" run ");
	put_u64(run);
	puts_(": ");
	put_u64(count);
	puts_(" instructions, ");
	put_u64(n);
	puts_(unit);
	puts_("\n");
}

/* stop the counter and read it */
static inline u64 read_counter(long pc)
{
	u64 count = 0;
	sys(SYS_ioctl, pc, PERF_EVENT_IOC_DISABLE, 0);
	long r = sys(SYS_read, pc, &count, 8);
	if (r != 8)
		fail("reading the counter", r);
	return count;
}

void init_main(void);

__asm__(".global _start\n"
        "_start:\n"
        "	bl init_main\n"
        "	b .\n");

#endif
