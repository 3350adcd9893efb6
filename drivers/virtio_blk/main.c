/* SPDX-License-Identifier: MIT */
/*
 * virtio_blk: serves the Block session (cn/session/block.h) from a
 * virtio-blk device on QEMU virt's virtio-mmio transports. Single-threaded
 * and event-driven: a client's signal makes it take requests from that
 * session's packet stream, check them and hand them to the device with the
 * data in the client's bulk buffer (no copy); the device's interrupt makes
 * it acknowledge the completed ones. Several sessions share the device.
 *
 * Config: <config device="N"/> serves the N-th block device found (default
 * 0). Without a device it says so and exits with 0.
 */
#include <cn/component.h>
#include <cn/server.h>
#include <cn/sys.h>
#include <cn/util/args.h>
#include <cn/config.h>
#include <cn/session/block.h>
#include "blk.h"
#include "resources.h"

struct session {
	struct cn_ps_geometry    g;
	struct cn_ps_end         ps;          /* we are the sink */
	void                    *shared;
	uint32_t                 ds;
	uint64_t                 bus;          /* of the shared dataspace */
	uint32_t                 client_sigh;
	uint32_t                 wake_ctx;
	struct cn_signal_handler wake;
	uint32_t                 inflight;
	uint32_t                 charged;
	struct session          *next;
};

static struct blk_dev dev;
static struct res_irq irq;
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
				uint64_t bus = s->bus + s->g.buf_off + p.offset;
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
	res_irq_ack(&irq);
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
	r->name = s->ds;
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
	int err = cn_server_charge(s, s->g.total + CN_DS_RAM_META, 2);
	if (err)
		return err;
	s->charged = s->g.total + CN_DS_RAM_META;
	if ((err = res_dma_alloc(s->g.total, &s->shared, &s->bus, &s->ds))) {
		cn_server_release(s, s->charged, 2);
		return err;
	}
	cn_ps_format(s->shared, &s->g);
	/* until sigh(): a sink that notifies nobody */
	cn_ps_sink_init(&s->ps, s->shared, &s->g, 0, 0);
	if ((err = cn_signal_handler(&s->wake, on_wakeup, s, &s->wake_ctx))) {
		res_dma_free(s->shared, s->ds);
		cn_server_release(s, s->charged, 2);
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
	while (s->inflight && cn_mmio_kernel_clock.now_us(0) - start < 1000000) {
		complete_all();
		cn_sys_yield();
	}
	if (s->inflight) {
		cn_log("session \"%s\": device did not finish, its buffer stays allocated", label(s));
		for (uint32_t i = 0; i < BLK_MAX_REQ; i++)
			if (req[i].s == s)
				req[i].s = 0;
	} else {
		res_dma_free(s->shared, s->ds);
	}
	cn_signal_handler_dissolve(&s->wake, s->wake_ctx);
	if (s->client_sigh)
		cn_sys_cap_drop(s->client_sigh);
	cn_server_release(s, s->charged, 2);
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

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	volatile void *regs;
	int err = res_mmio(CN_VIRTIO_VIRT_BASE, CN_VIRTIO_VIRT_SLOTS * CN_VIRTIO_VIRT_STRIDE, &regs);
	if (err) {
		cn_log("no virtio-mmio transports (IO_MEM: %s): nothing to drive", cn_strerror(err));
		cn_exit(0);
	}
	uint32_t index = config_device();
	if (blk_find(&dev, regs, CN_VIRTIO_VIRT_SLOTS, CN_VIRTIO_VIRT_STRIDE, index)) {
		cn_log("no virtio-blk device %u found: nothing to drive", (unsigned)index);
		cn_exit(0);
	}
	void *q, *hw;
	uint64_t qbus, hwbus;
	uint32_t qds, hwds;
	if ((err = res_dma_alloc(cn_vq_bytes(CN_VQ_MAX), &q, &qbus, &qds)) ||
	    (err = res_dma_alloc(4096, &hw, &hwbus, &hwds)) ||
	    (err = blk_start(&dev, q, qbus, hw, hwbus)) ||
	    (err = res_irq(&irq, CN_VIRTIO_VIRT_IRQ + dev.slot, on_irq, 0))) {
		cn_log("virtio-blk in slot %u: set-up failed: %s", (unsigned)dev.slot, cn_strerror(err));
		cn_exit(1);
	}
	cn_log("virtio-blk in slot %u (%s interface): %llu blocks of %u bytes, %s%s, queue %u",
	       (unsigned)dev.slot, dev.v.version == 1 ? "legacy" : "modern",
	       (unsigned long long)dev.capacity, BLK_SECTOR,
	       dev.read_only ? "read-only" : "writeable", dev.flush ? ", flush" : "",
	       (unsigned)dev.vq.num);
	if ((err = cn_server_announce(&block_service))) {
		cn_log("cannot announce Block: %s", cn_strerror(err));
		cn_exit(1);
	}
}
