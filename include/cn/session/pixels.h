/* SPDX-License-Identifier: MIT */
/*
 * Pixels shared by the Framebuffer and Capture sessions
 * (doc/session-framebuffer.md): the pixel format, rectangles (packed into
 * 64 bits for RPC results) and the size of a pixel buffer.
 *
 * CN_PIXEL_XRGB8888: 32 bits per pixel, the word 0x00RRGGBB in memory
 * order (bytes B, G, R, unused); rows of width pixels, no padding, the
 * first row at the top. virtio-gpu calls it B8G8R8X8_UNORM, Linux XRGB8888.
 */
#ifndef CN_SESSION_PIXELS_H
#define CN_SESSION_PIXELS_H

#include <stdint.h>

#define CN_PIXEL_XRGB8888   1u
#define CN_PIXEL_BYTES      4u
#define CN_PIXEL_MAX_SIDE   4096u       /* largest width or height */

struct cn_rect { uint32_t x, y, w, h; };

/* x | y << 16 | w << 32 | h << 48 (each side < 65536) */
static inline uint64_t cn_rect_pack(struct cn_rect r)
{
	return (uint64_t)(r.x & 0xffff) | (uint64_t)(r.y & 0xffff) << 16 |
	       (uint64_t)(r.w & 0xffff) << 32 | (uint64_t)(r.h & 0xffff) << 48;
}

static inline struct cn_rect cn_rect_unpack(uint64_t v)
{
	struct cn_rect r = { (uint32_t)(v & 0xffff), (uint32_t)(v >> 16 & 0xffff),
	                     (uint32_t)(v >> 32 & 0xffff), (uint32_t)(v >> 48 & 0xffff) };
	return r;
}

static inline int cn_rect_empty(struct cn_rect r) { return r.w == 0 || r.h == 0; }

/* the smallest rectangle holding a and b (clipped ones: x + w must not overflow) */
static inline struct cn_rect cn_rect_union(struct cn_rect a, struct cn_rect b)
{
	if (cn_rect_empty(a))
		return b;
	if (cn_rect_empty(b))
		return a;
	uint32_t x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
	uint32_t x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
	uint32_t y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
	struct cn_rect r = { x0, y0, x1 - x0, y1 - y0 };
	return r;
}

/* r cut to a width x height area (no overflow for any input) */
static inline struct cn_rect cn_rect_clip(struct cn_rect r, uint32_t width, uint32_t height)
{
	struct cn_rect e = { 0, 0, 0, 0 };
	if (r.x >= width || r.y >= height)
		return e;
	if (r.w > width - r.x)
		r.w = width - r.x;
	if (r.h > height - r.y)
		r.h = height - r.y;
	return r;
}

/* mode: width | height << 16 | format << 32 */
static inline uint64_t cn_mode_pack(uint32_t width, uint32_t height, uint32_t format)
{
	return (uint64_t)(width & 0xffff) | (uint64_t)(height & 0xffff) << 16 | (uint64_t)format << 32;
}

/* bytes of a width x height buffer, page-rounded; 0 if a side is 0 or too large */
static inline uint32_t cn_pixel_buffer_bytes(uint32_t width, uint32_t height)
{
	if (!width || !height || width > CN_PIXEL_MAX_SIDE || height > CN_PIXEL_MAX_SIDE)
		return 0;
	return (width * height * CN_PIXEL_BYTES + 0xfffu) & ~0xfffu;
}

#endif
