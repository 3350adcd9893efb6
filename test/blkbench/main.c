/* SPDX-License-Identifier: MIT */
/*
 * blkbench: sequential reads of a Block session (drivers/virtio_blk),
 * counted with the PMU's instructions-retired event (0x08) on the only CPU
 * (run/bench_block.run boots one): this component, the driver, the kernel,
 * interrupts and signals, everything that runs. Like 'dd iflag=direct' on
 * Linux (tool/linux-baseline), one request at a time: submit, wait for the
 * acknowledgement, next. <config mib="32" runs="3"/> reads the first N MiB
 * in 4 KiB and then in 64 KiB requests, RUNS times each, and prints
 *   blkbench: <size> run <i>: <instructions> instructions, <bytes> bytes (kernel K, user U)
 * (kernel and user: two more event counters with the PMU's mode filters;
 * split="1" also splits the user part into ours and the driver's, at a
 * cost of a few instructions per kernel call). The run script computes
 * the figures per MiB, the spread and the ratio to Linux. Every request's acknowledgement is checked (status, tag,
 * offset, block); the first word of each block read is summed, and the sum
 * must be the same in every run.
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/block.h>
#include <cn/session/pd.h>
#include <cn/util/format.h>
#include <cn/config.h>
#include <cn/pmu.h>

#define BUF   (128u * 1024)
#define QUEUE 8u

static struct cn_block_client blk;
static uint32_t recv;

/* counter 0: event 0x08 everywhere; counter 1: in the kernel only (the
 * U filter bit: not at PL0); counter 2: in user mode only (the P bit: not
 * at PL1). 1 + 2 must add up to 0 (the run checks it). */
static void pmu_setup(void)
{
	cn_pmu_event(0, CN_PMU_INSTRUCTIONS);
	cn_pmu_event(1, CN_PMU_INSTRUCTIONS | CN_PMU_EXCLUDE_USER);
	cn_pmu_event(2, CN_PMU_INSTRUCTIONS | CN_PMU_EXCLUDE_KERNEL);
	cn_pmu_enable(7);
}


/* user-mode instructions that ran elsewhere (the driver: nothing else
 * runs) while we waited for the driver's signal (the driver runs then: our
 * commit's signal makes it ready, and it runs when we block) */
static uint32_t away_user;
static int split;      /* <config split="1"/>: measure away_user (costs a few
                        * instructions per wait: not for the figures) */

static int commit(void) { return cn_ps_commit(&blk.ps); }

/* the next acknowledgement, waiting for the server's signal if needed */
static int next_ack(struct cn_packet *a)
{
	for (;;) {
		int r = cn_ps_get_ack(&blk.ps, a);
		if (r == 0 || r == CN_ERR_STATE)
			return r;
		if (r == CN_ERR_INVALID)
			continue;
		if (commit() == 1)
			continue;
		uint32_t imprint, count, u = split ? cn_pmu_read(2) : 0;
		cn_sys_signal_wait(recv, &imprint, &count);
		if (split)
			away_user += cn_pmu_read(2) - u;
	}
}

/* one pass over 'bytes' bytes in requests of 'size': 0 and *sum, or an error */
static int pass(uint32_t size, uint64_t bytes, uint32_t *sum)
{
	uint32_t per = size / blk.block_size, s = 0;
	uint64_t n = bytes / size;
	for (uint64_t i = 0; i < n; i++) {
		struct cn_packet p = { 0, size, (uint32_t)i, CN_BLOCK_OP_READ, i * per, per, 0 }, a;
		int r = cn_ps_submit(&blk.ps, &p);
		if (r)
			return r;
		commit();
		if ((r = next_ack(&a)))
			return r;
		if (a.status)
			return a.status;
		if (a.tag != (uint32_t)i || a.offset != 0 || a.arg != i * per || a.size != size)
			return CN_ERR_STATE;
		const uint8_t *d = (const uint8_t *)blk.ps.buf;
		for (uint32_t b = 0; b < per; b++)
			s += *(const uint32_t *)(d + b * blk.block_size);
	}
	*sum = s;
	return 0;
}

static void bench(uint32_t size, const char *name, uint64_t bytes, uint32_t runs)
{
	uint32_t first = 0;
	for (uint32_t run = 1; run <= runs; run++) {
		uint32_t sum = 0;
		uint32_t k0 = cn_pmu_read(1), u0 = cn_pmu_read(2);
		away_user = 0;
		uint32_t t0 = cn_pmu_read(0);
		int err = pass(size, bytes, &sum);
		uint32_t t = cn_pmu_read(0) - t0;
		uint32_t k = cn_pmu_read(1) - k0, u = cn_pmu_read(2) - u0;
		if (err) {
			cn_log("FAILED: %s run %u: %s", name, (unsigned)run, cn_strerror(err));
			cn_exit(2);
		}
		if (run == 1)
			first = sum;
		else if (sum != first) {
			cn_log("FAILED: %s run %u read other data (sum %08x, first %08x)", name,
			       (unsigned)run, (unsigned)sum, (unsigned)first);
			cn_exit(2);
		}
		if (split)
			cn_log("%s run %u: %u instructions, %llu bytes (kernel %u, user %u: "
			       "blkbench %u, virtio_blk %u)", name, (unsigned)run, (unsigned)t,
			       (unsigned long long)bytes, (unsigned)k, (unsigned)u,
			       (unsigned)(u - away_user), (unsigned)away_user);
		else
			cn_log("%s run %u: %u instructions, %llu bytes (kernel %u, user %u)", name,
			       (unsigned)run, (unsigned)t, (unsigned long long)bytes, (unsigned)k,
			       (unsigned)u);
	}
	cn_log("%s: data sum %08x", name, (unsigned)first);
}

void cn_component_construct(struct cn_env *env)
{
	cn_cap_t r = { 0 }, ctx = { 0 };
	int err;
	if ((err = cn_pd_signal_receiver(env->pd, &r)) ||
	    (err = cn_pd_signal_context(env->pd, r, 1, &ctx))) {
		cn_log("FAILED: no signal receiver: %s", cn_strerror(err));
		cn_exit(1);
	}
	recv = r.name;
	unsigned long mib = 32, runs = 3;
	cn_config_ulong("mib", &mib);
	cn_config_ulong("runs", &runs);
	unsigned long sp = 0;
	cn_config_ulong("split", &sp);
	split = sp != 0;
	if ((err = cn_block_client_open(&blk, "", BUF, QUEUE, ctx.name))) {
		cn_log("FAILED: no Block session: %s", cn_strerror(err));
		cn_exit(1);
	}
	uint64_t bytes = (uint64_t)mib << 20;
	if (blk.block_count * blk.block_size < bytes || 65536 % blk.block_size) {
		cn_log("FAILED: the device (%llu blocks of %u bytes) is smaller than %lu MiB",
		       (unsigned long long)blk.block_count, (unsigned)blk.block_size, mib);
		cn_exit(1);
	}
	pmu_setup();
	if (cn_pmu_read(0) == cn_pmu_read(0)) {
		cn_log("the instructions-retired counter (PMU event 0x08) does not count here");
		cn_exit(0);
	}
	cn_log("reading %lu MiB, one request at a time, %lu runs per size", mib, runs);
	bench(4096, "4KiB", bytes, (uint32_t)runs);
	bench(65536, "64KiB", bytes, (uint32_t)runs);
	uint32_t before, after;
	if (cn_block_client_close_wait(&blk, 20000000, &before, &after)) {
		cn_log("FAILED: closed the session: RAM quota %u -> %u, not the %u bytes donated "
		       "back", (unsigned)before, (unsigned)after, (unsigned)blk.donated);
		cn_exit(1);
	}
	cn_log("closed the session: RAM quota %u -> %u, the %u bytes donated are back",
	       (unsigned)before, (unsigned)after, (unsigned)blk.donated);
	cn_log("done");
	cn_exit(0);
}
