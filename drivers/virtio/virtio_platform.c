/* SPDX-License-Identifier: MIT */
/*
 * Finding a driver's virtio device through its Platform session
 * (cn/virtio.h): the granted devices from devices(), each virtio-mmio
 * transport acquired, mapped and probed in turn, the ones of another type
 * released again. Shared by the virtio-blk, -net, -input and -gpu drivers.
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/virtio.h>
#include <cn/session/pd.h>
#include <cn/session/platform.h>
#include <cn/session/rm.h>
#include <cn/util/string.h>
#include <cn/util/xml.h>

#define MAX_NAMES 64u                  /* the platform's devices per board */

static int is_virtio(const struct cn_xml_node *n)
{
	for (const struct cn_xml_node *c = cn_xml_first_child(n, "compatible"); c;
	     c = cn_xml_next_sibling(c, "compatible"))
		if (cn_xml_attr_eq(c, "name", "virtio,mmio"))
			return 1;
	return 0;
}

/* the names of the granted virtio-mmio devices, in the list's order */
static int granted_names(uint32_t platform, char (*names)[32], uint32_t *count)
{
	static uint64_t arena[4096];
	struct cn_platform_list l;
	int err = cn_platform_list(platform, &l, arena, sizeof(arena));
	const struct cn_xml_node *n = NULL;
	if (!err)
		n = cn_xml_first_child(cn_xml_root(&l.doc), "device");
	for (*count = 0; n && *count < MAX_NAMES; n = cn_xml_next_sibling(n, "device"))
		if (is_virtio(n) && cn_xml_attr_str(n, "name", names[*count], 32))
			(*count)++;
	if (!err)
		cn_platform_list_done(&l);
	return err;
}

/* acquire and map a device */
static int take(uint32_t platform, const char *name, struct cn_virtio_pdev *d)
{
	cn_cap_t c;
	uint32_t off, at;
	int err = cn_platform_acquire(platform, name, &d->handle);
	if (err)
		return err;
	if ((err = cn_platform_io_mem_offset(platform, d->handle, 0, &off)) ||
	    (err = cn_platform_io_mem(platform, d->handle, 0, &c))) {
		cn_platform_release(platform, d->handle);
		return err;
	}
	if ((err = cn_rm_attach(cn_env()->rm, c, 0, 0, 0, CN_ATTACH_WRITE, &at))) {
		cn_sys_cap_drop(c.name);
		cn_platform_release(platform, d->handle);
		return err;
	}
	d->platform = platform;
	d->regs_ds = c.name;
	d->regs = (volatile void *)(uintptr_t)(at + off);
	cn_strlcpy(d->name, name, sizeof(d->name));
	return 0;
}

void cn_virtio_platform_put(struct cn_virtio_pdev *d)
{
	if (!d->regs)
		return;
	cn_rm_detach(cn_env()->rm, (uint32_t)(uintptr_t)d->regs & ~0xfffu);
	cn_sys_cap_drop(d->regs_ds);
	cn_platform_release(d->platform, d->handle);
	d->regs = NULL;
	d->regs_ds = 0;
}

int cn_virtio_platform_scan(uint32_t platform, uint32_t id, struct cn_virtio *v,
                            int (*fn)(void *arg, const struct cn_virtio_pdev *d,
                                      struct cn_virtio *v),
                            void *arg, uint32_t *granted)
{
	static char names[MAX_NAMES][32];
	uint32_t count = 0;
	int err = granted_names(platform, names, &count);
	if (granted)
		*granted = count;
	if (err)
		return err;
	err = CN_ERR_NOT_FOUND;
	for (uint32_t i = count; i-- > 0;) {
		struct cn_virtio_pdev d = { 0 };
		if (take(platform, names[i], &d))
			continue;                      /* another driver has it */
		int r = CN_VIRTIO_SCAN_SKIP;
		if (cn_virtio_probe(v, d.regs) == 0 && v->device_id == id)
			r = fn(arg, &d, v);
		if (r == CN_VIRTIO_SCAN_SKIP) {
			cn_virtio_platform_put(&d);
			continue;
		}
		err = 0;
		if (r == CN_VIRTIO_SCAN_DONE)
			break;
	}
	return err;
}

struct find { uint32_t index; struct cn_virtio_pdev *d; };

static int found(void *arg, const struct cn_virtio_pdev *d, struct cn_virtio *v)
{
	struct find *f = arg;
	(void)v;
	if (f->index-- > 0)
		return CN_VIRTIO_SCAN_SKIP;
	*f->d = *d;
	return CN_VIRTIO_SCAN_DONE;
}

int cn_virtio_platform_find(uint32_t platform, uint32_t id, uint32_t index,
                            struct cn_virtio_pdev *d, struct cn_virtio *v, uint32_t *granted)
{
	struct find f = { index, d };
	return cn_virtio_platform_scan(platform, id, v, found, &f, granted);
}
