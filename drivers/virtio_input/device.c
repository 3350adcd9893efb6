/* SPDX-License-Identifier: MIT */
/*
 * virtio-input: identification through the configuration space (select /
 * subsel / size, then the union), the event queue (queue 0) kept full of
 * 8-byte device-writable buffers, and the returned events. The status
 * queue (LEDs) is not used.
 */
#include "vin.h"

/* configuration space (virtio 1.x, 5.8.4), relative to the transport */
#define C_SELECT  CN_REG8(0x100)
#define C_SUBSEL  CN_REG8(0x101)
#define C_SIZE    CN_REG8(0x102)
#define C_U       0x108u

#define CFG_ID_NAME  0x01
#define CFG_EV_BITS  0x11
#define CFG_ABS_INFO 0x12

static uint32_t select_cfg(struct vin_dev *d, uint8_t sel, uint8_t sub)
{
	cn_mmio_write(&d->v.regs, C_SELECT, sel);
	cn_mmio_write(&d->v.regs, C_SUBSEL, sub);
	return cn_mmio_read(&d->v.regs, C_SIZE);
}

static uint8_t cfg8(struct vin_dev *d, uint32_t i) { return (uint8_t)cn_mmio_read(&d->v.regs, CN_REG8(C_U + i)); }

static int32_t cfg32(struct vin_dev *d, uint32_t i)
{
	return (int32_t)(cfg8(d, i) | (uint32_t)cfg8(d, i + 1) << 8 | (uint32_t)cfg8(d, i + 2) << 16 |
	                 (uint32_t)cfg8(d, i + 3) << 24);
}

static void abs_axis(struct vin_dev *d, uint8_t axis, struct vin_axis *a)
{
	if (select_cfg(d, CFG_ABS_INFO, axis) >= 8) {
		a->min = cfg32(d, 0);
		a->max = cfg32(d, 4);
	} else {
		a->min = 0;
		a->max = 0;
	}
}

void vin_identify(struct vin_dev *d)
{
	uint32_t n = select_cfg(d, CFG_ID_NAME, 0);
	if (n >= sizeof(d->name))
		n = sizeof(d->name) - 1;
	for (uint32_t i = 0; i < n; i++) {
		uint8_t c = cfg8(d, i);
		if (!c) {
			n = i;
			break;
		}
		d->name[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	d->name[n] = 0;
	d->has_key = select_cfg(d, CFG_EV_BITS, VIN_EV_KEY) > 0;
	d->has_rel = select_cfg(d, CFG_EV_BITS, VIN_EV_REL) > 0;
	d->has_abs = select_cfg(d, CFG_EV_BITS, VIN_EV_ABS) > 0;
	select_cfg(d, 0, 0);
	vin_frame_init(&d->frame);
	if (d->has_abs) {
		abs_axis(d, VIN_ABS_X, &d->frame.ax);
		abs_axis(d, VIN_ABS_Y, &d->frame.ay);
		select_cfg(d, 0, 0);
	}
}

const char *vin_kind(const struct vin_dev *d)
{
	if (d->has_abs)
		return "tablet";
	if (d->has_rel)
		return "mouse";
	if (d->has_key)
		return "keyboard";
	return "input device";
}

static void post(struct vin_dev *d, uint32_t i)
{
	struct cn_vq_buf b = { d->ev_bus + i * sizeof(struct vin_hw_event), sizeof(struct vin_hw_event) };
	cn_vq_add(&d->vq, &b, 0, 1, i);     /* cannot fail: one descriptor per buffer */
}

int vin_start(struct vin_dev *d, void *qmem, uint64_t qbus, void *ev, uint64_t ev_bus)
{
	int err = cn_virtio_init(&d->v, 0);
	if (err)
		return err;
	uint32_t num = cn_virtio_queue_max(&d->v, 0);
	if (num > VIN_QUEUE)
		num = VIN_QUEUE;
	while (num & (num - 1))
		num &= num - 1;
	if (num < 4 || (err = cn_vq_init(&d->vq, qmem, qbus, num)) ||
	    (err = cn_virtio_queue_setup(&d->v, 0, &d->vq))) {
		cn_virtio_fail(&d->v);
		return err ? err : CN_ERR_INVALID;
	}
	d->ev = ev;
	d->ev_bus = ev_bus;
	for (uint32_t i = 0; i < num; i++)
		post(d, i);
	cn_vq_publish(&d->vq);
	cn_virtio_driver_ok(&d->v);
	cn_virtio_notify(&d->v, 0);
	return 0;
}

unsigned vin_drain(struct vin_dev *d, vin_emit_fn emit, void *arg)
{
	uint32_t i, len;
	unsigned frames = 0;
	int err, posted = 0;
	while ((err = cn_vq_get_used(&d->vq, &i, &len)) != CN_ERR_AGAIN) {
		if (err)
			continue;                   /* a bogus used entry: skipped */
		if (len >= sizeof(struct vin_hw_event)) {
			volatile struct vin_hw_event *e = &d->ev[i];
			frames += (unsigned)vin_translate(&d->frame, e->type, e->code, e->value, emit, arg);
		}
		post(d, i);
		posted = 1;
	}
	if (posted && cn_vq_publish(&d->vq))
		cn_virtio_notify(&d->v, 0);
	return frames;
}
