/* SPDX-License-Identifier: MIT */
/*
 * How the driver gets its device: through its Platform session
 * (doc/platform.md). It looks through the virtio-mmio transports its
 * policy grants, keeps the one holding the wanted virtio-net device and
 * releases the others; DMA memory and the interrupt come from the same
 * session.
 */
#ifndef VIRTIO_NET_DEVICE_H
#define VIRTIO_NET_DEVICE_H

#include <stdint.h>
#include <cn/virtio.h>
#include <cn/session/platform.h>

struct device {
	uint32_t platform;       /* the Platform session */
	uint32_t dev;            /* the acquired device */
	char     name[32];       /* its name in the board's description */
	volatile void *regs;
};

/* connect to the platform, donating dma_bytes for DMA buffers */
int  device_open(struct device *d, uint32_t dma_bytes);
/* find the index-th virtio device of type id among the granted devices:
 * 0 with d->dev, d->regs and *v probed; CN_ERR_NOT_FOUND */
int  device_find(struct device *d, uint32_t id, uint32_t index, struct cn_virtio *v,
                 uint32_t *granted);
/* its interrupt: fn(arg, count) on the entrypoint; device_irq_ack() after it */
int  device_irq(struct device *d, void (*fn)(void *, uint32_t), void *arg);
void device_irq_ack(struct device *d);

#endif
