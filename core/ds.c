/* SPDX-License-Identifier: MIT */
/*
 * Dataspaces: RAM (allocated by a PD session, paid from its account, cached
 * or uncached for DMA), ROM modules and MMIO ranges. A dataspace capability
 * answers size() and flags(); destroying one detaches it everywhere.
 */
#include <cn/session/pd.h>
#include "core.h"

static int ds_size(void *ctx, uint32_t *r) { *r = ((struct ds *)ctx)->size; return 0; }
static int ds_flags(void *ctx, uint32_t *r) { *r = ((struct ds *)ctx)->flags; return 0; }
static const struct cn_ds_ops ds_ops = { .size = ds_size, .flags = ds_flags };

static int ds_enroll(struct ds *d)
{
	cn_list_init(&d->regions);
	return obj_register(&d->obj, K_DS, cn_ds_dispatch_any, &ds_ops, d);
}

int ds_create_rom(struct ds *d, uint32_t phys, uint32_t size)
{
	d->type = DS_ROM;
	d->phys = phys;
	d->size = size;
	return ds_enroll(d);
}

int ds_create_io(struct ds *d, uint32_t phys, uint32_t size, uint32_t flags)
{
	d->type = DS_IO;
	d->phys = phys;
	d->size = size;
	d->flags = flags;
	return ds_enroll(d);
}

void ds_destroy(struct ds *d)
{
	rm_detach_all_of(&d->regions);
	obj_unregister(&d->obj);
}

int pd_alloc_ds(struct pd *pd, uint32_t size, uint32_t flags, struct ds **out)
{
	if (!size || size > 0x7f000000u || (flags & ~CN_DS_UNCACHED))
		return CN_ERR_INVALID;
	uint32_t pages = CN_PAGES(size);
	int err = cn_quota_charge(&pd->s.acc, pages * CN_PAGE_SIZE + CN_DS_RAM_META, 1);
	if (err)
		return err;
	struct ds *d = core_alloc(sizeof(*d));
	uint32_t align = pages >= 256 ? 256 : 1;       /* 1 MiB alignment for big ones */
	uint32_t pa = d ? phys_alloc(pages, align) : 0;
	if (!pa && d && align > 1)
		pa = phys_alloc(pages, 1);
	if (pa) {
		d->type = DS_RAM;
		d->phys = pa;
		d->size = pages * CN_PAGE_SIZE;
		d->flags = flags;
		d->owner = pd;
	}
	if (!pa || (err = ds_enroll(d))) {
		if (pa)
			phys_free(pa, pages);
		core_free(d);
		cn_quota_release(&pd->s.acc, pages * CN_PAGE_SIZE + CN_DS_RAM_META, 1);
		return err ? err : CN_ERR_EXHAUSTED;
	}
	if (flags & CN_DS_UNCACHED)   /* no dirty lines may later overwrite device data */
		cn_sys_cache(CN_CACHE_FLUSH, core_va(pa), pages * CN_PAGE_SIZE);
	cn_list_insert_tail(&pd->dataspaces, &d->elem);
	*out = d;
	return CN_OK;
}

void pd_free_ds(struct pd *pd, struct ds *d)
{
	ds_destroy(d);
	cn_list_remove(&d->elem);
	phys_free(d->phys, d->size / CN_PAGE_SIZE);
	cn_quota_release(&pd->s.acc, d->size + CN_DS_RAM_META, 1);
	core_free(d);
}

