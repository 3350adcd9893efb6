/* SPDX-License-Identifier: MIT */
/*
 * Host test of the pixel helpers shared by the Framebuffer and Capture
 * sessions (<cn/session/pixels.h>): rectangle packing, union and clipping
 * (no overflow for any input), buffer sizes, and that the sessions' RAM
 * cost covers the buffer.
 */
#include <stdint.h>
#include <cn/session/capture.h>
#include <cn/session/framebuffer.h>
#include "check.h"

static int rect_eq(struct cn_rect a, struct cn_rect b)
{
	return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

static void pack_unpack(void)
{
	struct cn_rect r = { 600, 500, 200, 100 };
	CN_CHECK(rect_eq(cn_rect_unpack(cn_rect_pack(r)), r));
	struct cn_rect m = { 65535, 65535, 65535, 65535 };
	CN_CHECK(rect_eq(cn_rect_unpack(cn_rect_pack(m)), m));
	CN_CHECK_EQ(cn_rect_pack(r), 600ull | 500ull << 16 | 200ull << 32 | 100ull << 48);
	struct cn_rect e = { 1, 2, 0, 5 };
	CN_CHECK(cn_rect_empty(e));
	CN_CHECK(!cn_rect_empty(r));
	CN_CHECK_EQ(cn_mode_pack(1024, 768, CN_PIXEL_XRGB8888),
	            1024ull | 768ull << 16 | (uint64_t)CN_PIXEL_XRGB8888 << 32);
}

static void union_of(void)
{
	struct cn_rect a = { 10, 20, 30, 40 }, b = { 100, 5, 1, 1 }, e = { 0, 0, 0, 0 };
	struct cn_rect u = cn_rect_union(a, b), want = { 10, 5, 91, 55 };
	CN_CHECK(rect_eq(u, want));
	CN_CHECK(rect_eq(cn_rect_union(a, e), a));
	CN_CHECK(rect_eq(cn_rect_union(e, b), b));
	CN_CHECK(rect_eq(cn_rect_union(a, a), a));
}

static void clip(void)
{
	struct cn_rect r = { 1000, 700, 100, 100 }, want = { 1000, 700, 24, 68 };
	CN_CHECK(rect_eq(cn_rect_clip(r, 1024, 768), want));
	struct cn_rect out = { 1024, 0, 5, 5 };
	CN_CHECK(cn_rect_empty(cn_rect_clip(out, 1024, 768)));
	struct cn_rect below = { 0, 768, 5, 5 };
	CN_CHECK(cn_rect_empty(cn_rect_clip(below, 1024, 768)));
	/* sides that would overflow x + w */
	struct cn_rect huge = { 5, 7, UINT32_MAX, UINT32_MAX }, hw = { 5, 7, 1019, 761 };
	CN_CHECK(rect_eq(cn_rect_clip(huge, 1024, 768), hw));
	struct cn_rect inside = { 1, 2, 3, 4 };
	CN_CHECK(rect_eq(cn_rect_clip(inside, 1024, 768), inside));
	/* whatever comes in, what goes out lies inside */
	uint32_t s = 12345;
	for (int i = 0; i < 100000; i++) {
		uint32_t v[4];
		for (int k = 0; k < 4; k++) {
			s = s * 1103515245u + 12345u;
			v[k] = (k & 1) ? s : s >> (s & 31);
		}
		struct cn_rect c = cn_rect_clip((struct cn_rect){ v[0], v[1], v[2], v[3] }, 1024, 768);
		if (!cn_rect_empty(c))
			CN_CHECK(c.x < 1024 && c.y < 768 && c.w <= 1024 - c.x && c.h <= 768 - c.y);
	}
}

static void buffer_sizes(void)
{
	CN_CHECK_EQ(cn_pixel_buffer_bytes(1024, 768), 3u << 20);
	CN_CHECK_EQ(cn_pixel_buffer_bytes(1, 1), 4096u);
	CN_CHECK_EQ(cn_pixel_buffer_bytes(0, 768), 0u);
	CN_CHECK_EQ(cn_pixel_buffer_bytes(1024, 0), 0u);
	CN_CHECK_EQ(cn_pixel_buffer_bytes(4097, 1), 0u);
	CN_CHECK_EQ(cn_pixel_buffer_bytes(4096, 4096), 64u << 20);
	CN_CHECK(CN_CAPTURE_SESSION_RAM(1024, 768) >= (3u << 20) + CN_DS_RAM_META);
	CN_CHECK(CN_FRAMEBUFFER_SESSION_RAM(1024, 768) >= (3u << 20) + CN_DS_RAM_META);
}

int main(void)
{
	cn_test_program = "pixels";
	CN_RUN(pack_unpack);
	CN_RUN(union_of);
	CN_RUN(clip);
	CN_RUN(buffer_sizes);
	return CN_TEST_RESULT();
}
