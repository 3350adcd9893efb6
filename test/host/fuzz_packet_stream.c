/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the packet stream's descriptor and index checks.
 * The input plays a hostile peer: it writes arbitrary words into the
 * shared memory (ring indices, descriptors) between the operations of an
 * honest side, which alternates between source and sink role per input.
 * The shared memory is exactly one allocation of the stream's size, so
 * AddressSanitizer reports any access outside it. Every descriptor the
 * honest side accepts must lie inside the bulk buffer (its whole payload is
 * written), and a broken stream must stay broken. Violations trap.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cn/packet_stream.h>

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

struct in { const uint8_t *p; size_t n; };
static uint32_t take(struct in *in, unsigned bytes)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < bytes && in->n; i++, in->n--)
		v = v << 8 | *in->p++;
	return v;
}

static void accepted(struct cn_ps_end *e, const struct cn_packet *p)
{
	CHECK(cn_ps_range_ok(e->buf_size, p->offset, p->size));
	if (p->size) {
		uint8_t *d = cn_ps_payload(e, p);
		d[0] ^= 1;
		d[p->size - 1] ^= 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	uint32_t q = 2u << (take(&in, 1) % 5);               /* 2..32 entries */
	uint32_t buf = 1 + take(&in, 2) % 8192;
	int source = take(&in, 1) & 1;
	struct cn_ps_geometry g;
	CHECK(cn_ps_layout(q, buf, &g) == 0);
	uint8_t *mem = malloc(g.total);
	cn_ps_format(mem, &g);
	struct cn_ps_end e;
	if (source)
		cn_ps_source_init(&e, mem, &g, NULL, NULL);
	else
		cn_ps_sink_init(&e, mem, &g, NULL, NULL);
	/* what the peer may write: the indices it owns and the ring it fills */
	volatile uint32_t *peer_idx[2] = { e.out.tail, e.in.head };
	uint32_t *ring = (uint32_t *)e.in.slot;
	while (in.n) {
		int was_broken = e.broken;
		struct cn_packet p;
		int r;
		switch (take(&in, 1) % 6) {
		case 0:   /* the peer sets one of its indices */
			*peer_idx[take(&in, 1) & 1] = take(&in, 4);
			break;
		case 1:   /* the peer writes a word of a descriptor */
			ring[take(&in, 2) % (q * 8)] = take(&in, 4);
			break;
		case 2:   /* the peer moves its index forward a little */
			*peer_idx[take(&in, 1) & 1] += take(&in, 1) % 4;
			break;
		case 3:   /* we take input */
			r = source ? cn_ps_get_ack(&e, &p) : cn_ps_get(&e, &p);
			CHECK(r == 0 || r == CN_ERR_AGAIN || r == CN_ERR_INVALID || r == CN_ERR_STATE);
			if (r == 0)
				accepted(&e, &p);
			CHECK(!was_broken || r == CN_ERR_STATE);
			break;
		case 4: { /* we produce */
			uint32_t off = take(&in, 2), len = take(&in, 2);
			struct cn_packet o = { off % (buf + 1), 0, 1, 2, 3, 4, 0 };
			o.size = len % (buf - o.offset + 1);
			r = source ? cn_ps_submit(&e, &o) : cn_ps_ack(&e, &o);
			CHECK(r == 0 || r == CN_ERR_AGAIN || r == CN_ERR_STATE);
			CHECK(!was_broken || r == CN_ERR_STATE);
			break; }
		default:
			r = cn_ps_commit(&e);
			CHECK(r == 0 || r == 1 || r == CN_ERR_STATE);
			CHECK(!was_broken || r == CN_ERR_STATE);
			break;
		}
		CHECK(!was_broken || e.broken);
		/* our own view never claims more than a ring */
		CHECK(e.in.peer - e.in.published <= q);
		CHECK(e.out.pos - e.out.peer <= q);
	}
	free(mem);
	return 0;
}
