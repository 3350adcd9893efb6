/* SPDX-License-Identifier: MIT */
/*
 * Uplink session (doc/session-nic.md): the driver-facing twin of the Nic
 * session (<cn/session/nic.h>). A NIC driver (drivers/virtio_net) is its
 * CLIENT; the NIC router (a later issue) or a test peer (test/uplink_peer)
 * serves it. So a driver can die and come back without the applications
 * above the router noticing (doc/drivers.md).
 *
 * Same shared memory and frames as Nic: two packet streams in one
 * dataspace; the client's send stream (offset 0) carries the frames the
 * driver RECEIVED from the wire up to the server, the client's receive
 * stream carries the frames the server wants SENT on the wire.
 *
 * Session arguments: those of Nic (queue, buf_size, mtu) and
 *   mac="52:54:00:12:34:56"   the device's MAC address (required)
 * The link is up while the session exists and the driver has not said
 * otherwise (link_state).
 *
 *   link_state(up)   the driver reports the link state (1 up, 0 down);
 *                    the server tells its Nic clients
 *   dataspace()      the shared dataspace (both streams)
 *   sigh(ctx)        the driver's signal context: frames to send or acks
 *                    arrived, or room appeared (once per session)
 *   wakeup()         -> the server's signal context (the same for it)
 *
 * Client helper (lib/base/uplink_client.c): cn_uplink_client_open()
 * connects, attaches the dataspace and sets up the struct cn_nic_link.
 */
#ifndef CN_SESSION_UPLINK_H
#define CN_SESSION_UPLINK_H

#include <cn/session/nic.h>

#define CN_UPLINK_SERVICE "Uplink"

#define CN_UPLINK_RPC(F0, F1, F2, F3, F4, F5) \
	F1(cn_uplink, link_state, void, uint32_t, up) \
	F0(cn_uplink, dataspace,  cn_cap_t) \
	F1(cn_uplink, sigh,       void, cn_cap_t, ctx) \
	F0(cn_uplink, wakeup,     cn_cap_t)
CN_RPC_INTERFACE(cn_uplink, CN_UPLINK_RPC)

int cn_connect(const char *service, const char *args, uint32_t *session);

/* Open an Uplink session (typed connect helper): label may be "", queue,
 * buf_size and mtu 0 for the defaults. */
int cn_uplink_connect(const char *label, uint64_t mac, uint32_t queue, uint32_t buf_size,
                      uint32_t mtu, uint32_t *session);

/* ---- client side (lib/base/uplink_client.c) ---- */
struct cn_uplink_client {
	uint32_t           session;
	uint32_t           wakeup;     /* the server's signal context */
	void              *shared;
	struct cn_nic_link link;       /* we send on the first stream */
};

/* connect, attach the dataspace, give the server our signal context
 * 'sigh' and set up c->link: 0 or an error (session closed again) */
int cn_uplink_client_open(struct cn_uplink_client *c, const char *label, uint64_t mac,
                          uint32_t queue, uint32_t mtu, uint32_t sigh);
void cn_uplink_client_close(struct cn_uplink_client *c);

#endif
