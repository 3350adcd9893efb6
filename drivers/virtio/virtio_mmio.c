/* SPDX-License-Identifier: MIT */
/*
 * The virtio-mmio transport (cn/virtio.h), legacy (version 1) and modern
 * (version 2) register interface: probing, reset and feature negotiation,
 * queue set-up, notification, interrupt status and configuration space.
 * Register layout first, then the logic (cn/mmio.h).
 */
#include <cn/virtio.h>

#define R_MAGIC          CN_REG32(0x000)
#define R_VERSION        CN_REG32(0x004)
#define R_DEVICE_ID      CN_REG32(0x008)
#define R_DEV_FEATURES   CN_REG32(0x010)
#define R_DEV_FEAT_SEL   CN_REG32(0x014)
#define R_DRV_FEATURES   CN_REG32(0x020)
#define R_DRV_FEAT_SEL   CN_REG32(0x024)
#define R_GUEST_PAGE     CN_REG32(0x028)   /* legacy */
#define R_QUEUE_SEL      CN_REG32(0x030)
#define R_QUEUE_NUM_MAX  CN_REG32(0x034)
#define R_QUEUE_NUM      CN_REG32(0x038)
#define R_QUEUE_ALIGN    CN_REG32(0x03c)   /* legacy */
#define R_QUEUE_PFN      CN_REG32(0x040)   /* legacy */
#define R_QUEUE_READY    CN_REG32(0x044)   /* modern */
#define R_QUEUE_NOTIFY   CN_REG32(0x050)
#define R_IRQ_STATUS     CN_REG32(0x060)
#define R_IRQ_ACK        CN_REG32(0x064)
#define R_STATUS         CN_REG32(0x070)
#define R_QUEUE_DESC_LO  CN_REG32(0x080)   /* modern, pairs: low, high */
#define R_QUEUE_DESC_HI  CN_REG32(0x084)
#define R_QUEUE_AVAIL_LO CN_REG32(0x090)
#define R_QUEUE_AVAIL_HI CN_REG32(0x094)
#define R_QUEUE_USED_LO  CN_REG32(0x0a0)
#define R_QUEUE_USED_HI  CN_REG32(0x0a4)
#define R_CONFIG_GEN     CN_REG32(0x0fc)   /* modern */
#define R_CONFIG         CN_REG32(0x100)

#define PAGE 4096u

int cn_virtio_probe(struct cn_virtio *v, volatile void *base)
{
	v->regs.base = base;
	v->features = 0;
	if (cn_mmio_read(&v->regs, R_MAGIC) != CN_VIRTIO_MAGIC)
		return CN_ERR_INVALID;
	v->version = cn_mmio_read(&v->regs, R_VERSION);
	if (v->version != 1 && v->version != 2)
		return CN_ERR_INVALID;
	v->device_id = cn_mmio_read(&v->regs, R_DEVICE_ID);
	return v->device_id ? 0 : CN_ERR_NOT_FOUND;
}

static void add_status(struct cn_virtio *v, uint32_t bits)
{
	cn_mmio_write(&v->regs, R_STATUS, cn_mmio_read(&v->regs, R_STATUS) | bits);
}

int cn_virtio_init(struct cn_virtio *v, uint64_t wanted)
{
	const struct cn_mmio *r = &v->regs;
	cn_mmio_write(r, R_STATUS, 0);                       /* reset */
	add_status(v, CN_VIRTIO_ST_ACK);
	add_status(v, CN_VIRTIO_ST_DRIVER);
	uint64_t offered = 0;
	for (uint32_t sel = 0; sel < 2; sel++) {
		cn_mmio_write(r, R_DEV_FEAT_SEL, sel);
		offered |= (uint64_t)cn_mmio_read(r, R_DEV_FEATURES) << (32 * sel);
	}
	if (v->version == 2) {
		if (!(offered & (1ull << CN_VIRTIO_F_VERSION_1))) {
			cn_virtio_fail(v);
			return CN_ERR_STATE;
		}
		wanted |= 1ull << CN_VIRTIO_F_VERSION_1;
	}
	v->features = offered & wanted;
	for (uint32_t sel = 0; sel < 2; sel++) {
		cn_mmio_write(r, R_DRV_FEAT_SEL, sel);
		cn_mmio_write(r, R_DRV_FEATURES, (uint32_t)(v->features >> (32 * sel)));
	}
	if (v->version == 1) {
		cn_mmio_write(r, R_GUEST_PAGE, PAGE);
		return 0;
	}
	add_status(v, CN_VIRTIO_ST_FEATURES_OK);
	if (!(cn_mmio_read(r, R_STATUS) & CN_VIRTIO_ST_FEATURES_OK)) {
		cn_virtio_fail(v);
		return CN_ERR_STATE;
	}
	return 0;
}

uint32_t cn_virtio_queue_max(struct cn_virtio *v, uint32_t idx)
{
	cn_mmio_write(&v->regs, R_QUEUE_SEL, idx);
	return cn_mmio_read(&v->regs, R_QUEUE_NUM_MAX);
}

static void write64(const struct cn_mmio *r, struct cn_reg lo, struct cn_reg hi, uint64_t v)
{
	cn_mmio_write(r, lo, (uint32_t)v);
	cn_mmio_write(r, hi, (uint32_t)(v >> 32));
}

int cn_virtio_queue_setup(struct cn_virtio *v, uint32_t idx, const struct cn_vq *vq)
{
	const struct cn_mmio *r = &v->regs;
	uint32_t max = cn_virtio_queue_max(v, idx);          /* also selects the queue */
	if (max < vq->num)
		return CN_ERR_INVALID;
	if (v->version == 1) {
		if (cn_mmio_read(r, R_QUEUE_PFN) || (vq->phys % PAGE) || vq->phys / PAGE > 0xffffffffu)
			return CN_ERR_INVALID;
		cn_mmio_write(r, R_QUEUE_NUM, vq->num);
		cn_mmio_write(r, R_QUEUE_ALIGN, PAGE);
		cn_mmio_write(r, R_QUEUE_PFN, (uint32_t)(vq->phys / PAGE));
		return 0;
	}
	if (cn_mmio_read(r, R_QUEUE_READY))
		return CN_ERR_INVALID;
	cn_mmio_write(r, R_QUEUE_NUM, vq->num);
	write64(r, R_QUEUE_DESC_LO, R_QUEUE_DESC_HI, vq->phys);
	write64(r, R_QUEUE_AVAIL_LO, R_QUEUE_AVAIL_HI, vq->phys + cn_vq_avail_off(vq->num));
	write64(r, R_QUEUE_USED_LO, R_QUEUE_USED_HI, vq->phys + vq->used_off);
	cn_mmio_write(r, R_QUEUE_READY, 1);
	return 0;
}

void cn_virtio_driver_ok(struct cn_virtio *v) { add_status(v, CN_VIRTIO_ST_DRIVER_OK); }
void cn_virtio_fail(struct cn_virtio *v) { add_status(v, CN_VIRTIO_ST_FAILED); }
void cn_virtio_notify(struct cn_virtio *v, uint32_t idx) { cn_mmio_write(&v->regs, R_QUEUE_NOTIFY, idx); }

uint32_t cn_virtio_irq_ack(struct cn_virtio *v)
{
	uint32_t st = cn_mmio_read(&v->regs, R_IRQ_STATUS);
	if (st)
		cn_mmio_write(&v->regs, R_IRQ_ACK, st);
	return st;
}

uint32_t cn_virtio_config32(struct cn_virtio *v, uint32_t off)
{
	return cn_mmio_read(&v->regs, CN_REG_AT(R_CONFIG, off, 1));
}

uint64_t cn_virtio_config64(struct cn_virtio *v, uint32_t off)
{
	/* modern: retry while the device changes the configuration meanwhile */
	for (;;) {
		uint32_t gen = v->version == 2 ? cn_mmio_read(&v->regs, R_CONFIG_GEN) : 0;
		uint64_t lo = cn_virtio_config32(v, off), hi = cn_virtio_config32(v, off + 4);
		if (v->version != 2 || gen == cn_mmio_read(&v->regs, R_CONFIG_GEN))
			return lo | hi << 32;
	}
}
