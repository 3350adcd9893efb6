/* SPDX-License-Identifier: MIT */
/*
 * Device resources from core (see resources.h): IO_MEM and IRQ sessions,
 * uncached RAM dataspaces and their bus addresses from the PD.
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/io_mem.h>
#include <cn/session/irq.h>
#include <cn/session/rom.h>
#include <cn/session/pd.h>
#include <cn/session/rm.h>
#include <cn/util/format.h>
#include "resources.h"

int res_mmio(uint32_t base, uint32_t size, volatile void **addr)
{
	char args[96];
	uint32_t s, at = 0;
	cn_cap_t ds = { 0 };
	cn_snprintf(args, sizeof(args), "base=0x%x, size=0x%x", (unsigned)base, (unsigned)size);
	int err = cn_connect("IO_MEM", args, &s);
	if (err)
		return err;
	if ((err = cn_io_mem_dataspace(s, &ds)) ||
	    (err = cn_rm_attach(cn_env()->rm, ds, 0, 0, 0, CN_ATTACH_WRITE, &at))) {
		cn_close(s);
		return err;
	}
	*addr = (volatile void *)(uintptr_t)at;
	return 0;
}

int res_irq(struct res_irq *irq, uint32_t nr, void (*fn)(void *, uint32_t), void *arg)
{
	char args[32];
	cn_snprintf(args, sizeof(args), "irq=%u", (unsigned)nr);
	int err = cn_connect("IRQ", args, &irq->session);
	if (err)
		return err;
	if ((err = cn_signal_handler(&irq->h, fn, arg, &irq->ctx))) {
		cn_close(irq->session);
		return err;
	}
	cn_cap_t c = { irq->ctx };
	if ((err = cn_irq_sigh(irq->session, c))) {
		cn_signal_handler_dissolve(&irq->h, irq->ctx);
		cn_close(irq->session);
	}
	return err;
}

void res_irq_ack(struct res_irq *irq)
{
	cn_irq_ack(irq->session);
}

int res_dma_bus(uint32_t ds, uint64_t *bus)
{
	uint32_t phys = 0;
	int err = cn_pd_dma_addr(cn_env()->pd, (cn_cap_t){ ds }, &phys);
	*bus = phys;
	return err;
}

int res_dma_alloc(uint32_t size, void **addr, uint64_t *bus, uint32_t *ds)
{
	void *a = cn_ram_alloc_attach(size, CN_DS_UNCACHED, ds);
	if (!a)
		return CN_ERR_QUOTA_RAM;
	int err = res_dma_bus(*ds, bus);
	if (err) {
		cn_ram_detach_free(a, *ds);
		return err;
	}
	*addr = a;
	return 0;
}

void res_dma_free(void *addr, uint32_t ds)
{
	cn_ram_detach_free(addr, ds);
}
