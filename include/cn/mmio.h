/* SPDX-License-Identifier: MIT */
/*
 * Register descriptions for native drivers: a register layout (offset,
 * width, bit fields) is written down once, as constants, apart from the
 * driver logic that reads, writes, modifies fields and waits for
 * conditions. Header only; host-testable (the base may be plain memory,
 * the time source is the caller's). See doc/mmio.md.
 *
 *   #define UART_FR        CN_REG32(0x18)
 *   #define UART_FR_BUSY   CN_FIELD(UART_FR, 3, 1)     // bit 3
 *   #define UART_LCR_WLEN  CN_FIELD(UART_LCRH, 5, 2)   // bits 5..6
 *
 *   struct cn_mmio uart = { base };
 *   cn_mmio_write_field(&uart, UART_LCR_WLEN, 3);      // read, modify, write
 *   int err = cn_mmio_wait(&uart, UART_FR_BUSY, 0, 1000, &clock);
 *
 * Every access is ordered like Linux's readl/writel: a write is preceded
 * and a read followed by a full barrier, so descriptors written to DMA
 * memory are visible before the doorbell write that announces them.
 */
#ifndef CN_MMIO_H
#define CN_MMIO_H

#include <stdint.h>
#include <cn/errors.h>

struct cn_mmio {
	volatile uint8_t *base;   /* the register block as mapped */
};

/* a register: byte offset and width in bits (8, 16 or 32) */
struct cn_reg {
	uint32_t off;
	uint32_t width;
};

/* a bit field of a register: 'bits' bits from bit 'shift' */
struct cn_field {
	struct cn_reg reg;
	uint32_t      shift;
	uint32_t      bits;
};

#define CN_REG8(o)   ((struct cn_reg){ (o), 8 })
#define CN_REG16(o)  ((struct cn_reg){ (o), 16 })
#define CN_REG32(o)  ((struct cn_reg){ (o), 32 })
/* element i of an array of registers 'stride' bytes apart */
#define CN_REG_AT(r, i, stride) ((struct cn_reg){ (r).off + (uint32_t)(i) * (stride), (r).width })
#define CN_FIELD(r, shift, bits) ((struct cn_field){ r, (shift), (bits) })
/* the whole register as a field (for cn_mmio_wait on a value) */
#define CN_FIELD_ALL(r) ((struct cn_field){ r, 0, (r).width })

static inline void cn_mmio_barrier(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }

static inline uint32_t cn_field_mask(struct cn_field f)
{
	return (f.bits >= 32 ? 0xffffffffu : ((1u << f.bits) - 1u)) << f.shift;
}

/* the field's value in a register value, and a register value with the field replaced */
static inline uint32_t cn_field_get(struct cn_field f, uint32_t reg)
{
	return (reg & cn_field_mask(f)) >> f.shift;
}

static inline uint32_t cn_field_set(struct cn_field f, uint32_t reg, uint32_t v)
{
	uint32_t m = cn_field_mask(f);
	return (reg & ~m) | ((v << f.shift) & m);
}

static inline uint32_t cn_mmio_read(const struct cn_mmio *m, struct cn_reg r)
{
	uint32_t v;
	volatile uint8_t *a = m->base + r.off;
	if (r.width == 8)
		v = *a;
	else if (r.width == 16)
		v = *(volatile uint16_t *)(void *)a;
	else
		v = *(volatile uint32_t *)(void *)a;
	cn_mmio_barrier();
	return v;
}

static inline void cn_mmio_write(const struct cn_mmio *m, struct cn_reg r, uint32_t v)
{
	volatile uint8_t *a = m->base + r.off;
	cn_mmio_barrier();
	if (r.width == 8)
		*a = (uint8_t)v;
	else if (r.width == 16)
		*(volatile uint16_t *)(void *)a = (uint16_t)v;
	else
		*(volatile uint32_t *)(void *)a = v;
}

static inline uint32_t cn_mmio_read_field(const struct cn_mmio *m, struct cn_field f)
{
	return cn_field_get(f, cn_mmio_read(m, f.reg));
}

/* read, modify the field, write back (other bits unchanged) */
static inline void cn_mmio_write_field(const struct cn_mmio *m, struct cn_field f, uint32_t v)
{
	cn_mmio_write(m, f.reg, cn_field_set(f, cn_mmio_read(m, f.reg), v));
}

/* The caller's time source for waits: now_us() returns microseconds of a
 * monotonic clock; relax() (optional) runs between polls (yield, sleep). */
struct cn_mmio_clock {
	uint64_t (*now_us)(void *ctx);
	void     (*relax)(void *ctx);
	void      *ctx;
};

/* Poll until the field equals value: 0, or CN_ERR_BUSY if it still does
 * not after timeout_us (the register is read once more after the time is
 * up, so a slow poll never reports a timeout for a condition that holds). */
static inline int cn_mmio_wait(const struct cn_mmio *m, struct cn_field f, uint32_t value,
                               uint64_t timeout_us, const struct cn_mmio_clock *c)
{
	uint64_t start = c->now_us(c->ctx);
	for (;;) {
		int late = c->now_us(c->ctx) - start >= timeout_us;
		if (cn_mmio_read_field(m, f) == value)
			return 0;
		if (late)
			return CN_ERR_BUSY;
		if (c->relax)
			c->relax(c->ctx);
	}
}

/* a clock for components: the kernel's counter (CN_SYS_TIME) in
 * microseconds, relax yields the CPU (lib/base/mmio_clock.c) */
extern const struct cn_mmio_clock cn_mmio_kernel_clock;

#endif
