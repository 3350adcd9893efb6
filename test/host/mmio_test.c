/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the register-description helper (cn/mmio.h) on plain
 * memory: widths and offsets, array registers, field extraction and
 * read-modify-write that leaves other bits alone, and waits with a fake
 * clock: a condition that comes true in time, one that never does (the
 * timeout is measured on the caller's clock), and a condition that holds
 * at the deadline.
 */
#include <string.h>
#include <stdint.h>
#include <cn/mmio.h>
#include "check.h"

#define R_CTRL    CN_REG32(0x00)
#define R_BYTE    CN_REG8(0x05)
#define R_HALF    CN_REG16(0x06)
#define R_QUEUE   CN_REG32(0x10)           /* array: 4 registers, 8 bytes apart */
#define F_ENABLE  CN_FIELD(R_CTRL, 0, 1)
#define F_MODE    CN_FIELD(R_CTRL, 4, 3)
#define F_TOP     CN_FIELD(R_CTRL, 24, 8)
#define F_BUSY    CN_FIELD(R_HALF, 15, 1)

static union { uint32_t w[16]; uint8_t b[64]; } regs;

static void access(void)
{
	struct cn_mmio m = { regs.b };
	memset(&regs, 0, sizeof(regs));
	cn_mmio_write(&m, R_CTRL, 0x12345678);
	CN_CHECK_EQ(regs.w[0], 0x12345678u);
	CN_CHECK_EQ(cn_mmio_read(&m, R_CTRL), 0x12345678u);
	cn_mmio_write(&m, R_BYTE, 0x1ab);               /* 8 bits only */
	CN_CHECK_EQ(regs.b[5], 0xabu);
	CN_CHECK_EQ(regs.b[4], 0u);
	CN_CHECK_EQ(regs.b[6], 0u);
	cn_mmio_write(&m, R_HALF, 0xfffff00d);          /* 16 bits only */
	CN_CHECK_EQ(cn_mmio_read(&m, R_HALF), 0xf00du);
	CN_CHECK_EQ(regs.b[8], 0u);
	CN_CHECK_EQ(cn_mmio_read(&m, R_BYTE), 0xabu);
	for (int i = 0; i < 4; i++)
		cn_mmio_write(&m, CN_REG_AT(R_QUEUE, i, 8), 100u + (uint32_t)i);
	CN_CHECK_EQ(regs.w[4], 100u);
	CN_CHECK_EQ(regs.w[5], 0u);
	CN_CHECK_EQ(regs.w[10], 103u);
}

static void fields(void)
{
	struct cn_mmio m = { regs.b };
	memset(&regs, 0, sizeof(regs));
	regs.w[0] = 0xa5a5a5a5u;
	CN_CHECK_EQ(cn_mmio_read_field(&m, F_ENABLE), 1u);
	CN_CHECK_EQ(cn_mmio_read_field(&m, F_MODE), 2u);       /* bits 4..6 of 0xa5 = 010 */
	CN_CHECK_EQ(cn_mmio_read_field(&m, F_TOP), 0xa5u);
	cn_mmio_write_field(&m, F_MODE, 7);
	CN_CHECK_EQ(regs.w[0], 0xa5a5a5f5u);
	cn_mmio_write_field(&m, F_MODE, 0x18);                  /* too wide: masked */
	CN_CHECK_EQ(regs.w[0], 0xa5a5a585u);
	cn_mmio_write_field(&m, F_ENABLE, 0);
	CN_CHECK_EQ(regs.w[0], 0xa5a5a584u);
	cn_mmio_write_field(&m, F_TOP, 0x3c);
	CN_CHECK_EQ(regs.w[0], 0x3ca5a584u);
	CN_CHECK_EQ(cn_field_mask(CN_FIELD_ALL(R_CTRL)), 0xffffffffu);
	CN_CHECK_EQ(cn_field_get(F_TOP, 0xff000000u), 0xffu);
	CN_CHECK_EQ(cn_field_set(F_ENABLE, 0xfffffffeu, 1), 0xffffffffu);
}

/* a fake clock: every poll advances time by 'step' us; the device clears
 * its busy bit at 'ready_at' */
struct fake { uint64_t now, step, ready_at; uint32_t polls, relaxed; };
static uint64_t fake_now(void *ctx)
{
	struct fake *f = ctx;
	f->polls++;
	if (f->now >= f->ready_at)
		regs.b[7] &= 0x7f;                /* F_BUSY = bit 15 of R_HALF */
	uint64_t t = f->now;
	f->now += f->step;
	return t;
}
static void fake_relax(void *ctx) { ((struct fake *)ctx)->relaxed++; }

static void wait(void)
{
	struct cn_mmio m = { regs.b };
	struct fake f = { 0, 10, 500, 0, 0 };
	struct cn_mmio_clock c = { fake_now, fake_relax, &f };
	memset(&regs, 0, sizeof(regs));
	regs.b[7] = 0x80;
	CN_CHECK_EQ(cn_mmio_wait(&m, F_BUSY, 0, 1000, &c), 0);
	CN_CHECK(f.relaxed > 10);
	CN_CHECK(f.now <= 1000);
	/* never ready: the timeout is the caller's clock's */
	regs.b[7] = 0x80;
	f = (struct fake){ 0, 7, (uint64_t)-1, 0, 0 };
	CN_CHECK_EQ(cn_mmio_wait(&m, F_BUSY, 0, 1000, &c), CN_ERR_BUSY);
	CN_CHECK(f.now >= 1000 && f.now < 1100);
	/* already true: no relax */
	f = (struct fake){ 0, 7, (uint64_t)-1, 0, 0 };
	CN_CHECK_EQ(cn_mmio_wait(&m, F_BUSY, 1, 1000, &c), 0);
	CN_CHECK_EQ(f.relaxed, 0u);
	/* ready exactly at the deadline: not a timeout */
	f = (struct fake){ 0, 100, 1000, 0, 0 };
	CN_CHECK_EQ(cn_mmio_wait(&m, F_BUSY, 0, 1000, &c), 0);
	/* a whole-register value, no relax function */
	regs.w[0] = 5;
	struct cn_mmio_clock c2 = { fake_now, 0, &f };
	f = (struct fake){ 0, 1, (uint64_t)-1, 0, 0 };
	CN_CHECK_EQ(cn_mmio_wait(&m, CN_FIELD_ALL(R_CTRL), 6, 50, &c2), CN_ERR_BUSY);
	CN_CHECK_EQ(cn_mmio_wait(&m, CN_FIELD_ALL(R_CTRL), 5, 50, &c2), 0);
}

int main(void)
{
	cn_test_program = "mmio";
	CN_RUN(access);
	CN_RUN(fields);
	CN_RUN(wait);
	return CN_TEST_RESULT();
}
