/* SPDX-License-Identifier: MIT */
/*
 * The peer's benchmark (peer.h), run after the functional test when the
 * config says <config bench="yes"/> (run/bench_nic.run). Every component
 * runs on CPU 0; the PMU's instructions-retired event (0x08) on that CPU
 * counts the whole system's instructions (peer, driver, kernel, the
 * signals between them), not the time spent waiting for QEMU's device.
 * Cases, BENCH_ROUNDS rounds each:
 *   nic-tx-1514B  1000 frames of 1514 bytes sent (EtherType 0x88b5, which
 *                 QEMU's user network ignores), as fast as the driver
 *                 takes them: instructions per frame until all are
 *                 acknowledged
 *   nic-tx-60B    the same with 60-byte frames
 *   nic-arp       200 ARP request/reply exchanges with 10.0.2.2, one at a
 *                 time: instructions per exchange (one frame each way)
 */
#include <cn/config.h>
#include <cn/pmu.h>
#include <cn/util/string.h>
#include "peer.h"

static const struct { const char *name; uint32_t size, n; } cases[] = {
	{ "nic-tx-1514B", 1514, 1000 },
	{ "nic-tx-60B",   60,   1000 },
	{ "nic-arp",      60,   200 },
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

static int wanted;

/* read at the start (construct), not in a signal handler: <config bench="yes"/> */
void bench_configure(void)
{
	char v[8] = "";
	int err = cn_config_str("bench", v, sizeof(v));
	wanted = !err && !cn_strcmp(v, "yes");
	if (wanted)
		cn_log("the benchmark runs after the functional test (config bench=\"yes\")");
}

int bench_wanted(void)
{
	return wanted;
}

static uint8_t frame[CN_NIC_SLOT];

static void begin_round(struct session *s)
{
	struct bench *b = &s->bench;
	uint32_t c = (uint32_t)b->phase - 1;
	b->n = cases[c].n;
	b->done = 0;
	b->base = s->link.acked;
	b->start = cn_pmu_read(0);
	if (c == 2)
		cn_nic_link_send(&s->link, frame, arp_request(frame, s->mac, GUEST_IP, GATEWAY));
}

void bench_start(struct session *s)
{
	cn_pmu_count_instructions();
	uint32_t t0 = cn_pmu_read(0);
	for (volatile int i = 0; i < 100; i++)
		;
	if (cn_pmu_read(0) == t0) {
		cn_log("bench: the instructions-retired counter (PMU event 0x08) does not count here");
		return;
	}
	/* a frame nobody answers: broadcast, local experimental EtherType */
	cn_memset(frame, 0xa5, sizeof(frame));
	cn_memset(frame, 0xff, 6);
	for (int i = 0; i < 6; i++)
		frame[6 + i] = (uint8_t)(s->mac >> (8 * (5 - i)));
	frame[12] = 0x88;
	frame[13] = 0xb5;
	s->step = 6;
	s->bench.phase = 1;
	s->bench.round = 0;
	begin_round(s);
}

static void end_round(struct session *s)
{
	struct bench *b = &s->bench;
	uint32_t c = (uint32_t)b->phase - 1;
	b->runs[b->round] = cn_pmu_read(0) - b->start;
	if (++b->round < BENCH_ROUNDS) {
		begin_round(s);
		return;
	}
	uint32_t best = b->runs[0], worst = b->runs[0];
	for (int i = 1; i < BENCH_ROUNDS; i++) {
		if (b->runs[i] < best) best = b->runs[i];
		if (b->runs[i] > worst) worst = b->runs[i];
	}
	cn_log("bench runs: %s %u %u %u instructions for %u %s (spread %u.%u %%)", cases[c].name,
	       (unsigned)b->runs[0], (unsigned)b->runs[1], (unsigned)b->runs[2], (unsigned)b->n,
	       c == 2 ? "exchanges" : "frames", (unsigned)((worst - best) * 100ull / best),
	       (unsigned)((worst - best) * 1000ull / best % 10));
	cn_log("bench: %s %u instructions/%s", cases[c].name, (unsigned)(best / b->n),
	       c == 2 ? "exchange" : "frame");
	if (++b->phase > (int)NCASES) {
		b->phase = -1;
		cn_log("bench done");
		return;
	}
	b->round = 0;
	begin_round(s);
}

void bench_arp_reply(struct session *s)
{
	struct bench *b = &s->bench;
	if (b->phase != 3)
		return;
	if (++b->done < b->n)
		cn_nic_link_send(&s->link, frame, arp_request(frame, s->mac, GUEST_IP, GATEWAY));
	else
		end_round(s);
}

void bench_progress(struct session *s)
{
	struct bench *b = &s->bench;
	while (s->step == 6 && b->phase >= 1 && b->phase <= 2) {
		uint32_t size = cases[b->phase - 1].size;
		while (b->done < b->n && cn_nic_link_send(&s->link, frame, size) == 0)
			b->done++;
		if (b->done < b->n || s->link.acked - b->base < b->n)
			return;                          /* the driver's acknowledgements wake us */
		end_round(s);
	}
}
