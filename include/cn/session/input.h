/* SPDX-License-Identifier: MIT */
/*
 * Input session (doc/session-input.md): the events of keyboards and
 * pointing devices for an application, served by an event filter or GUI
 * server (or a test peer). Drivers do not serve it: they are clients of the
 * Event session (<cn/session/event.h>), which carries the same events in
 * the same ring layout, defined here.
 *
 * An event (struct cn_input_event, 16 bytes):
 *   CN_INPUT_PRESS    code     a key or button went down; code is a Linux
 *   CN_INPUT_RELEASE  code     input key code (KEY_A = 30, BTN_LEFT = 0x110, ...)
 *   CN_INPUT_REL      x, y     relative motion (mouse), in device units
 *   CN_INPUT_ABS      x, y     absolute position (tablet, touch screen),
 *                              0 .. range-1 of the producer's coordinate space
 *                              (the driver's config: its width and height)
 *   CN_INPUT_WHEEL    x, y     wheel steps (y > 0: away from the user, x
 *                              horizontal)
 * Each batch the producer commits is one frame of the device (everything
 * between two EV_SYN reports): its events happened at the same moment.
 *
 * The ring (struct cn_input_ring, one page, CN_INPUT_RING_EVENTS entries) lies
 * in a dataspace both sides attach. The producer writes entries at head and
 * then advances head; the consumer reads from tail and advances tail. head
 * and tail are in 0 .. CN_INPUT_RING_EVENTS-1; the ring is full when head is
 * one behind tail. Each side reads the other's index once per call and
 * checks it: an index out of range marks the peer broken (the helpers
 * return CN_ERR_STATE), never an access outside the ring. A full ring drops
 * the new event and counts it in the producer's 'dropped'.
 *
 * Input session (served by the event filter / GUI server):
 *   dataspace()   the ring (the server produces, the client consumes)
 *   sigh(ctx)     the client's signal context: fired after the server
 *                 committed new events (a new one replaces the old)
 * Cost: CN_INPUT_SESSION_RAM bytes, CN_INPUT_SESSION_CAPS caps.
 */
#ifndef CN_SESSION_INPUT_H
#define CN_SESSION_INPUT_H

#include <stdint.h>
#include <cn/rpc.h>
#include <cn/errors.h>
#include <cn/session/connect.h>
#include <cn/session/quota.h>

#define CN_INPUT_SERVICE "Input"

enum {
	CN_INPUT_PRESS   = 1,
	CN_INPUT_RELEASE = 2,
	CN_INPUT_REL     = 3,
	CN_INPUT_ABS     = 4,
	CN_INPUT_WHEEL   = 5,
};

struct cn_input_event {
	uint32_t type;      /* CN_INPUT_* */
	uint32_t code;      /* press/release: Linux key code */
	int32_t  x, y;      /* motion, wheel */
};

#define CN_INPUT_RING_BYTES  4096u
#define CN_INPUT_RING_EVENTS ((CN_INPUT_RING_BYTES - 16u) / sizeof(struct cn_input_event))

struct cn_input_ring {
	volatile uint32_t head;          /* written by the producer only */
	volatile uint32_t tail;          /* written by the consumer only */
	uint32_t reserved[2];
	struct cn_input_event ev[CN_INPUT_RING_EVENTS];
};

_Static_assert(sizeof(struct cn_input_ring) == CN_INPUT_RING_BYTES, "one page");

/* one side of a ring: the shared page and the index this side owns (its
 * private copy is the truth; the shared one is only published) */
struct cn_input_end {
	struct cn_input_ring *ring;
	uint32_t own;                    /* producer: head, consumer: tail */
	uint32_t dropped;                /* producer: events lost to a full ring */
	int      broken;                 /* the peer's index was out of range */
};

static inline void cn_input_end_init(struct cn_input_end *e, void *ring, int producer)
{
	e->ring = ring;
	e->own = producer ? e->ring->head : e->ring->tail;
	if (e->own >= CN_INPUT_RING_EVENTS)
		e->own = 0;
	e->dropped = 0;
	e->broken = 0;
}

/* producer: queue an event (not visible before cn_input_commit): 0,
 * CN_ERR_AGAIN (ring full: dropped and counted), CN_ERR_STATE (broken) */
static inline int cn_input_put(struct cn_input_end *e, const struct cn_input_event *ev)
{
	uint32_t tail = e->ring->tail;
	if (tail >= CN_INPUT_RING_EVENTS)
		e->broken = 1;
	if (e->broken)
		return CN_ERR_STATE;
	uint32_t next = e->own + 1 == CN_INPUT_RING_EVENTS ? 0 : e->own + 1;
	if (next == tail) {
		e->dropped++;
		return CN_ERR_AGAIN;
	}
	e->ring->ev[e->own] = *ev;
	e->own = next;
	return 0;
}

/* producer: publish what was put; 1 if there was anything (signal the
 * consumer), 0 if not, CN_ERR_STATE (broken) */
static inline int cn_input_commit(struct cn_input_end *e)
{
	if (e->broken)
		return CN_ERR_STATE;
	uint32_t old = e->ring->head;
	if (old == e->own)
		return 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);    /* entries before the index */
	e->ring->head = e->own;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return 1;
}

/* consumer: the next event: 0, CN_ERR_AGAIN (empty), CN_ERR_STATE (broken) */
static inline int cn_input_get(struct cn_input_end *e, struct cn_input_event *ev)
{
	uint32_t head = e->ring->head;
	if (head >= CN_INPUT_RING_EVENTS)
		e->broken = 1;
	if (e->broken)
		return CN_ERR_STATE;
	if (head == e->own)
		return CN_ERR_AGAIN;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);    /* the entry after the index */
	*ev = e->ring->ev[e->own];
	e->own = e->own + 1 == CN_INPUT_RING_EVENTS ? 0 : e->own + 1;
	e->ring->tail = e->own;
	return 0;
}

/* the Input session */
#define CN_INPUT_SESSION_STATE 512u
#define CN_INPUT_SESSION_RAM   (CN_INPUT_SESSION_STATE + CN_SESSION_RAM_META + \
                                CN_DS_RAM_META + CN_INPUT_RING_BYTES + 4096u)
#define CN_INPUT_SESSION_CAPS  4u

#define CN_INPUT_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_input, dataspace, cn_cap_t) \
	F1(cn_input, sigh,      void,     cn_cap_t, ctx)
CN_RPC_INTERFACE(cn_input, CN_INPUT_RPC)

/* open an Input session (label may be NULL) */
static inline int cn_input_connect(struct cn_env *env, const char *label, uint32_t *session)
{
	return cn_session_connect(env, CN_INPUT_SERVICE, label, CN_INPUT_SESSION_RAM,
	                          CN_INPUT_SESSION_CAPS, "", session);
}

#endif
