/* SPDX-License-Identifier: MIT */
/*
 * Acquiring and releasing devices: core's IO_MEM sessions for the pages
 * of the device's MMIO ranges (shared by devices whose ranges lie in the
 * same pages, e.g. eight virtio-mmio slots to a page), an IRQ session per
 * interrupt, the board's domain hooks, and the session's quota for all of
 * it. Releasing stops the device first (stop.c), closes the IRQ sessions
 * (the kernel masks the line), and the
 * last user of a page closes its IO_MEM session (core unmaps it from every
 * address space).
 *
 * Closing core's sessions goes through our parent. When a session of ours
 * closes because our parent closes it (the client's end, or cn_close), the
 * parent waits for our answer, so calling it then would deadlock: the
 * device is marked 'releasing' and its core sessions are closed by a signal
 * we send ourselves, right after the answer (or at once when someone
 * acquires the device before that).
 */
#include <cn/sys.h>
#include <cn/session/io_mem.h>
#include <cn/session/irq.h>
#include <cn/session/rom.h>
#include <cn/util/format.h>
#include "platform.h"
#include "board.h"

#define PAGE 4096u

struct io_page {
	uint32_t base, size;     /* page aligned; size 0: free slot */
	uint32_t refs;
	uint32_t session, ds;    /* core's IO_MEM session and its dataspace */
};

static struct io_page pages[PF_DEVICES_MAX * PF_RANGES_MAX];

static void cover(const struct pf_range *r, uint32_t *base, uint32_t *size)
{
	uint64_t b = r->base & ~(uint64_t)(PAGE - 1);
	uint64_t e = ((uint64_t)r->base + r->size + PAGE - 1) & ~(uint64_t)(PAGE - 1);
	*base = (uint32_t)b;
	*size = (uint32_t)(e - b);
}

/* a reference to the IO_MEM session of r's pages: its slot + 1, or an error */
static int page_get(const struct pf_range *r, uint32_t *slot)
{
	uint32_t base, size;
	cover(r, &base, &size);
	struct io_page *free = NULL;
	for (uint32_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		struct io_page *p = &pages[i];
		if (p->size && p->base == base && p->size == size) {
			p->refs++;
			*slot = i + 1;
			return 0;
		}
		if (!p->size && !free)
			free = p;
	}
	if (!free)
		return CN_ERR_EXHAUSTED;
	char args[128];
	cn_snprintf(args, sizeof(args), "base=0x%x, size=0x%x, ram_quota=%u, cap_quota=%u",
	            (unsigned)base, (unsigned)size, PF_IO_MEM_RAM, PF_IO_MEM_CAPS);
	int err = cn_connect("IO_MEM", args, &free->session);
	cn_cap_t ds = { 0 };
	if (!err && (err = cn_io_mem_dataspace(free->session, &ds)))
		cn_close(free->session);
	if (err)
		return err;
	free->base = base;
	free->size = size;
	free->refs = 1;
	free->ds = ds.name;
	*slot = (uint32_t)(free - pages) + 1;
	return 0;
}

static void page_put(uint32_t slot)
{
	struct io_page *p = &pages[slot - 1];
	if (--p->refs)
		return;
	cn_close(p->session);         /* core unmaps the pages everywhere */
	cn_sys_cap_drop(p->ds);
	p->size = 0;
}

int pf_range_ds(uint32_t i, uint32_t r, uint32_t *ds, uint32_t *offset)
{
	const struct pf_device *d = &pf_devs.dev[i];
	if (r >= d->nranges || !pf_state[i].page[r])
		return CN_ERR_NOT_FOUND;
	const struct io_page *p = &pages[pf_state[i].page[r] - 1];
	*ds = p->ds;
	*offset = d->range[r].base - p->base;
	return 0;
}

static void cost(const struct pf_device *d, uint32_t *ram, uint32_t *caps)
{
	*ram = d->nranges * PF_IO_MEM_RAM + d->nirqs * PF_IRQ_RAM;
	*caps = d->nranges * PF_IO_MEM_CAPS + d->nirqs * PF_IRQ_CAPS;
}

/* undo what an acquisition did: n domains on, the pages and irqs got */
static void undo(uint32_t i, uint32_t domains_on)
{
	const struct pf_device *d = &pf_devs.dev[i];
	struct pf_dev_state *st = &pf_state[i];
	for (uint32_t k = 0; k < d->nirqs; k++)
		if (st->irq[k]) {
			cn_close(st->irq[k]);  /* the kernel masks the line */
			st->irq[k] = 0;
		}
	for (uint32_t k = 0; k < d->nranges; k++)
		if (st->page[k]) {
			page_put(st->page[k]);
			st->page[k] = 0;
		}
	while (domains_on--)
		platform_board_domain(d, &d->domain[domains_on], false);
}

static struct cn_signal_handler later_h;
static uint32_t later_ctx;

static void finish(uint32_t i)
{
	if (!pf_state[i].releasing)
		return;
	undo(i, pf_devs.dev[i].ndomains);
	pf_state[i].releasing = false;
}

static void on_later(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	for (uint32_t i = 0; i < pf_devs.count; i++)
		finish(i);
}

int pf_device_init(void)
{
	return cn_signal_handler(&later_h, on_later, NULL, &later_ctx);
}

void pf_release_later(struct pf_session *s, uint32_t i)
{
	uint32_t ram, caps;
	if (pf_state[i].owner != s)
		return;
	pf_device_stop(i);        /* before the session's DMA buffers go */
	cost(&pf_devs.dev[i], &ram, &caps);
	cn_server_release(s, ram, caps);
	pf_state[i].owner = NULL;
	pf_state[i].releasing = true;
	cn_sys_signal_submit(later_ctx, 1);
}

int pf_acquire(struct pf_session *s, uint32_t i)
{
	const struct pf_device *d = &pf_devs.dev[i];
	struct pf_dev_state *st = &pf_state[i];
	finish(i);                 /* a called client is not our parent: safe */
	if (st->owner)
		return st->owner == s ? 0 : CN_ERR_CONFLICT;
	uint32_t ram, caps;
	cost(d, &ram, &caps);
	int err = cn_server_charge(s, ram, caps);
	if (err)
		return err;
	uint32_t on = 0;
	for (; on < d->ndomains && !err; on++)
		err = platform_board_domain(d, &d->domain[on], true);
	if (err)
		on--;                          /* the failed one is not on */
	for (uint32_t k = 0; k < d->nranges && !err; k++)
		err = page_get(&d->range[k], &st->page[k]);
	for (uint32_t k = 0; k < d->nirqs && !err; k++) {
		char args[64];
		cn_snprintf(args, sizeof(args), "irq=%u, ram_quota=%u, cap_quota=%u",
		            (unsigned)d->irq[k], PF_IRQ_RAM, PF_IRQ_CAPS);
		err = cn_connect("IRQ", args, &st->irq[k]);
		if (err)
			st->irq[k] = 0;
	}
	if (err) {
		undo(i, on);
		cn_server_release(s, ram, caps);
		cn_log("device \"%s\" for \"%s\": %s", d->name, cn_server_session_of(s)->label,
		       cn_strerror(err));
		return err;
	}
	st->owner = s;
	return 0;
}

void pf_release(struct pf_session *s, uint32_t i)
{
	const struct pf_device *d = &pf_devs.dev[i];
	uint32_t ram, caps;
	if (pf_state[i].owner != s)
		return;
	pf_device_stop(i);
	undo(i, d->ndomains);
	cost(d, &ram, &caps);
	cn_server_release(s, ram, caps);
	pf_state[i].owner = NULL;
}
