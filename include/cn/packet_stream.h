/* SPDX-License-Identifier: MIT */
/*
 * Packet stream: bulk data between two components through one shared
 * dataspace (doc/packet-stream.md). One stream carries one direction: the
 * *source* allocates space in the bulk buffer, fills it and submits a
 * descriptor; the *sink* takes the descriptor, uses the payload and
 * acknowledges it; the source gets the acknowledgement back and frees the
 * space. A session with two directions (Nic: tx and rx) uses two streams.
 *
 *   dataspace: | header | submit idx | ack idx | submit ring | ack ring | bulk buffer |
 *
 * Both sides compute the layout from the same two numbers (queue length,
 * buffer size) and never read it from shared memory. Everything the peer
 * can write is checked before use: descriptors are copied out of the ring
 * and their offset and size must lie inside the bulk buffer (else the packet
 * is dropped and counted), ring indices must stay within the ring (else the
 * stream is "broken": every later call returns CN_ERR_STATE and the owner
 * closes the session). A peer can never make us read or write outside the
 * dataspace.
 *
 * Signals only on edges: a side notifies its peer when a ring it produces
 * goes from empty to non-empty, or a ring it consumes goes from full to
 * not-full; commit() publishes a batch and makes that decision once.
 * Single-threaded per side; the two sides may run on different CPUs.
 *
 * The portable part (rings, checks, the slot allocator) is lib/util/packet_stream.c
 * and runs in host tests; cn_ps_alloc_shared() and cn_ps_notify_signal()
 * (lib/base/packet_stream.c) connect it to dataspaces and signals.
 */
#ifndef CN_PACKET_STREAM_H
#define CN_PACKET_STREAM_H

#include <stdint.h>
#include <stddef.h>
#include <cn/errors.h>

/* A descriptor (32 bytes). offset/size locate the payload in the bulk
 * buffer; the other fields belong to the session protocol (Block: op,
 * first block in arg, block count in count) and come back unchanged in the
 * acknowledgement, except status (0 or a CN_ERR_* of the sink). */
struct cn_packet {
	uint32_t offset;
	uint32_t size;
	uint32_t tag;      /* the source's, e.g. an index into its request table */
	uint32_t op;
	uint64_t arg;
	uint32_t count;
	int32_t  status;
};

/* limits of a stream's geometry */
#define CN_PS_QUEUE_MIN   2u
#define CN_PS_QUEUE_MAX   1024u             /* entries per ring, a power of two */
#define CN_PS_BUF_MAX     (64u << 20)       /* bytes of bulk buffer */
#define CN_PS_MAGIC       0x4e4b5350u       /* "PSKN" in the header (informational) */

/* Where things are in the dataspace; from cn_ps_layout(). */
struct cn_ps_geometry {
	uint32_t queue_len;    /* entries per ring */
	uint32_t buf_size;     /* bytes of bulk buffer */
	uint32_t submit_off;   /* offset of the submit ring's entries */
	uint32_t ack_off;      /* offset of the ack ring's entries */
	uint32_t buf_off;      /* offset of the bulk buffer (page aligned) */
	uint32_t total;        /* dataspace size (page aligned) */
};

/* 0, or CN_ERR_INVALID: queue_len not a power of two in [MIN, MAX],
 * buf_size 0 or above CN_PS_BUF_MAX */
int cn_ps_layout(uint32_t queue_len, uint32_t buf_size, struct cn_ps_geometry *g);

/* is [offset, offset + size) inside a buffer of buf_size bytes? (no overflow) */
static inline int cn_ps_range_ok(uint32_t buf_size, uint32_t offset, uint32_t size)
{
	return offset <= buf_size && size <= buf_size - offset;
}

/* one ring as seen by its producer or its consumer */
struct cn_ps_ring {
	struct cn_packet  *slot;      /* queue_len entries in shared memory */
	volatile uint32_t *head;      /* shared: written by the producer */
	volatile uint32_t *tail;      /* shared: written by the consumer */
	uint32_t           mask;      /* queue_len - 1 */
	uint32_t           pos;       /* ours: next entry to write (producer) / read (consumer) */
	uint32_t           published; /* ours: the last value of pos we made visible */
	uint32_t           peer;      /* the peer's index as last read and checked */
};

/* one side of a stream */
struct cn_ps_end {
	struct cn_ps_ring out;        /* source: submit ring; sink: ack ring */
	struct cn_ps_ring in;         /* source: ack ring;    sink: submit ring */
	uint8_t  *buf;                /* the bulk buffer */
	uint32_t  buf_size;
	int       broken;             /* the peer violated the protocol */
	uint32_t  dropped;            /* descriptors refused (outside the buffer) */
	void    (*notify)(void *arg); /* wake the peer */
	void     *notify_arg;
	uint32_t  notified;           /* how often notify was called */
};

/* Attach a side to the shared memory at 'shared' (g->total bytes). The
 * sink side (the server, which allocated the dataspace) calls
 * cn_ps_format() first to zero the indices. notify may be NULL. */
void cn_ps_format(void *shared, const struct cn_ps_geometry *g);
void cn_ps_source_init(struct cn_ps_end *e, void *shared, const struct cn_ps_geometry *g,
                       void (*notify)(void *), void *arg);
void cn_ps_sink_init(struct cn_ps_end *e, void *shared, const struct cn_ps_geometry *g,
                     void (*notify)(void *), void *arg);

/* Fast paths inline, everything that reads the peer's index out of line
 * (lib/util/packet_stream.c). A broken stream has no room and no input
 * as seen by the fast paths, so they fall through to the slow ones,
 * which say CN_ERR_STATE. */
int cn_ps__make_room(struct cn_ps_end *e);     /* 0, CN_ERR_AGAIN, CN_ERR_STATE */
int cn_ps__refill(struct cn_ps_end *e);        /* 0, CN_ERR_AGAIN, CN_ERR_STATE */

typedef uint64_t __attribute__((may_alias, aligned(8))) cn_ps_u64;

static inline int cn_ps__put(struct cn_ps_end *e, const struct cn_packet *p)
{
	struct cn_ps_ring *r = &e->out;
	if (__builtin_expect(r->pos - r->peer > r->mask, 0)) {
		int err = cn_ps__make_room(e);
		if (err)
			return err;
	}
	uint32_t pos = r->pos;
	r->pos = pos + 1;
	cn_ps_u64 *d = (cn_ps_u64 *)&r->slot[pos & r->mask];
	const cn_ps_u64 *s = (const cn_ps_u64 *)p;
	d[0] = s[0]; d[1] = s[1]; d[2] = s[2]; d[3] = s[3];
	return 0;
}

/* The descriptor is copied out of shared memory with volatile loads (the
 * peer may change it meanwhile); only the copy is checked and used. */
static inline int cn_ps__take(struct cn_ps_end *e, struct cn_packet *p)
{
	struct cn_ps_ring *r = &e->in;
	if (__builtin_expect(r->pos == r->peer, 0)) {
		int err = cn_ps__refill(e);
		if (err)
			return err;
	}
	uint32_t pos = r->pos, buf_size = e->buf_size;
	r->pos = pos + 1;
	const volatile cn_ps_u64 *s = (const volatile cn_ps_u64 *)&r->slot[pos & r->mask];
	cn_ps_u64 *d = (cn_ps_u64 *)p;
	d[0] = s[0]; d[1] = s[1]; d[2] = s[2]; d[3] = s[3];
	if (__builtin_expect(!cn_ps_range_ok(buf_size, p->offset, p->size), 0)) {
		e->dropped++;
		return CN_ERR_INVALID;
	}
	return 0;
}

/* ---- source ---- */
/* queue a descriptor (not yet visible): 0, CN_ERR_AGAIN (submit ring full:
 * wait for the peer's signal), CN_ERR_INVALID (outside the buffer),
 * CN_ERR_STATE (broken) */
static inline int cn_ps_submit(struct cn_ps_end *e, const struct cn_packet *p)
{
	if (!cn_ps_range_ok(e->buf_size, p->offset, p->size))
		return CN_ERR_INVALID;
	return cn_ps__put(e, p);
}
/* next acknowledgement (copied and checked): 0, CN_ERR_AGAIN (none),
 * CN_ERR_INVALID (dropped: outside the buffer), CN_ERR_STATE */
static inline int cn_ps_get_ack(struct cn_ps_end *e, struct cn_packet *p) { return cn_ps__take(e, p); }

/* ---- sink ---- */
/* next submitted descriptor (copied and checked): as cn_ps_get_ack */
static inline int cn_ps_get(struct cn_ps_end *e, struct cn_packet *p) { return cn_ps__take(e, p); }
/* queue an acknowledgement: 0, CN_ERR_AGAIN (ack ring full), CN_ERR_STATE */
static inline int cn_ps_ack(struct cn_ps_end *e, const struct cn_packet *p) { return cn_ps__put(e, p); }

/* ---- both ---- */
/* Publish what was queued and consumed since the last commit and notify
 * the peer on an edge. Returns 1 if more input arrived meanwhile (call
 * get again before going to sleep), 0 if not, CN_ERR_STATE if broken. */
int cn_ps_commit(struct cn_ps_end *e);
/* free entries in the ring we produce (as far as we know; 0 when broken) */
uint32_t cn_ps__room_slow(struct cn_ps_end *e);
static inline uint32_t cn_ps_room(struct cn_ps_end *e)
{
	uint32_t room = e->out.mask + 1 - (e->out.pos - e->out.peer);
	return room ? room : cn_ps__room_slow(e);
}

/* the payload of a checked descriptor */
static inline void *cn_ps_payload(const struct cn_ps_end *e, const struct cn_packet *p)
{
	return e->buf + p->offset;
}

/* ---- fixed-size slots of the bulk buffer (the source's allocator) ----
 * O(1) alloc and free from a stack of free slot numbers; a byte per slot
 * (cheaper on the hot path than a bitmap's shifts and masks) catches
 * double and foreign frees. Storage: CN_PS_SLOTS_WORDS(n) words. */
struct cn_ps_slots {
	uint32_t  slot_size;
	uint32_t  shift;              /* log2(slot_size) if a power of two, else 32 */
	uint32_t  count;
	uint32_t  free_top;           /* entries on the free stack */
	uint32_t *stack;              /* count entries */
	uint8_t  *used;               /* a byte per slot: 1 while allocated */
};
#define CN_PS_SLOTS_WORDS(n) ((n) + ((n) + 3) / 4)

/* slots of slot_size bytes in a buffer of buf_size: count = buf_size / slot_size
 * (at most max_slots); 0 or CN_ERR_INVALID */
int cn_ps_slots_init(struct cn_ps_slots *s, uint32_t slot_size, uint32_t buf_size,
                     uint32_t *storage, uint32_t max_slots);
/* 0 and *offset, or CN_ERR_AGAIN (all in use) */
static inline int cn_ps_slot_alloc(struct cn_ps_slots *s, uint32_t *offset)
{
	if (!s->free_top)
		return CN_ERR_AGAIN;
	uint32_t i = s->stack[--s->free_top];
	s->used[i] = 1;
	*offset = i * s->slot_size;
	return 0;
}

/* 0, or CN_ERR_INVALID (not the start of a slot, or not allocated) */
static inline int cn_ps_slot_free(struct cn_ps_slots *s, uint32_t offset)
{
	uint32_t i = s->shift < 32 ? offset >> s->shift : offset / s->slot_size;
	if (i >= s->count || i * s->slot_size != offset || !s->used[i])
		return CN_ERR_INVALID;
	s->used[i] = 0;
	s->stack[s->free_top++] = i;
	return 0;
}
static inline uint32_t cn_ps_slots_avail(const struct cn_ps_slots *s) { return s->free_top; }

/* ---- components (lib/base/packet_stream.c) ---- */
/* allocate and attach a dataspace for a stream of geometry g (flags as for
 * cn_pd_alloc, e.g. CN_DS_UNCACHED when a device reads the buffer) and
 * format it: 0 and *ds, *addr, or the allocation's error */
int cn_ps_alloc_shared(const struct cn_ps_geometry *g, uint32_t flags, uint32_t *ds, void **addr);
/* a notify function for cn_ps_*_init: submits the signal context whose
 * capability name is (uint32_t)(uintptr_t)arg */
void cn_ps_notify_signal(void *arg);

#endif
