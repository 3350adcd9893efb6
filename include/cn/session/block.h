/* SPDX-License-Identifier: MIT */
/*
 * Block session: a device of block_count blocks of block_size bytes, read,
 * written and synced through a packet stream (doc/session-block.md,
 * doc/packet-stream.md). Block drivers (drivers/virtio_blk) serve it.
 *
 * Session arguments: label, ram_quota, cap_quota, and
 *   buf_size=N   bytes of the bulk buffer (default 128 KiB, at most CN_PS_BUF_MAX)
 *   queue=N      requests in flight: ring entries (power of two, default 32)
 * ram_quota must cover CN_BLOCK_SESSION_RAM(buf_size, queue).
 *
 *   block_size()  block_count()  writeable()     the device
 *   dataspace()   the stream's shared dataspace (client: source, server: sink)
 *   sigh(ctx)     the client's signal context: acks arrived / room to submit
 *   wakeup()      the server's signal context: requests arrived / room to ack
 *
 * A request is a struct cn_packet: op (CN_BLOCK_OP_*), arg = first block,
 * count = blocks, offset/size = count * block_size bytes of the bulk
 * buffer (0 for sync), tag = the client's. Its acknowledgement carries the
 * same fields and status: 0, CN_ERR_INVALID (unknown op, size not count *
 * block_size, blocks past the end), CN_ERR_DENIED (write to a read-only
 * device), CN_ERR_FAULT (the device reported an I/O error).
 */
#ifndef CN_SESSION_BLOCK_H
#define CN_SESSION_BLOCK_H

#include <cn/rpc.h>
#include <cn/packet_stream.h>
#include <cn/session/quota.h>
#include <cn/session/platform.h>
#include <cn/util/format.h>

#define CN_BLOCK_SERVICE "Block"

#define CN_BLOCK_OP_READ  1u
#define CN_BLOCK_OP_WRITE 2u
#define CN_BLOCK_OP_SYNC  3u

#define CN_BLOCK_BUF_DEFAULT   (128u * 1024)
#define CN_BLOCK_QUEUE_DEFAULT 32u

/* what a session costs the server beyond the stream's dataspace: session
 * state and bookkeeping (the server library's part is added by it) */
#define CN_BLOCK_SESSION_STATE 2048u
/* RAM quota a session of this geometry needs: the state, and the stream's
 * dataspace (rounded to pages), which the device reads and writes: a DMA
 * buffer in a dma_only Platform session the driver opens for this session
 * alone and closes with it (doc/drivers.md, "DMA memory a client pays
 * for"): that session's up-front cost and the buffer's meta data. Caps: the
 * session, the dataspace, the server's signal context, and the Platform
 * session's (its own and the buffer's). */
#define CN_BLOCK_SESSION_RAM(buf, queue) \
	(CN_BLOCK_SESSION_STATE + CN_PLATFORM_DMA_SESSION_RAM + CN_PLATFORM_DMA_RAM_META + \
	 0x1000u + (((buf) + 0x1000u + 2u * 32u * (queue) + 0x1fffu) & ~0xfffu))
#define CN_BLOCK_SESSION_CAPS (4u + CN_PLATFORM_DMA_SESSION_CAPS + 1u)

#define CN_BLOCK_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_block, block_size,  uint32_t) \
	F0(cn_block, block_count, uint64_t) \
	F0(cn_block, writeable,   uint32_t) \
	F0(cn_block, dataspace,   cn_cap_t) \
	F1(cn_block, sigh,        void,     cn_cap_t, ctx) \
	F0(cn_block, wakeup,      cn_cap_t)
CN_RPC_INTERFACE(cn_block, CN_BLOCK_RPC)

/* The server's check of a request (before it reaches the device): 0, or
 * the status of its acknowledgement (see above). No overflow for any input. */
static inline int cn_block_check(const struct cn_packet *p, uint32_t block_size,
                                 uint64_t block_count, int writeable)
{
	if (p->op == CN_BLOCK_OP_SYNC)
		return 0;
	if (p->op != CN_BLOCK_OP_READ && p->op != CN_BLOCK_OP_WRITE)
		return CN_ERR_INVALID;
	if (p->count == 0 || (uint64_t)p->count * block_size != p->size)
		return CN_ERR_INVALID;
	if (p->arg >= block_count || p->count > block_count - p->arg)
		return CN_ERR_INVALID;
	if (p->op == CN_BLOCK_OP_WRITE && !writeable)
		return CN_ERR_DENIED;
	return 0;
}

int cn_connect(const char *service, const char *args, uint32_t *session);

/* Open a Block session (typed connect helper): label may be "" (the parent
 * puts in ours), buf_size/queue 0 for the defaults. */
static inline int cn_block_connect(const char *label, uint32_t buf_size, uint32_t queue,
                                   uint32_t *session)
{
	char args[160];
	if (!buf_size)
		buf_size = CN_BLOCK_BUF_DEFAULT;
	if (!queue)
		queue = CN_BLOCK_QUEUE_DEFAULT;
	int n = cn_snprintf(args, sizeof(args),
	                    "label=\"%s\", buf_size=%u, queue=%u, ram_quota=%u, cap_quota=%u",
	                    label, (unsigned)buf_size, (unsigned)queue,
	                    (unsigned)CN_BLOCK_SESSION_RAM(buf_size, queue) + 4096u,
	                    (unsigned)CN_BLOCK_SESSION_CAPS + 2u);
	if (n < 0 || (size_t)n >= sizeof(args))
		return CN_ERR_ARGS;
	return cn_connect(CN_BLOCK_SERVICE, args, session);
}

/* ---- client side of a session (lib/base/block_client.c) ---- */
struct cn_block_client {
	uint32_t              session;
	uint32_t              block_size;
	uint64_t              block_count;
	uint32_t              writeable;
	struct cn_ps_geometry geom;
	struct cn_ps_end      ps;        /* we are the source */
	uint32_t              wakeup;    /* the server's signal context */
	uint32_t              sigh;      /* ours */
	void                 *shared;
	uint32_t              donated;   /* RAM quota the session took from us */
};

/* connect, learn the device, attach the stream; the server fires the
 * signal context 'sigh' (ours: from cn_signal_handler() for an
 * event-driven client, or on a receiver we wait on) when acks arrive or
 * room to submit appears. Close with cn_block_client_close(). */
int cn_block_client_open(struct cn_block_client *c, const char *label, uint32_t buf_size,
                         uint32_t queue, uint32_t sigh);
void cn_block_client_close(struct cn_block_client *c);
/* the same, then wait (at most timeout_us) until the session's donation
 * is back (closing is asynchronous: the server closes it after this
 * returns, its buffer's platform session after that): 0, or CN_ERR_AGAIN
 * if it was not back in time. *before: our RAM quota before the close,
 * *after: when we stopped waiting (exactly *before + c->donated if 0). */
int cn_block_client_close_wait(struct cn_block_client *c, uint64_t timeout_us, uint32_t *before,
                               uint32_t *after);

#endif
