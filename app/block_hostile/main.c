/* SPDX-License-Identifier: MIT */
/*
 * block_hostile: a hostile Block client for run/block_hostile.run. It
 * opens a session like any client and then writes the packet stream's
 * shared memory by hand:
 *
 *  1. rounds of garbage descriptors with correct ring indices: offsets and
 *     sizes outside the bulk buffer (also overflowing), overlapping reads of
 *     one buffer range, random words in every field (never a write, so
 *     that the well-behaved client's data stays what the run script
 *     expects), each round ended by a correct read whose acknowledgement
 *     it waits for: the driver drops what lies outside the buffer, refuses
 *     the bad requests with error acknowledgements, and keeps serving;
 *  2. a broken protocol: the submit ring's head a thousand entries ahead,
 *     garbage in the ack ring's tail and the header, many signals: the
 *     driver stops serving this session and nobody else notices.
 *
 * It never exits (the session stays open while the other client works).
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/block.h>
#include <cn/session/pd.h>

#define ROUNDS 300

static struct cn_block_client blk;
static uint32_t recv;
static uint32_t rnd = 12345;

static uint32_t next_rand(void)
{
	rnd ^= rnd << 13;
	rnd ^= rnd >> 17;
	rnd ^= rnd << 5;
	return rnd;
}

static struct cn_packet pk(uint32_t off, uint32_t size, uint32_t tag, uint32_t op, uint64_t arg,
                           uint32_t count)
{
	struct cn_packet p;
	p.offset = off;
	p.size = size;
	p.tag = tag;
	p.op = op;
	p.arg = arg;
	p.count = count;
	p.status = 0;
	return p;
}

/* write a descriptor into the submit ring by hand */
static void put_raw(uint32_t *pos, const struct cn_packet *p)
{
	volatile uint32_t *s = (volatile uint32_t *)&blk.ps.out.slot[*pos & blk.ps.out.mask];
	const uint32_t *w = (const uint32_t *)p;
	for (int i = 0; i < 8; i++)
		s[i] = w[i];
	(*pos)++;
}

static uint32_t wait_for_marker(uint32_t marker, uint32_t *errors, uint32_t *oks)
{
	for (uint32_t waits = 0; waits < 1000;) {
		struct cn_packet a;
		int r = cn_ps_get_ack(&blk.ps, &a);
		if (r == 0) {
			if (a.tag == marker)
				return 1;
			if (a.status)
				(*errors)++;
			else
				(*oks)++;
			continue;
		}
		if (r == CN_ERR_INVALID)
			continue;
		if (r == CN_ERR_STATE)
			return 0;
		if (cn_ps_commit(&blk.ps) == 1)
			continue;
		uint32_t imprint, count;
		cn_sys_signal_wait(recv, &imprint, &count);
		waits++;
	}
	return 0;
}

void cn_component_construct(struct cn_env *env)
{
	cn_cap_t r = { 0 }, ctx = { 0 };
	int err;
	if ((err = cn_pd_signal_receiver(env->pd, &r)) ||
	    (err = cn_pd_signal_context(env->pd, r, 1, &ctx)) ||
	    (err = cn_block_client_open(&blk, "", 64 * 1024, 16, ctx.name))) {
		cn_log("no Block session: %s", cn_strerror(err));
		cn_exit(1);
	}
	recv = r.name;
	uint32_t buf = blk.geom.buf_size, errors = 0, oks = 0, rounds = 0;
	uint32_t head = 0;
	for (; rounds < ROUNDS; rounds++) {
		struct cn_packet g[7];
		g[0] = pk(buf, 512, 1, CN_BLOCK_OP_READ, 0, 1);                 /* starts at the end */
		g[1] = pk(0xfffff000u, 0x2000, 2, CN_BLOCK_OP_READ, 0, 16);     /* wraps around */
		g[2] = pk(512, buf, 3, CN_BLOCK_OP_READ, 0, buf / 512);         /* one byte too long */
		g[3] = pk(0, 4096, 4, CN_BLOCK_OP_READ, next_rand() % 64, 8);   /* these two overlap */
		g[4] = pk(1024, 4096, 5, CN_BLOCK_OP_READ, next_rand() % 64, 8);
		g[5] = pk(0, 512, 6, CN_BLOCK_OP_READ, ~0ull - 3, 8);           /* block overflow */
		/* random words everywhere (but never a write) */
		uint32_t *w = (uint32_t *)&g[6];
		for (int i = 0; i < 8; i++)
			w[i] = next_rand();
		if (g[6].op == CN_BLOCK_OP_WRITE)
			g[6].op = CN_BLOCK_OP_READ;
		g[6].tag = 7;
		/* at most queue - 1 in flight: leave room for the marker */
		for (int i = 0; i < 7; i++)
			put_raw(&head, &g[i]);
		struct cn_packet m = pk(8192, 512, 1000 + rounds, CN_BLOCK_OP_READ, rounds, 1);
		put_raw(&head, &m);
		__atomic_store_n(blk.ps.out.head, head, __ATOMIC_SEQ_CST);
		blk.ps.out.pos = blk.ps.out.published = head;
		cn_sys_signal_submit(blk.wakeup, 1);
		if (!wait_for_marker(1000 + rounds, &errors, &oks)) {
			cn_log("round %u: the driver did not answer", (unsigned)rounds);
			break;
		}
		/* our acks consumed: keep our view of the ring consistent */
		blk.ps.out.peer = __atomic_load_n(blk.ps.out.tail, __ATOMIC_SEQ_CST);
	}
	cn_log("garbage rounds answered: %u of %u (%u error acks, %u ok acks)",
	       (unsigned)rounds, (unsigned)ROUNDS, (unsigned)errors, (unsigned)oks);
	/* now break the protocol */
	__atomic_store_n(blk.ps.out.head, head + 1000, __ATOMIC_SEQ_CST);
	__atomic_store_n(blk.ps.in.tail, 0xdeadbeefu, __ATOMIC_SEQ_CST);
	volatile uint32_t *hdr = blk.shared;
	for (int i = 0; i < 16; i++)
		hdr[i] = next_rand();
	for (int i = 0; i < 100; i++)
		cn_sys_signal_submit(blk.wakeup, 1);
	cn_log("protocol broken on purpose; staying idle");
}
