/* SPDX-License-Identifier: MIT */
/*
 * Serving a ROM session's content (<cn/rom_content.h>): the dataspace,
 * version updates in place or in a larger dataspace, and the client's
 * signal for each new version.
 */
#include <cn/component.h>
#include <cn/rom_content.h>
#include <cn/sys.h>
#include <cn/session/quota.h>
#include <cn/util/string.h>

#include <cn/page.h>

static uint32_t pages_for(uint32_t size)
{
	return (size + CN_PAGE_SIZE) & ~(CN_PAGE_SIZE - 1);   /* room for a NUL */
}

uint32_t cn_rom_content_cost(uint32_t size)
{
	return pages_for(size) + CN_DS_RAM_META;
}

int cn_rom_content_set(struct cn_rom_content *c, const void *data, uint32_t size,
                       uint32_t capacity_hint)
{
	if (size > 0x7fffffffu)
		return CN_ERR_EXHAUSTED;
	if (size >= c->capacity) {
		uint32_t cap = pages_for(size);
		if (capacity_hint > cap)
			cap = capacity_hint & ~(CN_PAGE_SIZE - 1);
		uint32_t ds;
		void *addr = cn_ram_alloc_attach(cap, 0, &ds);
		if (!addr)
			return CN_ERR_EXHAUSTED;
		if (c->ds)
			cn_ram_detach_free(c->addr, c->ds);
		c->ds = ds;
		c->addr = addr;
		c->capacity = cap;
	}
	cn_memcpy(c->addr, data, size);
	cn_memset((char *)c->addr + size, 0, c->capacity - size);
	c->size = size;
	c->version++;
	if (c->sigh && c->version > 1)
		cn_sys_signal_submit(c->sigh, 1);
	return 0;
}

void cn_rom_content_free(struct cn_rom_content *c)
{
	if (c->ds)
		cn_ram_detach_free(c->addr, c->ds);
	if (c->sigh)
		cn_sys_cap_drop(c->sigh);
	cn_memset(c, 0, sizeof(*c));
}

static int rom_dataspace(void *ctx, cn_cap_t *result)
{
	result->name = ((struct cn_rom_content *)ctx)->ds;
	return 0;
}

static int rom_size(void *ctx, uint32_t *result)
{
	*result = ((struct cn_rom_content *)ctx)->size;
	return 0;
}

static int rom_sigh(void *ctx, cn_cap_t sigh)
{
	struct cn_rom_content *c = ctx;
	cn_ep_keep_replace(cn_env()->ep, &c->sigh, sigh);
	return 0;
}

const struct cn_rom_ops cn_rom_content_ops = { rom_dataspace, rom_size, rom_sigh };
