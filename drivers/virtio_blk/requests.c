/* SPDX-License-Identifier: MIT */
/*
 * virtio-blk: device set-up and the request queue (blk.h).
 * A request is a chain of three descriptors: the header (type, sector),
 * the data (absent for a flush) and the status byte the device writes.
 */
#include <cn/session/block.h>
#include "blk.h"

#define VIRTIO_BLK_F_RO    5u
#define VIRTIO_BLK_F_FLUSH 9u
#define VIRTIO_BLK_T_IN    0u
#define VIRTIO_BLK_T_OUT   1u
#define VIRTIO_BLK_T_FLUSH 4u
#define CFG_CAPACITY       0u

int blk_start(struct blk_dev *d, void *qmem, uint64_t qbus, void *hw, uint64_t hw_bus)
{
	uint64_t want = 1ull << VIRTIO_BLK_F_RO | 1ull << VIRTIO_BLK_F_FLUSH;
	int err = cn_virtio_init(&d->v, want);
	if (err)
		return err;
	d->read_only = !!(d->v.features & (1ull << VIRTIO_BLK_F_RO));
	d->flush = !!(d->v.features & (1ull << VIRTIO_BLK_F_FLUSH));
	d->capacity = cn_virtio_config64(&d->v, CFG_CAPACITY);
	uint32_t num = cn_virtio_queue_max(&d->v, 0);
	if (num > CN_VQ_MAX)
		num = CN_VQ_MAX;
	while (num & (num - 1))
		num &= num - 1;                     /* a power of two */
	if (num < 4 || (err = cn_vq_init(&d->vq, qmem, qbus, num)) ||
	    (err = cn_virtio_queue_setup(&d->v, 0, &d->vq))) {
		cn_virtio_fail(&d->v);
		return err ? err : CN_ERR_INVALID;
	}
	d->hw = hw;
	d->hw_bus = hw_bus;
	d->nreq = num / 3;
	d->free_top = d->nreq;
	for (uint32_t i = 0; i < d->nreq; i++)
		d->free_req[i] = (uint8_t)i;
	d->inflight = 0;
	cn_virtio_driver_ok(&d->v);
	return 0;
}

int blk_submit(struct blk_dev *d, uint32_t op, uint64_t sector, uint64_t bus, uint32_t len,
               uint32_t *req)
{
	if (!d->free_top)
		return CN_ERR_AGAIN;
	uint32_t r = d->free_req[d->free_top - 1];
	volatile struct blk_hw_req *h = &d->hw[r];
	h->type = op == CN_BLOCK_OP_READ ? VIRTIO_BLK_T_IN :
	          op == CN_BLOCK_OP_WRITE ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_FLUSH;
	h->reserved = 0;
	h->sector = op == CN_BLOCK_OP_SYNC ? 0 : sector;
	h->status = 0xff;
	uint64_t hb = d->hw_bus + r * sizeof(struct blk_hw_req);
	struct cn_vq_buf b[3] = { { hb, 16 }, { bus, len }, { hb + 16, 1 } };
	int err;
	if (op == CN_BLOCK_OP_SYNC) {
		b[1] = b[2];
		err = cn_vq_add(&d->vq, b, 1, 1, r);
	} else if (op == CN_BLOCK_OP_WRITE) {
		err = cn_vq_add(&d->vq, b, 2, 1, r);
	} else {
		err = cn_vq_add(&d->vq, b, 1, 2, r);
	}
	if (err)
		return err;
	d->free_top--;
	d->inflight++;
	*req = r;
	return 0;
}

void blk_kick(struct blk_dev *d)
{
	if (cn_vq_publish(&d->vq))
		cn_virtio_notify(&d->v, 0);
}

int blk_complete(struct blk_dev *d, uint32_t *req, int *status)
{
	uint32_t r, len;
	int err;
	while ((err = cn_vq_get_used(&d->vq, &r, &len)) == CN_ERR_INVALID)
		;                                   /* a bogus entry: skipped, counted */
	if (err)
		return err;
	*status = d->hw[r].status == 0 ? 0 : CN_ERR_FAULT;
	d->free_req[d->free_top++] = (uint8_t)r;
	d->inflight--;
	*req = r;
	return 0;
}
