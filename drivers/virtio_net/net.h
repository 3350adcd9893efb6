/* SPDX-License-Identifier: MIT */
/*
 * The virtio-net device side of the driver (net.c): feature negotiation,
 * the MAC address and link state from the configuration space, the receive
 * queue (0) kept full of buffers and the transmit queue (1). Every buffer
 * lies in DMA memory of the driver's own: frames are copied between it and
 * the Uplink session's packet streams.
 */
#ifndef VIRTIO_NET_NET_H
#define VIRTIO_NET_NET_H

#include <stdint.h>
#include <cn/virtio.h>

#define NET_QUEUE  32u          /* entries per virtqueue: receive buffers, frames in flight */
#define NET_BUF    2048u        /* bytes per buffer: header and one frame */

struct net_dev {
	struct cn_virtio v;
	struct cn_vq     rxq, txq;
	uint32_t         hdr_len;      /* virtio_net_hdr: 10 legacy, 12 modern */
	uint32_t         hdr_at;       /* where in a buffer the header starts: 2 legacy,
	                                * 0 modern, so that the frame is word-aligned */
	uint64_t         mac;          /* 0: the device has none */
	int              has_status;   /* the device reports its link state */
	uint8_t         *rx_buf, *tx_buf;   /* NET_QUEUE buffers each */
	uint64_t         rx_bus, tx_bus;
	uint32_t         tx_free_top;
	uint8_t          tx_free[NET_QUEUE];
	uint32_t         rx_bad;       /* used entries shorter than the header */
};

/* negotiate features, read the MAC address (before the queues) */
int  net_init(struct net_dev *d);
/* largest frame the buffers hold */
static inline uint32_t net_max_frame(const struct net_dev *d)
{
	return NET_BUF - d->hdr_at - d->hdr_len;
}
/* set up both queues in zeroed DMA memory (cn_vq_bytes(NET_QUEUE) each),
 * post every receive buffer and tell the device the driver is ready */
int  net_start(struct net_dev *d, void *rxq, uint64_t rxq_bus, void *txq, uint64_t txq_bus,
               void *rx_buf, uint64_t rx_bus, void *tx_buf, uint64_t tx_bus);
/* 1 link up (or the device does not report it), 0 down */
int  net_link_up(struct net_dev *d);

/* next received frame: 0 with *frame, *len and *buf (give buf back with
 * net_rx_repost), CN_ERR_AGAIN (none) */
int  net_rx(struct net_dev *d, const uint8_t **frame, uint32_t *len, uint32_t *buf);
void net_rx_repost(struct net_dev *d, uint32_t buf);
/* a free transmit buffer? */
static inline int net_tx_room(const struct net_dev *d) { return d->tx_free_top != 0; }
/* copy a frame (at most net_max_frame bytes) into a transmit buffer and
 * queue it: 0, CN_ERR_AGAIN (no buffer), CN_ERR_INVALID (too large) */
int  net_tx(struct net_dev *d, const void *frame, uint32_t len);
/* take the device's completed transmits: how many */
uint32_t net_tx_complete(struct net_dev *d);
/* publish queued buffers of both queues and notify the device */
void net_kick(struct net_dev *d);

#endif
