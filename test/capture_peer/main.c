/*
 * A test peer that serves the Capture session (cn/session/capture.h) to a
 * display driver, with a known 1024x768 picture (run/framebuffer.run):
 *   rows   0..383  eight colour bars of 128 pixels: white, yellow, cyan,
 *                  green, magenta, red, blue, black
 *   rows 384..767  a gradient: red = x / 4, green = (y - 384) * 2 / 3,
 *                  blue = (x + y) mod 256
 *   marks          (0,0) ff0000, (1023,0) 00ff00, (0,767) 0000ff,
 *                  (1023,767) ffffff, (100,200) abcdef, (650,520) 123456
 * It draws in two steps to test partial updates: first the picture with
 * the box 600,500 200x100 filled grey (808080); 300 ms after a driver has
 * captured that, it draws the box's real content (with the mark at
 * 650,520), signals the change, and the next capture is just the box.
 * run/framebuffer.run renders the same picture on the host on its own.
 */
#include <cn/component.h>
#include <cn/server.h>
#include <cn/sys.h>
#include <cn/session/capture.h>
#include <cn/session/timer.h>
#include <cn/util/string.h>

#define W 1024u
#define H 768u

static const struct cn_rect box = { 600, 500, 200, 100 };

static uint32_t *picture;                 /* W x H, what we show */
static struct cn_timer timer;
static struct cn_signal_handler timer_h;
static int box_drawn, box_armed;

struct session {
	uint32_t       w, h;
	void          *buf;
	uint32_t       ds, bytes;
	uint32_t       sigh;                  /* the driver's signal context */
	struct cn_rect dirty;
	struct session *next;
};
static struct session *sessions;

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

static void draw(int with_box)
{
	for (uint32_t y = 0; y < H; y++)
		for (uint32_t x = 0; x < W; x++)
			picture[y * W + x] = !with_box && in_box(x, y) ? 0x808080 : pattern(x, y);
}

static void changed(struct cn_rect r)
{
	for (struct session *s = sessions; s; s = s->next) {
		s->dirty = cn_rect_union(s->dirty, r);
		if (s->sigh)
			cn_sys_signal_submit(s->sigh, 1);
	}
}

static void on_timer(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	draw(1);
	box_drawn = 1;
	cn_log("box drawn: %u,%u %ux%u", (unsigned)box.x, (unsigned)box.y, (unsigned)box.w,
	       (unsigned)box.h);
	changed(box);
}

/* ------------------------------------------------------------ Capture RPCs */
static void free_buffer(struct session *s)
{
	if (!s->buf)
		return;
	cn_ram_detach_free(s->buf, s->ds);
	cn_server_release(s, s->bytes + CN_DS_RAM_META, 1);
	s->buf = 0;
}

static int rpc_buffer(void *ctx, uint32_t w, uint32_t h)
{
	struct session *s = ctx;
	uint32_t bytes = cn_pixel_buffer_bytes(w, h);
	if (!bytes)
		return CN_ERR_INVALID;
	int err = cn_server_charge(s, bytes + CN_DS_RAM_META, 1);
	if (err)
		return err;
	free_buffer(s);
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
	cn_log("buffer %ux%u for \"%s\"", (unsigned)w, (unsigned)h,
	       cn_server_session_of(s)->label);
	return 0;
}

static int rpc_dataspace(void *ctx, cn_cap_t *r)
{
	struct session *s = ctx;
	if (!s->buf)
		return CN_ERR_STATE;
	r->name = s->ds;
	return 0;
}

static int rpc_sigh(void *ctx, cn_cap_t c)
{
	struct session *s = ctx;
	if (s->sigh)
		cn_sys_cap_drop(s->sigh);
	cn_ep_keep(cn_env()->ep, c);
	s->sigh = c.name;
	return 0;
}

static int rpc_capture(void *ctx, uint64_t *r)
{
	struct session *s = ctx;
	if (!s->buf)
		return CN_ERR_STATE;
	struct cn_rect d = s->dirty;
	s->dirty = (struct cn_rect){ 0, 0, 0, 0 };
	/* what lies outside our picture stays black (the buffer is zeroed) */
	struct cn_rect c = cn_rect_clip(cn_rect_clip(d, s->w, s->h), W, H);
	uint32_t *dst = s->buf;
	for (uint32_t y = c.y; y < c.y + c.h; y++)
		cn_memcpy(dst + y * s->w + c.x, picture + y * W + c.x, c.w * CN_PIXEL_BYTES);
	d = cn_rect_clip(d, s->w, s->h);
	if (!cn_rect_empty(d))
		cn_log("capture: %u,%u %ux%u", (unsigned)d.x, (unsigned)d.y, (unsigned)d.w,
		       (unsigned)d.h);
	*r = cn_rect_pack(d);
	if (!box_drawn && !box_armed && !cn_rect_empty(d)) {
		box_armed = 1;
		uint64_t deadline;
		int err = cn_timer_trigger_once(timer.session, 300000, &deadline);
		if (err)
			cn_log("FAIL: timer: %s", cn_strerror(err));
	}
	return 0;
}

static const struct cn_capture_ops capture_ops = {
	.buffer = rpc_buffer, .dataspace = rpc_dataspace, .sigh = rpc_sigh,
	.capture = rpc_capture,
};

static int session_create(void *ctx, const char *args, void *state)
{
	struct session *s = state;
	(void)ctx; (void)args;
	s->next = sessions;
	sessions = s;
	return 0;
}

static void session_close(void *ctx, void *state)
{
	struct session *s = state;
	(void)ctx;
	for (struct session **p = &sessions; *p; p = &(*p)->next)
		if (*p == s) {
			*p = s->next;
			break;
		}
	free_buffer(s);
	if (s->sigh)
		cn_sys_cap_drop(s->sigh);
}

static struct cn_service capture_service = {
	.name = CN_CAPTURE_SERVICE, .session_size = sizeof(struct session),
	.ram_cost = 0, .cap_cost = 1,        /* the driver's signal context; the buffer is charged */
	.dispatch = cn_capture_dispatch_any, .ops = &capture_ops,
	.create = session_create, .close = session_close,
};

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	uint32_t ds, ctx;
	int err;
	picture = cn_ram_alloc_attach(W * H * CN_PIXEL_BYTES, 0, &ds);
	if (!picture) {
		cn_log("FAIL: no RAM for the picture");
		cn_exit(1);
	}
	draw(0);
	if ((err = cn_timer_connect(&timer)) ||
	    (err = cn_signal_handler(&timer_h, on_timer, 0, &ctx)) ||
	    (err = cn_timer_sigh(timer.session, (cn_cap_t){ ctx }, NULL))) {
		cn_log("FAIL: timer: %s", cn_strerror(err));
		cn_exit(1);
	}
	if ((err = cn_server_announce(&capture_service))) {
		cn_log("FAIL: cannot announce Capture: %s", cn_strerror(err));
		cn_exit(1);
	}
	cn_log("picture drawn (box grey), Capture announced");
}
