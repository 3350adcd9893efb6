/* SPDX-License-Identifier: MIT */
/*
 * Core as init's parent: init's session requests reach core's services
 * (labels get the prefix "init"), paid from init's PD account; init's
 * exit is reported. Core offers no services from children (announce is
 * refused) and has no more RAM to give (resource_request).
 */
#include <cn/session/parent.h>
#include <cn/util/args.h>
#include "core.h"

struct core_parent {
	struct obj      obj;
	const char     *child;            /* label prefix */
	struct account *acc;              /* the child's PD account pays */
	uint32_t        sigh;
};

static int p_session(void *ctx, const char *service, const char *args, cn_cap_t *result)
{
	struct core_parent *p = ctx;
	char buf[CN_RPC_STR_MAX + 1];
	uint32_t n = 0;
	while (args[n] && n < sizeof(buf) - 1) {
		buf[n] = args[n];
		n++;
	}
	buf[n] = 0;
	if (cn_args_check(buf))
		return CN_ERR_ARGS;
	if (cn_args_label_prefix(buf, sizeof(buf), p->child))
		return CN_ERR_ARGS;
	struct session *s;
	int err = session_create(service, buf, p->acc, &s);
	if (err)
		return err;
	result->name = s->obj.kcap;
	return CN_OK;
}

static struct session *own_session(struct core_parent *p, cn_cap_t c)
{
	struct obj *o = obj_lookup(c.name, K_SESSION);
	if (!o)
		return 0;
	struct session *s = cn_container_of(o, struct session, obj);
	return s->payer == p->acc ? s : 0;
}

static int p_upgrade(void *ctx, cn_cap_t session, const char *args)
{
	struct session *s = own_session(ctx, session);
	return s ? session_upgrade(s, args) : CN_ERR_CAP;
}

static int p_close(void *ctx, cn_cap_t session)
{
	struct session *s = own_session(ctx, session);
	if (!s)
		return CN_ERR_CAP;
	if (&s->acc == ((struct core_parent *)ctx)->acc)
		return CN_ERR_DENIED;             /* init's own PD stays */
	session_destroy(s);
	return CN_OK;
}

static int p_announce(void *ctx, const char *service, cn_cap_t root)
{
	(void)ctx; (void)root;
	core_log("core: init announced \"%s\": nobody above core to use it", service);
	return CN_ERR_DENIED;
}

static int p_exit(void *ctx, int32_t value)
{
	core_log("core: %s exited with exit value %d", ((struct core_parent *)ctx)->child,
	         (int)value);
	return CN_OK;
}

static int p_sigh(void *ctx, cn_cap_t c)
{
	struct core_parent *p = ctx;
	cn_ep_keep_replace(&core_ep, &p->sigh, c);
	return CN_OK;
}

static int p_resource(void *ctx, const char *args)
{
	(void)ctx; (void)args;
	return CN_ERR_QUOTA_RAM;
}

static const struct cn_parent_ops parent_ops = {
	.session = p_session, .upgrade = p_upgrade, .close = p_close, .announce = p_announce,
	.exit = p_exit, .session_sigh = p_sigh, .resource_request = p_resource,
};

static struct core_parent init_parent;

uint32_t core_parent_for(const char *child, struct account *acc)
{
	init_parent.child = child;
	init_parent.acc = acc;
	if (obj_register(&init_parent.obj, K_PARENT, cn_parent_dispatch_any, &parent_ops,
	                 &init_parent))
		return 0;
	return init_parent.obj.kcap;
}
