/* SPDX-License-Identifier: MIT */
/*
 * virtio_input: drives every virtio-input device (QEMU's
 * virtio-keyboard-device, virtio-mouse-device, virtio-tablet-device) among
 * the virtio-mmio transports its Platform session grants, and hands their
 * events on as the CLIENT of an Event session (doc/drivers.md: the driver
 * can be restarted while the event filter above it keeps the applications'
 * Input sessions). Event-driven: each device's interrupt makes it translate
 * the returned events (translate.c) and submit each completed frame.
 *
 * Config: <config width="1024" height="768"/> scales absolute positions to
 * 0..width-1 / 0..height-1 (default: the device's own units). Without an
 * input device it says so and exits with 0.
 */
#include <cn/component.h>
#include <cn/config.h>
#include <cn/sys.h>
#include <cn/session/event.h>
#include <cn/session/irq.h>
#include <cn/session/pd.h>
#include <cn/session/platform.h>
#include <cn/session/rm.h>
#include <cn/util/string.h>
#include "vin.h"

#define MAX_DEVS 4
#define DMA_PER_DEV (2u * 4096u + 4096u)   /* queue (2 pages for 64 entries), event buffers */

struct drv {
	struct vin_dev           d;
	char                     pname[32];   /* the platform's device name */
	uint32_t                 handle;
	cn_cap_t                 irq;
	struct cn_signal_handler irq_h;
	uint32_t                 irq_ctx;
	struct cn_platform_dma   q, ev;
};

static uint32_t platform;
static struct drv drvs[MAX_DEVS];
static unsigned ndrvs;
static struct cn_event_client event;
static uint32_t dropped_logged;

static void submit(void *arg, const struct cn_input_event *e)
{
	(void)arg;
	int err = cn_event_submit(&event, e);
	if (err == CN_ERR_STATE)
		return;
	if (err == CN_ERR_AGAIN && event.end.dropped != dropped_logged) {
		dropped_logged = event.end.dropped;
		cn_log("Event ring full: %u events dropped so far", (unsigned)dropped_logged);
	}
}

static void on_irq(void *arg, uint32_t count)
{
	struct drv *x = arg;
	(void)count;
	cn_virtio_irq_ack(&x->d.v);
	if (vin_drain(&x->d, submit, x) && cn_event_flush(&event) == CN_ERR_STATE)
		cn_log("the Event server broke the ring: events are lost");
	cn_irq_ack(x->irq.name);
}

/* ------------------------------------------------------------ devices */
/* a virtio-mmio transport with an input device (the scan's callback):
 * set it up and keep it */
static int take_device(void *arg, const struct cn_virtio_pdev *p, struct cn_virtio *v)
{
	struct drv *x = &drvs[ndrvs];
	const char *name = p->name;
	int err;
	(void)arg;
	x->d.v = *v;
	x->handle = p->handle;
	cn_strlcpy(x->pname, name, sizeof(x->pname));
	vin_identify(&x->d);
	unsigned long w = 0, h = 0;
	cn_config_ulong("width", &w);
	cn_config_ulong("height", &h);
	x->d.frame.ax.scale = (uint32_t)w;
	x->d.frame.ay.scale = (uint32_t)h;
	if ((err = cn_platform_dma(platform, 2 * 4096, &x->q)) ||
	    (err = cn_platform_dma(platform, 4096, &x->ev))) {
		cn_log("%s: DMA: %s", name, cn_strerror(err));
		cn_exit(1);
	}
	cn_memset(x->q.addr, 0, x->q.size);
	if ((err = vin_start(&x->d, x->q.addr, x->q.bus, x->ev.addr, x->ev.bus)) ||
	    (err = cn_platform_irq(platform, x->handle, 0, &x->irq)) ||
	    (err = cn_signal_handler(&x->irq_h, on_irq, x, &x->irq_ctx)) ||
	    (err = cn_irq_sigh(x->irq.name, (cn_cap_t){ x->irq_ctx }))) {
		cn_log("%s: set-up failed: %s", name, cn_strerror(err));
		cn_exit(1);
	}
	cn_log("%s (%s interface): \"%s\", %s%s%s%s", name,
	       x->d.v.version == 1 ? "legacy" : "modern", x->d.name, vin_kind(&x->d),
	       x->d.has_key ? ", keys" : "", x->d.has_rel ? ", relative axes" : "",
	       x->d.has_abs ? ", absolute axes" : "");
	if (x->d.has_abs)
		cn_log("%s: absolute x %d..%d, y %d..%d%s", name, (int)x->d.frame.ax.min,
		       (int)x->d.frame.ax.max, (int)x->d.frame.ay.min, (int)x->d.frame.ay.max,
		       w && h ? ", scaled to the configured width and height" : "");
	ndrvs++;
	return ndrvs < MAX_DEVS ? CN_VIRTIO_SCAN_KEEP : CN_VIRTIO_SCAN_DONE;
}

static void scan(void)
{
	struct cn_virtio v;
	int err = cn_virtio_platform_scan(platform, CN_VIRTIO_ID_INPUT, &v, take_device, NULL, NULL);
	if (err && err != CN_ERR_NOT_FOUND) {
		cn_log("the platform's device list: %s", cn_strerror(err));
		cn_exit(1);
	}
}

void cn_component_construct(struct cn_env *env)
{
	int err = cn_platform_connect(MAX_DEVS * (DMA_PER_DEV + CN_PLATFORM_DMA_RAM_META) + 16384,
	                              &platform);
	if (err) {
		cn_log("no Platform session: %s", cn_strerror(err));
		cn_exit(1);
	}
	scan();
	if (!ndrvs) {
		cn_log("no virtio-input device: nothing to drive");
		cn_exit(0);
	}
	if ((err = cn_event_open(&event, env, NULL))) {
		cn_log("no Event session: %s", cn_strerror(err));
		cn_exit(1);
	}
	cn_log("%u input device%s, events go to the Event session", ndrvs, ndrvs == 1 ? "" : "s");
	uint32_t quota = 0, used = 0;
	cn_pd_quota(env->pd, CN_PD_RAM_QUOTA, &quota);
	cn_pd_quota(env->pd, CN_PD_RAM_USED, &used);
	cn_log("RAM: %u bytes used of the %u left after the sessions' donations", (unsigned)used,
	       (unsigned)quota);
}
