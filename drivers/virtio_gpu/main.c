/* SPDX-License-Identifier: MIT */
/*
 * virtio_gpu: display driver for a virtio-gpu device (2D) on QEMU virt's
 * virtio-mmio transports, a CLIENT of the Capture session
 * (cn/session/capture.h, doc/drivers.md): it sets the screen to the
 * configured size (default 1024x768), opens a Capture session of that
 * size and, whenever the capture peer signals a change, captures the
 * changed rectangle, copies it into the device resource's backing (DMA
 * memory), transfers it to the host and flushes it.
 *
 * Device, interrupt and DMA memory come from the Platform session: the
 * driver tries every "virtio,mmio" device its policy grants and keeps the
 * first with a GPU. No device: it says so and exits with 0.
 *
 * Config: <config width="1024" height="768"/> (both optional).
 */
#include <cn/component.h>
#include <cn/config.h>
#include <cn/sys.h>
#include <cn/session/capture.h>
#include <cn/session/irq.h>
#include <cn/session/pd.h>
#include <cn/session/platform.h>
#include <cn/session/rm.h>
#include <cn/util/string.h>
#include "gpu.h"

#define RESOURCE 1u
#define QUEUE    16u

static uint32_t platform;
static struct gpu_dev dev;
static uint32_t dev_slot;                    /* the Platform device handle */
static char dev_name[32];
static uint32_t recv;                        /* the interrupt's signal receiver */
static cn_cap_t irq;
static uint32_t width = 1024, height = 768;
static struct cn_platform_dma fb;            /* the resource's backing */
static uint32_t capture;                     /* the Capture session */
static const uint32_t *pixels;               /* its buffer */
static struct cn_signal_handler change_h;
static uint32_t updates;

static void wait_irq(struct gpu_dev *d)
{
	uint32_t imprint, count;
	cn_sys_signal_wait(recv, &imprint, &count);
	cn_virtio_irq_ack(&d->v);
	cn_irq_ack(irq.name);
}

/* the first virtio-mmio device of our policy with a GPU: 0, CN_ERR_NOT_FOUND */
static int find_gpu(void)
{
	struct cn_virtio_pdev d;
	int err = cn_virtio_platform_find(platform, CN_VIRTIO_ID_GPU, 0, &d, &dev.v, NULL);
	if (err)
		return err;
	dev_slot = d.handle;
	cn_strlcpy(dev_name, d.name, sizeof(dev_name));
	return 0;
}

static void fatal(const char *what, int err)
{
	if (err == CN_ERR_FAULT)
		cn_log("%s: the device answered 0x%x", what, (unsigned)dev.last_resp);
	else
		cn_log("%s: %s", what, cn_strerror(err));
	cn_exit(1);
}

/* capture what changed and show it, until nothing has */
static void update(void)
{
	for (;;) {
		uint64_t packed;
		int err = cn_capture_capture(capture, &packed);
		if (err)
			fatal("capture", err);
		struct cn_rect r = cn_rect_clip(cn_rect_unpack(packed), width, height);
		if (cn_rect_empty(r))
			return;
		uint32_t *dst = fb.addr;
		for (uint32_t y = r.y; y < r.y + r.h; y++)
			cn_memcpy(dst + y * width + r.x, pixels + y * width + r.x, r.w * CN_PIXEL_BYTES);
		uint64_t offset = ((uint64_t)r.y * width + r.x) * CN_PIXEL_BYTES;
		if ((err = gpu_transfer_to_host(&dev, RESOURCE, r, offset)))
			fatal("TRANSFER_TO_HOST_2D", err);
		if ((err = gpu_flush(&dev, RESOURCE, r)))
			fatal("RESOURCE_FLUSH", err);
		updates++;
		cn_log("update %u: %u,%u %ux%u transferred and flushed", (unsigned)updates,
		       (unsigned)r.x, (unsigned)r.y, (unsigned)r.w, (unsigned)r.h);
	}
}

static void on_change(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	update();
}

static void config_size(void)
{
	unsigned long w = width, h = height;
	int e1 = cn_config_ulong("width", &w), e2 = cn_config_ulong("height", &h);
	if (e1 == CN_ERR_INVALID || e2 == CN_ERR_INVALID || !cn_pixel_buffer_bytes(w, h)) {
		cn_log("config: width/height must be numbers from 1 to %u; using 1024x768",
		       CN_PIXEL_MAX_SIDE);
		w = 1024;
		h = 768;
	}
	width = (uint32_t)w;
	height = (uint32_t)h;
}

static void open_capture(void)
{
	cn_cap_t ds, ctx;
	uint32_t at, size;
	int err = cn_capture_connect("", width, height, &capture);
	if (!err)
		err = cn_capture_buffer(capture, width, height);
	if (!err)
		err = cn_capture_dataspace(capture, &ds);
	if (!err)
		err = cn_ds_size(ds.name, &size);
	if (!err && size < width * height * CN_PIXEL_BYTES) {
		cn_log("Capture session: the buffer has %u bytes, %ux%u needs %u", (unsigned)size,
		       (unsigned)width, (unsigned)height, (unsigned)(width * height * CN_PIXEL_BYTES));
		cn_exit(1);
	}
	if (!err)
		err = cn_rm_attach(cn_env()->rm, ds, 0, 0, 0, 0, &at);
	if (err)
		fatal("Capture session", err);
	pixels = (const uint32_t *)(uintptr_t)at;
	if ((err = cn_signal_handler(&change_h, on_change, 0, &ctx.name)) ||
	    (err = cn_capture_sigh(capture, ctx)))
		fatal("Capture signal", err);
}

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	config_size();
	uint32_t fb_bytes = cn_pixel_buffer_bytes(width, height);
	uint32_t dma = cn_vq_bytes(QUEUE) + 4096 + fb_bytes + 3 * CN_PLATFORM_DMA_RAM_META;
	int err = cn_platform_connect(dma, &platform);
	if (err)
		fatal("Platform session", err);
	if ((err = find_gpu())) {
		if (err != CN_ERR_NOT_FOUND)
			fatal("looking for the device", err);
		cn_log("no virtio-gpu device found: nothing to drive");
		cn_exit(0);
	}
	struct cn_platform_dma q, cmd;
	cn_cap_t c;
	uint32_t pd = cn_env()->pd;
	if ((err = cn_platform_dma(platform, cn_vq_bytes(QUEUE), &q)) ||
	    (err = cn_platform_dma(platform, 4096, &cmd)) ||
	    (err = cn_platform_dma(platform, fb_bytes, &fb)))
		fatal("DMA memory", err);
	cn_cap_t r;
	if ((err = cn_pd_signal_receiver(pd, &r)) || (err = cn_pd_signal_context(pd, r, 1, &c)) ||
	    (err = cn_platform_irq(platform, dev_slot, 0, &irq)) ||
	    (err = cn_irq_sigh(irq.name, c)))
		fatal("the interrupt", err);
	recv = r.name;
	dev.wait = wait_irq;
	cn_memset(q.addr, 0, q.size);
	if ((err = gpu_start(&dev, q.addr, q.bus, cmd.addr, cmd.bus)))
		fatal("device set-up", err);
	cn_log("virtio-gpu at %s (%s interface): %u scanouts", dev_name,
	       dev.v.version == 1 ? "legacy" : "modern", (unsigned)dev.num_scanouts);

	struct gpu_display disp[GPU_MAX_SCANOUTS];
	if ((err = gpu_display_info(&dev, disp)))
		fatal("GET_DISPLAY_INFO", err);
	cn_log("display info: scanout 0 %ux%u, %s", (unsigned)disp[0].r.w, (unsigned)disp[0].r.h,
	       disp[0].enabled ? "enabled" : "disabled");

	struct cn_rect all = { 0, 0, width, height };
	cn_memset(fb.addr, 0, fb_bytes);
	if ((err = gpu_create_2d(&dev, RESOURCE, GPU_FORMAT_B8G8R8X8, width, height)))
		fatal("RESOURCE_CREATE_2D", err);
	if ((err = gpu_attach_backing(&dev, RESOURCE, fb.bus, fb_bytes)))
		fatal("RESOURCE_ATTACH_BACKING", err);
	if ((err = gpu_set_scanout(&dev, 0, RESOURCE, all)))
		fatal("SET_SCANOUT", err);
	cn_log("scanout 0: %ux%u XRGB8888, resource %u backed at bus address 0x%08x",
	       (unsigned)width, (unsigned)height, RESOURCE, (unsigned)fb.bus);

	open_capture();
	update();
}
