/* SPDX-License-Identifier: MIT */
/*
 * Kernel tests: page faults resolved by the pager and unresolved, every
 * exception type, and a kernel address touched from user mode.
 */
#include "ktest.h"

#define HOLE 0x30000000u

static uint32_t child_read(uint32_t addr)
{
	return *(volatile uint32_t *)(uintptr_t)addr;
}

int test_fault_resolved(void)
{
	struct kt_pd a;
	struct cn_fault f;
	uint32_t t = spawn(&a, "reader", child_read, HOLE + 8, 5, 0, 0, 1);
	CHECK(t);
	CHECK_EQ(kt_wait(env.recv, env.tmo, 1000000, 0), 1);
	CHECK_EQ(cn_sys_thread_fault(t, &f), CN_OK);
	CHECK_EQ(f.type, CN_FAULT_PAGE_READ);
	CHECK_EQ(f.addr, HOLE + 8);
	/* resolve: map a page holding the answer, resume */
	uint32_t pa = kt_map(&a, HOLE, 1, CN_MAP_WRITE, 0);
	CHECK(pa);
	((volatile uint32_t *)kt_va(pa))[2] = 0xc0ffee;
	CHECK_EQ(cn_sys_thread_resume(t), CN_OK);
	CHECK_EQ(wait_stop(t, 1, &f), 0xc0ffee);
	CHECK_EQ(f.type, CN_FAULT_STOP);
	kt_pd_destroy(&a);
	return 0;
}

static uint32_t child_write(uint32_t addr)
{
	*(volatile uint32_t *)(uintptr_t)addr = 1;
	return 0;
}

static int expect_fault(kt_fn fn, uint32_t arg, uint32_t type, uint32_t addr, bool check_addr)
{
	struct kt_pd a;
	struct cn_fault f;
	uint32_t t = spawn(&a, "faulter", fn, arg, 5, 0, 0, 1);
	CHECK(t);
	CHECK_EQ(kt_wait(env.recv, env.tmo, 1000000, 0), 1);
	CHECK_EQ(cn_sys_thread_fault(t, &f), CN_OK);
	CHECK_EQ(f.type, type);
	if (check_addr)
		CHECK_EQ(f.addr, addr);
	/* unresolvable: the pager gives up on the PD; the system goes on */
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	CHECK_EQ(cn_sys_thread_fault(t, &f), CN_ERR_CAP);
	return 0;
}

int test_fault_unresolved(void)
{
	return expect_fault(child_write, HOLE + 0x10, CN_FAULT_PAGE_WRITE, HOLE + 0x10, true);
}

static uint32_t child_undef(uint32_t arg)
{
	(void)arg;
	__asm__ volatile(".word 0xe7f000f0");   /* permanently undefined */
	return 0;
}

int test_exc_undef(void)
{
	return expect_fault(child_undef, 0, CN_FAULT_UNDEF, 0, false);
}

static uint32_t child_jump(uint32_t addr)
{
	((void (*)(void))(uintptr_t)addr)();
	return 0;
}

int test_exc_prefetch(void)
{
	return expect_fault(child_jump, HOLE, CN_FAULT_PAGE_EXEC, HOLE, true);
}

int test_exc_write_ro(void)
{
	/* the code is mapped read-only */
	uint32_t code = (uint32_t)(uintptr_t)child_write;
	return expect_fault(child_write, code, CN_FAULT_PAGE_WRITE, code, true);
}

static uint32_t child_align(uint32_t arg)
{
	(void)arg;
	static uint32_t words[4];
	uint32_t a = (uint32_t)(uintptr_t)words + 1, x, y;
	__asm__ volatile("ldm %2, {%0, %1}" : "=r"(x), "=r"(y) : "r"(a) : "memory");
	return x + y;
}

int test_exc_align(void)
{
	return expect_fault(child_align, 0, CN_FAULT_ALIGN, 0, false);
}

int test_exc_kernel_addr(void)
{
	return expect_fault(child_read, 0x80001000u, CN_FAULT_PAGE_READ, 0x80001000u, true);
}

/* CN_SYS_THREAD_REGS write: a privileged mode in cpsr is refused
 * (CN_ERR_INVALID) and changes nothing; user mode with flags is taken */
int test_thread_regs_mode(void)
{
	static const uint32_t privileged[] = { 0x11, 0x12, 0x13, 0x16, 0x17, 0x1a, 0x1b, 0x1f, 0x00 };
	struct kt_pd a;
	struct cn_fault f;
	uint32_t *m = cn_utcb()->msg;
	uint32_t t = spawn(&a, "regs", child_read, HOLE + 4, 5, 0, 0, 1);
	CHECK(t);
	CHECK_EQ(kt_wait(env.recv, env.tmo, 1000000, 0), 1);
	CHECK_EQ(cn_sys_thread_fault(t, &f), CN_OK);
	CHECK_EQ(f.type, CN_FAULT_PAGE_READ);
	CHECK_EQ(cn_sys_thread_regs(t, 0), CN_OK);
	uint32_t r0 = m[0], cpsr = m[16];
	CHECK_EQ(cpsr & 0x1f, 0x10u);
	for (unsigned i = 0; i < sizeof(privileged) / sizeof(privileged[0]); i++) {
		CHECK_EQ(cn_sys_thread_regs(t, 0), CN_OK);
		m[0] = r0 + 1;
		m[16] = (cpsr & ~0x1fu) | privileged[i];
		CHECK_EQ(cn_sys_thread_regs(t, 1), CN_ERR_INVALID);
		CHECK_EQ(cn_sys_thread_regs(t, 0), CN_OK);
		CHECK_EQ(m[0], r0);        /* nothing was written */
		CHECK_EQ(m[16], cpsr);
	}
	/* user mode: taken, with the condition flags asked for */
	m[16] = 0x80000010u;
	CHECK_EQ(cn_sys_thread_regs(t, 1), CN_OK);
	CHECK_EQ(cn_sys_thread_regs(t, 0), CN_OK);
	CHECK_EQ(m[16], 0x80000010u);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	return 0;
}
