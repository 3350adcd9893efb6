/* SPDX-License-Identifier: MIT */
/*
 * block_test: a client of the Block session for run/block.run. It reads
 * every block (pipelined, several requests in flight) and prints the
 * SHA-256 of the device; on a writeable device it writes patterns at known
 * blocks, syncs and reads them back; then it sends requests that must get
 * error acknowledgements (past the end, across the end, wrong size, no
 * blocks, unknown op, a write to a read-only device) and checks that the
 * driver still serves after each. <config passes="N"/> reads the device N
 * times (default 1) and compares the hashes.
 *
 * The pattern of block b is the 16 characters "cairn-blk%07u" (b) repeated
 * 32 times; run/block.run checks them on the host image.
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/block.h>
#include <cn/session/pd.h>
#include <cn/util/format.h>
#include <cn/util/string.h>
#include <cn/util/sha256.h>
#include <cn/config.h>

#define BUF     (512u * 1024)
#define QUEUE   32u
#define SLOT    (32u * 1024)
#define WINDOW  (BUF / SLOT)

static struct cn_block_client blk;
static struct cn_ps_slots slots;
static uint32_t slot_mem[CN_PS_SLOTS_WORDS(WINDOW)];
static uint32_t recv;
static int failures;

#define FAIL(...) do { cn_log("FAIL: " __VA_ARGS__); failures++; } while (0)

/* the next acknowledgement, waiting for the server's signal if needed */
static int next_ack(struct cn_packet *a)
{
	for (;;) {
		int r = cn_ps_get_ack(&blk.ps, a);
		if (r == 0 || r == CN_ERR_STATE)
			return r;
		if (r == CN_ERR_INVALID)
			continue;
		if (cn_ps_commit(&blk.ps) == 1)
			continue;
		uint32_t imprint, count;
		cn_sys_signal_wait(recv, &imprint, &count);
	}
}

/* one request, synchronously: the acknowledgement's status */
static int request(uint32_t op, uint64_t block, uint32_t count, uint32_t size, uint32_t off)
{
	struct cn_packet p = { off, size, 0x5eed, op, block, count, 0 }, a;
	int r = cn_ps_submit(&blk.ps, &p);
	if (r)
		return r;
	cn_ps_commit(&blk.ps);
	if ((r = next_ack(&a)))
		return r;
	if (a.tag != 0x5eed || a.offset != off || a.arg != block)
		return CN_ERR_STATE;
	return a.status;
}

static void pattern(uint64_t block, uint8_t *d)
{
	char s[17];
	cn_snprintf(s, sizeof(s), "cairn-blk%07u", (unsigned)block);
	for (int i = 0; i < 32; i++)
		cn_memcpy(d + 16 * i, s, 16);
}

/* read the whole device, up to WINDOW requests in flight, hash in order */
static int read_all(char hex[65])
{
	struct { uint32_t off, done; } win[WINDOW];
	uint32_t per = SLOT / blk.block_size;
	uint64_t total = (blk.block_count + per - 1) / per, issued = 0, hashed = 0;
	struct cn_sha256 h;
	cn_sha256_init(&h);
	while (hashed < total) {
		while (issued < total && issued - hashed < WINDOW) {
			uint32_t off;
			if (cn_ps_slot_alloc(&slots, &off))
				return CN_ERR_STATE;
			uint64_t first = issued * per;
			uint32_t n = blk.block_count - first < per ? (uint32_t)(blk.block_count - first) : per;
			struct cn_packet p = { off, n * blk.block_size, (uint32_t)(issued % WINDOW),
			                       CN_BLOCK_OP_READ, first, n, 0 };
			win[issued % WINDOW].off = off;
			win[issued % WINDOW].done = 0;
			int r = cn_ps_submit(&blk.ps, &p);
			if (r)
				return r;
			issued++;
		}
		cn_ps_commit(&blk.ps);
		struct cn_packet a;
		int r = next_ack(&a);
		if (r)
			return r;
		if (a.status) {
			FAIL("read of block %llu: %s", (unsigned long long)a.arg, cn_strerror(a.status));
			return a.status;
		}
		if (a.tag >= WINDOW || win[a.tag].off != a.offset)
			return CN_ERR_STATE;
		win[a.tag].done = a.size;
		while (hashed < issued && win[hashed % WINDOW].done) {
			uint32_t k = hashed % WINDOW;
			cn_sha256_update(&h, (uint8_t *)blk.ps.buf + win[k].off, win[k].done);
			cn_ps_slot_free(&slots, win[k].off);
			win[k].done = 0;
			hashed++;
		}
	}
	uint8_t dg[32];
	cn_sha256_final(&h, dg);
	cn_sha256_hex(dg, hex);
	return 0;
}

static const struct { uint64_t block; uint32_t count; } writes[] = {
	{ 0, 1 }, { 1000, 4 }, { 65535, 3 }, { 100000, 64 },
};

static void write_patterns(void)
{
	uint32_t off;
	if (cn_ps_slot_alloc(&slots, &off)) {
		FAIL("write: no free slot");
		return;
	}
	uint8_t *d = (uint8_t *)blk.ps.buf + off;
	for (unsigned i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
		for (uint32_t b = 0; b < writes[i].count; b++)
			pattern(writes[i].block + b, d + b * blk.block_size);
		int r = request(CN_BLOCK_OP_WRITE, writes[i].block, writes[i].count,
		                writes[i].count * blk.block_size, off);
		if (r)
			FAIL("write of %u blocks at %llu: %s", (unsigned)writes[i].count,
			     (unsigned long long)writes[i].block, cn_strerror(r));
	}
	/* the last block of the device, too */
	pattern(blk.block_count - 1, d);
	int r = request(CN_BLOCK_OP_WRITE, blk.block_count - 1, 1, blk.block_size, off);
	if (r)
		FAIL("write of the last block: %s", cn_strerror(r));
	if ((r = request(CN_BLOCK_OP_SYNC, 0, 0, 0, 0)))
		FAIL("sync: %s", cn_strerror(r));
	/* read back */
	uint8_t want[512];
	unsigned bad = 0;
	for (unsigned i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
		cn_memset(d, 0, writes[i].count * blk.block_size);
		if ((r = request(CN_BLOCK_OP_READ, writes[i].block, writes[i].count,
		                 writes[i].count * blk.block_size, off)))
			FAIL("read back: %s", cn_strerror(r));
		for (uint32_t b = 0; b < writes[i].count; b++) {
			pattern(writes[i].block + b, want);
			if (cn_memcmp(want, d + b * blk.block_size, 512))
				bad++;
		}
	}
	if (bad)
		FAIL("%u blocks read back differ from what was written", bad);
	cn_log("wrote patterns at blocks 0, 1000+4, 65535+3, 100000+64, %llu; synced; read back %s",
	       (unsigned long long)(blk.block_count - 1), bad ? "WRONG" : "equal");
	cn_ps_slot_free(&slots, off);
}

static void expect_error(const char *what, int want, uint32_t op, uint64_t block, uint32_t count,
                         uint32_t size)
{
	uint32_t off;
	if (cn_ps_slot_alloc(&slots, &off)) {
		FAIL("%s: no free slot", what);
		return;
	}
	int r = request(op, block, count, size, off);
	/* and the driver still serves */
	int ok = request(CN_BLOCK_OP_READ, 0, 1, blk.block_size, off);
	cn_ps_slot_free(&slots, off);
	if (r != want)
		FAIL("%s: got %s, expected %s", what, cn_strerror(r), cn_strerror(want));
	else if (ok)
		FAIL("%s: the next read failed: %s", what, cn_strerror(ok));
	else
		cn_log("%s: %s, next read ok", what, cn_strerror(r));
}

static uint32_t config_passes(void)
{
	unsigned long n = 1;
	cn_config_ulong("passes", &n);
	return n ? (uint32_t)n : 1;
}

void cn_component_construct(struct cn_env *env)
{
	cn_cap_t r = { 0 }, ctx = { 0 };
	int err;
	if ((err = cn_pd_signal_receiver(env->pd, &r)) ||
	    (err = cn_pd_signal_context(env->pd, r, 1, &ctx))) {
		cn_log("no signal receiver: %s", cn_strerror(err));
		cn_exit(1);
	}
	recv = r.name;
	uint32_t passes = config_passes();
	if ((err = cn_block_client_open(&blk, "", BUF, QUEUE, ctx.name))) {
		cn_log("no Block session: %s", cn_strerror(err));
		cn_exit(1);
	}
	cn_ps_slots_init(&slots, SLOT, blk.geom.buf_size, slot_mem, WINDOW);
	cn_log("device: %llu blocks of %u bytes, %s", (unsigned long long)blk.block_count,
	       (unsigned)blk.block_size, blk.writeable ? "writeable" : "read-only");
	static char first[65];
	for (uint32_t i = 0; i < passes; i++) {
		char hex[65];
		if ((err = read_all(hex))) {
			FAIL("reading the device: %s", cn_strerror(err));
			break;
		}
		cn_log("sha256 %s (%llu blocks)", hex, (unsigned long long)blk.block_count);
		if (i == 0)
			cn_memcpy(first, hex, sizeof(first));
		else if (cn_strcmp(first, hex))
			FAIL("pass %u read other data", (unsigned)i + 1);
	}
	if (blk.writeable)
		write_patterns();
	uint64_t n = blk.block_count;
	uint32_t bs = blk.block_size;
	expect_error("read past the end", CN_ERR_INVALID, CN_BLOCK_OP_READ, n, 1, bs);
	expect_error("read across the end", CN_ERR_INVALID, CN_BLOCK_OP_READ, n - 1, 2, 2 * bs);
	expect_error("read of a wrong size", CN_ERR_INVALID, CN_BLOCK_OP_READ, 0, 2, bs + 100);
	expect_error("read of no blocks", CN_ERR_INVALID, CN_BLOCK_OP_READ, 0, 0, 0);
	expect_error("unknown op", CN_ERR_INVALID, 77, 0, 1, bs);
	if (!blk.writeable)
		expect_error("write to a read-only device", CN_ERR_DENIED, CN_BLOCK_OP_WRITE, 0, 1, bs);
	uint32_t before, after;
	if (cn_block_client_close_wait(&blk, 20000000, &before, &after))
		FAIL("closed the session: RAM quota %u -> %u, not the %u bytes donated back",
		     (unsigned)before, (unsigned)after, (unsigned)blk.donated);
	else
		cn_log("closed the session: RAM quota %u -> %u, the %u bytes donated are back",
		       (unsigned)before, (unsigned)after, (unsigned)blk.donated);
	cn_log("%s: %d failures", failures ? "FAILED" : "done", failures);
	cn_exit(failures ? 2 : 0);
}
