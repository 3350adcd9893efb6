/* SPDX-License-Identifier: MIT */
/*
 * The Platform service (<cn/session/platform.h>): a session per driver,
 * its devices chosen by the policy for its label, DMA buffers paid from
 * its quota, and everything given back when it closes.
 */
#include <cn/sys.h>
#include <cn/session/pd.h>
#include <cn/session/platform.h>
#include <cn/session/rm.h>
#include <cn/session/quota.h>
#include <cn/util/args.h>
#include <cn/util/format.h>
#include <cn/util/string.h>
#include "platform.h"
#include "board.h"

#define PAGE 4096u
#define DMA_MAX (256u << 20)

struct pf_dma {
	struct pf_dma *next;
	uint32_t       ds, badge, bytes, bus;
};

static const char *label(struct pf_session *s) { return cn_server_session_of(s)->label; }

static uint32_t ram_used(void)
{
	uint32_t u = 0;
	cn_pd_quota(cn_env()->pd, CN_PD_RAM_USED, &u);
	return u;
}

/* the device handle: index + 1, of a device this session owns */
static int owned(struct pf_session *s, uint32_t dev, uint32_t *i)
{
	if (!dev || dev > pf_devs.count || pf_state[dev - 1].owner != s)
		return CN_ERR_NOT_FOUND;
	*i = dev - 1;
	return 0;
}

static bool allowed(struct pf_session *s, uint32_t i)
{
	return s->policy && (s->policy->devices & (1ull << i));
}

/* ------------------------------------------------------------ listing */
static int list_text(struct pf_session *s, char *buf, uint32_t size)
{
	int n = cn_snprintf(buf, size, "<devices board=\"%s\">\n", pf_devs.board);
	for (uint32_t i = 0; i < pf_devs.count; i++) {
		const struct pf_device *d = &pf_devs.dev[i];
		if (!allowed(s, i))
			continue;
#define PUT(...) n += cn_snprintf(buf ? buf + n : NULL, buf ? size - (uint32_t)n : 0, __VA_ARGS__)
		PUT("\t<device name=\"%s\">\n", d->name);
		for (uint32_t k = 0; k < d->ncompat; k++)
			PUT("\t\t<compatible name=\"%s\"/>\n", d->compatible[k]);
		for (uint32_t k = 0; k < d->nranges; k++)
			PUT("\t\t<io_mem base=\"0x%08x\" size=\"0x%x\"/>\n", (unsigned)d->range[k].base,
			    (unsigned)d->range[k].size);
		for (uint32_t k = 0; k < d->nirqs; k++)
			PUT("\t\t<irq number=\"%u\"/>\n", (unsigned)d->irq[k]);
		PUT("\t</device>\n");
	}
	PUT("</devices>\n");
#undef PUT
	return n;
}

static int op_devices(void *ctx, cn_cap_t *r)
{
	struct pf_session *s = ctx;
	if (s->dma_only)
		return CN_ERR_DENIED;
	if (!s->list_ds) {
		uint32_t bytes = ((uint32_t)list_text(s, NULL, 0) + 1 + PAGE - 1) & ~(PAGE - 1);
		int err = cn_server_charge(s, bytes + CN_DS_RAM_META, 1);
		if (err)
			return err;
		uint32_t ds;
		char *p = cn_ram_alloc_attach(bytes, 0, &ds);
		if (!p) {
			cn_server_release(s, bytes + CN_DS_RAM_META, 1);
			return CN_ERR_EXHAUSTED;
		}
		list_text(s, p, bytes);
		cn_rm_detach(cn_env()->rm, (uint32_t)(uintptr_t)p);
		s->list_ds = ds;
	}
	r->name = s->list_ds;
	return 0;
}

/* ------------------------------------------------------------ devices */
static int op_acquire(void *ctx, const char *name, uint32_t *r)
{
	struct pf_session *s = ctx;
	if (s->dma_only) {
		cn_log("\"%s\" asks for \"%s\" in a dma_only session: denied", label(s), name);
		return CN_ERR_DENIED;
	}
	int i = pf_device_find(&pf_devs, name);
	if (i < 0 || !allowed(s, (uint32_t)i)) {
		cn_log("\"%s\" may not use a device \"%s\": denied", label(s), name);
		return CN_ERR_DENIED;
	}
	int err = pf_acquire(s, (uint32_t)i);
	if (err == CN_ERR_CONFLICT) {
		cn_log("\"%s\" asks for \"%s\", which \"%s\" has: conflict", label(s), name,
		       label(pf_state[i].owner));
		return err;
	}
	if (err)
		return err;
	cn_log("\"%s\" acquired \"%s\"", label(s), name);
	*r = (uint32_t)i + 1;
	return 0;
}

static int op_release(void *ctx, uint32_t dev)
{
	struct pf_session *s = ctx;
	uint32_t i;
	int err = owned(s, dev, &i);
	if (err)
		return err;
	pf_release(s, i);
	cn_log("\"%s\" released \"%s\"", label(s), pf_devs.dev[i].name);
	return 0;
}

static int op_io_mem(void *ctx, uint32_t dev, uint32_t index, cn_cap_t *r)
{
	uint32_t i, offset;
	int err = owned(ctx, dev, &i);
	return err ? err : pf_range_ds(i, index, &r->name, &offset);
}

static int op_io_mem_offset(void *ctx, uint32_t dev, uint32_t index, uint32_t *r)
{
	uint32_t i, ds;
	int err = owned(ctx, dev, &i);
	return err ? err : pf_range_ds(i, index, &ds, r);
}

static int op_io_mem_size(void *ctx, uint32_t dev, uint32_t index, uint32_t *r)
{
	uint32_t i;
	int err = owned(ctx, dev, &i);
	if (err)
		return err;
	if (index >= pf_devs.dev[i].nranges)
		return CN_ERR_NOT_FOUND;
	*r = pf_devs.dev[i].range[index].size;
	return 0;
}

static int op_irq(void *ctx, uint32_t dev, uint32_t index, cn_cap_t *r)
{
	uint32_t i;
	int err = owned(ctx, dev, &i);
	if (err)
		return err;
	if (index >= pf_devs.dev[i].nirqs)
		return CN_ERR_NOT_FOUND;
	r->name = pf_state[i].irq[index];
	return 0;
}

/* ------------------------------------------------------------ DMA */
static int op_alloc_dma(void *ctx, uint32_t size, cn_cap_t *r)
{
	struct pf_session *s = ctx;
	if (!size || size > DMA_MAX)
		return CN_ERR_INVALID;
	uint32_t bytes = (size + PAGE - 1) & ~(PAGE - 1);
	uint32_t ram = bytes + CN_PLATFORM_DMA_RAM_META;
	int err = cn_server_charge(s, ram, 1);
	if (err) {
		struct cn_quota *q = &cn_server_session_of(s)->quota;
		cn_log("\"%s\": a DMA buffer of %u bytes needs %u bytes of session quota, %u "
		       "left: %s (upgrade the session)", label(s), (unsigned)size, (unsigned)ram,
		       (unsigned)cn_quota_ram_avail(q), cn_strerror(err));
		return err;
	}
	struct pf_dma *b = cn_calloc(1, sizeof(*b));
	cn_cap_t ds = { 0 };
	uint32_t type, phys = 0, before = ram_used();
	err = b ? cn_pd_alloc(cn_env()->pd, bytes, CN_DS_UNCACHED, &ds) : CN_ERR_EXHAUSTED;
	if (!err)
		err = cn_pd_dma_addr(cn_env()->pd, ds, &phys);
	if (!err)
		err = cn_sys_cap_identify(ds.name, &type, &b->badge);
	if (err) {
		if (ds.name)
			cn_pd_free(cn_env()->pd, ds);
		cn_free(b);
		cn_server_release(s, ram, 1);
		return err;
	}
	b->ds = ds.name;
	b->bytes = bytes;
	b->bus = platform_board_bus_addr(phys);
	b->next = s->dma;
	s->dma = b;
	s->dma_bytes += bytes;
	cn_log("\"%s\": DMA buffer of %u bytes at bus address 0x%08x; platform RAM used %u -> %u",
	       label(s), (unsigned)bytes, (unsigned)b->bus, (unsigned)before,
	       (unsigned)ram_used());
	r->name = ds.name;
	return 0;
}

static struct pf_dma **find_dma(struct pf_session *s, cn_cap_t ds)
{
	uint32_t type, badge;
	if (cn_sys_cap_identify(ds.name, &type, &badge))
		return NULL;
	for (struct pf_dma **p = &s->dma; *p; p = &(*p)->next)
		if ((*p)->badge == badge)
			return p;
	return NULL;
}

static int op_dma_addr(void *ctx, cn_cap_t ds, uint32_t *r)
{
	struct pf_dma **p = find_dma(ctx, ds);
	if (!p)
		return CN_ERR_NOT_FOUND;
	*r = (*p)->bus;
	return 0;
}

static void free_dma(struct pf_session *s, struct pf_dma **p)
{
	struct pf_dma *b = *p;
	*p = b->next;
	cn_pd_free(cn_env()->pd, (cn_cap_t){ b->ds });   /* unmapped everywhere */
	cn_sys_cap_drop(b->ds);
	cn_server_release(s, b->bytes + CN_PLATFORM_DMA_RAM_META, 1);
	s->dma_bytes -= b->bytes;
	cn_free(b);
}

static int op_free_dma(void *ctx, cn_cap_t ds)
{
	struct pf_dma **p = find_dma(ctx, ds);
	if (!p)
		return CN_ERR_NOT_FOUND;
	free_dma(ctx, p);
	return 0;
}

static const struct cn_platform_ops ops = {
	.devices = op_devices, .acquire = op_acquire, .release = op_release,
	.io_mem = op_io_mem, .io_mem_offset = op_io_mem_offset, .io_mem_size = op_io_mem_size,
	.irq = op_irq, .alloc_dma = op_alloc_dma, .dma_addr = op_dma_addr,
	.free_dma = op_free_dma,
};

/* ------------------------------------------------------------ sessions */
static int opened(void *ctx, const char *args, void *state)
{
	struct pf_session *s = state;
	char l[PF_LABEL_MAX];
	(void)ctx;
	if (cn_args_str(args, "label", l, sizeof(l)) < 0)
		l[0] = 0;
	s->policy = pf_policy_match(&pf_cfg, l);
	if (!s->policy) {
		cn_log("no policy for \"%s\": session refused", l);
		return CN_ERR_DENIED;
	}
	unsigned long dma_only = 0;
	int err = cn_args_ulong(args, "dma_only", &dma_only);
	if ((err && err != CN_ERR_NOT_FOUND) || dma_only > 1)
		return CN_ERR_ARGS;
	s->dma_only = dma_only == 1;
	return 0;
}

static void closed(void *ctx, void *state)
{
	struct pf_session *s = state;
	uint32_t devices = 0, buffers = 0, bytes = s->dma_bytes;
	(void)ctx;
	for (uint32_t i = 0; i < pf_devs.count; i++)
		if (pf_state[i].owner == s) {
			pf_release_later(s, i);
			devices++;
		}
	while (s->dma) {
		free_dma(s, &s->dma);
		buffers++;
	}
	if (s->list_ds) {
		cn_pd_free(cn_env()->pd, (cn_cap_t){ s->list_ds });
		cn_sys_cap_drop(s->list_ds);
	}
	cn_log("session of \"%s\" closed: %u devices released, %u DMA buffers (%u bytes) freed; "
	       "platform RAM used %u", label(s), (unsigned)devices, (unsigned)buffers,
	       (unsigned)bytes, (unsigned)ram_used());
}

struct cn_service pf_service = {
	.name = CN_PLATFORM_SERVICE, .session_size = sizeof(struct pf_session),
	.ram_cost = 1024, .cap_cost = 1,
	.dispatch = cn_platform_dispatch_any, .ops = &ops, .create = opened, .close = closed,
};
