/* SPDX-License-Identifier: MIT */
/*
 * The driver's device through the Platform session (device.h): found with
 * the virtio library's scan (cn_virtio_platform_find), its interrupt.
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/irq.h>
#include <cn/session/pd.h>
#include <cn/session/rm.h>
#include <cn/util/string.h>
#include "device.h"

static struct cn_signal_handler irq_h;
static cn_cap_t irq_cap;

int device_open(struct device *d, uint32_t dma_bytes)
{
	cn_memset(d, 0, sizeof(*d));
	return cn_platform_connect(dma_bytes, &d->platform);
}

int device_find(struct device *d, uint32_t id, uint32_t index, struct cn_virtio *v,
                uint32_t *granted)
{
	struct cn_virtio_pdev p;
	int err = cn_virtio_platform_find(d->platform, id, index, &p, v, granted);
	if (err)
		return err;
	d->dev = p.handle;
	d->regs = p.regs;
	cn_strlcpy(d->name, p.name, sizeof(d->name));
	return 0;
}

int device_irq(struct device *d, void (*fn)(void *, uint32_t), void *arg)
{
	uint32_t ctx;
	int err = cn_platform_irq(d->platform, d->dev, 0, &irq_cap);
	if (err)
		return err;
	if ((err = cn_signal_handler(&irq_h, fn, arg, &ctx)))
		return err;
	return cn_irq_sigh(irq_cap.name, (cn_cap_t){ ctx });
}

void device_irq_ack(struct device *d)
{
	(void)d;
	cn_irq_ack(irq_cap.name);
}
