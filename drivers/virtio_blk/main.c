/* SPDX-License-Identifier: MIT */
/*
 * virtio_blk: serves the Block session (cn/session/block.h) from a
 * virtio-blk device on QEMU virt's virtio-mmio transports. Single-threaded
 * and event-driven: a client's signal makes it take requests from that
 * session's packet stream, check them and hand them to the device with the
 * data in the client's bulk buffer (no copy); the device's interrupt makes
 * it acknowledge the completed ones. Several sessions share the device.
 *
 * Device, interrupt and DMA memory come from the Platform session
 * (doc/platform.md): the driver's own (virtqueue, request headers) is
 * paid from its quota; each client's bulk buffer, which the device reads
 * and writes, lies in a dma_only Platform session opened for that Block
 * session alone, paid from the client's donation and closed with it, so
 * that the client gets every byte back (doc/drivers.md).
 *
 * Config: <config device="N"/> serves the N-th block device found (default
 * 0; counted as cn_virtio_platform_scan finds them). Without a device it
 * says so and exits with 0.
 */
#include <cn/component.h>
#include <cn/server.h>
#include <cn/sys.h>
#include <cn/util/args.h>
#include <cn/config.h>
#include <cn/session/block.h>
#include <cn/session/irq.h>
#include <cn/session/pd.h>
#include <cn/session/platform.h>
#include <cn/session/rm.h>
#include <cn/util/string.h>
#include "blk.h"

/* how long a closing session waits for the device and for its Platform
 * session's donation to come back */
#define CLOSE_WAIT_US 5000000ull

struct session {
	struct cn_ps_geometry    g;
	struct cn_ps_end         ps;          /* we are the sink */
	uint32_t                 platform;     /* dma_only Platform session: the buffer */
	struct cn_platform_dma   buf;          /* the shared dataspace */
	void                    *shared;
	uint32_t                 client_sigh;
	uint32_t                 wake_ctx;
	struct cn_signal_handler wake;
	uint32_t                 inflight;
	uint32_t                 charged, charged_caps;
	struct session          *next;
};

static struct blk_dev dev;
static uint32_t platform;                     /* our Platform session */
static struct cn_virtio_pdev pdev;            /* the device in it */
static cn_cap_t irq;
static struct cn_signal_handler irq_h;
static struct session *sessions;
static struct {
	struct session  *s;
	struct cn_packet p;
} req[BLK_MAX_REQ];

static const char *label(struct session *s) { return cn_server_session_of(s)->label; }

static void broken(struct session *s)
{
	cn_log("session \"%s\" broke the packet-stream protocol: ignoring it", label(s));
}

/* take requests of one session while the device and the ack ring have room */
static void serve(struct session *s)
{
	if (s->ps.broken || !s->shared)
		return;
	int more;
	do {
		struct cn_packet p;
		int kicked = 0;
		while (s->inflight < cn_ps_room(&s->ps) && dev.free_top) {
			int r = cn_ps_get(&s->ps, &p);
			if (r == CN_ERR_AGAIN)
				break;
			if (r == CN_ERR_INVALID)
				continue;                     /* outside the buffer: dropped */
			if (r) {
				broken(s);
				return;
			}
			p.status = cn_block_check(&p, BLK_SECTOR, dev.capacity, !dev.read_only);
			if (!p.status && !(p.op == CN_BLOCK_OP_SYNC && !dev.flush)) {
				uint32_t n;
				uint64_t bus = (uint64_t)s->buf.bus + s->g.buf_off + p.offset;
				if (blk_submit(&dev, p.op, p.arg, bus, p.size, &n) == 0) {
					req[n].s = s;
					req[n].p = p;
					s->inflight++;
					kicked = 1;
					continue;
				}
				p.status = CN_ERR_EXHAUSTED;   /* cannot happen: free_top checked */
			}
			cn_ps_ack(&s->ps, &p);
		}
		if (kicked)
			blk_kick(&dev);
		more = cn_ps_commit(&s->ps);
		if (more == CN_ERR_STATE) {
			broken(s);
			return;
		}
	} while (more == 1 && dev.free_top && s->inflight < cn_ps_room(&s->ps));
}

static void complete_all(void)
{
	uint32_t n;
	int status;
	while (blk_complete(&dev, &n, &status) == 0) {
		struct session *s = req[n].s;
		req[n].s = 0;
		if (!s)
			continue;
		s->inflight--;
		req[n].p.status = status;
		if (!s->ps.broken)
			cn_ps_ack(&s->ps, &req[n].p);    /* room was reserved when we took it */
	}
}

static void on_irq(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	cn_virtio_irq_ack(&dev.v);
	complete_all();
	cn_irq_ack(irq.name);
	for (struct session *s = sessions; s; s = s->next)
		serve(s);
}

static void on_wakeup(void *arg, uint32_t count)
{
	(void)count;
	serve(arg);
}

/* ------------------------------------------------------------ Block RPCs */
static int rpc_block_size(void *ctx, uint32_t *r) { (void)ctx; *r = BLK_SECTOR; return 0; }
static int rpc_block_count(void *ctx, uint64_t *r) { (void)ctx; *r = dev.capacity; return 0; }
static int rpc_writeable(void *ctx, uint32_t *r) { (void)ctx; *r = !dev.read_only; return 0; }

static int rpc_dataspace(void *ctx, cn_cap_t *r)
{
	struct session *s = ctx;
	r->name = s->buf.ds;
	return 0;
}

static int rpc_sigh(void *ctx, cn_cap_t c)
{
	struct session *s = ctx;
	if (s->client_sigh)
		return CN_ERR_STATE;                   /* once per session */
	cn_ep_keep(cn_env()->ep, c);
	s->client_sigh = c.name;
	cn_ps_sink_init(&s->ps, s->shared, &s->g, cn_ps_notify_signal,
	                (void *)(uintptr_t)c.name);
	return 0;
}

static int rpc_wakeup(void *ctx, cn_cap_t *r)
{
	struct session *s = ctx;
	r->name = s->wake_ctx;
	return 0;
}

static const struct cn_block_ops block_ops = {
	.block_size = rpc_block_size, .block_count = rpc_block_count, .writeable = rpc_writeable,
	.dataspace = rpc_dataspace, .sigh = rpc_sigh, .wakeup = rpc_wakeup,
};

static uint32_t quota(uint32_t which)
{
	uint32_t q = 0;
	cn_pd_quota(cn_env()->pd, which, &q);
	return q;
}

/* what the buffer's Platform session of a session costs */
static uint32_t buffer_ram(struct session *s)
{
	return CN_PLATFORM_DMA_SESSION_RAM + CN_PLATFORM_DMA_RAM(s->g.total);
}
#define BUFFER_CAPS (CN_PLATFORM_DMA_SESSION_CAPS + 1u)

/* close the buffer's Platform session and wait until its donation is back
 * with us: the server library returns the client's donation from our
 * account as soon as we answer the close */
static void buffer_close(struct session *s)
{
	uint32_t ram = quota(CN_PD_RAM_QUOTA) + buffer_ram(s);
	uint32_t caps = quota(CN_PD_CAP_QUOTA) + BUFFER_CAPS;
	if (s->buf.addr) {
		cn_rm_detach(cn_env()->rm, (uint32_t)(uintptr_t)s->buf.addr);
		cn_sys_cap_drop(s->buf.ds);
		s->buf.addr = NULL;
	}
	int err = cn_close(s->platform);
	if (err) {
		cn_log("session \"%s\": closing its Platform session: %s", label(s),
		       cn_strerror(err));
		return;
	}
	if (cn_quota_wait(ram, caps, CLOSE_WAIT_US))
		cn_log("session \"%s\": its Platform session's %u bytes and %u caps did not come "
		       "back in time", label(s), (unsigned)buffer_ram(s), (unsigned)BUFFER_CAPS);
}

/* the client's buffer: a dma_only Platform session of its own, paid from
 * the client's donation (charged to its Block session) */
static int buffer_open(struct session *s)
{
	/* and ours: the dataspace, the wake-up signal context */
	int err = cn_server_charge(s, buffer_ram(s), BUFFER_CAPS + 2);
	if (err)
		return err;
	s->charged = buffer_ram(s);
	s->charged_caps = BUFFER_CAPS + 2;
	err = cn_platform_connect_dma(label(s), CN_PLATFORM_DMA_RAM(s->g.total), 1, &s->platform);
	if (err) {
		cn_log("session \"%s\": no Platform session for its buffer: %s", label(s),
		       cn_strerror(err));
		cn_server_release(s, s->charged, s->charged_caps);
		return err;
	}
	if ((err = cn_platform_dma(s->platform, s->g.total, &s->buf))) {
		cn_log("session \"%s\": its buffer of %u bytes: %s", label(s), (unsigned)s->g.total,
		       cn_strerror(err));
		buffer_close(s);
		cn_server_release(s, s->charged, s->charged_caps);
		return err;
	}
	s->shared = s->buf.addr;
	return 0;
}

static int session_create(void *ctx, const char *args, void *state)
{
	struct session *s = state;
	unsigned long buf = CN_BLOCK_BUF_DEFAULT, queue = CN_BLOCK_QUEUE_DEFAULT;
	(void)ctx;
	int e1 = cn_args_ulong(args, "buf_size", &buf), e2 = cn_args_ulong(args, "queue", &queue);
	if ((e1 && e1 != CN_ERR_NOT_FOUND) || (e2 && e2 != CN_ERR_NOT_FOUND) ||
	    buf > CN_PS_BUF_MAX || queue > CN_PS_QUEUE_MAX ||
	    cn_ps_layout((uint32_t)queue, (uint32_t)buf, &s->g))
		return CN_ERR_ARGS;
	int err = buffer_open(s);
	if (err)
		return err;
	cn_ps_format(s->shared, &s->g);
	/* until sigh(): a sink that notifies nobody */
	cn_ps_sink_init(&s->ps, s->shared, &s->g, 0, 0);
	if ((err = cn_signal_handler(&s->wake, on_wakeup, s, &s->wake_ctx))) {
		buffer_close(s);
		cn_server_release(s, s->charged, s->charged_caps);
		return err;
	}
	s->next = sessions;
	sessions = s;
	return 0;
}

static void session_close(void *ctx, void *state)
{
	struct session *s = state;
	(void)ctx;
	for (struct session **p = &sessions; *p; p = &(*p)->next)
		if (*p == s) {
			*p = s->next;
			break;
		}
	/* the device may still write into the buffer: wait for its requests */
	uint64_t start = cn_mmio_kernel_clock.now_us(0);
	while (s->inflight && cn_mmio_kernel_clock.now_us(0) - start < CLOSE_WAIT_US) {
		complete_all();
		cn_sys_yield();
	}
	if (s->inflight) {
		cn_log("session \"%s\": device did not finish, its buffer stays allocated", label(s));
		for (uint32_t i = 0; i < BLK_MAX_REQ; i++)
			if (req[i].s == s)
				req[i].s = 0;
	} else {
		buffer_close(s);
	}
	cn_signal_handler_dissolve(&s->wake, s->wake_ctx);
	if (s->client_sigh)
		cn_sys_cap_drop(s->client_sigh);
	cn_server_release(s, s->charged, s->charged_caps);
}

static struct cn_service block_service = {
	.name = CN_BLOCK_SERVICE, .session_size = sizeof(struct session),
	.ram_cost = CN_BLOCK_SESSION_STATE, .cap_cost = 2,
	.dispatch = cn_block_dispatch_any, .ops = &block_ops,
	.create = session_create, .close = session_close,
};

/* ------------------------------------------------------------ start-up */
static uint32_t config_device(void)
{
	unsigned long n = 0;
	if (cn_config_ulong("device", &n) == CN_ERR_INVALID) {
		cn_log("config: attribute 'device' is not a number; using device 0");
		n = 0;
	}
	return (uint32_t)n;
}

static void fail(const char *what, int err)
{
	cn_log("virtio-blk at \"%s\": %s: %s", pdev.name, what, cn_strerror(err));
	cn_exit(1);
}

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	struct cn_platform_dma q, hw;
	uint32_t qbytes = cn_vq_bytes(CN_VQ_MAX), granted = 0, ctx;
	int err = cn_platform_connect(CN_PLATFORM_DMA_RAM(qbytes) + CN_PLATFORM_DMA_RAM(4096),
	                              &platform);
	if (err) {
		cn_log("no Platform session: %s", cn_strerror(err));
		cn_exit(1);
	}
	uint32_t index = config_device();
	if ((err = cn_virtio_platform_find(platform, CN_VIRTIO_ID_BLOCK, index, &pdev, &dev.v,
	                                   &granted))) {
		if (err == CN_ERR_NOT_FOUND)
			cn_log("no virtio-blk device %u found: nothing to drive", (unsigned)index);
		else
			cn_log("the platform's device list: %s", cn_strerror(err));
		cn_exit(err == CN_ERR_NOT_FOUND ? 0 : 1);
	}
	if ((err = cn_platform_dma(platform, qbytes, &q)) ||
	    (err = cn_platform_dma(platform, 4096, &hw)))
		fail("DMA memory", err);
	cn_memset(q.addr, 0, q.size);
	if ((err = blk_start(&dev, q.addr, q.bus, hw.addr, hw.bus)))
		fail("set-up", err);
	if ((err = cn_platform_irq(platform, pdev.handle, 0, &irq)) ||
	    (err = cn_signal_handler(&irq_h, on_irq, 0, &ctx)) ||
	    (err = cn_irq_sigh(irq.name, (cn_cap_t){ ctx })))
		fail("interrupt", err);
	cn_log("virtio-blk at \"%s\" (%s interface): %llu blocks of %u bytes, %s%s, queue %u",
	       pdev.name, dev.v.version == 1 ? "legacy" : "modern",
	       (unsigned long long)dev.capacity, BLK_SECTOR,
	       dev.read_only ? "read-only" : "writeable", dev.flush ? ", flush" : "",
	       (unsigned)dev.vq.num);
	if ((err = cn_server_announce(&block_service))) {
		cn_log("cannot announce Block: %s", cn_strerror(err));
		cn_exit(1);
	}
	cn_log("RAM quota %u bytes, caps %u, with no session open",
	       (unsigned)quota(CN_PD_RAM_QUOTA), (unsigned)quota(CN_PD_CAP_QUOTA));
}
