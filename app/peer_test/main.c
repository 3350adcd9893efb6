/* SPDX-License-Identifier: MIT */
/*
 * peer_test: the hostile and the well-behaved peers of the session and
 * quota tests (run/init_trap, init_hog, init_teardown, init_threads,
 * init_ledger). What it does comes from its "config" ROM:
 *
 *   <config mode="trap" service="Trap" block="create"/>   a server whose
 *       session create (or with block="close": close) never returns
 *   <config mode="client" service="Hello" count="N" hold="yes" close="yes"/>
 *       opens N sessions (0: until one is refused, at most 1000), logs how
 *       many and why it stopped; hold="yes": stays alive holding them,
 *       else closes them (close="yes") or not and exits with value 0
 *   <config mode="threads" count="64"/>   creates and joins that many
 *       threads, then upgrades its own PD and CPU sessions, exits 0
 */
#include <cn/component.h>
#include <cn/server.h>
#include <cn/sys.h>
#include <cn/thread.h>
#include <cn/session/io_mem.h>
#include <cn/session/irq.h>
#include <cn/session/rom.h>
#include <cn/session/pd.h>
#include <cn/util/string.h>
#include <cn/util/xml.h>
#include "hello_session.h"

#define MAX_SESSIONS 1000

static char mode[16], service[32], block[16];
static unsigned long count;
static bool hold, do_close;

static void read_config(void)
{
	const void *data;
	uint32_t size, rom;
	struct cn_xml_doc doc;
	static uint8_t arena[2048];
	if (cn_rom_attach("config", &data, &size, &rom)) {
		cn_log("no config");
		cn_exit(1);
	}
	if (!cn_xml_parse(&doc, data, size, arena, sizeof(arena), NULL)) {
		const struct cn_xml_node *n = cn_xml_root(&doc);
		cn_xml_attr_str(n, "mode", mode, sizeof(mode));
		cn_xml_attr_str(n, "service", service, sizeof(service));
		cn_xml_attr_str(n, "block", block, sizeof(block));
		cn_xml_attr_ulong(n, "count", &count);
		hold = cn_xml_attr_bool(n, "hold", false);
		do_close = cn_xml_attr_bool(n, "close", false);
	}
	cn_rom_detach_close(data, rom);
}

/* ------------------------------------------------------------ trap server */

/* wait for a signal nobody ever submits */
static void wait_forever(const char *what)
{
	cn_cap_t recv;
	cn_log("trap: %s blocks for good", what);
	if (cn_pd_signal_receiver(cn_env()->pd, &recv) == 0)
		for (;;) {
			uint32_t imprint, n;
			cn_sys_signal_wait(recv.name, &imprint, &n);
		}
	for (;;)
		cn_sys_yield();
}

static int trap_create(void *ctx, const char *args, void *state)
{
	(void)ctx; (void)args; (void)state;
	if (!cn_strcmp(block, "create"))
		wait_forever("session create");
	return 0;
}

static void trap_close(void *ctx, void *state)
{
	(void)ctx; (void)state;
	if (!cn_strcmp(block, "close"))
		wait_forever("session close");
}

static const struct hello_ops no_ops;   /* nothing implemented */

static struct cn_service trap = {
	.dispatch = hello_dispatch_any, .ops = &no_ops, .create = trap_create,
	.close = trap_close,
};

/* ------------------------------------------------------------ client */

static uint32_t sessions[MAX_SESSIONS];

static void client(void)
{
	unsigned n = 0, max = count ? (unsigned)count : MAX_SESSIONS;
	int err = 0;
	if (max > MAX_SESSIONS)
		max = MAX_SESSIONS;
	while (n < max && !(err = cn_connect(service, "", &sessions[n])))
		n++;
	cn_log("client: %u %s sessions%s%s", n, service, err ? ", then: " : "",
	       err ? cn_strerror(err) : "");
	if (hold)
		return;
	if (do_close) {
		for (unsigned i = 0; i < n; i++)
			if ((err = cn_close(sessions[i])))
				cn_log("client: close: %s", cn_strerror(err));
		cn_log("client: closed %u sessions", n);
	}
	cn_exit(0);
}

/* ------------------------------------------------------------ threads */

static struct cn_thread threads[256];
static uint32_t ran;

static void thread_fn(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&ran, 1, __ATOMIC_RELAXED);
}

static void many_threads(void)
{
	unsigned n = count > 256 ? 256 : (unsigned)count, made = 0;
	int err = 0;
	for (; made < n; made++)
		if ((err = cn_thread_create(&threads[made], "worker", thread_fn, NULL, 4096, 0)))
			break;
	if (err)
		cn_log("threads: thread %u not created: %s", made + 1, cn_strerror(err));
	for (unsigned i = 0; i < made; i++)
		cn_thread_join(&threads[i]);
	cn_log("threads: %u created, %u ran", made, (unsigned)ran);
	struct cn_env *env = cn_env();
	int e1 = cn_upgrade(env->pd, "ram_quota=4096, cap_quota=1");
	int e2 = cn_upgrade(env->cpu, "ram_quota=8192, cap_quota=2");
	cn_log("threads: upgrade of own PD session: %s, CPU session: %s", cn_strerror(e1),
	       cn_strerror(e2));
	cn_exit(err || e1 || e2 ? 1 : 0);
}

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	read_config();
	if (!cn_strcmp(mode, "trap")) {
		trap.name = service;
		int err = cn_server_announce(&trap);
		cn_log("trap: announced \"%s\": %s", service, cn_strerror(err));
	} else if (!cn_strcmp(mode, "client"))
		client();
	else if (!cn_strcmp(mode, "threads"))
		many_threads();
	else {
		cn_log("unknown mode \"%s\"", mode);
		cn_exit(1);
	}
}
