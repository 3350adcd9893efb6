/* SPDX-License-Identifier: MIT */
/*
 * Translation of virtio-input (evdev) events into Cairn input events
 * (<cn/session/input.h>), one device frame at a time: everything up to an
 * EV_SYN/SYN_REPORT is collected, then emitted as absolute motion, relative
 * motion, wheel, and the key changes in their order. A key's changes are
 * consistent: a release only after its press, no second press before it
 * (QEMU's tablet reports a release of BTN_GEAR_UP/DOWN after every wheel
 * step, without a press: dropped here). Portable (no device, no session):
 * host-testable.
 */
#ifndef VIRTIO_INPUT_TRANSLATE_H
#define VIRTIO_INPUT_TRANSLATE_H

#include <stdint.h>
#include <cn/session/input.h>

/* evdev event types and codes (linux/input-event-codes.h) */
#define VIN_EV_SYN 0x00
#define VIN_EV_KEY 0x01
#define VIN_EV_REL 0x02
#define VIN_EV_ABS 0x03
#define VIN_SYN_REPORT  0
#define VIN_SYN_DROPPED 3
#define VIN_REL_X      0
#define VIN_REL_Y      1
#define VIN_REL_HWHEEL 6
#define VIN_REL_WHEEL  8
#define VIN_ABS_X      0
#define VIN_ABS_Y      1

#define VIN_FRAME_KEYS 32
#define VIN_KEY_MAX    0x300           /* key codes tracked (KEY_MAX + 1) */

struct vin_axis { int32_t min, max; uint32_t scale; };   /* scale 0: device units */

struct vin_frame {
	struct vin_axis ax, ay;          /* absolute axes (set by the caller) */
	int32_t  x, y;                   /* last absolute position (device units) */
	int      abs;                    /* the frame moved it */
	int32_t  dx, dy, wx, wy;         /* relative motion, wheel */
	uint32_t nkeys;
	struct { uint16_t code; uint8_t press; } keys[VIN_FRAME_KEYS];
	uint32_t pressed[VIN_KEY_MAX / 32];  /* keys down (as submitted) */
	uint32_t ignored;                /* events of other types/codes, key repeats,
	                                    releases of keys not down, presses of keys down */
	uint32_t lost;                   /* key changes beyond VIN_FRAME_KEYS in a frame */
};

typedef void (*vin_emit_fn)(void *arg, const struct cn_input_event *ev);

void vin_frame_init(struct vin_frame *f);
/* one device event; at EV_SYN/SYN_REPORT the frame's events go to emit and
 * it returns 1 (a frame ended: publish), else 0 */
int vin_translate(struct vin_frame *f, uint16_t type, uint16_t code, uint32_t value,
                  vin_emit_fn emit, void *arg);
/* an absolute coordinate in the caller's space (0 .. scale-1), clamped */
int32_t vin_scale(const struct vin_axis *a, int32_t v);

#endif
