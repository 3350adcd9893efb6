/* SPDX-License-Identifier: MIT */
/*
 * virtio-net: features, configuration space, the receive queue kept full
 * and the transmit queue (net.h). A buffer is one descriptor holding the
 * virtio_net_hdr (all zero on transmit: no offloads) and the frame.
 */
#include <cn/util/string.h>
#include "net.h"

#define VIRTIO_NET_F_MAC    5u
#define VIRTIO_NET_F_STATUS 16u
#define VIRTIO_NET_S_LINK_UP 1u
#define CFG_MAC     0u           /* 6 bytes */
#define CFG_STATUS  6u           /* 16 bits */
#define RXQ 0u
#define TXQ 1u

int net_init(struct net_dev *d)
{
	int err = cn_virtio_init(&d->v, 1ull << VIRTIO_NET_F_MAC | 1ull << VIRTIO_NET_F_STATUS);
	if (err)
		return err;
	/* QEMU's device: 12 bytes with VERSION_1 (num_buffers always there), else 10 */
	d->hdr_len = d->v.version == 2 ? 12 : 10;
	/* the frame after the header word-aligned: copies between the buffers
	 * and the packet stream's slots go by words, not bytes */
	d->hdr_at = (4u - d->hdr_len % 4u) % 4u;
	d->has_status = !!(d->v.features & (1ull << VIRTIO_NET_F_STATUS));
	d->mac = 0;
	if (d->v.features & (1ull << VIRTIO_NET_F_MAC)) {
		uint32_t lo = cn_virtio_config32(&d->v, CFG_MAC), hi = cn_virtio_config32(&d->v, 4);
		for (int i = 0; i < 4; i++)
			d->mac = d->mac << 8 | ((lo >> (8 * i)) & 0xff);
		d->mac = d->mac << 8 | (hi & 0xff);
		d->mac = d->mac << 8 | ((hi >> 8) & 0xff);
	}
	return 0;
}

int net_link_up(struct net_dev *d)
{
	if (!d->has_status)
		return 1;
	return !!((cn_virtio_config32(&d->v, 4) >> 16) & VIRTIO_NET_S_LINK_UP);
}

static int setup(struct net_dev *d, uint32_t idx, struct cn_vq *vq, void *mem, uint64_t bus)
{
	if (cn_virtio_queue_max(&d->v, idx) < NET_QUEUE)
		return CN_ERR_INVALID;
	cn_memset(mem, 0, cn_vq_bytes(NET_QUEUE));
	int err = cn_vq_init(vq, mem, bus, NET_QUEUE);
	return err ? err : cn_virtio_queue_setup(&d->v, idx, vq);
}

int net_start(struct net_dev *d, void *rxq, uint64_t rxq_bus, void *txq, uint64_t txq_bus,
              void *rx_buf, uint64_t rx_bus, void *tx_buf, uint64_t tx_bus)
{
	int err;
	if ((err = setup(d, RXQ, &d->rxq, rxq, rxq_bus)) || (err = setup(d, TXQ, &d->txq, txq, txq_bus))) {
		cn_virtio_fail(&d->v);
		return err;
	}
	d->rx_buf = rx_buf;
	d->rx_bus = rx_bus;
	d->tx_buf = tx_buf;
	d->tx_bus = tx_bus;
	d->tx_free_top = NET_QUEUE;
	for (uint32_t i = 0; i < NET_QUEUE; i++)
		d->tx_free[i] = (uint8_t)i;
	for (uint32_t i = 0; i < NET_QUEUE; i++)
		net_rx_repost(d, i);
	cn_virtio_driver_ok(&d->v);
	net_kick(d);
	return 0;
}

void net_rx_repost(struct net_dev *d, uint32_t buf)
{
	struct cn_vq_buf b = { d->rx_bus + buf * NET_BUF + d->hdr_at, NET_BUF - d->hdr_at };
	cn_vq_add(&d->rxq, &b, 0, 1, buf);       /* cannot fail: one descriptor per buffer */
}

int net_rx(struct net_dev *d, const uint8_t **frame, uint32_t *len, uint32_t *buf)
{
	uint32_t t, l;
	int err;
	while ((err = cn_vq_get_used(&d->rxq, &t, &l)) == CN_ERR_INVALID)
		;                                     /* bogus entry: skipped, counted */
	if (err)
		return err;
	if (l > NET_BUF - d->hdr_at)
		l = NET_BUF - d->hdr_at;
	if (l < d->hdr_len) {
		d->rx_bad++;
		l = d->hdr_len;
	}
	*frame = d->rx_buf + t * NET_BUF + d->hdr_at + d->hdr_len;
	*len = l - d->hdr_len;
	*buf = t;
	return 0;
}

int net_tx(struct net_dev *d, const void *frame, uint32_t len)
{
	if (len > net_max_frame(d))
		return CN_ERR_INVALID;
	if (!d->tx_free_top)
		return CN_ERR_AGAIN;
	uint32_t i = d->tx_free[--d->tx_free_top];
	uint8_t *b = d->tx_buf + i * NET_BUF + d->hdr_at;
	cn_memset(b, 0, d->hdr_len);
	cn_memcpy(b + d->hdr_len, frame, len);
	struct cn_vq_buf vb = { d->tx_bus + i * NET_BUF + d->hdr_at, d->hdr_len + len };
	int err = cn_vq_add(&d->txq, &vb, 1, 0, i);
	if (err)
		d->tx_free[d->tx_free_top++] = (uint8_t)i;
	return err;
}

uint32_t net_tx_complete(struct net_dev *d)
{
	uint32_t t, l, n = 0;
	int err;
	while ((err = cn_vq_get_used(&d->txq, &t, &l)) != CN_ERR_AGAIN) {
		if (err)
			continue;
		d->tx_free[d->tx_free_top++] = (uint8_t)t;
		n++;
	}
	return n;
}

void net_kick(struct net_dev *d)
{
	if (cn_vq_publish(&d->rxq))
		cn_virtio_notify(&d->v, RXQ);
	if (cn_vq_publish(&d->txq))
		cn_virtio_notify(&d->v, TXQ);
}
