/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the Nic/Uplink frame link (lib/util/nic_link.c): session
 * geometry from arguments, MAC addresses as text, frames both ways between
 * a client and a server side of one shared memory, the frame-size limits
 * on the sending and on the receiving side, and slots coming back.
 */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <cn/session/nic.h>
#include "check.h"

static void geometry(void)
{
	struct cn_nic_geometry g;
	CN_CHECK_EQ(cn_nic_geometry(NULL, &g), 0);
	CN_CHECK_EQ(g.mtu, 1500u);
	CN_CHECK_EQ(g.ps.queue_len, 32u);
	CN_CHECK_EQ(g.ps.buf_size, 32u * CN_NIC_SLOT);
	CN_CHECK_EQ(g.total, 2 * g.ps.total);
	CN_CHECK_EQ(g.ps.total, CN_NIC_STREAM_BYTES(g.ps.buf_size, 32u));
	CN_CHECK_EQ(cn_nic_geometry("queue=64, mtu=9000", &g), CN_ERR_ARGS);
	CN_CHECK_EQ(cn_nic_geometry("mtu=67", &g), CN_ERR_ARGS);
	CN_CHECK_EQ(cn_nic_geometry("queue=6", &g), CN_ERR_ARGS);
	CN_CHECK_EQ(cn_nic_geometry("buf_size=100", &g), CN_ERR_ARGS);
	CN_CHECK_EQ(cn_nic_geometry("queue=x", &g), CN_ERR_ARGS);
	CN_CHECK_EQ(cn_nic_geometry("queue=8, buf_size=65536, mtu=576", &g), 0);
	CN_CHECK_EQ(g.ps.buf_size, 65536u);
	CN_CHECK_EQ(g.mtu, 576u);
}

static void mac(void)
{
	uint64_t m = 0;
	char b[18];
	CN_CHECK_EQ(cn_nic_mac_parse("52:54:00:12:34:56", &m), 0);
	CN_CHECK_EQ(m, 0x525400123456ull);
	cn_nic_mac_format(0x52550a000202ull, b);
	CN_CHECK_STR(b, "52:55:0a:00:02:02");
	CN_CHECK_EQ(cn_nic_mac_parse("52:54:00:12:34", &m), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_nic_mac_parse("52:54:00:12:34:56:", &m), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_nic_mac_parse("52-54-00-12-34-56", &m), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_nic_mac_parse("5g:54:00:12:34:56", &m), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_nic_mac_parse("", &m), CN_ERR_INVALID);
}

static uint32_t woken_client, woken_server;
static void wake(void *arg) { (*(uint32_t *)arg)++; }

struct two { struct cn_nic_geometry g; uint8_t *mem; struct cn_nic_link c, s; };

static void two_init(struct two *t, const char *args)
{
	if (cn_nic_geometry(args, &t->g))
		abort();
	t->mem = malloc(t->g.total);
	memset(t->mem, 0xee, t->g.total);
	cn_nic_link_format(t->mem, &t->g);
	CN_CHECK_EQ(cn_nic_link_init(&t->c, t->mem, &t->g, 0, wake, &woken_server), 0);
	CN_CHECK_EQ(cn_nic_link_init(&t->s, t->mem, &t->g, 1, wake, &woken_client), 0);
}

static void frames(void)
{
	struct two t;
	uint8_t f[CN_NIC_SLOT], *got;
	struct cn_packet p;
	const void *fr;
	two_init(&t, "queue=8");
	for (int i = 0; i < (int)sizeof(f); i++)
		f[i] = (uint8_t)(i * 7);
	/* client -> server, and server -> client */
	CN_CHECK_EQ(cn_nic_link_send(&t.c, f, 60), 0);
	CN_CHECK_EQ(cn_nic_link_send(&t.c, f, 1514), 0);
	CN_CHECK_EQ(cn_nic_link_send(&t.s, f + 1, 14), 0);
	CN_CHECK_EQ(cn_nic_link_recv(&t.s, &p, &fr), CN_ERR_AGAIN);   /* not committed */
	CN_CHECK(cn_nic_link_commit(&t.c) >= 0);
	CN_CHECK(cn_nic_link_commit(&t.s) >= 0);
	CN_CHECK_EQ(cn_nic_link_recv(&t.s, &p, &fr), 0);
	CN_CHECK_EQ(p.size, 60u);
	CN_CHECK(!memcmp(fr, f, 60));
	CN_CHECK_EQ(cn_nic_link_recv_done(&t.s, &p), 0);
	CN_CHECK_EQ(cn_nic_link_recv(&t.s, &p, &fr), 0);
	CN_CHECK_EQ(p.size, 1514u);
	CN_CHECK(!memcmp(fr, f, 1514));
	CN_CHECK_EQ(cn_nic_link_recv_done(&t.s, &p), 0);
	CN_CHECK_EQ(cn_nic_link_recv(&t.s, &p, &fr), CN_ERR_AGAIN);
	CN_CHECK_EQ(cn_nic_link_recv(&t.c, &p, &fr), 0);
	got = (uint8_t *)fr;
	CN_CHECK_EQ(p.size, 14u);
	CN_CHECK(!memcmp(got, f + 1, 14));
	CN_CHECK_EQ(cn_nic_link_recv_done(&t.c, &p), 0);
	CN_CHECK(cn_nic_link_commit(&t.s) >= 0);
	CN_CHECK(cn_nic_link_commit(&t.c) >= 0);
	CN_CHECK_EQ(cn_nic_link_reclaim(&t.c), 2);
	CN_CHECK_EQ(cn_nic_link_reclaim(&t.s), 1);
	CN_CHECK_EQ(cn_ps_slots_avail(&t.c.slots), 8u);
	CN_CHECK(woken_server > 0 && woken_client > 0);
	/* slots and ring are reused: many more frames than slots */
	for (int i = 0; i < 100; i++) {
		CN_CHECK_EQ(cn_nic_link_send(&t.c, f, 100 + i), 0);
		cn_nic_link_commit(&t.c);
		CN_CHECK_EQ(cn_nic_link_recv(&t.s, &p, &fr), 0);
		CN_CHECK_EQ(p.size, 100u + i);
		cn_nic_link_recv_done(&t.s, &p);
		cn_nic_link_commit(&t.s);
	}
	CN_CHECK_EQ(t.c.sent, 102u);
	CN_CHECK_EQ(t.s.received, 102u);
	free(t.mem);
}

static void limits(void)
{
	struct two t;
	uint8_t f[CN_NIC_SLOT] = { 0 };
	struct cn_packet p;
	const void *fr;
	two_init(&t, "queue=4");
	/* the sending library refuses */
	CN_CHECK_EQ(cn_nic_link_send(&t.c, f, 1515), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_nic_link_send(&t.c, f, 13), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_nic_link_send(&t.c, f, 0), CN_ERR_INVALID);
	CN_CHECK_EQ(t.c.send_refused, 3u);
	CN_CHECK_EQ(cn_ps_slots_avail(&t.c.slots), 4u);
	/* out of slots: AGAIN until the peer acknowledges */
	for (int i = 0; i < 4; i++)
		CN_CHECK_EQ(cn_nic_link_send(&t.c, f, 60), 0);
	CN_CHECK_EQ(cn_nic_link_send(&t.c, f, 60), CN_ERR_AGAIN);
	cn_nic_link_commit(&t.c);
	for (int i = 0; i < 4; i++) {
		CN_CHECK_EQ(cn_nic_link_recv(&t.s, &p, &fr), 0);
		cn_nic_link_recv_done(&t.s, &p);
	}
	cn_nic_link_commit(&t.s);
	CN_CHECK_EQ(cn_nic_link_send(&t.c, f, 60), 0);    /* reclaims on the way */
	cn_nic_link_commit(&t.c);
	CN_CHECK_EQ(cn_nic_link_recv(&t.s, &p, &fr), 0);
	cn_nic_link_recv_done(&t.s, &p);
	cn_nic_link_commit(&t.s);
	cn_nic_link_reclaim(&t.c);
	/* a hostile sender past the library: the receiver refuses and acks an error */
	uint32_t sizes[3] = { 1600, 10, 0 }, off;
	for (int i = 0; i < 3; i++) {
		CN_CHECK_EQ(cn_ps_slot_alloc(&t.c.slots, &off), 0);
		struct cn_packet bad = { .offset = off, .size = sizes[i] };
		CN_CHECK_EQ(cn_ps_submit(&t.c.send, &bad), 0);
	}
	CN_CHECK_EQ(cn_nic_link_send(&t.c, f, 42), 0);
	cn_nic_link_commit(&t.c);
	for (int i = 0; i < 3; i++) {
		CN_CHECK_EQ(cn_nic_link_recv(&t.s, &p, &fr), CN_ERR_INVALID);
		CN_CHECK_EQ(p.size, sizes[i]);
	}
	CN_CHECK_EQ(cn_nic_link_recv(&t.s, &p, &fr), 0);
	CN_CHECK_EQ(p.size, 42u);
	cn_nic_link_recv_done(&t.s, &p);
	CN_CHECK_EQ(t.s.recv_refused, 3u);
	cn_nic_link_commit(&t.s);
	CN_CHECK_EQ(cn_nic_link_reclaim(&t.c), 4);
	CN_CHECK_EQ(t.c.acked_refused, 3u);
	CN_CHECK_EQ(t.c.acked, 4u + 5u);
	CN_CHECK_EQ(cn_ps_slots_avail(&t.c.slots), 4u);
	free(t.mem);
}

int main(void)
{
	cn_test_program = "nic_link";
	CN_RUN(geometry);
	CN_RUN(mac);
	CN_RUN(frames);
	CN_RUN(limits);
	return CN_TEST_RESULT();
}
