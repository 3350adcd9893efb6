/* SPDX-License-Identifier: MIT */
/*
 * The driver's device through the Platform session (device.h): the
 * granted devices from devices(), each virtio-mmio transport acquired,
 * mapped and probed in turn, the wrong ones released again.
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/irq.h>
#include <cn/session/pd.h>
#include <cn/session/rm.h>
#include <cn/util/string.h>
#include <cn/util/xml.h>
#include "device.h"

static struct cn_signal_handler irq_h;
static cn_cap_t irq_cap;

int device_open(struct device *d, uint32_t dma_bytes)
{
	cn_memset(d, 0, sizeof(*d));
	return cn_platform_connect(dma_bytes, &d->platform);
}

/* acquire and map a device; on success *ds is the MMIO dataspace */
static int take(struct device *d, const char *name, uint32_t *dev, uint32_t *ds,
                volatile void **regs)
{
	cn_cap_t c;
	uint32_t off, at;
	int err = cn_platform_acquire(d->platform, name, dev);
	if (err)
		return err;
	if ((err = cn_platform_io_mem_offset(d->platform, *dev, 0, &off)) ||
	    (err = cn_platform_io_mem(d->platform, *dev, 0, &c))) {
		cn_platform_release(d->platform, *dev);
		return err;
	}
	if ((err = cn_rm_attach(cn_env()->rm, c, 0, 0, 0, CN_ATTACH_WRITE, &at))) {
		cn_sys_cap_drop(c.name);
		cn_platform_release(d->platform, *dev);
		return err;
	}
	*ds = c.name;
	*regs = (volatile void *)(uintptr_t)(at + off);
	return 0;
}

static void give_back(struct device *d, uint32_t dev, uint32_t ds, volatile void *regs)
{
	cn_rm_detach(cn_env()->rm, (uint32_t)(uintptr_t)regs & ~0xfffu);
	cn_sys_cap_drop(ds);
	cn_platform_release(d->platform, dev);
}

int device_find(struct device *d, uint32_t id, uint32_t index, struct cn_virtio *v,
                uint32_t *granted)
{
	static uint64_t arena[4096];
	struct cn_xml_doc doc;
	cn_cap_t lds;
	uint32_t size, at;
	int err = cn_platform_devices(d->platform, &lds);
	if (!err)
		err = cn_ds_size(lds.name, &size);
	if (!err)
		err = cn_rm_attach(cn_env()->rm, lds, 0, 0, 0, 0, &at);
	if (err)
		return err;
	const char *text = (const char *)(uintptr_t)at;
	*granted = 0;
	err = cn_xml_parse(&doc, text, cn_strnlen(text, size), arena, sizeof(arena), NULL);
	if (err)
		goto out;
	err = CN_ERR_NOT_FOUND;
	for (const struct cn_xml_node *n = cn_xml_first_child(doc.root, "device"); n;
	     n = cn_xml_next_sibling(n, "device")) {
		int virtio = 0;
		for (const struct cn_xml_node *c = cn_xml_first_child(n, "compatible"); c;
		     c = cn_xml_next_sibling(c, "compatible"))
			virtio |= cn_xml_attr_eq(c, "name", "virtio,mmio");
		char name[sizeof(d->name)];
		if (!virtio || !cn_xml_attr_str(n, "name", name, sizeof(name)))
			continue;
		(*granted)++;
		uint32_t dev, ds;
		volatile void *regs;
		if (take(d, name, &dev, &ds, &regs))
			continue;                      /* another driver has it */
		if (cn_virtio_probe(v, regs) == 0 && v->device_id == id && index-- == 0) {
			d->dev = dev;
			d->regs = regs;
			cn_strlcpy(d->name, name, sizeof(d->name));
			err = 0;
			break;
		}
		give_back(d, dev, ds, regs);
	}
out:
	cn_rm_detach(cn_env()->rm, at);
	cn_sys_cap_drop(lds.name);
	return err;
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
