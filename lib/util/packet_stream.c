/* SPDX-License-Identifier: MIT */
/*
 * Packet stream rings, descriptor checks and the fixed-size slot allocator
 * (see cn/packet_stream.h, doc/packet-stream.md). Portable: no system
 * calls; the peer is woken through the caller's notify function.
 *
 * Ring indices are free-running 32-bit counters; an entry is
 * slot[index & mask]. Each index is written by one side only; the other
 * side checks every value it reads before trusting it.
 */
#include <cn/packet_stream.h>

/* shared layout: header, then the four indices on cache lines of their own */
#define OFF_HEADER      0x000u
#define OFF_SUBMIT_HEAD 0x040u
#define OFF_SUBMIT_TAIL 0x080u
#define OFF_ACK_HEAD    0x0c0u
#define OFF_ACK_TAIL    0x100u
#define OFF_RINGS       0x140u
#define PAGE            4096u

#define fence()        __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define load(p)        __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define store(p, v)    __atomic_store_n((p), (v), __ATOMIC_RELEASE)

int cn_ps_layout(uint32_t queue_len, uint32_t buf_size, struct cn_ps_geometry *g)
{
	if (queue_len < CN_PS_QUEUE_MIN || queue_len > CN_PS_QUEUE_MAX ||
	    (queue_len & (queue_len - 1)) || buf_size == 0 || buf_size > CN_PS_BUF_MAX)
		return CN_ERR_INVALID;
	uint32_t ring = queue_len * (uint32_t)sizeof(struct cn_packet);
	g->queue_len = queue_len;
	g->buf_size = buf_size;
	g->submit_off = OFF_RINGS;
	g->ack_off = OFF_RINGS + ring;
	g->buf_off = (g->ack_off + ring + PAGE - 1) & ~(PAGE - 1);
	g->total = (g->buf_off + buf_size + PAGE - 1) & ~(PAGE - 1);
	return 0;
}

void cn_ps_format(void *shared, const struct cn_ps_geometry *g)
{
	uint8_t *b = shared;
	uint32_t *h = (uint32_t *)(b + OFF_HEADER);
	h[0] = CN_PS_MAGIC;
	h[1] = g->queue_len;
	h[2] = g->buf_size;
	h[3] = g->buf_off;
	*(volatile uint32_t *)(b + OFF_SUBMIT_HEAD) = 0;
	*(volatile uint32_t *)(b + OFF_SUBMIT_TAIL) = 0;
	*(volatile uint32_t *)(b + OFF_ACK_HEAD) = 0;
	*(volatile uint32_t *)(b + OFF_ACK_TAIL) = 0;
	fence();
}

static void ring_init(struct cn_ps_ring *r, uint8_t *b, uint32_t entries, uint32_t head,
                      uint32_t tail, uint32_t len)
{
	r->slot = (struct cn_packet *)(b + entries);
	r->head = (volatile uint32_t *)(b + head);
	r->tail = (volatile uint32_t *)(b + tail);
	r->mask = len - 1;
	r->pos = r->published = r->peer = 0;
}

static void end_init(struct cn_ps_end *e, void *shared, const struct cn_ps_geometry *g,
                     void (*notify)(void *), void *arg, int source)
{
	uint8_t *b = shared;
	ring_init(source ? &e->out : &e->in, b, g->submit_off, OFF_SUBMIT_HEAD, OFF_SUBMIT_TAIL,
	          g->queue_len);
	ring_init(source ? &e->in : &e->out, b, g->ack_off, OFF_ACK_HEAD, OFF_ACK_TAIL,
	          g->queue_len);
	e->buf = b + g->buf_off;
	e->buf_size = g->buf_size;
	e->broken = 0;
	e->dropped = 0;
	e->notify = notify;
	e->notify_arg = arg;
	e->notified = 0;
}

void cn_ps_source_init(struct cn_ps_end *e, void *shared, const struct cn_ps_geometry *g,
                       void (*notify)(void *), void *arg)
{
	end_init(e, shared, g, notify, arg, 1);
}

void cn_ps_sink_init(struct cn_ps_end *e, void *shared, const struct cn_ps_geometry *g,
                     void (*notify)(void *), void *arg)
{
	end_init(e, shared, g, notify, arg, 0);
}

/* From now on the fast paths see no room and no input and fall through
 * to the slow paths, which answer CN_ERR_STATE. */
static int mark_broken(struct cn_ps_end *e)
{
	e->broken = 1;
	e->out.peer = e->out.pos - e->out.mask - 1;
	e->in.peer = e->in.pos;
	return CN_ERR_STATE;
}

/* The consumer's tail as the producer reads it: it may only have moved
 * forward from the last value, and not past what we published. */
static int read_tail(struct cn_ps_end *e, struct cn_ps_ring *r)
{
	if (e->broken)
		return CN_ERR_STATE;     /* the broken marks in peer must stay */
	uint32_t t = load(r->tail);
	if (t - r->peer > r->published - r->peer)
		return mark_broken(e);
	r->peer = t;
	return 0;
}

/* The producer's head as the consumer reads it: forward from the last
 * value, and at most one ring ahead of what we released. */
static int read_head(struct cn_ps_end *e, struct cn_ps_ring *r)
{
	if (e->broken)
		return CN_ERR_STATE;
	uint32_t h = load(r->head);
	if (h - r->peer > r->published + r->mask + 1 - r->peer)
		return mark_broken(e);
	r->peer = h;
	return 0;
}

static void wake(struct cn_ps_end *e)
{
	e->notified++;
	if (e->notify)
		e->notify(e->notify_arg);
}

/* publish the producer's position; 1 if the consumer had seen the ring
 * empty (it may be asleep and needs a signal) */
static int publish_out(struct cn_ps_end *e)
{
	struct cn_ps_ring *r = &e->out;
	if (r->pos == r->published)
		return 0;
	uint32_t old = r->published;
	store(r->head, r->pos);
	r->published = r->pos;
	fence();
	if (read_tail(e, r))
		return 0;
	return r->peer == old;
}

/* publish the consumer's position; 1 if the producer may have seen the
 * ring full */
static int publish_in(struct cn_ps_end *e)
{
	struct cn_ps_ring *r = &e->in;
	if (r->pos == r->published)
		return 0;
	uint32_t old = r->published;
	store(r->tail, r->pos);
	r->published = r->pos;
	fence();
	if (read_head(e, r))
		return 0;
	return r->peer - old == r->mask + 1;
}

uint32_t cn_ps__room_slow(struct cn_ps_end *e)
{
	struct cn_ps_ring *r = &e->out;
	if (e->broken || read_tail(e, r))
		return 0;
	return r->mask + 1 - (r->pos - r->peer);
}

int cn_ps__make_room(struct cn_ps_end *e)
{
	struct cn_ps_ring *r = &e->out;
	if (e->broken)
		return CN_ERR_STATE;
	if (read_tail(e, r))
		return CN_ERR_STATE;
	if (r->pos - r->peer <= r->mask)
		return 0;
	/* full: make everything visible so the consumer's full->not-full
	 * check sees it, then look once more */
	if (publish_out(e))
		wake(e);
	if (e->broken)
		return CN_ERR_STATE;
	return r->pos - r->peer <= r->mask ? 0 : CN_ERR_AGAIN;
}

int cn_ps__refill(struct cn_ps_end *e)
{
	struct cn_ps_ring *r = &e->in;
	if (e->broken || read_head(e, r))
		return CN_ERR_STATE;
	return r->pos == r->peer ? CN_ERR_AGAIN : 0;
}

int cn_ps_commit(struct cn_ps_end *e)
{
	if (e->broken)
		return CN_ERR_STATE;
	int need = publish_out(e);
	need |= publish_in(e);
	if (need && !e->broken)
		wake(e);
	if (e->broken)
		return CN_ERR_STATE;
	/* pairs with the producer's fence between publishing its head and
	 * reading our tail: either it saw our tail or we see its head */
	fence();
	if (read_head(e, &e->in))
		return CN_ERR_STATE;
	return e->in.peer != e->in.pos;
}

/* ------------------------------------------------------------ slots */

int cn_ps_slots_init(struct cn_ps_slots *s, uint32_t slot_size, uint32_t buf_size,
                     uint32_t *storage, uint32_t max_slots)
{
	if (slot_size == 0 || !storage || buf_size / slot_size == 0)
		return CN_ERR_INVALID;
	uint32_t n = buf_size / slot_size;
	if (n > max_slots)
		n = max_slots;
	if (n == 0)
		return CN_ERR_INVALID;
	s->slot_size = slot_size;
	s->shift = 32;
	if (!(slot_size & (slot_size - 1)))
		for (s->shift = 0; (1u << s->shift) != slot_size; s->shift++)
			;
	s->count = n;
	s->stack = storage;
	s->used = (uint8_t *)(storage + n);
	for (uint32_t i = 0; i < n; i++)
		s->used[i] = 0;
	/* slot 0 on top: allocation goes upwards through the buffer */
	for (uint32_t i = 0; i < n; i++)
		s->stack[i] = n - 1 - i;
	s->free_top = n;
	return 0;
}
