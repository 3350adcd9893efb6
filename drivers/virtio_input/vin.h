/* SPDX-License-Identifier: MIT */
/*
 * The virtio-input device side of the driver (device.c): what a device
 * is (its name, event types, absolute axes from the configuration space),
 * its event queue full of device-writable buffers, and the events it
 * returns.
 */
#ifndef VIRTIO_INPUT_VIN_H
#define VIRTIO_INPUT_VIN_H

#include <stdint.h>
#include <cn/virtio.h>
#include "translate.h"

#define VIN_QUEUE 64u                  /* event buffers posted */

/* the device's event (little endian, 8 bytes) */
struct vin_hw_event { uint16_t type; uint16_t code; uint32_t value; };

struct vin_dev {
	struct cn_virtio v;
	char             name[64];          /* the device's ID_NAME */
	int              has_key, has_rel, has_abs;
	struct cn_vq     vq;
	volatile struct vin_hw_event *ev;   /* VIN_QUEUE buffers (DMA) */
	uint64_t         ev_bus;
	struct vin_frame frame;
};

/* read the configuration: name, event types, absolute axes */
void vin_identify(struct vin_dev *d);
/* "keyboard", "tablet", "mouse" or "input device" */
const char *vin_kind(const struct vin_dev *d);
/* negotiate, set up the event queue in qmem (cn_vq_bytes(VIN_QUEUE) bytes at
 * qbus) and fill it with the buffers at ev (a page at ev_bus) */
int vin_start(struct vin_dev *d, void *qmem, uint64_t qbus, void *ev, uint64_t ev_bus);
/* translate every event the device returned, give its buffer back;
 * emit as vin_translate. Returns the number of frames that ended. */
unsigned vin_drain(struct vin_dev *d, vin_emit_fn emit, void *arg);

#endif
