/* SPDX-License-Identifier: MIT */
/*
 * The roottask toolkit for kernel tests and benchmarks (see kt.h).
 */
#include <stdarg.h>
#include <cn/elf.h>
#include <cn/page.h>
#include <cn/util/format.h>
#include <cn/util/string.h>
#include "kt.h"

static const struct cn_bootinfo *boot;
static uint32_t next_free, ram_end;
static const struct cn_elf_ehdr *self_elf;
static uint32_t self_phys;

void kt_init(const struct cn_bootinfo *bi)
{
	boot = bi;
	next_free = bi->free_base;
	ram_end = bi->ram_base + bi->ram_size;
	self_phys = bi->modules[0].phys;
	self_elf = kt_va(self_phys);
}

const struct cn_bootinfo *kt_bootinfo(void) { return boot; }

void *kt_va(uint32_t phys)
{
	return (void *)(uintptr_t)(CN_ROOT_RAM_WINDOW + (phys - boot->ram_base));
}

uint32_t kt_alloc(uint32_t size, uint32_t align)
{
	uint32_t p = (next_free + align - 1) & ~(align - 1);
	if (p + size > ram_end || p + size < p) {
		kt_printf("kt: out of memory\n");
		cn_sys_stop();
	}
	next_free = p + size;
	cn_memset(kt_va(p), 0, size);
	return p;
}

static void out(void *ctx, char c)
{
	struct { char buf[CN_PRINT_MAX]; uint32_t n; } *o = ctx;
	o->buf[o->n++] = c;
	if (o->n == sizeof(o->buf) || c == '\n') {
		cn_sys_print(o->buf, o->n);
		o->n = 0;
	}
}

void kt_printf(const char *fmt, ...)
{
	struct { char buf[CN_PRINT_MAX]; uint32_t n; } o;
	o.n = 0;
	va_list ap;
	va_start(ap, fmt);
	cn_vformat(out, &o, fmt, ap);
	va_end(ap);
	if (o.n)
		cn_sys_print(o.buf, o.n);
}

uint32_t kt_sig_recv(void)
{
	uint32_t cap = 0;
	cn_sys_create(CN_OBJ_SIG_RECV, kt_alloc(CN_OBJ_MEM_SIG_RECV, 64), 0, 0, 0, &cap);
	return cap;
}

uint32_t kt_sig_ctx(uint32_t recv, uint32_t imprint)
{
	uint32_t cap = 0;
	cn_sys_create(CN_OBJ_SIG_CTX, kt_alloc(CN_OBJ_MEM_SIG_CTX, 64), recv, imprint, 0, &cap);
	return cap;
}

static int map_with_tables(uint32_t pd, uint32_t va, uint32_t pa, uint32_t pages, uint32_t attr)
{
	for (;;) {
		uint32_t mapped = 0;
		int err = cn_sys_map(pd, va, pa, pages, attr, 0, &mapped);
		if (err != CN_ERR_NEED_PT)
			return err;
		va += mapped * CN_PAGE_SIZE; pa += mapped * CN_PAGE_SIZE; pages -= mapped;
		err = cn_sys_map(pd, va, pa, pages, attr, kt_alloc(1024, 1024), &mapped);
		if (err != CN_ERR_NEED_PT && err != CN_OK)
			return err;
		if (err == CN_OK)
			return CN_OK;
		va += mapped * CN_PAGE_SIZE; pa += mapped * CN_PAGE_SIZE; pages -= mapped;
	}
}

uint32_t kt_map(struct kt_pd *p, uint32_t va, uint32_t pages, uint32_t attr, uint32_t phys)
{
	if (!phys)
		phys = kt_alloc(pages * CN_PAGE_SIZE, CN_PAGE_SIZE);
	if (map_with_tables(p->pd, va, phys, pages, attr))
		return 0;
	return phys;
}

int kt_pd_create(struct kt_pd *p)
{
	cn_memset(p, 0, sizeof(*p));
	uint32_t slots = 256;
	int err = cn_sys_create(CN_OBJ_PD, kt_alloc(CN_OBJ_MEM_PD, 16384),
	                        kt_alloc(slots * CN_CAP_SLOT_SIZE, 64), slots, 0, &p->pd);
	if (err)
		return err;
	/* this program's segments: code shared, data copied */
	const struct cn_elf_phdr *ph = (const void *)((const char *)self_elf + self_elf->phoff);
	for (unsigned i = 0; i < self_elf->phnum; i++) {
		if (ph[i].type != CN_PT_LOAD || !ph[i].memsz)
			continue;
		uint32_t va = ph[i].vaddr & ~0xfffu;
		uint32_t pages = (ph[i].vaddr + ph[i].memsz - va + 0xfff) / 0x1000;
		if (!(ph[i].flags & CN_PF_W)) {
			uint32_t pa = self_phys + (ph[i].offset & ~0xfffu);
			err = map_with_tables(p->pd, va, pa, pages,
			                      (ph[i].flags & CN_PF_X) ? CN_MAP_EXEC : 0);
		} else {
			uint32_t pa = kt_alloc(pages * CN_PAGE_SIZE, CN_PAGE_SIZE);
			cn_memcpy((char *)kt_va(pa) + (ph[i].vaddr - va),
			          (const char *)self_elf + ph[i].offset, ph[i].filesz);
			err = map_with_tables(p->pd, va, pa, pages, CN_MAP_WRITE);
		}
		if (err)
			return err;
	}
	return CN_OK;
}

int kt_pd_destroy(struct kt_pd *p)
{
	for (uint32_t i = 0; i < p->nthreads; i++)
		cn_sys_cap_drop(p->threads[i]);   /* stale after the PD is gone */
	return cn_sys_destroy(p->pd);
}

uint32_t kt_give(struct kt_pd *p, uint32_t cap)
{
	uint32_t name = 0;
	if (cn_sys_cap_give(p->pd, cap, &name))
		return 0;
	return name;
}

extern char kt_thread_entry[];

uint32_t kt_thread(struct kt_pd *p, const char *name, kt_fn fn, uint32_t arg, uint32_t prio,
                   uint32_t pager)
{
	return kt_thread_on(p, name, fn, arg, prio, pager, KT_CPU_ANY);
}

uint32_t kt_thread_on(struct kt_pd *p, const char *name, kt_fn fn, uint32_t arg, uint32_t prio,
                      uint32_t pager, uint32_t cpu)
{
	if (p->nthreads == KT_MAX_THREADS)
		return 0;
	uint32_t i = p->nthreads;
	uint32_t utcb = kt_map(p, KT_UTCB(i), 1, CN_MAP_WRITE, 0);
	if (!utcb || !kt_map(p, KT_STACK_BASE(i), KT_STACK_SIZE / CN_PAGE_SIZE, CN_MAP_WRITE, 0))
		return 0;
	uint32_t t = 0;
	struct cn_utcb *u = cn_utcb();
	cn_memset(u->msg, 0, 16);
	cn_strlcpy((char *)u->msg, name, 16);
	if (cn_sys_create(CN_OBJ_THREAD, kt_alloc(CN_OBJ_MEM_THREAD, 64), p->pd, utcb, KT_UTCB(i), &t))
		return 0;
	if (pager && cn_sys_thread_pager(t, pager))
		return 0;
	if (cn_sys_thread_prio(t, prio))
		return 0;
	if (cpu != KT_CPU_ANY && cn_sys_thread_cpu(t, cpu))
		return 0;
	/* r1 = function (read by kt_thread_entry) */
	if (cn_sys_thread_regs(t, 0))
		return 0;
	u->msg[1] = (uint32_t)(uintptr_t)fn;
	if (cn_sys_thread_regs(t, 1))
		return 0;
	if (cn_sys_thread_start(t, (uint32_t)(uintptr_t)kt_thread_entry,
	                        KT_STACK_BASE(i) + KT_STACK_SIZE, arg))
		return 0;
	p->threads[p->nthreads++] = t;
	return t;
}

uint32_t kt_wait(uint32_t recv, uint32_t tmo_ctx, uint64_t us, uint32_t *count)
{
	uint32_t hz;
	uint64_t now = cn_sys_time(&hz);
	uint64_t deadline = now + us * hz / 1000000u;
	uint32_t imprint = 0, n = 0;
	for (;;) {
		now = cn_sys_time(0);
		if (now >= deadline)
			return KT_TIMEOUT;
		cn_sys_timeout(tmo_ctx, (deadline - now) * 1000000u / hz + 1);
		if (cn_sys_signal_wait(recv, &imprint, &n))
			return KT_TIMEOUT;
		if (imprint != KT_TIMEOUT)
			break;
		/* a timeout from an earlier wait, or ours: the loop tells */
	}
	cn_sys_timeout(tmo_ctx, 0);
	if (count)
		*count = n;
	return imprint;
}

int kt_regs(uint32_t thread, uint32_t regs[17])
{
	int err = cn_sys_thread_regs(thread, 0);
	if (!err)
		cn_memcpy(regs, cn_utcb()->msg, 17 * 4);
	return err;
}
