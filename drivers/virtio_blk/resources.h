/* SPDX-License-Identifier: MIT */
/*
 * How the driver gets its device: MMIO, an interrupt and DMA memory.
 * Until the Platform session exists these come straight from core's IO_MEM
 * and IRQ sessions and the PD (uncached RAM with its bus address); this
 * small interface is what changes when the driver moves to the Platform
 * session.
 */
#ifndef VIRTIO_BLK_RESOURCES_H
#define VIRTIO_BLK_RESOURCES_H

#include <stdint.h>
#include <cn/entrypoint.h>

/* map size bytes of device registers at physical base */
int res_mmio(uint32_t base, uint32_t size, volatile void **addr);

/* the interrupt: fn(arg, count) runs on the entrypoint for each one;
 * res_irq_ack() after handling it */
struct res_irq { uint32_t session, ctx; struct cn_signal_handler h; };
int  res_irq(struct res_irq *irq, uint32_t nr, void (*fn)(void *, uint32_t), void *arg);
void res_irq_ack(struct res_irq *irq);

/* uncached, physically contiguous memory for the device: *addr for us,
 * *bus for the device, *ds the dataspace (to hand to a client) */
int  res_dma_alloc(uint32_t size, void **addr, uint64_t *bus, uint32_t *ds);
void res_dma_free(void *addr, uint32_t ds);
/* the bus address of a dataspace from res_dma_alloc() */
int  res_dma_bus(uint32_t ds, uint64_t *bus);

#endif
