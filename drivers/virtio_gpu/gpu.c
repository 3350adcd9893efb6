/* SPDX-License-Identifier: MIT */
/*
 * virtio-gpu 2D commands (gpu.h). Layouts from the virtio specification,
 * 5.7.6 "Device Operation": every request starts with the 24-byte control
 * header; the response is a header (OK_NODATA) or the display info.
 */
#include <cn/errors.h>
#include "gpu.h"

#define CMD_GET_DISPLAY_INFO        0x0100u
#define CMD_RESOURCE_CREATE_2D      0x0101u
#define CMD_SET_SCANOUT             0x0103u
#define CMD_RESOURCE_FLUSH          0x0104u
#define CMD_TRANSFER_TO_HOST_2D     0x0105u
#define CMD_RESOURCE_ATTACH_BACKING 0x0106u
#define RESP_OK_NODATA              0x1100u
#define RESP_OK_DISPLAY_INFO        0x1101u

#define CFG_NUM_SCANOUTS 8u
#define GPU_RESP_OFF     2048u

struct hdr   { uint32_t type, flags; uint64_t fence_id; uint32_t ctx_id; uint8_t ring_idx, pad[3]; };
struct rect  { uint32_t x, y, width, height; };

struct display_info { struct hdr h; struct { struct rect r; uint32_t enabled, flags; } pmodes[16]; };
struct create_2d    { struct hdr h; uint32_t resource_id, format, width, height; };
struct set_scanout  { struct hdr h; struct rect r; uint32_t scanout_id, resource_id; };
struct flush        { struct hdr h; struct rect r; uint32_t resource_id, padding; };
struct transfer     { struct hdr h; struct rect r; uint64_t offset; uint32_t resource_id, padding; };
struct attach       { struct hdr h; uint32_t resource_id, nr_entries;
                      struct { uint64_t addr; uint32_t length, padding; } e[1]; };

_Static_assert(sizeof(struct hdr) == 24, "virtio_gpu_ctrl_hdr");
_Static_assert(sizeof(struct display_info) == 24 + 16 * 24, "virtio_gpu_resp_display_info");
_Static_assert(sizeof(struct create_2d) == 40, "virtio_gpu_resource_create_2d");
_Static_assert(sizeof(struct set_scanout) == 48, "virtio_gpu_set_scanout");
_Static_assert(sizeof(struct flush) == 48, "virtio_gpu_resource_flush");
_Static_assert(sizeof(struct transfer) == 56, "virtio_gpu_transfer_to_host_2d");
_Static_assert(sizeof(struct attach) == 32 + 16, "virtio_gpu_resource_attach_backing + 1 entry");

int gpu_start(struct gpu_dev *d, void *qmem, uint64_t qbus, void *cmd, uint64_t cmd_bus)
{
	int err = cn_virtio_init(&d->v, 0);
	if (err)
		return err;
	d->num_scanouts = cn_virtio_config32(&d->v, CFG_NUM_SCANOUTS);
	uint32_t num = cn_virtio_queue_max(&d->v, 0);
	if (num > 16)
		num = 16;                          /* one command at a time */
	while (num & (num - 1))
		num &= num - 1;
	if (num < 2 || (err = cn_vq_init(&d->vq, qmem, qbus, num)) ||
	    (err = cn_virtio_queue_setup(&d->v, 0, &d->vq))) {
		cn_virtio_fail(&d->v);
		return err ? err : CN_ERR_INVALID;
	}
	d->cmd = cmd;
	d->cmd_bus = cmd_bus;
	cn_virtio_driver_ok(&d->v);
	return 0;
}

/* the request (len bytes) is at d->cmd: send it, wait for the response */
static int command(struct gpu_dev *d, uint32_t type, uint32_t len, uint32_t resp_len,
                   uint32_t ok)
{
	volatile struct hdr *h = (volatile struct hdr *)d->cmd;
	volatile struct hdr *r = (volatile struct hdr *)(d->cmd + GPU_RESP_OFF);
	h->type = type;
	h->flags = 0;
	h->fence_id = 0;
	h->ctx_id = 0;
	h->ring_idx = 0;
	r->type = 0;
	struct cn_vq_buf b[2] = { { d->cmd_bus, len }, { d->cmd_bus + GPU_RESP_OFF, resp_len } };
	int err = cn_vq_add(&d->vq, b, 1, 1, 0);
	if (err)
		return err;
	if (cn_vq_publish(&d->vq))
		cn_virtio_notify(&d->v, 0);
	uint32_t token, got;
	while ((err = cn_vq_get_used(&d->vq, &token, &got)) != 0) {
		if (err == CN_ERR_INVALID)
			continue;                       /* a bogus used entry: skipped */
		d->wait(d);
	}
	d->last_resp = r->type;
	return d->last_resp == ok ? 0 : CN_ERR_FAULT;
}

int gpu_display_info(struct gpu_dev *d, struct gpu_display out[GPU_MAX_SCANOUTS])
{
	int err = command(d, CMD_GET_DISPLAY_INFO, sizeof(struct hdr), sizeof(struct display_info),
	                  RESP_OK_DISPLAY_INFO);
	if (err)
		return err;
	volatile struct display_info *i = (volatile struct display_info *)(d->cmd + GPU_RESP_OFF);
	for (uint32_t n = 0; n < GPU_MAX_SCANOUTS; n++) {
		out[n].r = (struct cn_rect){ i->pmodes[n].r.x, i->pmodes[n].r.y,
		                             i->pmodes[n].r.width, i->pmodes[n].r.height };
		out[n].enabled = i->pmodes[n].enabled;
	}
	return 0;
}

int gpu_create_2d(struct gpu_dev *d, uint32_t id, uint32_t format, uint32_t w, uint32_t h)
{
	volatile struct create_2d *c = (volatile struct create_2d *)d->cmd;
	c->resource_id = id;
	c->format = format;
	c->width = w;
	c->height = h;
	return command(d, CMD_RESOURCE_CREATE_2D, sizeof(*c), sizeof(struct hdr), RESP_OK_NODATA);
}

int gpu_attach_backing(struct gpu_dev *d, uint32_t id, uint64_t bus, uint32_t len)
{
	volatile struct attach *c = (volatile struct attach *)d->cmd;
	c->resource_id = id;
	c->nr_entries = 1;
	c->e[0].addr = bus;
	c->e[0].length = len;
	c->e[0].padding = 0;
	return command(d, CMD_RESOURCE_ATTACH_BACKING, sizeof(*c), sizeof(struct hdr),
	               RESP_OK_NODATA);
}

static void put_rect(volatile struct rect *d, struct cn_rect r)
{
	d->x = r.x;
	d->y = r.y;
	d->width = r.w;
	d->height = r.h;
}

int gpu_set_scanout(struct gpu_dev *d, uint32_t scanout, uint32_t id, struct cn_rect r)
{
	volatile struct set_scanout *c = (volatile struct set_scanout *)d->cmd;
	put_rect(&c->r, r);
	c->scanout_id = scanout;
	c->resource_id = id;
	return command(d, CMD_SET_SCANOUT, sizeof(*c), sizeof(struct hdr), RESP_OK_NODATA);
}

int gpu_transfer_to_host(struct gpu_dev *d, uint32_t id, struct cn_rect r, uint64_t offset)
{
	volatile struct transfer *c = (volatile struct transfer *)d->cmd;
	put_rect(&c->r, r);
	c->offset = offset;
	c->resource_id = id;
	c->padding = 0;
	return command(d, CMD_TRANSFER_TO_HOST_2D, sizeof(*c), sizeof(struct hdr), RESP_OK_NODATA);
}

int gpu_flush(struct gpu_dev *d, uint32_t id, struct cn_rect r)
{
	volatile struct flush *c = (volatile struct flush *)d->cmd;
	put_rect(&c->r, r);
	c->resource_id = id;
	c->padding = 0;
	return command(d, CMD_RESOURCE_FLUSH, sizeof(*c), sizeof(struct hdr), RESP_OK_NODATA);
}
