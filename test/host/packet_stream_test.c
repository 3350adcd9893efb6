/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the packet stream (lib/util/packet_stream.c): layout
 * limits, a round trip source -> sink -> source, signals only on the
 * empty->non-empty and full->not-full edges, descriptors outside the
 * buffer dropped, hostile ring indices breaking the stream, the slot
 * allocator, and a long random interleaving against a model.
 */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <cn/packet_stream.h>
#include "check.h"

struct pair {
	struct cn_ps_geometry g;
	uint8_t *mem;
	struct cn_ps_end src, snk;
	uint32_t src_woken, snk_woken;   /* notifications received */
};

static void wake_counter(void *arg) { (*(uint32_t *)arg)++; }

static void pair_init(struct pair *p, uint32_t queue_len, uint32_t buf_size)
{
	memset(p, 0, sizeof(*p));
	if (cn_ps_layout(queue_len, buf_size, &p->g))
		abort();
	p->mem = malloc(p->g.total);
	memset(p->mem, 0xee, p->g.total);
	cn_ps_format(p->mem, &p->g);
	/* the source notifies the sink and the other way round */
	cn_ps_source_init(&p->src, p->mem, &p->g, wake_counter, &p->snk_woken);
	cn_ps_sink_init(&p->snk, p->mem, &p->g, wake_counter, &p->src_woken);
}

static struct cn_packet pkt(uint32_t off, uint32_t size, uint32_t tag)
{
	struct cn_packet p = { off, size, tag, 1, 0x100000000ull + tag, tag * 2, 0 };
	return p;
}

static void layout(void)
{
	struct cn_ps_geometry g;
	CN_CHECK_EQ(cn_ps_layout(0, 4096, &g), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_ps_layout(1, 4096, &g), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_ps_layout(6, 4096, &g), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_ps_layout(2048, 4096, &g), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_ps_layout(8, 0, &g), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_ps_layout(8, CN_PS_BUF_MAX + 1, &g), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_ps_layout(1024, CN_PS_BUF_MAX, &g), 0);
	CN_CHECK_EQ(cn_ps_layout(64, 100000, &g), 0);
	CN_CHECK_EQ(sizeof(struct cn_packet), 32u);
	CN_CHECK_EQ(g.buf_off % 4096, 0u);
	CN_CHECK_EQ(g.total % 4096, 0u);
	CN_CHECK(g.ack_off >= g.submit_off + 64 * 32);
	CN_CHECK(g.buf_off >= g.ack_off + 64 * 32);
	CN_CHECK(g.total >= g.buf_off + 100000);
	CN_CHECK(cn_ps_range_ok(100, 0, 100));
	CN_CHECK(cn_ps_range_ok(100, 100, 0));
	CN_CHECK(!cn_ps_range_ok(100, 1, 100));
	CN_CHECK(!cn_ps_range_ok(100, 101, 0));
	CN_CHECK(!cn_ps_range_ok(100, 0xfffffff0u, 0x20));
}

static void round_trip(void)
{
	struct pair p;
	pair_init(&p, 8, 8 * 4096);
	struct cn_packet a = pkt(4096, 100, 7), b;
	memcpy(p.src.buf + 4096, "hello", 6);
	CN_CHECK_EQ(cn_ps_get(&p.snk, &b), CN_ERR_AGAIN);
	CN_CHECK_EQ(cn_ps_submit(&p.src, &a), 0);
	CN_CHECK_EQ(cn_ps_get(&p.snk, &b), CN_ERR_AGAIN);       /* not yet published */
	CN_CHECK_EQ(cn_ps_commit(&p.src), 0);
	CN_CHECK_EQ(p.snk_woken, 1u);                            /* empty -> non-empty */
	CN_CHECK_EQ(cn_ps_get(&p.snk, &b), 0);
	CN_CHECK(memcmp(&a, &b, sizeof(a)) == 0);
	CN_CHECK_STR((char *)cn_ps_payload(&p.snk, &b), "hello");
	b.status = -5;
	CN_CHECK_EQ(cn_ps_ack(&p.snk, &b), 0);
	CN_CHECK_EQ(cn_ps_commit(&p.snk), 0);
	CN_CHECK_EQ(p.src_woken, 1u);
	struct cn_packet c;
	CN_CHECK_EQ(cn_ps_get_ack(&p.src, &c), 0);
	CN_CHECK_EQ(c.tag, 7u);
	CN_CHECK_EQ(c.status, -5);
	CN_CHECK_EQ(c.arg, 0x100000007ull);
	CN_CHECK_EQ(cn_ps_get_ack(&p.src, &c), CN_ERR_AGAIN);
	CN_CHECK_EQ(cn_ps_commit(&p.src), 0);
	CN_CHECK_EQ(p.snk_woken, 1u);                            /* ack ring was not full */
	free(p.mem);
}

static void edges_only(void)
{
	struct pair p;
	pair_init(&p, 4, 4 * 512);
	struct cn_packet a = pkt(0, 512, 0), b;
	/* three batches before the sink runs: one signal */
	for (int i = 0; i < 3; i++) {
		CN_CHECK_EQ(cn_ps_submit(&p.src, &a), 0);
		CN_CHECK_EQ(cn_ps_commit(&p.src), 0);
	}
	CN_CHECK_EQ(p.snk_woken, 1u);
	/* the fourth fills the ring, the fifth finds it full */
	CN_CHECK_EQ(cn_ps_submit(&p.src, &a), 0);
	CN_CHECK_EQ(cn_ps_submit(&p.src, &a), CN_ERR_AGAIN);
	CN_CHECK_EQ(p.snk_woken, 1u);            /* publishing the 4th: not an edge */
	CN_CHECK_EQ(cn_ps_room(&p.src), 0u);
	/* the sink takes one and releases it: full -> not-full wakes the source */
	CN_CHECK_EQ(cn_ps_get(&p.snk, &b), 0);
	CN_CHECK_EQ(cn_ps_commit(&p.snk), 1);    /* more input waits */
	CN_CHECK_EQ(p.src_woken, 1u);
	CN_CHECK_EQ(cn_ps_room(&p.src), 1u);
	/* taking the rest and committing again: no new edge */
	for (int i = 0; i < 3; i++)
		CN_CHECK_EQ(cn_ps_get(&p.snk, &b), 0);
	CN_CHECK_EQ(cn_ps_get(&p.snk, &b), CN_ERR_AGAIN);
	CN_CHECK_EQ(cn_ps_commit(&p.snk), 0);
	CN_CHECK_EQ(p.src_woken, 1u);
	/* acks: the ring fills, the source drains it: one signal each way */
	for (int i = 0; i < 4; i++)
		CN_CHECK_EQ(cn_ps_ack(&p.snk, &a), 0);
	CN_CHECK_EQ(cn_ps_ack(&p.snk, &a), CN_ERR_AGAIN);
	CN_CHECK_EQ(p.src_woken, 2u);            /* ack ring: empty -> non-empty */
	for (int i = 0; i < 4; i++)
		CN_CHECK_EQ(cn_ps_get_ack(&p.src, &b), 0);
	CN_CHECK_EQ(cn_ps_commit(&p.src), 0);
	CN_CHECK_EQ(p.snk_woken, 2u);            /* ack ring: full -> not-full */
	free(p.mem);
}

static void bad_descriptors_dropped(void)
{
	struct pair p;
	pair_init(&p, 8, 4096);
	struct cn_packet bad[] = {
		pkt(4096, 1, 1), pkt(4097, 0, 2), pkt(0, 4097, 3),
		pkt(0xfffff000u, 0x2000, 4), pkt(1, 0xffffffffu, 5),
	};
	for (unsigned i = 0; i < 5; i++)
		CN_CHECK_EQ(cn_ps_submit(&p.src, &bad[i]), CN_ERR_INVALID);   /* the source checks too */
	/* a hostile source writes them into the ring itself */
	for (unsigned i = 0; i < 5; i++)
		p.src.out.slot[i] = bad[i];
	p.src.out.slot[5] = pkt(4000, 96, 6);
	p.src.out.slot[6] = pkt(0, 4096, 7);
	p.src.out.slot[7] = pkt(0, 4096, 8);     /* overlaps the one before: harmless */
	__atomic_store_n(p.src.out.head, 8u, __ATOMIC_RELEASE);
	struct cn_packet b;
	uint32_t tags = 0;
	int r;
	while ((r = cn_ps_get(&p.snk, &b)) != CN_ERR_AGAIN) {
		if (r == 0) {
			CN_CHECK(cn_ps_range_ok(4096, b.offset, b.size));
			tags = tags * 10 + b.tag;
		}
	}
	CN_CHECK_EQ(tags, 678u);
	CN_CHECK_EQ(p.snk.dropped, 5u);
	CN_CHECK_EQ(p.snk.broken, 0);
	free(p.mem);
}

static void hostile_indices(void)
{
	struct pair p;
	struct cn_packet a = pkt(0, 8, 1), b;
	/* a head more than one ring ahead */
	pair_init(&p, 8, 4096);
	__atomic_store_n(p.src.out.head, 9u, __ATOMIC_RELEASE);
	CN_CHECK_EQ(cn_ps_get(&p.snk, &b), CN_ERR_STATE);
	CN_CHECK_EQ(cn_ps_ack(&p.snk, &a), CN_ERR_STATE);
	CN_CHECK_EQ(cn_ps_commit(&p.snk), CN_ERR_STATE);
	free(p.mem);
	/* a head that moves backwards */
	pair_init(&p, 8, 4096);
	for (int i = 0; i < 3; i++)
		cn_ps_submit(&p.src, &a);
	cn_ps_commit(&p.src);
	CN_CHECK_EQ(cn_ps_get(&p.snk, &b), 0);
	__atomic_store_n(p.src.out.head, 0u, __ATOMIC_RELEASE);
	CN_CHECK_EQ(cn_ps_get(&p.snk, &b), 0);           /* the cached head still holds 2 */
	CN_CHECK_EQ(cn_ps_get(&p.snk, &b), 0);
	CN_CHECK_EQ(cn_ps_get(&p.snk, &b), CN_ERR_STATE);
	free(p.mem);
	/* a tail beyond what was published, seen by the source */
	pair_init(&p, 8, 4096);
	cn_ps_submit(&p.src, &a);
	cn_ps_commit(&p.src);
	__atomic_store_n(p.src.out.tail, 2u, __ATOMIC_RELEASE);
	for (int i = 0; i < 7; i++)
		CN_CHECK_EQ(cn_ps_submit(&p.src, &a), 0);
	CN_CHECK_EQ(cn_ps_submit(&p.src, &a), CN_ERR_STATE);
	CN_CHECK_EQ(p.src.broken, 1);
	free(p.mem);
	/* a head of the ack ring far ahead, seen by the source */
	pair_init(&p, 8, 4096);
	__atomic_store_n(p.snk.out.head, 0x80000000u, __ATOMIC_RELEASE);
	CN_CHECK_EQ(cn_ps_get_ack(&p.src, &b), CN_ERR_STATE);
	free(p.mem);
}

static void slots(void)
{
	uint32_t st[CN_PS_SLOTS_WORDS(40)];
	struct cn_ps_slots s;
	CN_CHECK_EQ(cn_ps_slots_init(&s, 0, 4096, st, 40), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_ps_slots_init(&s, 8192, 4096, st, 40), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_ps_slots_init(&s, 1500, 64 * 1500 + 3, st, 40), 0);
	CN_CHECK_EQ(s.count, 40u);
	uint32_t off[40], o;
	for (uint32_t i = 0; i < 40; i++) {
		CN_CHECK_EQ(cn_ps_slot_alloc(&s, &off[i]), 0);
		CN_CHECK_EQ(off[i], i * 1500);
	}
	CN_CHECK_EQ(cn_ps_slot_alloc(&s, &o), CN_ERR_AGAIN);
	CN_CHECK_EQ(cn_ps_slot_free(&s, 1501), CN_ERR_INVALID);      /* not a slot start */
	CN_CHECK_EQ(cn_ps_slot_free(&s, 40 * 1500), CN_ERR_INVALID); /* past the last */
	CN_CHECK_EQ(cn_ps_slot_free(&s, 0xffffffffu), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_ps_slot_free(&s, 3000), 0);
	CN_CHECK_EQ(cn_ps_slot_free(&s, 3000), CN_ERR_INVALID);      /* double free */
	CN_CHECK_EQ(cn_ps_slots_avail(&s), 1u);
	CN_CHECK_EQ(cn_ps_slot_alloc(&s, &o), 0);
	CN_CHECK_EQ(o, 3000u);
}

/* Random interleaving of both sides with the model of a FIFO: every packet
 * arrives once, in order, intact; every ack returns; the sides never
 * sleep forever (whenever one has nothing to do and the other is
 * waiting, a notification is owed). */
static void random_model(void)
{
	struct pair p;
	pair_init(&p, 16, 64 * 256);
	uint32_t st[CN_PS_SLOTS_WORDS(64)];
	struct cn_ps_slots s;
	cn_ps_slots_init(&s, 256, 64 * 256, st, 64);
	uint32_t next_tag = 0, next_seen = 0, next_ack = 0;
	struct cn_packet held[64];
	unsigned nheld = 0;
	srand(7);
	for (int step = 0; step < 200000; step++) {
		int r = rand() % 6;
		struct cn_packet a;
		if (r == 0 || r == 1) {
			uint32_t off;
			if (cn_ps_slot_alloc(&s, &off))
				continue;
			a = pkt(off, (uint32_t)rand() % 257, next_tag);
			memset(p.src.buf + off, (int)(next_tag & 0xff), a.size);
			int e = cn_ps_submit(&p.src, &a);
			if (e == CN_ERR_AGAIN) {
				cn_ps_slot_free(&s, off);
				continue;
			}
			CN_CHECK_EQ(e, 0);
			next_tag++;
		} else if (r == 2) {
			cn_ps_commit(&p.src);
		} else if (r == 3) {
			if (nheld < 64 && cn_ps_get(&p.snk, &a) == 0) {
				CN_CHECK_EQ(a.tag, next_seen);
				uint8_t *d = cn_ps_payload(&p.snk, &a);
				for (uint32_t i = 0; i < a.size; i++)
					if (d[i] != (a.tag & 0xff)) { CN_CHECK(0); break; }
				next_seen++;
				held[nheld++] = a;
			}
		} else if (r == 4) {
			while (nheld && cn_ps_ack(&p.snk, &held[0]) == 0)
				memmove(held, held + 1, --nheld * sizeof(held[0]));
			cn_ps_commit(&p.snk);
		} else {
			while (cn_ps_get_ack(&p.src, &a) == 0) {
				CN_CHECK_EQ(a.tag, next_ack);
				next_ack++;
				CN_CHECK_EQ(cn_ps_slot_free(&s, a.offset), 0);
			}
			cn_ps_commit(&p.src);
		}
	}
	CN_CHECK(next_ack > 10000);
	CN_CHECK_EQ(p.src.broken + p.snk.broken, 0);
	CN_CHECK_EQ(p.snk.dropped, 0u);
	/* far fewer notifications than packets */
	CN_CHECK(p.snk_woken + p.src_woken < next_tag);
	free(p.mem);
}

int main(void)
{
	cn_test_program = "packet_stream";
	CN_RUN(layout);
	CN_RUN(round_trip);
	CN_RUN(edges_only);
	CN_RUN(bad_descriptors_dropped);
	CN_RUN(hostile_indices);
	CN_RUN(slots);
	CN_RUN(random_model);
	return CN_TEST_RESULT();
}
