/* SPDX-License-Identifier: MIT */
/*
 * Sessions through the parent: cn_connect() completes the argument string
 * with the service's default quota (<cn/util/session_args.h>), asks the
 * parent, and retries by itself: CN_ERR_QUOTA_RAM / CN_ERR_QUOTA_CAP with
 * twice the quota (at most CN_CONNECT_DOUBLINGS times each, RAM at most
 * 64 MiB, caps at most 4096), CN_ERR_PENDING after the parent's session
 * signal (without limit: the service may come later, or the server
 * answer late). cn_upgrade waits the same way for an upgrade of a session
 * at a sibling server. Also cn_close (and cn_quota_wait for its donation)
 * and cn_announce.
 *
 * Waiting for a pending service uses one signal receiver for the whole
 * component; a mutex makes threads take turns, so a thread waiting for a
 * service that never comes also delays other threads' pending requests.
 */
#include <cn/component.h>
#include <cn/thread.h>
#include <cn/mmio.h>
#include <cn/sys.h>
#include <cn/session/parent.h>
#include <cn/session/pd.h>
#include <cn/util/args.h>
#include <cn/util/session_args.h>
#include <cn/util/format.h>
#include <cn/session/connect.h>
#include <cn/util/string.h>
#include "runtime.h"

#define CN_CONNECT_DOUBLINGS 8
#define CN_CONNECT_MAX_RAM   (64ul * 1024 * 1024)
#define CN_CONNECT_MAX_CAPS  4096ul

static struct cn_mutex pending_lock;
static uint32_t pending_recv;      /* 0 until the first CN_ERR_PENDING */

/* the receiver and context for the parent's session signal, once */
static int pending_setup(struct cn_env *env)
{
	if (pending_recv)
		return 0;
	cn_cap_t recv = { 0 }, ctx = { 0 };
	int err = cn_pd_signal_receiver(env->pd, &recv);
	if (err)
		return err;
	err = cn_pd_signal_context(env->pd, recv, 1, &ctx);
	if (!err)
		err = cn_parent_session_sigh(env->parent, ctx);
	if (err) {
		if (ctx.name) {
			cn_pd_free_signal(env->pd, ctx);
			cn_sys_cap_drop(ctx.name);
		}
		cn_pd_free_signal(env->pd, recv);
		cn_sys_cap_drop(recv.name);
		return err;
	}
	pending_recv = recv.name;
	return 0;
}

/* after a CN_ERR_PENDING answer: the first time, take the lock and set up
 * the signal, then ask again at once (the answer may have come since, and
 * another thread may have taken the signal that said so); afterwards wait
 * for the parent's session signal */
static int pending_wait(struct cn_env *env, bool *locked)
{
	if (!*locked) {
		cn_mutex_lock(&pending_lock);
		*locked = true;
		return pending_setup(env);
	}
	uint32_t imprint, count;
	while (cn_sys_signal_wait(pending_recv, &imprint, &count))
		cn_sys_yield();
	return 0;
}

int cn_connect(const char *service, const char *args, uint32_t *session)
{
	struct cn_env *env = cn_env();
	char buf[CN_RPC_STR_MAX + 1];
	if (!service || !session)
		return CN_ERR_INVALID;
	if (cn_strlcpy(buf, args ? args : "", sizeof(buf)) >= sizeof(buf))
		return CN_ERR_ARGS;
	if (cn_session_args_defaults(buf, sizeof(buf), service))
		return CN_ERR_ARGS;

	unsigned ram_tries = 0, cap_tries = 0;
	bool locked = false;
	int err;
	for (;;) {
		cn_cap_t cap = { 0 };
		err = cn_parent_session(env->parent, service, buf, &cap);
		if (!err) {
			*session = cap.name;
			break;
		}
		if (err == CN_ERR_QUOTA_RAM && ram_tries++ < CN_CONNECT_DOUBLINGS) {
			if (cn_session_args_double(buf, sizeof(buf), "ram_quota", CN_CONNECT_MAX_RAM, 0))
				break;
			continue;
		}
		if (err == CN_ERR_QUOTA_CAP && cap_tries++ < CN_CONNECT_DOUBLINGS) {
			if (cn_session_args_double(buf, sizeof(buf), "cap_quota", CN_CONNECT_MAX_CAPS, 0))
				break;
			continue;
		}
		if (err != CN_ERR_PENDING || (err = pending_wait(env, &locked)))
			break;
	}
	if (locked)
		cn_mutex_unlock(&pending_lock);
	return err;
}

int cn_session_connect(struct cn_env *env, const char *service, const char *label,
                       uint32_t ram, uint32_t caps, const char *args, uint32_t *session)
{
	char buf[CN_RPC_STR_MAX];
	(void)env;                      /* one parent per component so far: cn_env()'s */
	buf[0] = 0;
	if (label && cn_args_set_str(buf, sizeof(buf), "label", label))
		return CN_ERR_ARGS;
	/* quota as a person writes it (and init's <if-arg> compares): 4K */
	size_t n = cn_strlen(buf);
	int w = ram % 1024u == 0
	        ? cn_snprintf(buf + n, sizeof(buf) - n, "%sram_quota=%uK, cap_quota=%u%s%s",
	                      n ? ", " : "", (unsigned)(ram / 1024u), (unsigned)caps,
	                      args && *args ? ", " : "", args ? args : "")
	        : cn_snprintf(buf + n, sizeof(buf) - n, "%sram_quota=%u, cap_quota=%u%s%s",
	                      n ? ", " : "", (unsigned)ram, (unsigned)caps,
	                      args && *args ? ", " : "", args ? args : "");
	if (w < 0 || (size_t)w >= sizeof(buf) - n)
		return CN_ERR_ARGS;
	return cn_connect(service, buf, session);
}

static uint32_t own_up_ram, own_up_caps;   /* upgrades of our own CPU session */

void cn_runtime_own_upgrades(uint32_t *ram, uint32_t *caps)
{
	*ram = __atomic_load_n(&own_up_ram, __ATOMIC_RELAXED);
	*caps = __atomic_load_n(&own_up_caps, __ATOMIC_RELAXED);
}

int cn_upgrade(uint32_t session, const char *args)
{
	struct cn_env *env = cn_env();
	cn_cap_t s = { session };
	bool locked = false;
	int err;
	/* an upgrade of a session at a sibling is answered when the server
	 * took it: asked again with the same args, the parent tells */
	while ((err = cn_parent_upgrade(env->parent, s, args ? args : "")) ==
	       CN_ERR_PENDING && !(err = pending_wait(env, &locked)))
		;
	if (locked)
		cn_mutex_unlock(&pending_lock);
	unsigned long ram = 0, caps = 0;
	if (!err && session == env->cpu && args) {
		cn_args_ulong(args, "ram_quota", &ram);
		cn_args_ulong(args, "cap_quota", &caps);
		__atomic_add_fetch(&own_up_ram, (uint32_t)ram, __ATOMIC_RELAXED);
		__atomic_add_fetch(&own_up_caps, (uint32_t)caps, __ATOMIC_RELAXED);
	}
	return err;
}

int cn_close(uint32_t session)
{
	cn_cap_t s = { session };
	int err = cn_parent_close(cn_env()->parent, s);
	if (!err)
		cn_sys_cap_drop(session);
	return err;
}

static uint32_t pd_quota(uint32_t which)
{
	uint32_t q = 0;
	cn_pd_quota(cn_env()->pd, which, &q);
	return q;
}

int cn_quota_wait(uint32_t ram, uint32_t caps, uint64_t timeout_us)
{
	uint64_t start = cn_mmio_kernel_clock.now_us(0);
	while (pd_quota(CN_PD_RAM_QUOTA) < ram || pd_quota(CN_PD_CAP_QUOTA) < caps) {
		if (cn_mmio_kernel_clock.now_us(0) - start >= timeout_us)
			return CN_ERR_AGAIN;
		cn_sys_yield();
	}
	return 0;
}

int cn_announce(const char *service, uint32_t root_cap)
{
	cn_cap_t root = { root_cap };
	if (!service)
		return CN_ERR_INVALID;
	return cn_parent_announce(cn_env()->parent, service, root);
}
