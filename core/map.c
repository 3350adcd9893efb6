/* SPDX-License-Identifier: MIT */
/*
 * A PD's mappings in its kernel page tables: core maps pages with
 * CN_SYS_MAP and gives the kernel a second-level table (paid from the PD's
 * account) whenever it asks for one.
 */
#include <cn/util/quota.h>
#include "core.h"

int pd_map(struct pd *pd, uint32_t va, uint32_t pa, uint32_t pages, uint32_t attr)
{
	while (pages) {
		uint32_t mapped = 0;
		int err = cn_sys_map(pd->kpd, va, pa, pages, attr, 0, &mapped);
		if (err == CN_OK)
			return CN_OK;
		if (err != CN_ERR_NEED_PT)
			return err;
		va += mapped * CN_PAGE_SIZE; pa += mapped * CN_PAGE_SIZE; pages -= mapped;
		if (pd->npts == pd->maxpts) {
			uint32_t n = pd->maxpts ? pd->maxpts * 2 : 16;
			uint32_t *p = core_alloc(n * 4);
			if (!p)
				return CN_ERR_EXHAUSTED;
			for (uint32_t i = 0; i < pd->npts; i++)
				p[i] = pd->pts[i];
			core_free(pd->pts);
			pd->pts = p;
			pd->maxpts = n;
		}
		if (cn_quota_charge(&pd->s.acc, CN_PD_PAGE_TABLE_RAM, 0))
			return CN_ERR_QUOTA_RAM;
		uint32_t pt = kmem_alloc(1024);
		if (!pt) {
			cn_quota_release(&pd->s.acc, CN_PD_PAGE_TABLE_RAM, 0);
			return CN_ERR_EXHAUSTED;
		}
		pd->pts[pd->npts++] = pt;
		err = cn_sys_map(pd->kpd, va, pa, pages, attr, pt, &mapped);
		if (err == CN_OK)
			return CN_OK;
		if (err != CN_ERR_NEED_PT)
			return err;
		va += mapped * CN_PAGE_SIZE; pa += mapped * CN_PAGE_SIZE; pages -= mapped;
	}
	return CN_OK;
}

void pd_unmap(struct pd *pd, uint32_t va, uint32_t pages)
{
	cn_sys_unmap(pd->kpd, va, pages);
}


void pd_free_page_tables(struct pd *pd)
{
	for (uint32_t i = 0; i < pd->npts; i++)
		kmem_free(pd->pts[i], 1024);
	core_free(pd->pts);
	pd->pts = 0;
	pd->npts = pd->maxpts = 0;
}
