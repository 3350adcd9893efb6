/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the split virtqueue (drivers/virtio/virtqueue.c) against a
 * device model written here from the virtio spec: the model walks the
 * available ring and each descriptor chain through bus addresses, checks
 * flags and lengths, writes into device-writable buffers and completes
 * chains out of order. Covers the legacy layout, descriptor exhaustion,
 * 16-bit index wrap-around, notification suppression, and used entries
 * that name chains not in flight.
 */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <cn/virtio.h>
#include "check.h"

#define PHYS 0x40000000ull
static uint8_t *mem;              /* queue memory, bus address PHYS */
static uint8_t data[64 * 1024];   /* buffers, bus address DATA */
#define DATA 0x50000000ull

static void *bus(uint64_t a, uint32_t len)
{
	if (a >= DATA && a + len <= DATA + sizeof(data))
		return data + (a - DATA);
	return NULL;
}

/* the device: position in the avail ring, chains taken but not completed */
struct dev { uint16_t avail_seen; uint16_t used_idx; uint16_t pending[256]; unsigned npending; };

static void dev_take(struct cn_vq *vq, struct dev *d)
{
	volatile struct cn_vring_avail *av = (void *)(mem + cn_vq_avail_off(vq->num));
	while (d->avail_seen != av->idx)
		d->pending[d->npending++] = av->ring[d->avail_seen++ % vq->num];
}

/* complete pending chain k: sum the readable bytes, write that sum into
 * the first writable buffer, report written length */
static int dev_complete(struct cn_vq *vq, struct dev *d, unsigned k)
{
	volatile struct cn_vring_desc *desc = (void *)mem;
	volatile struct cn_vring_used *used = (void *)(mem + cn_vq_used_off(vq->num));
	uint16_t i = d->pending[k];
	uint32_t sum = 0, written = 0;
	int writable = 0, hops = 0;
	for (;;) {
		if (i >= vq->num || ++hops > vq->num)
			return -1;
		uint8_t *b = bus(desc[i].addr, desc[i].len);
		if (!b)
			return -1;
		if (desc[i].flags & CN_VRING_DESC_F_WRITE) {
			writable = 1;
			if (!written && desc[i].len >= 4) {
				memcpy(b, &sum, 4);
				written = desc[i].len;
			}
		} else {
			if (writable)
				return -1;       /* readable after writable */
			for (uint32_t j = 0; j < desc[i].len; j++)
				sum += b[j];
		}
		if (!(desc[i].flags & CN_VRING_DESC_F_NEXT))
			break;
		i = desc[i].next;
	}
	used->ring[d->used_idx % vq->num].id = d->pending[k];
	used->ring[d->used_idx % vq->num].len = written;
	d->used_idx++;
	used->idx = d->used_idx;
	d->pending[k] = d->pending[--d->npending];
	return 0;
}

static struct cn_vq vq;

static void layout(void)
{
	CN_CHECK_EQ(cn_vq_bytes(0), 0u);
	CN_CHECK_EQ(cn_vq_bytes(3), 0u);
	CN_CHECK_EQ(cn_vq_bytes(512), 0u);
	CN_CHECK_EQ(cn_vq_avail_off(128), 2048u);
	CN_CHECK_EQ(cn_vq_used_off(128), 4096u);           /* 2048 + 6 + 256 -> next page */
	CN_CHECK_EQ(cn_vq_bytes(128), 8192u);
	CN_CHECK_EQ(cn_vq_used_off(256), 8192u);
	CN_CHECK_EQ(cn_vq_bytes(256), 12288u);
	CN_CHECK_EQ(cn_vq_init(&vq, mem, PHYS, 6), CN_ERR_INVALID);
}

static void chains(void)
{
	struct dev d = { 0 };
	memset(mem, 0, 16384);
	CN_CHECK_EQ(cn_vq_init(&vq, mem, PHYS, 8), 0);
	for (int i = 0; i < 16; i++)
		data[i] = (uint8_t)(i + 1);                   /* sum 136 */
	struct cn_vq_buf b[3] = { { DATA, 10 }, { DATA + 10, 6 }, { DATA + 100, 8 } };
	CN_CHECK_EQ(cn_vq_add(&vq, b, 2, 1, 77), 0);
	CN_CHECK_EQ(cn_vq_free(&vq), 5u);
	CN_CHECK_EQ(cn_vq_add(&vq, b, 0, 0, 1), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_vq_add(&vq, b, 3, 7, 1), CN_ERR_INVALID);  /* longer than the ring */
	uint32_t tok, len;
	CN_CHECK_EQ(cn_vq_get_used(&vq, &tok, &len), CN_ERR_AGAIN);
	dev_take(&vq, &d);
	CN_CHECK_EQ(d.npending, 0u);                      /* not published yet */
	CN_CHECK_EQ(cn_vq_publish(&vq), 1);
	CN_CHECK_EQ(cn_vq_publish(&vq), 0);               /* nothing new */
	dev_take(&vq, &d);
	CN_CHECK_EQ(d.npending, 1u);
	CN_CHECK_EQ(dev_complete(&vq, &d, 0), 0);
	CN_CHECK_EQ(cn_vq_get_used(&vq, &tok, &len), 0);
	CN_CHECK_EQ(tok, 77u);
	CN_CHECK_EQ(len, 8u);
	uint32_t sum;
	memcpy(&sum, data + 100, 4);
	CN_CHECK_EQ(sum, 136u);
	CN_CHECK_EQ(cn_vq_free(&vq), 8u);
	/* exhaustion: 2 chains of 3 and one of 2 fill 8 descriptors */
	CN_CHECK_EQ(cn_vq_add(&vq, b, 2, 1, 1), 0);
	CN_CHECK_EQ(cn_vq_add(&vq, b, 2, 1, 2), 0);
	CN_CHECK_EQ(cn_vq_add(&vq, b, 2, 1, 3), CN_ERR_AGAIN);
	CN_CHECK_EQ(cn_vq_add(&vq, b + 1, 1, 1, 3), 0);
	CN_CHECK_EQ(cn_vq_free(&vq), 0u);
	/* suppressed notification */
	volatile struct cn_vring_used *used = (void *)(mem + cn_vq_used_off(8));
	used->flags = CN_VRING_USED_F_NO_NOTIFY;
	CN_CHECK_EQ(cn_vq_publish(&vq), 0);
	used->flags = 0;
	dev_take(&vq, &d);
	CN_CHECK_EQ(d.npending, 3u);
	/* out of order: the last first */
	CN_CHECK_EQ(dev_complete(&vq, &d, 2), 0);
	CN_CHECK_EQ(cn_vq_get_used(&vq, &tok, &len), 0);
	CN_CHECK_EQ(tok, 3u);
	CN_CHECK_EQ(cn_vq_free(&vq), 2u);
	while (d.npending)
		CN_CHECK_EQ(dev_complete(&vq, &d, 0), 0);
	uint32_t seen = 0;
	while (cn_vq_get_used(&vq, &tok, &len) == 0)
		seen |= 1u << tok;
	CN_CHECK_EQ(seen, 6u);
	CN_CHECK_EQ(cn_vq_free(&vq), 8u);
}

static void bogus_used(void)
{
	struct dev d = { 0 };
	memset(mem, 0, 16384);
	cn_vq_init(&vq, mem, PHYS, 4);
	struct cn_vq_buf b = { DATA, 4 };
	cn_vq_add(&vq, &b, 0, 1, 9);
	cn_vq_publish(&vq);
	dev_take(&vq, &d);
	volatile struct cn_vring_used *used = (void *)(mem + cn_vq_used_off(4));
	used->ring[0].id = 3;            /* never handed out */
	used->ring[1].id = 200;          /* outside the ring */
	used->ring[2].id = 0;            /* the real one */
	used->ring[3].id = 0;            /* the same again: no longer in flight */
	used->idx = 4;
	uint32_t tok, len;
	CN_CHECK_EQ(cn_vq_get_used(&vq, &tok, &len), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_vq_get_used(&vq, &tok, &len), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_vq_get_used(&vq, &tok, &len), 0);
	CN_CHECK_EQ(tok, 9u);
	CN_CHECK_EQ(cn_vq_get_used(&vq, &tok, &len), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_vq_get_used(&vq, &tok, &len), CN_ERR_AGAIN);
	CN_CHECK_EQ(vq.bad, 3u);
	CN_CHECK_EQ(cn_vq_free(&vq), 4u);
}

/* 100,000 random requests: indices wrap past 65535, chains of 1..3
 * descriptors complete in random order, every token returns exactly once */
static void random_wrap(void)
{
	struct dev d = { 0 };
	memset(mem, 0, 16384);
	cn_vq_init(&vq, mem, PHYS, 16);
	static uint8_t inflight[100000];
	memset(inflight, 0, sizeof(inflight));
	uint32_t next = 0, done = 0, tok, len;
	srand(3);
	while (done < 100000) {
		int r = rand() % 4;
		if (r == 0 && next < 100000) {
			unsigned n = 1 + (unsigned)rand() % 3;
			struct cn_vq_buf b[3] = { { DATA, 4 }, { DATA + 4, 4 }, { DATA + 8 + (next % 64) * 4, 4 } };
			if (cn_vq_add(&vq, b + 3 - n, n - 1, 1, next) == 0)
				inflight[next++] = 1;
		} else if (r == 1) {
			cn_vq_publish(&vq);
			dev_take(&vq, &d);
		} else if (r == 2 && d.npending) {
			CN_CHECK_EQ(dev_complete(&vq, &d, (unsigned)rand() % d.npending), 0);
		} else {
			while (cn_vq_get_used(&vq, &tok, &len) == 0) {
				CN_CHECK(tok < next && inflight[tok]);
				inflight[tok] = 0;
				done++;
			}
		}
	}
	CN_CHECK_EQ(next, 100000u);                      /* the 16-bit indices wrapped */
	CN_CHECK_EQ(vq.avail_idx, (uint16_t)next);
	CN_CHECK_EQ(vq.last_used, (uint16_t)next);
	CN_CHECK_EQ(vq.bad, 0u);
	CN_CHECK_EQ(cn_vq_free(&vq), 16u);
}

int main(void)
{
	cn_test_program = "virtqueue";
	mem = aligned_alloc(4096, 16384);
	CN_RUN(layout);
	CN_RUN(chains);
	CN_RUN(bogus_used);
	CN_RUN(random_wrap);
	free(mem);
	return CN_TEST_RESULT();
}
