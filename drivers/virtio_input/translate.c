/* SPDX-License-Identifier: MIT */
/*
 * evdev frames -> Cairn input events (translate.h).
 */
#include "translate.h"

void vin_frame_init(struct vin_frame *f)
{
	f->x = f->y = 0;
	f->abs = 0;
	f->dx = f->dy = f->wx = f->wy = 0;
	f->nkeys = 0;
	f->ignored = f->lost = 0;
	for (unsigned i = 0; i < VIN_KEY_MAX / 32; i++)
		f->pressed[i] = 0;
}

int32_t vin_scale(const struct vin_axis *a, int32_t v)
{
	if (v < a->min)
		v = a->min;
	if (v > a->max)
		v = a->max;
	if (!a->scale || a->max <= a->min)
		return v;
	int64_t range = (int64_t)a->max - a->min + 1;
	return (int32_t)(((int64_t)v - a->min) * a->scale / range);
}

static void emit_frame(struct vin_frame *f, vin_emit_fn emit, void *arg)
{
	struct cn_input_event e = { 0, 0, 0, 0 };
	if (f->abs) {
		e.type = CN_INPUT_ABS;
		e.x = vin_scale(&f->ax, f->x);
		e.y = vin_scale(&f->ay, f->y);
		emit(arg, &e);
	}
	if (f->dx || f->dy) {
		e.type = CN_INPUT_REL;
		e.x = f->dx;
		e.y = f->dy;
		emit(arg, &e);
	}
	if (f->wx || f->wy) {
		e.type = CN_INPUT_WHEEL;
		e.x = f->wx;
		e.y = f->wy;
		emit(arg, &e);
	}
	e.x = e.y = 0;
	for (uint32_t i = 0; i < f->nkeys; i++) {
		e.type = f->keys[i].press ? CN_INPUT_PRESS : CN_INPUT_RELEASE;
		e.code = f->keys[i].code;
		emit(arg, &e);
	}
}

static void clear(struct vin_frame *f)
{
	f->abs = 0;
	f->dx = f->dy = f->wx = f->wy = 0;
	f->nkeys = 0;
}

int vin_translate(struct vin_frame *f, uint16_t type, uint16_t code, uint32_t value,
                  vin_emit_fn emit, void *arg)
{
	int32_t v = (int32_t)value;
	switch (type) {
	case VIN_EV_SYN:
		if (code == VIN_SYN_REPORT) {
			emit_frame(f, emit, arg);
			clear(f);
			return 1;
		}
		if (code == VIN_SYN_DROPPED) {
			/* the device lost events: drop the partial frame, its keys' state too */
			for (uint32_t i = 0; i < f->nkeys; i++)
				if (f->keys[i].code < VIN_KEY_MAX)
					f->pressed[f->keys[i].code / 32] ^= 1u << (f->keys[i].code % 32);
			clear(f);
		}
		else
			f->ignored++;
		return 0;
	case VIN_EV_KEY:
		if (value > 1) {                 /* autorepeat: the event filter's job */
			f->ignored++;
			return 0;
		}
		if (code < VIN_KEY_MAX) {
			uint32_t bit = 1u << (code % 32), *w = &f->pressed[code / 32];
			if (!!(*w & bit) == !!value) {   /* no change: nothing to tell */
				f->ignored++;
				return 0;
			}
			if (f->nkeys < VIN_FRAME_KEYS)
				*w ^= bit;
		}
		if (f->nkeys == VIN_FRAME_KEYS) {
			f->lost++;
			return 0;
		}
		f->keys[f->nkeys].code = code;
		f->keys[f->nkeys].press = (uint8_t)value;
		f->nkeys++;
		return 0;
	case VIN_EV_REL:
		switch (code) {
		case VIN_REL_X:      f->dx += v; break;
		case VIN_REL_Y:      f->dy += v; break;
		case VIN_REL_HWHEEL: f->wx += v; break;
		case VIN_REL_WHEEL:  f->wy += v; break;
		default:             f->ignored++;
		}
		return 0;
	case VIN_EV_ABS:
		if (code == VIN_ABS_X)
			f->x = v;
		else if (code == VIN_ABS_Y)
			f->y = v;
		else {
			f->ignored++;
			return 0;
		}
		f->abs = 1;
		return 0;
	default:
		f->ignored++;                    /* EV_MSC, EV_LED, ... */
		return 0;
	}
}
