/* SPDX-License-Identifier: MIT */
/*
 * The fuzzer thread (runs in the unprivileged fuzzer PD): random call
 * numbers, arguments biased towards interesting values, random message info
 * words, UTCB contents and capability names. It counts its calls in the page
 * shared with the driver, which un-blocks, resumes or restarts it.
 */
#include "kfuzz.h"

#define FZ_SHARED ((struct fz_shared *)FZ_SHARED_VA)

static const uint32_t edge_values[] = {
	0x7fffffffu, 0x7ffff000u, 0x7ffffffcu, 0x80000000u, 0xfffff000u, 0xffff0000u,
	0xfffffffcu, 0x10000u, 0x3fffffffu, 0x40000000u, 1016, 1017, 1023, 1024, 256, 257,
	4096, 4097, 0x1000000u, 65536, 65537, 0x00100000u,
};

static uint32_t interesting(uint32_t *s, uint32_t sp)
{
	uint32_t r = xorshift32(s), v = r >> 8;
	switch (r % 22) {
	case 0: case 1:  return 0;
	case 2:          return 1;
	case 3:          return v % 8;
	case 4: case 5: case 6: case 7:
		return 1 + v % 16;                                   /* capability names */
	case 8:          return 0xffffffffu;
	case 9:          return 0x80000000u + (v & 0x3fffff) * 4;   /* kernel addresses */
	case 10:         return sp - (v % 512) * 4;                 /* own stack */
	case 11:         return (uint32_t)(uintptr_t)fuzz_thread + v % 4096;  /* own code */
	case 12:         return (uint32_t)(uintptr_t)cn_utcb() + v % 4200;    /* UTCB (and beyond) */
	case 13:         return FZ_UNMAPPED + (v & 0xfffff);        /* unmapped */
	case 14:         return edge_values[v % (sizeof(edge_values) / sizeof(edge_values[0]))];
	case 15:         return FZ_SHARED_VA + v % 4096;
	case 16:         return xorshift32(s);
	case 17:         return v & 0xff;
	case 18:         return CN_MSG_INFO(v % 1100, (v >> 12) % 8) | ((v & 0x100) << 8);
	case 19:         return 0u - (v % 16);                      /* small negatives */
	case 20:         return 16 + v % 256;                       /* names beyond the given ones */
	default:         return xorshift32(s) >> (v % 32);
	}
}

static uint32_t pick_call(uint32_t *s)
{
	for (;;) {
		uint32_t r = xorshift32(s) % 100, nr;
		if (r < 62)
			nr = xorshift32(s) % (CN_SYS_LAST_UNPRIVILEGED + 1);  /* unprivileged */
		else if (r < 80)
			nr = CN_SYS_CREATE + xorshift32(s) % (CN_SYS_LAST - CN_SYS_CREATE + 1);
		else if (r < 95)
			nr = xorshift32(s) % 51;
		else
			nr = xorshift32(s);                     /* wild */
		/* calls that block until someone else acts are kept, but rarer */
		if ((nr == CN_SYS_REPLY_WAIT || nr == CN_SYS_STOP) && xorshift32(s) % 16)
			continue;
		if (nr == CN_SYS_SIGNAL_WAIT && xorshift32(s) % 4)
			continue;
		return nr;
	}
}

/* a load from 'addr' that the driver skips (pc + 4) if it faults */
static inline void probe(uint32_t addr)
{
	uint32_t v;
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	(void)v;
}

uint32_t fuzz_thread(uint32_t idx)
{
	struct fz_thread *t = &FZ_SHARED->t[idx];
	struct cn_utcb *u = cn_utcb();
	uint32_t s = t->rng;
	uint32_t marker;
	uint32_t sp = (uint32_t)(uintptr_t)&marker;
	while (t->calls < t->quota) {
		uint32_t nr = pick_call(&s);
		uint32_t a[7];
		for (int i = 0; i < 7; i++)
			a[i] = interesting(&s, sp);
		if ((nr == CN_SYS_CALL || nr == CN_SYS_REPLY_WAIT) && xorshift32(&s) % 2)
			a[1] = CN_MSG_INFO(xorshift32(&s) % 8, 0);   /* fast-path sized */
		if (nr == CN_SYS_PRINT && a[0] < 0x40000000u && a[1] != 0)
			a[1] = 0;      /* readable memory would print garbage: test the length 0 path */
		uint32_t r = xorshift32(&s);
		if (r % 4 == 0)
			for (int i = 0; i < CN_MSG_CAPS_MAX; i++)
				u->caps[i] = interesting(&s, sp);
		if (r % 8 == 1) {
			uint32_t n = xorshift32(&s) % 64;
			for (uint32_t i = 0; i < n; i++)
				u->msg[xorshift32(&s) % CN_MSG_WORDS_MAX] = interesting(&s, sp);
		}
		if (r % 64 == 2)
			u->thread_id = xorshift32(&s);
		if (r % 1024 == 3) {
			t->rng = s;
			t->probes++;
			probe(interesting(&s, sp));
			continue;
		}
		t->rng = s;
		t->calls++;
		t->in_call = nr + 1 ? nr + 1 : 1;
		struct cn_sysret ret = cn_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
		t->in_call = 0;
		if (nr >= CN_SYS_CREATE && nr <= CN_SYS_LAST) {
			if (ret.err == CN_ERR_DENIED) {
				t->denied++;
			} else {
				t->bad_nr = nr;
				t->bad_err = (uint32_t)ret.err;
				t->bad++;
			}
		} else if (nr > CN_SYS_LAST_UNPRIVILEGED && ret.err != CN_ERR_NOSYS) {
			t->bad_nr = nr;            /* an unknown call must be refused as such */
			t->bad_err = (uint32_t)ret.err;
			t->bad++;
		}
	}
	t->done = 1;
	return 0;
}
