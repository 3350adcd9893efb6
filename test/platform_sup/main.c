/* SPDX-License-Identifier: MIT */
/*
 * The parent of run/platform.run's test drivers (test/platform_drv): starts
 * "holder" and waits until it reports (through a "Ready" session this
 * component serves itself, whose capability is a signal context) that it
 * holds the RTC and a DMA buffer; starts "second", which must be refused
 * the RTC; kills the holder and checks that every byte of its quota came
 * back; starts "restarted", which must get and use the RTC again; and
 * checks the quota once more. Prints "FAIL ..." on any difference.
 */
#include <cn/component.h>
#include <cn/child.h>
#include <cn/sys.h>
#include <cn/session/pd.h>
#include <cn/util/string.h>

#define fail(...) do { cn_log("FAIL: " __VA_ARGS__); cn_exit(1); } while (0)

static struct cn_child holder, second, restarted;
static struct cn_signal_handler ready_h, step_h;
static uint32_t ready_ctx, step_ctx;
static uint32_t avail0;
static int step;

static uint32_t avail(void)
{
	uint32_t q = 0, u = 0;
	cn_pd_quota(cn_env()->pd, CN_PD_RAM_QUOTA, &q);
	cn_pd_quota(cn_env()->pd, CN_PD_RAM_USED, &u);
	return q - u;
}

/* Closing a session at our parent is answered at once; the donation comes
 * back when the server has closed it (doc/c-api.md, session protocol). So
 * wait up to 2 s for the figure to settle at 'want', yielding meanwhile. */
static uint32_t avail_settled(uint32_t want)
{
	uint32_t hz, a;
	uint64_t end = cn_sys_time(&hz);
	end += 2ull * hz;
	while ((a = avail()) != want) {
		uint32_t h;
		if (cn_sys_time(&h) > end)
			break;
		cn_sys_yield();
	}
	return a;
}

/* "Ready": the session capability is our signal context */
static int ready_session(void *ctx, struct cn_child *client, const char *args, uint32_t *cap,
                         void **handle)
{
	(void)ctx; (void)args;
	*cap = ready_ctx;
	*handle = client;
	return 0;
}

static void ready_close(void *ctx, void *handle) { (void)ctx; (void)handle; }

static const struct cn_child_local ready_service = { ready_session, ready_close, NULL };

static void route(void *ctx, struct cn_child *client, const char *service, const char *label,
                  const char *args, struct cn_child_route *r)
{
	(void)ctx; (void)client; (void)label; (void)args;
	if (!cn_strcmp(service, "Ready")) {
		r->kind = CN_CHILD_ROUTE_LOCAL;
		r->local = &ready_service;
	} else
		r->kind = CN_CHILD_ROUTE_PARENT;
}

static void gone(void *ctx, struct cn_child *c)
{
	(void)ctx;
	if (c != &holder && c->exit_value != 0)
		fail("child \"%s\" ended with %d", c->name, (int)c->exit_value);
	cn_sys_signal_submit(step_ctx, 1);   /* continue outside the child library */
}

static const struct cn_child_policy policy = { route, gone, NULL };

static void start(struct cn_child *c, const char *name)
{
	struct cn_child_args a = { .name = name, .binary = "platform_drv", .ram = 1u << 20,
	                           .caps = 60 };
	int err = cn_child_start(c, &a, &policy);
	if (err)
		fail("starting \"%s\": %s", name, cn_strerror(err));
}

static void on_ready(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	cn_log("holder is ready; available RAM %u", (unsigned)avail());
	start(&second, "second");
}

static void on_step(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	uint32_t a;
	switch (step++) {
	case 0:   /* second is gone: kill the holder */
		cn_child_destroy(&holder);
		a = avail_settled(avail0);
		cn_log("killed holder: available RAM %u (before it started: %u)", (unsigned)a,
		       (unsigned)avail0);
		if (a != avail0)
			fail("%d bytes of RAM quota did not come back", (int)(avail0 - a));
		start(&restarted, "restarted");
		break;
	case 1:   /* restarted is gone */
		a = avail_settled(avail0);
		cn_log("restarted is gone: available RAM %u (at the start: %u)", (unsigned)a,
		       (unsigned)avail0);
		if (a != avail0)
			fail("%d bytes of RAM quota did not come back", (int)(avail0 - a));
		cn_log("done");
		cn_exit(0);
	}
}

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	if (cn_signal_handler(&ready_h, on_ready, NULL, &ready_ctx) ||
	    cn_signal_handler(&step_h, on_step, NULL, &step_ctx))
		fail("signal handlers");
	/* the heap's first region (it never shrinks) before the baseline */
	cn_free(cn_malloc(16));
	avail0 = avail();
	cn_log("available RAM %u", (unsigned)avail0);
	start(&holder, "holder");
}
