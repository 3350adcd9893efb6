/* SPDX-License-Identifier: MIT */
/*
 * The parent interface (<cn/session/parent.h>) as a child sees it: one RPC
 * object per child, served by our entrypoint, its context the struct
 * cn_child. Sessions go to child_session.c; announce, exit and the session
 * signal are handled here.
 */
#include <cn/child.h>
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/util/string.h>

static int p_session(void *ctx, const char *service, const char *args, cn_cap_t *result)
{
	struct cn_child *c = ctx;
	if (c->state != CN_CHILD_RUNNING)
		return CN_ERR_NO_SERVICE;
	return cn_child_session_open(c, service, args, &result->name);
}

static int p_upgrade(void *ctx, cn_cap_t session, const char *args)
{
	struct cn_child *c = ctx;
	struct cn_child_session *s = cn_child_session_find(c, session.name);
	if (s)
		return cn_child_session_upgrade(s, args);
	/* the child's own PD or CPU session (we opened them for it) */
	return cn_child_own_upgrade(c, session.name, args);
}

static int p_close(void *ctx, cn_cap_t session)
{
	struct cn_child *c = ctx;
	struct cn_child_session *s = cn_child_session_find(c, session.name);
	if (!s)
		return CN_ERR_NOT_FOUND;
	cn_child_session_close(s);
	return 0;
}

static void (*announce_hook)(struct cn_child *c, const char *service);

void cn_child_on_announce(void (*fn)(struct cn_child *c, const char *service))
{
	announce_hook = fn;
}

static int p_announce(void *ctx, const char *service, cn_cap_t root)
{
	struct cn_child *c = ctx;
	if (!root.name || !service[0] || cn_strlen(service) >= CN_CHILD_SERVICE_MAX)
		return CN_ERR_ARGS;
	struct cn_child_service *s = cn_child_service(c, service);
	if (s) {
		/* announced again: the new root replaces the old one */
		cn_sys_cap_drop(s->root);
	} else {
		if (!(s = cn_calloc(1, sizeof(*s))))
			return CN_ERR_EXHAUSTED;
		cn_strlcpy(s->name, service, sizeof(s->name));
		cn_list_elem_init(&s->elem);
		cn_list_insert_tail(&c->services, &s->elem);
	}
	cn_ep_keep(cn_env()->ep, root);
	s->root = root.name;
	if (announce_hook)
		announce_hook(c, s->name);
	cn_child_wake_pending();
	return 0;
}

static int p_exit(void *ctx, int32_t value)
{
	struct cn_child *c = ctx;
	if (c->state != CN_CHILD_RUNNING)
		return 0;
	c->state = CN_CHILD_EXITED;
	c->exit_value = value;
	/* clean up after this reply went out: the child waits for it */
	cn_sys_signal_submit(c->cleanup_ctx, 1);
	return 0;
}

static int p_session_sigh(void *ctx, cn_cap_t sigh)
{
	struct cn_child *c = ctx;
	if (c->session_sigh)
		cn_sys_cap_drop(c->session_sigh);
	c->session_sigh = 0;
	if (sigh.name) {
		cn_ep_keep(cn_env()->ep, sigh);
		c->session_sigh = sigh.name;
		if (c->pending) {    /* something may have changed already */
			c->pending = false;
			cn_sys_signal_submit(c->session_sigh, 1);
		}
	}
	return 0;
}

static int p_resource_request(void *ctx, const char *args)
{
	struct cn_child *c = ctx;
	cn_log("child \"%s\" asks for more resources (%s): not granted", c->name, args);
	return CN_ERR_QUOTA_RAM;
}

const struct cn_parent_ops cn_child_parent_ops = {
	.session          = p_session,
	.upgrade          = p_upgrade,
	.close            = p_close,
	.announce         = p_announce,
	.exit             = p_exit,
	.session_sigh     = p_session_sigh,
	.resource_request = p_resource_request,
};
