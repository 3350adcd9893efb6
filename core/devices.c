/* SPDX-License-Identifier: MIT */
/*
 * Core's ROM, IRQ, IO_MEM and LOG services. ROM modules are the boot
 * modules (read-only dataspaces); each interrupt and each MMIO range
 * belongs to at most one session at a time; LOG lines carry the label.
 */
#include <cn/session/rom.h>
#include <cn/session/irq.h>
#include <cn/session/io_mem.h>
#include <cn/session/log.h>
#include <cn/session/pd.h>
#include <cn/util/args.h>
#include <cn/util/string.h>
#include "core.h"

/* ------------------------------------------------------------------ ROM */
static struct rom_module roms[CN_BOOTINFO_MAX_MODULES];
static uint32_t nroms;
static char rom_names[CN_BOOTINFO_MAX_MODULES][CN_BOOTINFO_NAME_MAX + 1];

void rom_init(const struct cn_bootinfo *bi)
{
	for (uint32_t i = 0; i < bi->nr_modules && i < CN_BOOTINFO_MAX_MODULES; i++) {
		cn_strlcpy(rom_names[nroms], bi->modules[i].name, sizeof(rom_names[0]));
		roms[nroms].name = rom_names[nroms];
		if (ds_create_rom(&roms[nroms].ds, bi->modules[i].phys, bi->modules[i].size))
			continue;
		nroms++;
	}
}

struct rom_module *rom_find(const char *name)
{
	for (uint32_t i = 0; i < nroms; i++)
		if (!cn_strcmp(roms[i].name, name))
			return &roms[i];
	return 0;
}

struct rom_session { struct session s; struct rom_module *m; };

static int rom_ds(void *ctx, cn_cap_t *r)
{
	r->name = ((struct rom_session *)ctx)->m->ds.obj.kcap;
	return 0;
}

static int rom_size(void *ctx, uint32_t *r)
{
	*r = ((struct rom_session *)ctx)->m->ds.size;
	return 0;
}

static int rom_sigh(void *ctx, cn_cap_t c)
{
	(void)ctx; (void)c;
	return CN_OK;                         /* boot modules never change */
}

static const struct cn_rom_ops rom_ops = { .dataspace = rom_ds, .size = rom_size, .sigh = rom_sigh };

static int rom_create(struct session *s, const char *args)
{
	(void)args;
	struct rom_session *rs = cn_container_of(s, struct rom_session, s);
	rs->m = rom_find(label_last(s->label));
	return rs->m ? CN_OK : CN_ERR_NOT_FOUND;
}

static void nothing(struct session *s) { (void)s; }

const struct service svc_rom = {
	"ROM", sizeof(struct rom_session), rom_create, nothing, cn_rom_dispatch_any, &rom_ops,
};

/* ------------------------------------------------------------------ IRQ */
#define MAX_IRQ 1024
static uint32_t irq_owned[MAX_IRQ / 32];

struct irq_session { struct session s; uint32_t irq, kirq, mem, sigh; };

static int irq_ack(void *ctx)
{
	struct irq_session *is = ctx;
	return is->kirq ? cn_sys_irq_ack(is->kirq) : CN_ERR_STATE;
}

static int irq_sigh(void *ctx, cn_cap_t c)
{
	struct irq_session *is = ctx;
	if (is->kirq)
		return CN_ERR_BUSY;               /* one handler per session */
	if (cn_quota_charge(&is->s.acc, CN_SIGNAL_RAM, 0))
		return CN_ERR_QUOTA_RAM;
	is->mem = kmem_alloc(CN_OBJ_MEM_IRQ);
	int err = is->mem ? cn_sys_create(CN_OBJ_IRQ, is->mem, is->irq, c.name, 0, &is->kirq)
	                  : CN_ERR_EXHAUSTED;
	if (err) {
		if (is->mem)
			kmem_free(is->mem, CN_OBJ_MEM_IRQ);
		is->mem = 0;
		is->kirq = 0;
		cn_quota_release(&is->s.acc, CN_SIGNAL_RAM, 0);
		return err;
	}
	is->sigh = core_keep(c.name);
	return CN_OK;
}

static const struct cn_irq_ops irq_ops = { .ack = irq_ack, .sigh = irq_sigh };

static int irq_create(struct session *s, const char *args)
{
	struct irq_session *is = cn_container_of(s, struct irq_session, s);
	unsigned long n;
	if (cn_args_ulong(args, "irq", &n) || n >= MAX_IRQ)
		return CN_ERR_ARGS;
	if (irq_owned[n / 32] & (1u << (n % 32)))
		return CN_ERR_CONFLICT;
	irq_owned[n / 32] |= 1u << (n % 32);
	is->irq = (uint32_t)n;
	return CN_OK;
}

static void irq_destroy(struct session *s)
{
	struct irq_session *is = cn_container_of(s, struct irq_session, s);
	if (is->kirq) {
		cn_sys_destroy(is->kirq);
		kmem_free(is->mem, CN_OBJ_MEM_IRQ);
		cn_sys_cap_drop(is->sigh);
		cn_quota_release(&s->acc, CN_SIGNAL_RAM, 0);
	}
	irq_owned[is->irq / 32] &= ~(1u << (is->irq % 32));
}

const struct service svc_irq = {
	"IRQ", sizeof(struct irq_session), irq_create, irq_destroy, cn_irq_dispatch_any, &irq_ops,
};

/* ------------------------------------------------------------------ IO_MEM */
struct io_session { struct session s; struct ds ds; struct cn_list_elem elem; };
static struct cn_list io_sessions = { { &io_sessions.head, &io_sessions.head } };

static int io_ds(void *ctx, cn_cap_t *r)
{
	r->name = ((struct io_session *)ctx)->ds.obj.kcap;
	return 0;
}

static const struct cn_io_mem_ops io_ops = { .dataspace = io_ds };

static int io_create(struct session *s, const char *args)
{
	struct io_session *io = cn_container_of(s, struct io_session, s);
	unsigned long base, size;
	char wc[8] = "no";
	if (cn_args_ulong(args, "base", &base) || cn_args_ulong(args, "size", &size) || !size ||
	    base > 0xffffffffu || size > 0x100000000ull - base ||
	    cn_args_str(args, "wc", wc, sizeof(wc)) == CN_ERR_INVALID)
		return CN_ERR_ARGS;
	uint32_t b = (uint32_t)base & ~(CN_PAGE_SIZE - 1);
	uint32_t e = (uint32_t)(base + size + CN_PAGE_SIZE - 1) & ~(CN_PAGE_SIZE - 1);
	if (e == 0)
		e = 0xfffff000u;                  /* the last page */
	if (phys_is_ram(b, e - b))
		return CN_ERR_DENIED;             /* RAM is core's, handed out as dataspaces */
	for (struct cn_list_elem *x = io_sessions.head.next; x != &io_sessions.head; x = x->next) {
		struct io_session *o = cn_container_of(x, struct io_session, elem);
		if (b < o->ds.phys + o->ds.size && o->ds.phys < e)
			return CN_ERR_CONFLICT;
	}
	int err = cn_quota_charge(&s->acc, 0, 1);
	if (err)
		return err;
	err = ds_create_io(&io->ds, b, e - b, !cn_strcmp(wc, "yes") ? CN_MAP_WC : 0);
	if (err) {
		cn_quota_release(&s->acc, 0, 1);
		return err;
	}
	cn_list_insert_tail(&io_sessions, &io->elem);
	return CN_OK;
}

static void io_destroy(struct session *s)
{
	struct io_session *io = cn_container_of(s, struct io_session, s);
	ds_destroy(&io->ds);
	cn_list_remove(&io->elem);
	cn_quota_release(&s->acc, 0, 1);
}

const struct service svc_io_mem = {
	"IO_MEM", sizeof(struct io_session), io_create, io_destroy, cn_io_mem_dispatch_any, &io_ops,
};

/* ------------------------------------------------------------------ LOG */
static int log_write(void *ctx, const char *line)
{
	struct session *s = ctx;
	char buf[CN_PRINT_MAX];
	uint32_t n = 0;
	const char *parts[3] = { "[", s->label, "] " };
	for (int i = 0; i < 3; i++)
		for (const char *p = parts[i]; *p && n < sizeof(buf) - 1; p++)
			buf[n++] = *p;
	for (const char *p = line; *p; p++) {
		if (n == sizeof(buf) - 1) {
			cn_sys_print(buf, n);
			n = 0;
		}
		buf[n++] = (*p == '\n' || (*p >= ' ' && *p < 127)) ? *p : '?';
	}
	if (n && buf[n - 1] != '\n')
		buf[n++] = '\n';
	cn_sys_print(buf, n);
	return CN_OK;
}

static const struct cn_log_session_ops log_ops = { .write = log_write };

static int log_create(struct session *s, const char *args)
{
	(void)s; (void)args;
	return CN_OK;
}

const struct service svc_log = {
	"LOG", sizeof(struct session), log_create, nothing, cn_log_session_dispatch_any, &log_ops,
};
