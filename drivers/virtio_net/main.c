/* SPDX-License-Identifier: MIT */
/*
 * virtio_net: a virtio-net driver for QEMU virt's virtio-mmio transports,
 * and a CLIENT of an Uplink session (cn/session/uplink.h, doc/drivers.md):
 * it opens an Uplink session with the device's MAC address, forwards every
 * frame the device receives to the uplink (the send stream) and every
 * frame the uplink hands it (the receive stream) to the device, and
 * reports the device's link state. Frames of a wrong size are refused in
 * both directions and counted; the first few are logged.
 *
 * The device comes from the driver's Platform session. Config:
 * <config device="N"/> drives the N-th virtio-net device granted (default
 * 0). Without one it says so and exits with 0. Single-threaded and
 * event-driven: the device's interrupt and the uplink's signal.
 */
#include <cn/component.h>
#include <cn/config.h>
#include <cn/sys.h>
#include <cn/session/uplink.h>
#include "device.h"
#include "net.h"

/* DMA: two queues, receive and transmit buffers, per-buffer overhead */
#define DMA_BYTES (2u * 8192u + 2u * NET_QUEUE * NET_BUF + 4u * (CN_PLATFORM_DMA_RAM_META + 4096u))
#define LOG_MAX 8u                   /* refusals logged one by one */

static struct device          device;
static struct net_dev         net;
static struct cn_uplink_client up;
static struct cn_signal_handler uplink_h;
static int link;
static struct {
	uint32_t from_device, to_device;
	uint32_t refused_device;         /* from the device: too small or too large */
	uint32_t refused_uplink;         /* from the uplink (the library counts them) */
	uint32_t uplink_full;            /* received, but no room in the send stream */
} stat;

static void refused(const char *from, uint32_t size, uint32_t count)
{
	if (count <= LOG_MAX)
		cn_log("refused a frame of %u bytes from the %s (allowed %u..%u bytes; %u refused so far)",
		       (unsigned)size, from, CN_NIC_FRAME_MIN, (unsigned)(up.link.g.mtu + CN_NIC_HEADER),
		       (unsigned)count);
}

/* frames the uplink wants sent -> device */
static void to_device(void)
{
	struct cn_packet p;
	const void *frame;
	while (net_tx_room(&net)) {
		int r = cn_nic_link_recv(&up.link, &p, &frame);
		if (r == CN_ERR_INVALID) {               /* refused (and acked) by the library */
			refused("uplink", p.size, ++stat.refused_uplink);
			continue;
		}
		if (r)
			break;
		if (net_tx(&net, frame, p.size) == 0)
			stat.to_device++;
		cn_nic_link_recv_done(&up.link, &p);
	}
}

/* frames the device received -> uplink */
static void from_device(void)
{
	const uint8_t *frame;
	uint32_t len, buf;
	while (net_rx(&net, &frame, &len, &buf) == 0) {
		int r = cn_nic_link_send(&up.link, frame, len);
		if (r == CN_ERR_INVALID)
			refused("device", len, ++stat.refused_device);
		else if (r)
			stat.uplink_full++;
		else
			stat.from_device++;
		net_rx_repost(&net, buf);
	}
}

/* Move frames both ways until nothing more can be done now. With the
 * transmit queue full the uplink's frames wait for the device's completion
 * interrupt (on_irq calls pump again): looping on "more input" then would
 * spin without ever taking that interrupt. */
static void pump(void)
{
	int more;
	do {
		net_tx_complete(&net);
		from_device();
		to_device();
		net_kick(&net);
		more = cn_nic_link_commit(&up.link);
		if (more == CN_ERR_STATE) {
			cn_log("the uplink broke the packet-stream protocol: closing it");
			cn_exit(1);
		}
		cn_nic_link_reclaim(&up.link);
	} while (more == 1 && net_tx_room(&net));
}

static void on_irq(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	uint32_t st = cn_virtio_irq_ack(&net.v);
	net_tx_complete(&net);
	if (st & 2) {                            /* configuration changed: the link? */
		int now = net_link_up(&net);
		if (now != link) {
			link = now;
			cn_log("link %s", link ? "up" : "down");
			cn_uplink_link_state(up.session, (uint32_t)link);
		}
	}
	pump();
	device_irq_ack(&device);
}

static void on_uplink(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	net_tx_complete(&net);
	pump();
}

static void fail(const char *what, int err)
{
	cn_log("virtio-net in %s: %s failed: %s", device.name, what, cn_strerror(err));
	cn_exit(1);
}

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	unsigned long index = 0;
	if (cn_config_ulong("device", &index) == CN_ERR_INVALID) {
		cn_log("config: attribute 'device' is not a number; using device 0");
		index = 0;
	}
	int err = device_open(&device, DMA_BYTES);
	if (err) {
		cn_log("no Platform session (%s): nothing to drive", cn_strerror(err));
		cn_exit(0);
	}
	uint32_t granted = 0;
	if (device_find(&device, CN_VIRTIO_ID_NET, (uint32_t)index, &net.v, &granted)) {
		cn_log("no virtio-net device %u found (%u virtio-mmio transports granted): nothing to drive",
		       (unsigned)index, (unsigned)granted);
		cn_exit(0);
	}
	struct cn_platform_dma rxq, txq, rxb, txb;
	if ((err = net_init(&net)))
		fail("feature negotiation", err);
	if (!net.mac) {
		net.mac = 0x020000000001ull;         /* locally administered */
		cn_log("the device has no MAC address: using 02:00:00:00:00:01");
	}
	if ((err = cn_platform_dma(device.platform, cn_vq_bytes(NET_QUEUE), &rxq)) ||
	    (err = cn_platform_dma(device.platform, cn_vq_bytes(NET_QUEUE), &txq)) ||
	    (err = cn_platform_dma(device.platform, NET_QUEUE * NET_BUF, &rxb)) ||
	    (err = cn_platform_dma(device.platform, NET_QUEUE * NET_BUF, &txb)))
		fail("DMA allocation", err);
	uint32_t ctx;
	if ((err = cn_signal_handler(&uplink_h, on_uplink, NULL, &ctx)))
		fail("signal handler", err);
	if ((err = cn_uplink_client_open(&up, "", net.mac, 0, 0, ctx)))
		fail("Uplink session", err);
	if ((err = device_irq(&device, on_irq, NULL)))
		fail("interrupt", err);
	if ((err = net_start(&net, rxq.addr, rxq.bus, txq.addr, txq.bus, rxb.addr, rxb.bus,
	                     txb.addr, txb.bus)))
		fail("queue set-up", err);
	char mac[18];
	cn_nic_mac_format(net.mac, mac);
	link = net_link_up(&net);
	cn_log("virtio-net in %s (%s interface): MAC %s, link %s, queues of %u, MTU %u",
	       device.name, net.v.version == 1 ? "legacy" : "modern", mac, link ? "up" : "down",
	       NET_QUEUE, (unsigned)up.link.g.mtu);
	if ((err = cn_uplink_link_state(up.session, (uint32_t)link)))
		fail("reporting the link state", err);
	pump();
}
