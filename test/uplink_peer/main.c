/* SPDX-License-Identifier: MIT */
/*
 * A test peer of the Uplink session (run/nic.run): it SERVES Uplink, so a
 * NIC driver (drivers/virtio_net) connects to it, and acts as a tiny
 * client stack on the other side of the driver. When the driver reports
 * its link up, the peer
 *   1. sends an ARP request for 10.0.2.2 and a DHCP DISCOVER, and checks
 *      QEMU user network's answers: the ARP reply (10.0.2.2 is at
 *      52:55:0a:00:02:02) and the DHCP OFFER (address 10.0.2.15 offered by
 *      server 10.0.2.2);
 *   2. tries frames of a wrong size: 1515 and 13 bytes through the session
 *      library (refused before they are sent), 1600 and 10 bytes submitted
 *      by hand (the driver must acknowledge both with an error and send
 *      neither);
 *   3. sends another ARP request: the driver still forwards, and the reply
 *      comes back.
 * Then it prints "done: N failures". Every failed check prints "FAIL".
 */
#include <cn/component.h>
#include <cn/server.h>
#include <cn/sys.h>
#include <cn/util/args.h>
#include <cn/util/string.h>
#include <cn/util/format.h>
#include <cn/session/uplink.h>
#include <cn/session/pd.h>
#include "frames.h"
#include "peer.h"

static uint32_t failures;
#define check(cond, ...) do { if (!(cond)) { failures++; cn_log("FAIL: " __VA_ARGS__); } } while (0)

static void ip_str(uint32_t ip, char *b)
{
	cn_snprintf(b, 16, "%u.%u.%u.%u", (unsigned)(ip >> 24), (unsigned)(ip >> 16 & 255),
	            (unsigned)(ip >> 8 & 255), (unsigned)(ip & 255));
}

static void send(struct session *s, const uint8_t *f, uint32_t len, const char *what)
{
	int err = cn_nic_link_send(&s->link, f, len);
	check(!err, "sending %s: %s", what, cn_strerror(err));
	if (!err)
		cn_log("sent %s (%u bytes)", what, (unsigned)len);
}

static void start(struct session *s)
{
	static uint8_t f[640];
	send(s, f, arp_request(f, s->mac, GUEST_IP, GATEWAY), "an ARP request for 10.0.2.2");
	send(s, f, dhcp_discover(f, s->mac), "a DHCP DISCOVER");
	s->step = 1;
}

/* step 2: frames of a wrong size */
static void wrong_sizes(struct session *s)
{
	static uint8_t f[CN_NIC_SLOT];
	arp_request(f, s->mac, GUEST_IP, GATEWAY);
	uint32_t sizes[2] = { s->g.mtu + CN_NIC_HEADER + 1, CN_NIC_FRAME_MIN - 1 };
	for (int i = 0; i < 2; i++) {
		int err = cn_nic_link_send(&s->link, f, sizes[i]);
		check(err == CN_ERR_INVALID, "the library sent a frame of %u bytes (%s)",
		      (unsigned)sizes[i], err ? cn_strerror(err) : "accepted");
		if (err == CN_ERR_INVALID)
			cn_log("the library refused a frame of %u bytes", (unsigned)sizes[i]);
	}
	/* by hand, past the library's check: the driver must refuse them */
	uint32_t raw[2] = { 1600, 10 };
	for (int i = 0; i < 2; i++) {
		struct cn_packet p = { .size = raw[i] };
		int err = cn_ps_slot_alloc(&s->link.slots, &p.offset);
		if (!err) {
			cn_memcpy(cn_ps_payload(&s->link.send, &p), f, 60);
			err = cn_ps_submit(&s->link.send, &p);
		}
		check(!err, "submitting %u bytes by hand: %s", (unsigned)raw[i], cn_strerror(err));
		if (!err)
			cn_log("submitted a frame of %u bytes by hand", (unsigned)raw[i]);
	}
	s->step = 3;
}

static void handle(struct session *s, const uint8_t *f, uint32_t len)
{
	struct rx_info i;
	char a[16], b[16], m[18];
	parse_frame(f, len, &i);
	switch (i.kind) {
	case RX_ARP_REPLY:
		ip_str(i.ip, a);
		cn_nic_mac_format(i.mac, m);
		if (s->step != 6)
			cn_log("received an ARP reply (%u bytes): %s is at %s", (unsigned)len, a, m);
		check(i.ip == GATEWAY && i.mac == SLIRP_MAC && i.target_ip == GUEST_IP,
		      "unexpected ARP reply");
		if (s->step == 1 && !s->got_arp)
			s->got_arp = 1;
		else if (s->step == 6)
			bench_arp_reply(s);
		else if (s->step == 4) {
			s->step = 5;
			cn_log("the driver still forwards after the refused frames");
		}
		break;
	case RX_DHCP:
		ip_str(i.yiaddr, a);
		ip_str(i.server, b);
		cn_log("received a DHCP message type %u (%u bytes): address %s offered by server %s, "
		       "lease %u s", (unsigned)i.msg_type, (unsigned)len, a, b, (unsigned)i.lease);
		check(i.msg_type == 2 && i.xid == DHCP_XID && i.yiaddr == GUEST_IP &&
		      i.server == GATEWAY && i.ip == GATEWAY, "unexpected DHCP message");
		if (i.msg_type == 2 && !s->got_offer) {
			s->got_offer = 1;
			cn_log("DHCP OFFER: address 10.0.2.15, server 10.0.2.2");
		}
		break;
	default:
		if (++s->other <= 4)
			cn_log("received a frame of type 0x%04x, %u bytes (ignored)",
			       (unsigned)i.ethertype, (unsigned)len);
	}
}

static void progress(struct session *s)
{
	static uint8_t f[64];
	if (s->step == 1 && s->got_arp && s->got_offer) {
		s->step = 2;
		wrong_sizes(s);
	}
	if (s->step == 3 && s->link.acked_refused == 2) {
		cn_log("the driver refused both frames (acknowledged with an error)");
		s->step = 4;                         /* the reply ends it */
		send(s, f, arp_request(f, s->mac, GUEST_IP, GATEWAY), "another ARP request");
	}
	if (s->step == 5) {
		s->step = 6;
		check(s->link.acked_refused == 2, "%u frames refused by the driver, expected 2",
		      (unsigned)s->link.acked_refused);
		cn_log("done: %u failures", (unsigned)failures);
		if (!failures && bench_wanted())
			bench_start(s);
	}
}

static void on_wakeup(void *arg, uint32_t count)
{
	struct session *s = arg;
	(void)count;
	if (!s->ready)
		return;
	struct cn_packet p;
	const void *f;
	int more;
	do {
		cn_nic_link_reclaim(&s->link);
		int r;
		while ((r = cn_nic_link_recv(&s->link, &p, &f)) != CN_ERR_AGAIN && r != CN_ERR_STATE) {
			if (r) {
				check(0, "the driver sent a frame of %u bytes", (unsigned)p.size);
				continue;
			}
			handle(s, f, p.size);
			cn_nic_link_recv_done(&s->link, &p);
		}
		progress(s);
		bench_progress(s);
		more = cn_nic_link_commit(&s->link);
	} while (more == 1);
	check(more != CN_ERR_STATE, "the driver broke the packet stream");
}

/* ------------------------------------------------------------ Uplink RPCs */
static int rpc_link_state(void *ctx, uint32_t up)
{
	struct session *s = ctx;
	cn_log("the driver reports its link %s", up ? "up" : "down");
	if (up && s->ready && !s->step) {
		start(s);
		on_wakeup(s, 0);
	}
	return 0;
}

static int rpc_dataspace(void *ctx, cn_cap_t *r)
{
	struct session *s = ctx;
	r->name = s->ds;
	return 0;
}

static int rpc_sigh(void *ctx, cn_cap_t c)
{
	struct session *s = ctx;
	if (s->client_sigh)
		return CN_ERR_STATE;
	cn_ep_keep(cn_env()->ep, c);
	s->client_sigh = c.name;
	cn_nic_link_init(&s->link, s->shared, &s->g, 1, cn_ps_notify_signal,
	                 (void *)(uintptr_t)c.name);
	s->ready = 1;
	return 0;
}

static int rpc_wakeup(void *ctx, cn_cap_t *r)
{
	struct session *s = ctx;
	r->name = s->wake_ctx;
	return 0;
}

static const struct cn_uplink_ops ops = {
	.link_state = rpc_link_state, .dataspace = rpc_dataspace,
	.sigh = rpc_sigh, .wakeup = rpc_wakeup,
};

static int session_create(void *ctx, const char *args, void *state)
{
	struct session *s = state;
	char mac[24], m[18];
	(void)ctx;
	if (cn_nic_geometry(args, &s->g) || cn_args_str(args, "mac", mac, sizeof(mac)) < 0 ||
	    cn_nic_mac_parse(mac, &s->mac))
		return CN_ERR_ARGS;
	int err = cn_server_charge(s, s->g.total + CN_DS_RAM_META, 2);
	if (err)
		return err;
	s->charged = s->g.total + CN_DS_RAM_META;
	if (!(s->shared = cn_ram_alloc_attach(s->g.total, 0, &s->ds))) {
		cn_server_release(s, s->charged, 2);
		return CN_ERR_QUOTA_RAM;
	}
	cn_nic_link_format(s->shared, &s->g);
	if ((err = cn_signal_handler(&s->wake, on_wakeup, s, &s->wake_ctx))) {
		cn_ram_detach_free(s->shared, s->ds);
		cn_server_release(s, s->charged, 2);
		return err;
	}
	cn_nic_mac_format(s->mac, m);
	cn_log("Uplink session from \"%s\": MAC %s, MTU %u, %u frames per stream",
	       cn_server_session_of(s)->label, m, (unsigned)s->g.mtu,
	       (unsigned)(s->g.ps.buf_size / CN_NIC_SLOT));
	return 0;
}

static void session_close(void *ctx, void *state)
{
	struct session *s = state;
	(void)ctx;
	cn_log("Uplink session of \"%s\" closed", cn_server_session_of(s)->label);
	cn_signal_handler_dissolve(&s->wake, s->wake_ctx);
	cn_ram_detach_free(s->shared, s->ds);
	if (s->client_sigh)
		cn_sys_cap_drop(s->client_sigh);
	cn_server_release(s, s->charged, 2);
}

static struct cn_service uplink = {
	.name = CN_UPLINK_SERVICE, .session_size = sizeof(struct session),
	.ram_cost = CN_NIC_SESSION_STATE, .cap_cost = 2,
	.dispatch = cn_uplink_dispatch_any, .ops = &ops,
	.create = session_create, .close = session_close,
};

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	bench_configure();
	int err = cn_server_announce(&uplink);
	if (err) {
		cn_log("FAIL: cannot announce Uplink: %s", cn_strerror(err));
		cn_exit(1);
	}
}
