/* SPDX-License-Identifier: MIT */
/*
 * Nic session (doc/session-nic.md): Ethernet frames in two packet streams,
 * a MAC address, the MTU and a link-state signal. Applications (a network
 * stack) are its clients; its server is the NIC router (a later issue).
 * The Uplink session (<cn/session/uplink.h>) carries the same frames in
 * the same layout the other way round: a NIC driver is its client.
 *
 * Shared memory of both sessions: one dataspace holding two packet streams
 * (doc/packet-stream.md) of the same geometry, back to back:
 *   offset 0         the client's send stream (client source, server sink)
 *   offset g.total   the client's receive stream (server source, client sink)
 * A packet is one Ethernet frame (destination MAC first, no FCS, no
 * virtio or other header) at offset/size of the bulk buffer; the other
 * descriptor fields are 0, and the acknowledgement's status is 0 or
 * CN_ERR_INVALID (the receiver refused a frame of a wrong size). A frame
 * has CN_NIC_FRAME_MIN .. mtu + CN_NIC_HEADER bytes; a frame outside that
 * is refused by the sending library (cn_nic_link_send) and, should a peer
 * submit one anyway, by the receiving library (cn_nic_link_recv), which
 * acknowledges it with CN_ERR_INVALID and counts it.
 *
 * Session arguments (both sessions): label, ram_quota, cap_quota, and
 *   queue=N     ring entries per stream (power of two, default 32)
 *   buf_size=N  bytes of bulk buffer per stream (default queue * CN_NIC_SLOT)
 *   mtu=N       payload bytes of a frame (68 .. CN_NIC_MTU_MAX, default 1500)
 * ram_quota must cover CN_NIC_SESSION_RAM(buf_size, queue).
 *
 * Nic RPCs:
 *   mac_address()  -> the client's MAC address (low 48 bits, first byte
 *                     in bits 47..40)
 *   mtu()          -> the MTU
 *   link_state()   -> 1 link up, 0 down
 *   link_sigh(ctx) the signal context fired when the link state changes
 *   dataspace()    the shared dataspace (both streams)
 *   sigh(ctx)      the client's signal context: frames or acks arrived, room
 *   wakeup()       -> the server's signal context (the same, for the server)
 *
 * Library (lib/util/nic_link.c, portable): struct cn_nic_link is one side
 * of either session: it sends on the stream it is the source of (frames
 * copied into fixed-size slots) and receives on the other.
 */
#ifndef CN_SESSION_NIC_H
#define CN_SESSION_NIC_H

#include <cn/rpc.h>
#include <cn/packet_stream.h>
#include <cn/session/quota.h>

#define CN_NIC_SERVICE        "Nic"

#define CN_NIC_HEADER         14u          /* destination, source, EtherType */
#define CN_NIC_FRAME_MIN      CN_NIC_HEADER /* a frame must hold its header */
#define CN_NIC_MTU_DEFAULT    1500u
#define CN_NIC_MTU_MIN        68u
#define CN_NIC_MTU_MAX        (CN_NIC_SLOT - CN_NIC_HEADER)
#define CN_NIC_SLOT           2048u        /* bulk-buffer bytes per frame */
#define CN_NIC_QUEUE_DEFAULT  32u
#define CN_NIC_SLOTS_MAX      256u         /* frames in flight per stream at most */

/* session state of a server beyond the dataspace */
#define CN_NIC_SESSION_STATE  2048u
/* bytes of one stream's part of the dataspace (page multiple) */
#define CN_NIC_STREAM_BYTES(buf, queue) \
	((((buf) + 0xfffu) & ~0xfffu) + ((0x140u + 2u * 32u * (queue) + 0xfffu) & ~0xfffu))
#define CN_NIC_SESSION_RAM(buf, queue) \
	(CN_NIC_SESSION_STATE + CN_DS_RAM_META + 2u * CN_NIC_STREAM_BYTES(buf, queue))
/* the session, the dataspace and the server's signal context */
#define CN_NIC_SESSION_CAPS   4u

#define CN_NIC_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_nic, mac_address, uint64_t) \
	F0(cn_nic, mtu,         uint32_t) \
	F0(cn_nic, link_state,  uint32_t) \
	F1(cn_nic, link_sigh,   void, cn_cap_t, ctx) \
	F0(cn_nic, dataspace,   cn_cap_t) \
	F1(cn_nic, sigh,        void, cn_cap_t, ctx) \
	F0(cn_nic, wakeup,      cn_cap_t)
CN_RPC_INTERFACE(cn_nic, CN_NIC_RPC)

/* ------------------------------------------------------------ frames */
/* 0 if a frame of size bytes is valid for the MTU, else CN_ERR_INVALID */
static inline int cn_nic_frame_check(uint32_t size, uint32_t mtu)
{
	return size >= CN_NIC_FRAME_MIN && size <= mtu + CN_NIC_HEADER ? 0 : CN_ERR_INVALID;
}

/* "52:54:00:12:34:56" <-> 0x525400123456: 0 or CN_ERR_INVALID */
int  cn_nic_mac_parse(const char *s, uint64_t *mac);
/* buf: at least 18 bytes */
void cn_nic_mac_format(uint64_t mac, char *buf);

/* The session geometry from its arguments (NULL: all defaults): queue,
 * buf_size, mtu as above; 0 or CN_ERR_ARGS. */
struct cn_nic_geometry {
	struct cn_ps_geometry ps;      /* one stream */
	uint32_t mtu;
	uint32_t total;                /* the dataspace: two streams */
};
int cn_nic_geometry(const char *args, struct cn_nic_geometry *g);

/* ------------------------------------------------------------ one side */
struct cn_nic_link {
	struct cn_nic_geometry g;
	struct cn_ps_end   send;       /* we are its source */
	struct cn_ps_end   recv;       /* we are its sink */
	struct cn_ps_slots slots;      /* of the send stream's bulk buffer */
	uint32_t           slot_storage[CN_PS_SLOTS_WORDS(CN_NIC_SLOTS_MAX)];
	/* counters */
	uint32_t sent, received;
	uint32_t acked;                /* acknowledgements of our frames taken */
	uint32_t send_refused;         /* frames cn_nic_link_send refused (size) */
	uint32_t recv_refused;         /* frames of a wrong size the peer submitted */
	uint32_t acked_refused;        /* our frames the peer acknowledged with an error */
};

/* zero the indices of both streams (the server, after allocating) */
void cn_nic_link_format(void *shared, const struct cn_nic_geometry *g);
/* attach one side to the shared memory: server 0 (client: sends on the
 * first stream) or 1; notify wakes the peer (may be NULL): 0 or CN_ERR_INVALID */
int cn_nic_link_init(struct cn_nic_link *l, void *shared, const struct cn_nic_geometry *g,
                     int server, void (*notify)(void *), void *arg);
/* copy a frame into a slot and submit it: 0, CN_ERR_INVALID (size outside
 * the limits: refused and counted), CN_ERR_AGAIN (no free slot or the ring
 * is full: try again after the peer's signal), CN_ERR_STATE (broken).
 * Visible to the peer after cn_nic_link_commit(). */
int cn_nic_link_send(struct cn_nic_link *l, const void *frame, uint32_t size);
/* take the peer's acknowledgements and free their slots: the number taken,
 * or CN_ERR_STATE */
int cn_nic_link_reclaim(struct cn_nic_link *l);
/* next received frame: 0 with *p and *frame (size p->size, inside the
 * buffer); call cn_nic_link_recv_done(l, p) when done with it.
 * CN_ERR_INVALID: a frame of a wrong size (p->size), already acknowledged
 * with CN_ERR_INVALID and counted: call again for the next one.
 * CN_ERR_AGAIN: none (or no room to acknowledge), CN_ERR_STATE: broken.
 * Descriptors outside the buffer are dropped (packet-stream rules). */
int cn_nic_link_recv(struct cn_nic_link *l, struct cn_packet *p, const void **frame);
int cn_nic_link_recv_done(struct cn_nic_link *l, struct cn_packet *p);
/* publish both streams, signal on edges: 1 if more input arrived on
 * either, 0, or CN_ERR_STATE */
int cn_nic_link_commit(struct cn_nic_link *l);

#endif
