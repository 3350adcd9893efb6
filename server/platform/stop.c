/* SPDX-License-Identifier: MIT */
/*
 * Stopping a device when its owner lets it go (released, session closed,
 * driver killed), before the owner's DMA buffers are freed: a device that
 * still masters the bus would write into pages that are free again or
 * someone else's. One stop function per compatible string; a device
 * without one is left as it is (its interrupts are masked by the release).
 * The registers are mapped for the moment of the stop only (core's RM
 * session: no call to our parent, so this is safe while a close waits).
 */
#include <cn/sys.h>
#include <cn/session/rm.h>
#include <cn/util/string.h>
#include "platform.h"

/* virtio-mmio (legacy and modern): writing 0 to Status resets the device;
 * QEMU finishes its requests in flight first and then uses no buffer */
#define VIRTIO_MAGIC      0x74726976u   /* "virt" */
#define VIRTIO_REG_MAGIC  0x000u
#define VIRTIO_REG_DEVICE 0x008u
#define VIRTIO_REG_STATUS 0x070u

static void virtio_mmio_stop(const struct pf_device *d, volatile uint8_t *regs)
{
	volatile uint32_t *magic = (volatile uint32_t *)(regs + VIRTIO_REG_MAGIC);
	volatile uint32_t *dev = (volatile uint32_t *)(regs + VIRTIO_REG_DEVICE);
	volatile uint32_t *status = (volatile uint32_t *)(regs + VIRTIO_REG_STATUS);
	if (*magic != VIRTIO_MAGIC || *dev == 0)
		return;                                  /* no device behind it */
	uint32_t before = *status;
	if (!before)
		return;                                  /* reset already */
	*status = 0;
	/* the spec: the driver reads Status back until it is 0 */
	uint32_t after = *status;
	for (int i = 0; i < 1000 && after; i++)
		after = *status;
	cn_log("device \"%s\" stopped at release: virtio-mmio status 0x%x -> 0x%x", d->name,
	       (unsigned)before, (unsigned)after);
}

static const struct {
	const char *compatible;
	uint32_t    min_size;       /* bytes of range 0 the stop touches */
	void      (*stop)(const struct pf_device *, volatile uint8_t *);
} stops[] = {
	{ "virtio,mmio", VIRTIO_REG_STATUS + 4, virtio_mmio_stop },
};

void pf_device_stop(uint32_t i)
{
	const struct pf_device *d = &pf_devs.dev[i];
	for (uint32_t k = 0; k < sizeof(stops) / sizeof(stops[0]); k++)
		for (uint32_t c = 0; c < d->ncompat; c++) {
			if (cn_strcmp(d->compatible[c], stops[k].compatible) ||
			    !d->nranges || d->range[0].size < stops[k].min_size)
				continue;
			uint32_t ds, offset, at = 0;
			int err = pf_range_ds(i, 0, &ds, &offset);
			if (!err)
				err = cn_rm_attach(cn_env()->rm, (cn_cap_t){ ds }, 0, 0, 0,
				                   CN_ATTACH_WRITE, &at);
			if (err) {
				cn_log("device \"%s\": cannot map it to stop it: %s", d->name,
				       cn_strerror(err));
				return;
			}
			stops[k].stop(d, (volatile uint8_t *)(uintptr_t)(at + offset));
			cn_rm_detach(cn_env()->rm, at);
			return;
		}
}
