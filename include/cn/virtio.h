/* SPDX-License-Identifier: MIT */
/*
 * virtio for native drivers (doc/virtio.md): split virtqueues and the
 * virtio-mmio transport in both its legacy (version 1) and modern
 * (version 2) register interface. Shared by the virtio-blk, -net, -input
 * and -gpu drivers; the code is in drivers/virtio/ (a driver lists
 * drivers/virtio/virtqueue.c and virtio_mmio.c in its EXTRA_SRC).
 *
 * A virtqueue lives in one physically contiguous, uncached allocation
 * (cn_vq_bytes(num)), laid out as the legacy interface requires
 * (descriptors, available ring, used ring on the next 4 KiB boundary); the
 * modern interface is given the three addresses of the same layout.
 */
#ifndef CN_VIRTIO_H
#define CN_VIRTIO_H

#include <stdint.h>
#include <stddef.h>
#include <cn/mmio.h>

/* ------------------------------------------------------------ virtqueue */
#define CN_VQ_MAX 256u                 /* entries per queue we support */

#define CN_VRING_DESC_F_NEXT  1u
#define CN_VRING_DESC_F_WRITE 2u
#define CN_VRING_USED_F_NO_NOTIFY 1u

struct cn_vring_desc  { uint64_t addr; uint32_t len; uint16_t flags; uint16_t next; };
struct cn_vring_avail { uint16_t flags; uint16_t idx; uint16_t ring[]; };
struct cn_vring_used_elem { uint32_t id; uint32_t len; };
struct cn_vring_used  { uint16_t flags; uint16_t idx; struct cn_vring_used_elem ring[]; };

struct cn_vq {
	uint16_t num;                       /* entries, a power of two <= CN_VQ_MAX */
	uint16_t num_free;                  /* free descriptors */
	uint16_t free_head;                 /* first free descriptor */
	uint16_t avail_idx;                 /* next avail entry (ours, published by cn_vq_publish) */
	uint16_t last_used;                 /* next used entry to read */
	uint16_t published;                 /* avail index the device last saw */
	volatile struct cn_vring_desc  *desc;
	volatile struct cn_vring_avail *avail;
	volatile struct cn_vring_used  *used;
	uint64_t phys;                      /* bus address of desc */
	uint32_t used_off;                  /* offset of the used ring */
	uint32_t bad;                       /* used entries refused (not in flight) */
	/* private: never read back from device-visible memory */
	uint16_t next[CN_VQ_MAX];           /* free list */
	uint16_t chain[CN_VQ_MAX];          /* descriptors of an in-flight chain (by head), 0 = free */
	uint32_t token[CN_VQ_MAX];          /* the caller's, by head */
};

/* one buffer of a request: bus address and length */
struct cn_vq_buf { uint64_t addr; uint32_t len; };

/* bytes of the queue memory for num entries (page multiple); 0 if num is
 * not a power of two in [1, CN_VQ_MAX] */
uint32_t cn_vq_bytes(uint32_t num);
uint32_t cn_vq_avail_off(uint32_t num);
uint32_t cn_vq_used_off(uint32_t num);
/* set up a queue in zeroed memory mem (virtual) at bus address phys */
int cn_vq_init(struct cn_vq *vq, void *mem, uint64_t phys, uint32_t num);
/* queue a chain: out buffers (device reads) then in buffers (device
 * writes): 0, CN_ERR_AGAIN (not enough free descriptors), CN_ERR_INVALID */
int cn_vq_add(struct cn_vq *vq, const struct cn_vq_buf *bufs, unsigned n_out, unsigned n_in,
              uint32_t token);
/* make added chains visible to the device; 1 if it wants a notification */
int cn_vq_publish(struct cn_vq *vq);
/* next completed chain: 0 with *token and *len (bytes the device wrote),
 * CN_ERR_AGAIN (none), CN_ERR_INVALID (the device named a chain that is
 * not in flight: skipped and counted in vq->bad) */
int cn_vq_get_used(struct cn_vq *vq, uint32_t *token, uint32_t *len);
static inline unsigned cn_vq_free(const struct cn_vq *vq) { return vq->num_free; }

/* ------------------------------------------------------------ virtio-mmio */
#define CN_VIRTIO_MAGIC         0x74726976u   /* "virt" */
#define CN_VIRTIO_ID_NET        1u
#define CN_VIRTIO_ID_BLOCK      2u
#define CN_VIRTIO_ID_GPU        16u
#define CN_VIRTIO_ID_INPUT      18u

#define CN_VIRTIO_ST_ACK         1u
#define CN_VIRTIO_ST_DRIVER      2u
#define CN_VIRTIO_ST_DRIVER_OK   4u
#define CN_VIRTIO_ST_FEATURES_OK 8u
#define CN_VIRTIO_ST_FAILED      128u

#define CN_VIRTIO_F_VERSION_1   32u           /* feature bit numbers */

/* QEMU virt: 32 transports of 0x200 bytes at 0x0a000000, SPI 16 + slot */
#define CN_VIRTIO_VIRT_BASE     0x0a000000u
#define CN_VIRTIO_VIRT_SLOTS    32u
#define CN_VIRTIO_VIRT_STRIDE   0x200u
#define CN_VIRTIO_VIRT_IRQ      48u           /* GIC interrupt of slot 0 */

struct cn_virtio {
	struct cn_mmio regs;
	uint32_t version;                     /* 1 legacy, 2 modern */
	uint32_t device_id;
	uint64_t features;                    /* negotiated */
};

/* a transport at base: 0 if it has a device, CN_ERR_NOT_FOUND for an empty
 * slot (device id 0), CN_ERR_INVALID for no virtio-mmio or an unknown version */
int cn_virtio_probe(struct cn_virtio *v, volatile void *base);
/* reset, acknowledge, negotiate: the device's features & wanted (plus
 * VERSION_1 on the modern interface); 0 or CN_ERR_STATE (device refused) */
int cn_virtio_init(struct cn_virtio *v, uint64_t wanted);
/* give queue idx to the device; CN_ERR_INVALID if the device offers fewer
 * than vq->num entries or the queue is in use */
int cn_virtio_queue_setup(struct cn_virtio *v, uint32_t idx, const struct cn_vq *vq);
/* the most entries the device supports for queue idx (0: none) */
uint32_t cn_virtio_queue_max(struct cn_virtio *v, uint32_t idx);
void cn_virtio_driver_ok(struct cn_virtio *v);
void cn_virtio_fail(struct cn_virtio *v);
void cn_virtio_notify(struct cn_virtio *v, uint32_t idx);
/* read and acknowledge the interrupt status (bit 0 used ring, 1 config) */
uint32_t cn_virtio_irq_ack(struct cn_virtio *v);
/* device-specific configuration space */
uint32_t cn_virtio_config32(struct cn_virtio *v, uint32_t off);
uint64_t cn_virtio_config64(struct cn_virtio *v, uint32_t off);

/* ------------------------------------------------------------ through Platform */
/* A virtio-mmio transport a driver got from its Platform session
 * (drivers/virtio/virtio_platform.c, doc/virtio.md): acquired, its
 * registers mapped and probed. */
struct cn_virtio_pdev {
	uint32_t       platform;              /* the Platform session */
	uint32_t       handle;                /* the acquired device */
	uint32_t       regs_ds;               /* its MMIO dataspace */
	volatile void *regs;                  /* where its registers are */
	char           name[32];              /* its name in the board's description */
};

/* what a scan callback answers for a device of the wanted type */
#define CN_VIRTIO_SCAN_SKIP 0   /* give it back, go on */
#define CN_VIRTIO_SCAN_KEEP 1   /* keep it (acquired and mapped), go on */
#define CN_VIRTIO_SCAN_DONE 2   /* keep it and stop */

/* Go through the "virtio,mmio" devices the Platform session grants, from
 * the last one in its list to the first (QEMU fills its transports from
 * the highest down, so the first device is found at the first try): each
 * is acquired, mapped and probed into *v; one of type id is handed to
 * fn(arg, d, v), every other given back at once. A device another session
 * has is passed over. *granted (may be NULL): the virtio-mmio devices
 * granted. 0 if fn kept at least one, CN_ERR_NOT_FOUND if none, or the
 * error of reading the list (CN_ERR_INVALID: not XML). */
int cn_virtio_platform_scan(uint32_t platform, uint32_t id, struct cn_virtio *v,
                            int (*fn)(void *arg, const struct cn_virtio_pdev *d,
                                      struct cn_virtio *v),
                            void *arg, uint32_t *granted);
/* the index-th device of type id (counted as the scan finds them): 0 with
 * *d and *v, CN_ERR_NOT_FOUND */
int cn_virtio_platform_find(uint32_t platform, uint32_t id, uint32_t index,
                            struct cn_virtio_pdev *d, struct cn_virtio *v, uint32_t *granted);
/* unmap and release a device from the scan */
void cn_virtio_platform_put(struct cn_virtio_pdev *d);

#endif
