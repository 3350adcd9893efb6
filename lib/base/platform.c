/* SPDX-License-Identifier: MIT */
/*
 * Client helpers of the Platform session (<cn/session/platform.h>):
 * connecting with the session's cost plus a DMA budget (or in the
 * dma_only form), the devices() document parsed, showing a device's
 * registers in our address space, and DMA buffers attached and with their
 * bus address.
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/pd.h>
#include <cn/session/platform.h>
#include <cn/session/rm.h>
#include <cn/util/format.h>
#include <cn/util/string.h>

int cn_platform_connect(uint32_t dma_bytes, uint32_t *session)
{
	char args[64];
	uint64_t ram = (uint64_t)CN_PLATFORM_SESSION_RAM + dma_bytes;
	if (ram > 0xffffffffu)
		return CN_ERR_INVALID;
	cn_snprintf(args, sizeof(args), "ram_quota=%u, cap_quota=%u", (unsigned)ram,
	            CN_PLATFORM_SESSION_CAPS);
	return cn_connect(CN_PLATFORM_SERVICE, args, session);
}

int cn_platform_connect_dma(const char *label, uint32_t dma_ram, uint32_t dma_caps,
                            uint32_t *session)
{
	char args[160];
	uint64_t ram = (uint64_t)CN_PLATFORM_DMA_SESSION_RAM + dma_ram;
	uint64_t caps = (uint64_t)CN_PLATFORM_DMA_SESSION_CAPS + dma_caps;
	if (ram > 0xffffffffu || caps > 0xffffffffu)
		return CN_ERR_INVALID;
	int n = label && *label
	        ? cn_snprintf(args, sizeof(args),
	                      "label=\"%s\", dma_only=1, ram_quota=%u, cap_quota=%u", label,
	                      (unsigned)ram, (unsigned)caps)
	        : cn_snprintf(args, sizeof(args), "dma_only=1, ram_quota=%u, cap_quota=%u",
	                      (unsigned)ram, (unsigned)caps);
	if (n < 0 || (size_t)n >= sizeof(args))
		return CN_ERR_ARGS;
	return cn_connect(CN_PLATFORM_SERVICE, args, session);
}

int cn_platform_map(uint32_t session, uint32_t dev, uint32_t index, volatile void **regs)
{
	cn_cap_t ds;
	uint32_t offset, at;
	int err = cn_platform_io_mem_offset(session, dev, index, &offset);
	if (!err)
		err = cn_platform_io_mem(session, dev, index, &ds);
	if (err)
		return err;
	err = cn_rm_attach(cn_env()->rm, ds, 0, 0, 0, CN_ATTACH_WRITE, &at);
	if (err) {
		cn_sys_cap_drop(ds.name);
		return err;
	}
	*regs = (volatile void *)(uintptr_t)(at + offset);
	return 0;
}

int cn_platform_dma(uint32_t session, uint32_t size, struct cn_platform_dma *buf)
{
	cn_cap_t ds;
	uint32_t at, bus;
	int err = cn_platform_alloc_dma(session, size, &ds);
	if (err)
		return err;
	err = cn_platform_dma_addr(session, ds, &bus);
	if (!err)
		err = cn_rm_attach(cn_env()->rm, ds, 0, 0, 0, CN_ATTACH_WRITE, &at);
	if (err) {
		cn_platform_free_dma(session, ds);
		cn_sys_cap_drop(ds.name);
		return err;
	}
	buf->ds = ds.name;
	buf->addr = (void *)(uintptr_t)at;
	buf->size = size;
	buf->bus = bus;
	return 0;
}

int cn_platform_dma_free(uint32_t session, struct cn_platform_dma *buf)
{
	cn_rm_detach(cn_env()->rm, (uint32_t)(uintptr_t)buf->addr);
	int err = cn_platform_free_dma(session, (cn_cap_t){ buf->ds });
	cn_sys_cap_drop(buf->ds);
	buf->ds = 0;
	buf->addr = NULL;
	return err;
}

int cn_platform_list(uint32_t session, struct cn_platform_list *l, void *arena,
                     size_t arena_size)
{
	cn_cap_t ds;
	uint32_t size;
	int err = cn_platform_devices(session, &ds);
	if (err)
		return err;
	if ((err = cn_ds_size(ds.name, &size)) ||
	    (err = cn_rm_attach(cn_env()->rm, ds, 0, 0, 0, 0, &l->at))) {
		cn_sys_cap_drop(ds.name);
		return err;
	}
	l->ds = ds.name;
	const char *text = (const char *)(uintptr_t)l->at;
	if (cn_xml_parse(&l->doc, text, cn_strnlen(text, size), arena, arena_size, NULL)) {
		cn_log("the Platform session's device list is not XML");
		cn_platform_list_done(l);
		return CN_ERR_INVALID;
	}
	return 0;
}

void cn_platform_list_done(struct cn_platform_list *l)
{
	cn_rm_detach(cn_env()->rm, l->at);
	cn_sys_cap_drop(l->ds);
	l->at = l->ds = 0;
}
