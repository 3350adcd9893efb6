/* SPDX-License-Identifier: MIT */
/*
 * A Framebuffer client (cn/session/framebuffer.h) that draws a known
 * 1024x768 picture for run/framebuffer.run:
 *   rows   0..383  eight colour bars of 128 pixels: white, yellow, cyan,
 *                  green, magenta, red, blue, black
 *   rows 384..767  a gradient: red = x / 4, green = (y - 384) * 2 / 3,
 *                  blue = (x + y) mod 256
 *   marks          (0,0) ff0000, (1023,0) 00ff00, (0,767) 0000ff,
 *                  (1023,767) ffffff, (100,200) abcdef, (650,520) 123456
 * It draws in two steps to test partial updates: first the picture with
 * the box 600,500 200x100 filled grey (808080) and refresh() of all; on
 * the first sync signal (the server's frame went to the screen) it draws
 * the box's real content (with the mark at 650,520) and refreshes just the
 * box. run/framebuffer.run renders the same picture on the host on its
 * own and compares. Anything unexpected prints a line starting "FAIL".
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/framebuffer.h>
#include <cn/session/pd.h>
#include <cn/session/rm.h>

#define fail(...) do { cn_log("FAIL: " __VA_ARGS__); cn_exit(1); } while (0)

static const struct cn_rect box = { 600, 500, 200, 100 };

static uint32_t session, width, height;
static uint32_t *pixels;
static struct cn_signal_handler sync_h, mode_h;
static int box_drawn;

static uint32_t pattern(uint32_t x, uint32_t y)
{
	static const uint32_t bars[8] = { 0xffffff, 0xffff00, 0x00ffff, 0x00ff00,
	                                  0xff00ff, 0xff0000, 0x0000ff, 0x000000 };
	static const struct { uint32_t x, y, c; } marks[] = {
		{ 0, 0, 0xff0000 }, { 1023, 0, 0x00ff00 }, { 0, 767, 0x0000ff },
		{ 1023, 767, 0xffffff }, { 100, 200, 0xabcdef }, { 650, 520, 0x123456 },
	};
	for (unsigned i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (marks[i].x == x && marks[i].y == y)
			return marks[i].c;
	if (y < 384)
		return bars[x / 128];
	return (x / 4) << 16 | ((y - 384) * 2 / 3) << 8 | ((x + y) & 0xff);
}

static int in_box(uint32_t x, uint32_t y)
{
	return x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h;
}

static void on_sync(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	if (box_drawn)
		return;
	for (uint32_t y = box.y; y < box.y + box.h; y++)
		for (uint32_t x = box.x; x < box.x + box.w; x++)
			pixels[y * width + x] = pattern(x, y);
	box_drawn = 1;
	int err = cn_framebuffer_refresh(session, box.x, box.y, box.w, box.h);
	if (err)
		fail("refresh of the box: %s", cn_strerror(err));
	cn_log("box drawn: %u,%u %ux%u", (unsigned)box.x, (unsigned)box.y, (unsigned)box.w,
	       (unsigned)box.h);
}

static void on_mode(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	fail("the mode changed, which nothing here does");
}

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	uint64_t mode;
	cn_cap_t ds, sync, modec;
	uint32_t at, size;
	int err = cn_framebuffer_connect("", 1024, 768, &session);
	if (!err)
		err = cn_framebuffer_mode(session, &mode);
	if (err)
		fail("Framebuffer session: %s", cn_strerror(err));
	width = (uint32_t)(mode & 0xffff);
	height = (uint32_t)(mode >> 16 & 0xffff);
	uint32_t format = (uint32_t)(mode >> 32);
	cn_log("mode %ux%u, format %u", (unsigned)width, (unsigned)height, (unsigned)format);
	if (width != 1024 || height != 768 || format != CN_PIXEL_XRGB8888)
		fail("not the mode the pattern is made for");
	if ((err = cn_framebuffer_dataspace(session, &ds)) || (err = cn_ds_size(ds.name, &size)))
		fail("dataspace: %s", cn_strerror(err));
	if (size < width * height * CN_PIXEL_BYTES)
		fail("the buffer has %u bytes, the mode needs %u", (unsigned)size,
		     (unsigned)(width * height * CN_PIXEL_BYTES));
	if ((err = cn_rm_attach(cn_env()->rm, ds, 0, 0, 0, CN_ATTACH_WRITE, &at)))
		fail("attach: %s", cn_strerror(err));
	pixels = (uint32_t *)(uintptr_t)at;
	if ((err = cn_signal_handler(&sync_h, on_sync, 0, &sync.name)) ||
	    (err = cn_framebuffer_sync_sigh(session, sync)) ||
	    (err = cn_signal_handler(&mode_h, on_mode, 0, &modec.name)) ||
	    (err = cn_framebuffer_mode_sigh(session, modec)))
		fail("signals: %s", cn_strerror(err));
	for (uint32_t y = 0; y < height; y++)
		for (uint32_t x = 0; x < width; x++)
			pixels[y * width + x] = in_box(x, y) ? 0x808080 : pattern(x, y);
	if ((err = cn_framebuffer_refresh(session, 0, 0, width, height)))
		fail("refresh: %s", cn_strerror(err));
	cn_log("picture drawn, the box grey");
}
