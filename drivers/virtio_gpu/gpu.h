/* SPDX-License-Identifier: MIT */
/*
 * The virtio-gpu device side of the driver (gpu.c): set-up of the control
 * queue and the 2D commands (virtio spec 1.2, 5.7 "GPU Device"), each sent
 * and waited for one at a time. The command and its response lie in one
 * page of DMA memory.
 */
#ifndef VIRTIO_GPU_GPU_H
#define VIRTIO_GPU_GPU_H

#include <stdint.h>
#include <cn/virtio.h>
#include <cn/session/pixels.h>

#define GPU_MAX_SCANOUTS 16u
#define GPU_FORMAT_B8G8R8X8 2u          /* = CN_PIXEL_XRGB8888 */

struct gpu_dev {
	struct cn_virtio  v;
	struct cn_vq      vq;               /* the control queue (0) */
	volatile uint8_t *cmd;              /* request at 0, response at GPU_RESP_OFF */
	uint64_t          cmd_bus;
	uint32_t          num_scanouts;     /* from the configuration space */
	uint32_t          last_resp;        /* the response type of the last command */
	/* blocks until the device may have completed something (the interrupt) */
	void            (*wait)(struct gpu_dev *d);
};

struct gpu_display { struct cn_rect r; uint32_t enabled; };

/* negotiate (no optional features) and give the device the control queue
 * (qmem at qbus, cn_vq_bytes(num) bytes; cmd: a page at cmd_bus) */
int gpu_start(struct gpu_dev *d, void *qmem, uint64_t qbus, void *cmd, uint64_t cmd_bus);

/* the commands: 0, or CN_ERR_FAULT with the device's error in d->last_resp */
int gpu_display_info(struct gpu_dev *d, struct gpu_display out[GPU_MAX_SCANOUTS]);
int gpu_create_2d(struct gpu_dev *d, uint32_t id, uint32_t format, uint32_t w, uint32_t h);
int gpu_attach_backing(struct gpu_dev *d, uint32_t id, uint64_t bus, uint32_t len);
int gpu_set_scanout(struct gpu_dev *d, uint32_t scanout, uint32_t id, struct cn_rect r);
int gpu_transfer_to_host(struct gpu_dev *d, uint32_t id, struct cn_rect r, uint64_t offset);
int gpu_flush(struct gpu_dev *d, uint32_t id, struct cn_rect r);

#endif
