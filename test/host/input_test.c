/* SPDX-License-Identifier: MIT */
/*
 * Host test of the Input/Event event ring (<cn/session/input.h>: order,
 * wrap-around, a full ring drops and counts, a peer's index out of range
 * marks it broken without an access outside the ring) and of the
 * virtio-input driver's translation (drivers/virtio_input/translate.c:
 * frames, consistent key changes, absolute scaling, SYN_DROPPED).
 */
#include <stdint.h>
#include <string.h>
#include <cn/session/input.h>
#include "../../drivers/virtio_input/translate.h"
#include "check.h"

static struct cn_input_ring ring;

static struct cn_input_event ev(uint32_t type, uint32_t code, int32_t x, int32_t y)
{
	struct cn_input_event e = { type, code, x, y };
	return e;
}

static void ring_order_and_wrap(void)
{
	struct cn_input_end p, c;
	struct cn_input_event e;
	memset(&ring, 0, sizeof(ring));
	cn_input_end_init(&p, &ring, 1);
	cn_input_end_init(&c, &ring, 0);
	CN_CHECK_EQ(cn_input_get(&c, &e), CN_ERR_AGAIN);
	uint32_t next = 0;
	for (uint32_t round = 0; round < 10; round++) {
		for (uint32_t i = 0; i < 100; i++) {
			struct cn_input_event x = ev(CN_INPUT_PRESS, round * 100 + i, 0, 0);
			CN_CHECK_EQ(cn_input_put(&p, &x), 0);
		}
		CN_CHECK_EQ(cn_input_get(&c, &e), CN_ERR_AGAIN);   /* nothing before the commit */
		CN_CHECK_EQ(cn_input_commit(&p), 1);
		CN_CHECK_EQ(cn_input_commit(&p), 0);
		while (cn_input_get(&c, &e) == 0)
			CN_CHECK_EQ(e.code, next++);
	}
	CN_CHECK_EQ(next, 1000u);
	CN_CHECK_EQ(p.dropped, 0u);
}

static void ring_full_drops(void)
{
	struct cn_input_end p, c;
	struct cn_input_event e, x = ev(CN_INPUT_REL, 0, 1, 2);
	memset(&ring, 0, sizeof(ring));
	cn_input_end_init(&p, &ring, 1);
	cn_input_end_init(&c, &ring, 0);
	uint32_t n = 0;
	while (cn_input_put(&p, &x) == 0)
		n++;
	CN_CHECK_EQ(n, (uint32_t)CN_INPUT_RING_EVENTS - 1);
	CN_CHECK_EQ(cn_input_put(&p, &x), CN_ERR_AGAIN);
	CN_CHECK_EQ(p.dropped, 2u);
	cn_input_commit(&p);
	CN_CHECK_EQ(cn_input_get(&c, &e), 0);
	CN_CHECK_EQ(cn_input_put(&p, &x), 0);                      /* room again */
}

static void ring_hostile_indices(void)
{
	struct cn_input_end p, c;
	struct cn_input_event e, x = ev(CN_INPUT_PRESS, 30, 0, 0);
	memset(&ring, 0, sizeof(ring));
	cn_input_end_init(&c, &ring, 0);
	ring.head = CN_INPUT_RING_EVENTS;                          /* a producer lying */
	CN_CHECK_EQ(cn_input_get(&c, &e), CN_ERR_STATE);
	ring.head = 0;
	CN_CHECK_EQ(cn_input_get(&c, &e), CN_ERR_STATE);           /* stays broken */
	memset(&ring, 0, sizeof(ring));
	cn_input_end_init(&p, &ring, 1);
	ring.tail = 0xffffffffu;                                   /* a consumer lying */
	CN_CHECK_EQ(cn_input_put(&p, &x), CN_ERR_STATE);
	CN_CHECK_EQ(cn_input_commit(&p), CN_ERR_STATE);
	/* a shared index out of range at start is not trusted */
	ring.head = 12345;
	cn_input_end_init(&p, &ring, 1);
	CN_CHECK_EQ(p.own, 0u);
}

/* ---------------------------------------------------------- translation */
static struct cn_input_event out[64];
static unsigned nout;
static void collect(void *arg, const struct cn_input_event *e) { (void)arg; if (nout < 64) out[nout++] = *e; }

static int feed(struct vin_frame *f, uint16_t type, uint16_t code, int32_t value)
{
	return vin_translate(f, type, code, (uint32_t)value, collect, NULL);
}

static void keys_and_frames(void)
{
	struct vin_frame f;
	vin_frame_init(&f);
	nout = 0;
	CN_CHECK_EQ(feed(&f, VIN_EV_KEY, 42, 1), 0);
	CN_CHECK_EQ(feed(&f, VIN_EV_KEY, 30, 1), 0);
	CN_CHECK_EQ(nout, 0u);                                     /* nothing before SYN */
	CN_CHECK_EQ(feed(&f, VIN_EV_SYN, VIN_SYN_REPORT, 0), 1);
	CN_CHECK_EQ(nout, 2u);
	CN_CHECK(out[0].type == CN_INPUT_PRESS && out[0].code == 42);
	CN_CHECK(out[1].type == CN_INPUT_PRESS && out[1].code == 30);
	feed(&f, VIN_EV_KEY, 30, 2);                               /* autorepeat: dropped */
	feed(&f, VIN_EV_KEY, 30, 1);                               /* pressed again: dropped */
	feed(&f, VIN_EV_KEY, 0x151, 0);                            /* release never pressed */
	feed(&f, VIN_EV_KEY, 30, 0);
	feed(&f, VIN_EV_KEY, 42, 0);
	feed(&f, VIN_EV_SYN, VIN_SYN_REPORT, 0);
	CN_CHECK_EQ(nout, 4u);
	CN_CHECK(out[2].type == CN_INPUT_RELEASE && out[2].code == 30);
	CN_CHECK(out[3].type == CN_INPUT_RELEASE && out[3].code == 42);
	CN_CHECK_EQ(f.ignored, 3u);
}

static void motion(void)
{
	struct vin_frame f;
	vin_frame_init(&f);
	f.ax = (struct vin_axis){ 0, 32767, 1024 };
	f.ay = (struct vin_axis){ 0, 32767, 768 };
	nout = 0;
	feed(&f, VIN_EV_REL, VIN_REL_X, 3);
	feed(&f, VIN_EV_REL, VIN_REL_X, 7);
	feed(&f, VIN_EV_REL, VIN_REL_Y, -5);
	feed(&f, VIN_EV_REL, VIN_REL_WHEEL, -1);
	feed(&f, VIN_EV_KEY, 0x110, 1);
	feed(&f, VIN_EV_ABS, VIN_ABS_X, 16384);
	feed(&f, VIN_EV_ABS, VIN_ABS_Y, 40000);                    /* clamped */
	feed(&f, VIN_EV_SYN, VIN_SYN_REPORT, 0);
	CN_CHECK_EQ(nout, 4u);
	CN_CHECK(out[0].type == CN_INPUT_ABS && out[0].x == 512 && out[0].y == 767);
	CN_CHECK(out[1].type == CN_INPUT_REL && out[1].x == 10 && out[1].y == -5);
	CN_CHECK(out[2].type == CN_INPUT_WHEEL && out[2].x == 0 && out[2].y == -1);
	CN_CHECK(out[3].type == CN_INPUT_PRESS && out[3].code == 0x110);
	/* only y moves: x keeps its position */
	feed(&f, VIN_EV_ABS, VIN_ABS_Y, 0);
	feed(&f, VIN_EV_SYN, VIN_SYN_REPORT, 0);
	CN_CHECK(nout == 5 && out[4].x == 512 && out[4].y == 0);
	/* unscaled: device units */
	f.ax.scale = 0;
	feed(&f, VIN_EV_ABS, VIN_ABS_X, 100);
	feed(&f, VIN_EV_SYN, VIN_SYN_REPORT, 0);
	CN_CHECK(nout == 6 && out[5].x == 100);
	/* an empty frame emits nothing */
	CN_CHECK_EQ(feed(&f, VIN_EV_SYN, VIN_SYN_REPORT, 0), 1);
	CN_CHECK_EQ(nout, 6u);
}

static void dropped_frame(void)
{
	struct vin_frame f;
	vin_frame_init(&f);
	nout = 0;
	feed(&f, VIN_EV_KEY, 30, 1);
	feed(&f, VIN_EV_REL, VIN_REL_X, 4);
	feed(&f, VIN_EV_SYN, VIN_SYN_DROPPED, 0);
	feed(&f, VIN_EV_SYN, VIN_SYN_REPORT, 0);
	CN_CHECK_EQ(nout, 0u);
	feed(&f, VIN_EV_KEY, 30, 1);                               /* not down: reported */
	feed(&f, VIN_EV_SYN, VIN_SYN_REPORT, 0);
	CN_CHECK(nout == 1 && out[0].type == CN_INPUT_PRESS);
	/* more key changes in a frame than it holds: counted as lost */
	for (uint16_t k = 1; k <= VIN_FRAME_KEYS + 3; k++)
		feed(&f, VIN_EV_KEY, (uint16_t)(k + 100), 1);
	feed(&f, VIN_EV_SYN, VIN_SYN_REPORT, 0);
	CN_CHECK_EQ(nout, 1u + VIN_FRAME_KEYS);
	CN_CHECK_EQ(f.lost, 3u);
}

int main(void)
{
	cn_test_program = "input";
	CN_RUN(ring_order_and_wrap);
	CN_RUN(ring_full_drops);
	CN_RUN(ring_hostile_indices);
	CN_RUN(keys_and_frames);
	CN_RUN(motion);
	CN_RUN(dropped_frame);
	return CN_TEST_RESULT();
}
