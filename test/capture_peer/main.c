/* SPDX-License-Identifier: MIT */
/*
 * A test peer standing in for the GUI server (run/framebuffer.run): it
 * serves one Framebuffer session (cn/session/framebuffer.h) to an
 * application that draws, and Capture sessions (cn/session/capture.h) to
 * display drivers, which show what that application drew.
 *
 *   Framebuffer  mode 1024x768 XRGB8888 whatever the client asks; the
 *                buffer is paid from the session quota; refresh() marks
 *                the rectangle changed for every Capture session and fires
 *                their signals; sync_sigh fires after a capture() that
 *                delivered pixels (a frame went to the screen); one
 *                session at a time (a second: CN_ERR_CONFLICT)
 *   Capture      as the header says, with one addition: until the
 *                application has refreshed once there is no picture and
 *                capture() reports nothing changed
 */
#include <cn/component.h>
#include <cn/server.h>
#include <cn/sys.h>
#include <cn/session/capture.h>
#include <cn/session/framebuffer.h>
#include <cn/util/string.h>

#define W 1024u
#define H 768u

struct capture {
	uint32_t        w, h;
	void           *buf;
	uint32_t        ds, bytes;
	uint32_t        sigh;                 /* the driver's signal context */
	struct cn_rect  dirty;
	struct capture *next;
};
static struct capture *captures;

struct fb {
	uint32_t *pixels;                     /* W x H, the application's */
	uint32_t  ds, bytes;
	uint32_t  mode_sigh, sync_sigh;
	int       drawn;                      /* refreshed at least once */
};
static struct fb *fb;                    /* the one Framebuffer session */

static void drop(uint32_t *cap)
{
	if (*cap)
		cn_sys_cap_drop(*cap);
	*cap = 0;
}

static int keep(cn_cap_t c, uint32_t *slot)
{
	drop(slot);
	cn_ep_keep(cn_env()->ep, c);
	*slot = c.name;
	return 0;
}

/* ------------------------------------------------------------ Framebuffer */
static int fb_mode(void *ctx, uint64_t *r)
{
	(void)ctx;
	*r = cn_mode_pack(W, H, CN_PIXEL_XRGB8888);
	return 0;
}

static int fb_dataspace(void *ctx, cn_cap_t *r)
{
	struct fb *f = ctx;
	r->name = f->ds;
	return 0;
}

static int fb_refresh(void *ctx, uint32_t x, uint32_t y, uint32_t w, uint32_t h)
{
	struct fb *f = ctx;
	struct cn_rect r = cn_rect_clip((struct cn_rect){ x, y, w, h }, W, H);
	if (cn_rect_empty(r))
		return 0;
	f->drawn = 1;
	cn_log("refresh: %u,%u %ux%u", (unsigned)r.x, (unsigned)r.y, (unsigned)r.w, (unsigned)r.h);
	for (struct capture *c = captures; c; c = c->next) {
		c->dirty = cn_rect_union(c->dirty, r);
		if (c->sigh)
			cn_sys_signal_submit(c->sigh, 1);
	}
	return 0;
}

static int fb_mode_sigh(void *ctx, cn_cap_t c) { return keep(c, &((struct fb *)ctx)->mode_sigh); }
static int fb_sync_sigh(void *ctx, cn_cap_t c) { return keep(c, &((struct fb *)ctx)->sync_sigh); }

static const struct cn_framebuffer_ops fb_ops = {
	.mode = fb_mode, .dataspace = fb_dataspace, .refresh = fb_refresh,
	.mode_sigh = fb_mode_sigh, .sync_sigh = fb_sync_sigh,
};

static int fb_create(void *ctx, const char *args, void *state)
{
	struct fb *f = state;
	(void)ctx; (void)args;
	if (fb)
		return CN_ERR_CONFLICT;
	f->bytes = cn_pixel_buffer_bytes(W, H);
	int err = cn_server_charge(f, f->bytes + CN_DS_RAM_META, 1);
	if (err)
		return err;
	f->pixels = cn_ram_alloc_attach(f->bytes, 0, &f->ds);
	if (!f->pixels) {
		cn_server_release(f, f->bytes + CN_DS_RAM_META, 1);
		return CN_ERR_QUOTA_RAM;
	}
	fb = f;
	cn_log("Framebuffer %ux%u for \"%s\"", W, H, cn_server_session_of(f)->label);
	return 0;
}

static void fb_close(void *ctx, void *state)
{
	struct fb *f = state;
	(void)ctx;
	fb = 0;
	cn_ram_detach_free(f->pixels, f->ds);
	cn_server_release(f, f->bytes + CN_DS_RAM_META, 1);
	drop(&f->mode_sigh);
	drop(&f->sync_sigh);
}

static struct cn_service fb_service = {
	.name = CN_FRAMEBUFFER_SERVICE, .session_size = sizeof(struct fb),
	.ram_cost = 0, .cap_cost = 2,         /* the two signal contexts; the buffer is charged */
	.dispatch = cn_framebuffer_dispatch_any, .ops = &fb_ops,
	.create = fb_create, .close = fb_close,
};

/* ------------------------------------------------------------ Capture */
static void free_buffer(struct capture *s)
{
	if (!s->buf)
		return;
	cn_ram_detach_free(s->buf, s->ds);
	cn_server_release(s, s->bytes + CN_DS_RAM_META, 1);
	s->buf = 0;
}

static int cap_buffer(void *ctx, uint32_t w, uint32_t h)
{
	struct capture *s = ctx;
	uint32_t bytes = cn_pixel_buffer_bytes(w, h);
	if (!bytes)
		return CN_ERR_INVALID;
	free_buffer(s);
	int err = cn_server_charge(s, bytes + CN_DS_RAM_META, 1);
	if (err)
		return err;
	uint32_t ds;
	void *buf = cn_ram_alloc_attach(bytes, 0, &ds);
	if (!buf) {
		cn_server_release(s, bytes + CN_DS_RAM_META, 1);
		return CN_ERR_QUOTA_RAM;
	}
	s->buf = buf;
	s->ds = ds;
	s->bytes = bytes;
	s->w = w;
	s->h = h;
	s->dirty = (struct cn_rect){ 0, 0, w, h };
	cn_log("Capture buffer %ux%u for \"%s\"", (unsigned)w, (unsigned)h,
	       cn_server_session_of(s)->label);
	return 0;
}

static int cap_dataspace(void *ctx, cn_cap_t *r)
{
	struct capture *s = ctx;
	if (!s->buf)
		return CN_ERR_STATE;
	r->name = s->ds;
	return 0;
}

static int cap_sigh(void *ctx, cn_cap_t c) { return keep(c, &((struct capture *)ctx)->sigh); }

static int cap_capture(void *ctx, uint64_t *r)
{
	struct capture *s = ctx;
	if (!s->buf)
		return CN_ERR_STATE;
	struct cn_rect d = { 0, 0, 0, 0 };
	if (fb && fb->drawn) {
		d = cn_rect_clip(s->dirty, s->w, s->h);
		s->dirty = (struct cn_rect){ 0, 0, 0, 0 };
		/* what lies outside the picture stays black (the buffer is zeroed) */
		struct cn_rect c = cn_rect_clip(d, W, H);
		uint32_t *dst = s->buf;
		for (uint32_t y = c.y; y < c.y + c.h; y++)
			cn_memcpy(dst + y * s->w + c.x, fb->pixels + y * W + c.x, c.w * CN_PIXEL_BYTES);
	}
	*r = cn_rect_pack(d);
	if (!cn_rect_empty(d)) {
		cn_log("capture: %u,%u %ux%u", (unsigned)d.x, (unsigned)d.y, (unsigned)d.w,
		       (unsigned)d.h);
		if (fb->sync_sigh)
			cn_sys_signal_submit(fb->sync_sigh, 1);
	}
	return 0;
}

static const struct cn_capture_ops capture_ops = {
	.buffer = cap_buffer, .dataspace = cap_dataspace, .sigh = cap_sigh,
	.capture = cap_capture,
};

static int cap_create(void *ctx, const char *args, void *state)
{
	struct capture *s = state;
	(void)ctx; (void)args;
	s->next = captures;
	captures = s;
	return 0;
}

static void cap_close(void *ctx, void *state)
{
	struct capture *s = state;
	(void)ctx;
	for (struct capture **p = &captures; *p; p = &(*p)->next)
		if (*p == s) {
			*p = s->next;
			break;
		}
	free_buffer(s);
	drop(&s->sigh);
}

static struct cn_service capture_service = {
	.name = CN_CAPTURE_SERVICE, .session_size = sizeof(struct capture),
	.ram_cost = 0, .cap_cost = 1,         /* the driver's signal context; the buffer is charged */
	.dispatch = cn_capture_dispatch_any, .ops = &capture_ops,
	.create = cap_create, .close = cap_close,
};

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	int err;
	if ((err = cn_server_announce(&capture_service)) || (err = cn_server_announce(&fb_service))) {
		cn_log("FAIL: cannot announce: %s", cn_strerror(err));
		cn_exit(1);
	}
	cn_log("Capture and Framebuffer announced");
}
