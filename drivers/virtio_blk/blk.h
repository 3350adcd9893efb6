/* SPDX-License-Identifier: MIT */
/*
 * The virtio-blk device side of the driver (requests.c): set up the device
 * (found by main.c through the Platform session), issue read/write/flush requests whose data lies in DMA memory
 * (a client's packet-stream buffer), and collect completions.
 */
#ifndef VIRTIO_BLK_BLK_H
#define VIRTIO_BLK_BLK_H

#include <stdint.h>
#include <cn/virtio.h>

#define BLK_SECTOR 512u
#define BLK_MAX_REQ (CN_VQ_MAX / 3)     /* header, data, status: 3 descriptors each */

/* the device's view of one request (DMA memory) */
struct blk_hw_req {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
	uint8_t  status;
	uint8_t  pad[15];
};

struct blk_dev {
	struct cn_virtio   v;
	struct cn_vq       vq;
	uint64_t           capacity;       /* sectors */
	int                read_only;
	int                flush;          /* the device has a write cache to flush */
	volatile struct blk_hw_req *hw;    /* BLK_MAX_REQ entries */
	uint64_t           hw_bus;
	uint32_t           nreq;           /* requests in flight at most */
	uint32_t           free_top;
	uint8_t            free_req[BLK_MAX_REQ];
	uint32_t           inflight;
};

/* negotiate and set up the queue in DMA memory (qmem at bus qbus,
 * cn_vq_bytes() bytes; hw: a page at hw_bus) */
int blk_start(struct blk_dev *d, void *qmem, uint64_t qbus, void *hw, uint64_t hw_bus);
/* a request: op CN_BLOCK_OP_*, data at bus address 'bus' (len bytes);
 * 0 and *req, or CN_ERR_AGAIN (device queue full). Call blk_kick after a batch. */
int blk_submit(struct blk_dev *d, uint32_t op, uint64_t sector, uint64_t bus, uint32_t len,
               uint32_t *req);
void blk_kick(struct blk_dev *d);
/* next completion: 0 with *req and *status (0 or CN_ERR_FAULT), CN_ERR_AGAIN */
int blk_complete(struct blk_dev *d, uint32_t *req, int *status);

#endif
