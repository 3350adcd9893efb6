/* SPDX-License-Identifier: MIT */
/*
 * Split virtqueues (cn/virtio.h): descriptor chains from a private free
 * list, the available ring the driver fills, the used ring the device
 * fills. Portable (host-tested in test/host/virtqueue_test.c); no
 * transport knowledge: the caller notifies the device.
 */
#include <cn/virtio.h>

#define PAGE 4096u

static int pow2(uint32_t n) { return n && !(n & (n - 1)); }

uint32_t cn_vq_avail_off(uint32_t num) { return 16u * num; }

uint32_t cn_vq_used_off(uint32_t num)
{
	return (cn_vq_avail_off(num) + 6u + 2u * num + PAGE - 1) & ~(PAGE - 1);
}

uint32_t cn_vq_bytes(uint32_t num)
{
	if (!pow2(num) || num > CN_VQ_MAX)
		return 0;
	return (cn_vq_used_off(num) + 6u + 8u * num + PAGE - 1) & ~(PAGE - 1);
}

int cn_vq_init(struct cn_vq *vq, void *mem, uint64_t phys, uint32_t num)
{
	if (!cn_vq_bytes(num))
		return CN_ERR_INVALID;
	uint8_t *m = mem;
	vq->num = (uint16_t)num;
	vq->desc = (volatile struct cn_vring_desc *)m;
	vq->avail = (volatile struct cn_vring_avail *)(m + cn_vq_avail_off(num));
	vq->used = (volatile struct cn_vring_used *)(m + cn_vq_used_off(num));
	vq->used_off = cn_vq_used_off(num);
	vq->phys = phys;
	vq->avail_idx = vq->last_used = vq->published = 0;
	vq->bad = 0;
	vq->avail->flags = 0;
	vq->avail->idx = 0;
	for (uint32_t i = 0; i < num; i++) {
		vq->next[i] = (uint16_t)(i + 1);
		vq->chain[i] = 0;
		vq->token[i] = 0;
	}
	vq->free_head = 0;
	vq->num_free = (uint16_t)num;
	return 0;
}

int cn_vq_add(struct cn_vq *vq, const struct cn_vq_buf *bufs, unsigned n_out, unsigned n_in,
              uint32_t token)
{
	unsigned n = n_out + n_in;
	if (n == 0 || n > vq->num)
		return CN_ERR_INVALID;
	if (n > vq->num_free)
		return CN_ERR_AGAIN;
	uint16_t head = vq->free_head, d = head;
	for (unsigned i = 0; i < n; i++) {
		volatile struct cn_vring_desc *e = &vq->desc[d];
		e->addr = bufs[i].addr;
		e->len = bufs[i].len;
		uint16_t flags = i >= n_out ? CN_VRING_DESC_F_WRITE : 0;
		d = vq->next[d];
		if (i + 1 < n) {
			flags |= CN_VRING_DESC_F_NEXT;
			e->next = d;
		} else {
			e->next = 0;
		}
		e->flags = flags;
	}
	vq->free_head = d;
	vq->num_free = (uint16_t)(vq->num_free - n);
	vq->chain[head] = (uint16_t)n;
	vq->token[head] = token;
	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = head;
	vq->avail_idx++;
	return 0;
}

int cn_vq_publish(struct cn_vq *vq)
{
	if (vq->avail_idx == vq->published)
		return 0;
	/* the ring entries and descriptors before the index */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	vq->avail->idx = vq->avail_idx;
	vq->published = vq->avail_idx;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return !(vq->used->flags & CN_VRING_USED_F_NO_NOTIFY);
}

int cn_vq_get_used(struct cn_vq *vq, uint32_t *token, uint32_t *len)
{
	uint16_t idx = vq->used->idx;
	if (idx == vq->last_used)
		return CN_ERR_AGAIN;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);   /* the entry after the index */
	volatile struct cn_vring_used_elem *u = &vq->used->ring[vq->last_used & (vq->num - 1)];
	uint32_t id = u->id, l = u->len;
	vq->last_used++;
	if (id >= vq->num || vq->chain[id] == 0) {
		vq->bad++;
		return CN_ERR_INVALID;
	}
	/* the chain's descriptors back on the free list, in chain order */
	uint16_t n = vq->chain[id], d = (uint16_t)id;
	for (uint16_t i = 1; i < n; i++)
		d = vq->next[d];
	vq->next[d] = vq->free_head;
	vq->free_head = (uint16_t)id;
	vq->num_free = (uint16_t)(vq->num_free + n);
	vq->chain[id] = 0;
	*token = vq->token[id];
	*len = l;
	return 0;
}
