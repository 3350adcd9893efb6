/* SPDX-License-Identifier: MIT */
/*
 * The test peer's session state (main.c) and its benchmark (bench.c):
 * instructions per frame sent and per ARP exchange through the driver,
 * counted with the PMU's instructions-retired event (0x08).
 */
#ifndef UPLINK_PEER_PEER_H
#define UPLINK_PEER_PEER_H

#include <cn/component.h>
#include <cn/session/uplink.h>
#include "frames.h"

#define BENCH_ROUNDS 3

struct bench {
	int      phase;        /* 0 off, then one per case, -1 done */
	int      round;
	uint32_t n, done, start;
	uint32_t base;         /* acks before the round */
	uint32_t runs[BENCH_ROUNDS];
};

#define GUEST_IP   IP(10, 0, 2, 15)
#define GATEWAY    IP(10, 0, 2, 2)
#define SLIRP_MAC  0x52550a000202ull

struct session {
	struct cn_nic_geometry   g;
	struct cn_nic_link       link;        /* we are the server side */
	uint64_t                 mac;         /* the driver's */
	void                    *shared;
	uint32_t                 ds, charged;
	uint32_t                 client_sigh, wake_ctx;
	struct cn_signal_handler wake;
	int                      ready;       /* sigh() given */
	int                      step;
	int                      got_arp, got_offer;
	uint32_t                 other;       /* frames of no interest */
	struct bench             bench;
};


/* at the start: read whether the config asks for the benchmark */
void bench_configure(void);
/* after the functional test: run the benchmark if the config asked for it */
int  bench_wanted(void);
void bench_start(struct session *s);
/* an ARP reply arrived (phase of the exchanges) */
void bench_arp_reply(struct session *s);
/* after every batch of signals: send more, finish rounds */
void bench_progress(struct session *s);

#endif
