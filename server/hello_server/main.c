/*
 * hello_server: announces the "Hello" service (hello_session.h) to its
 * parent through a hand-made root object. Each session is an RPC object on
 * the entrypoint; its memory is paid by the quota the client donated.
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/parent.h>
#include <cn/util/args.h>
#include <cn/util/string.h>
#include "hello_session.h"

struct hello_session {
	struct cn_rpc_object obj;
	uint32_t cap;
	char     label[64];
};

static int say(void *ctx, const char *text, uint32_t *result)
{
	struct hello_session *s = ctx;
	(void)result;
	cn_log("%s says: %s", s->label, text);
	return 0;
}

static int add(void *ctx, uint32_t a, uint32_t b, uint32_t *result)
{
	(void)ctx;
	*result = a + b;
	return 0;
}

static const struct hello_ops hello_ops = { .say = say, .add = add };

static int root_session(void *ctx, const char *args, cn_cap_t *result)
{
	unsigned long ram = 0;
	(void)ctx;
	cn_args_ulong(args, "ram_quota", &ram);
	if (ram < HELLO_SESSION_RAM)
		return CN_ERR_QUOTA_RAM;
	struct hello_session *s = cn_calloc(1, sizeof(*s));
	if (!s)
		return CN_ERR_EXHAUSTED;
	if (cn_args_str(args, "label", s->label, sizeof(s->label)) < 0)
		cn_strlcpy(s->label, "?", sizeof(s->label));
	int err = cn_rpc_object(&s->obj, hello_dispatch_any, &hello_ops, s, &s->cap);
	if (err) {
		cn_free(s);
		return err;
	}
	cn_log("session for \"%s\"", s->label);
	result->name = s->cap;
	return 0;
}

static struct hello_session *lookup(cn_cap_t cap)
{
	uint32_t type, badge;
	if (cn_sys_cap_identify(cap.name, &type, &badge))
		return NULL;
	struct cn_rpc_object *o = cn_ep_lookup(cn_env()->ep, badge);
	return o && o->dispatch == hello_dispatch_any ? o->ctx : NULL;
}

static int root_upgrade(void *ctx, cn_cap_t session, const char *args, uint32_t *result)
{
	(void)ctx; (void)args; (void)result;
	return lookup(session) ? 0 : CN_ERR_NOT_FOUND;
}

static int root_close(void *ctx, cn_cap_t session, uint32_t *result)
{
	(void)ctx; (void)result;
	struct hello_session *s = lookup(session);
	if (!s)
		return CN_ERR_NOT_FOUND;
	cn_log("closing session of \"%s\"", s->label);
	cn_ep_dissolve(cn_env()->ep, &s->obj);
	cn_sys_cap_drop(s->cap);
	cn_free(s);
	return 0;
}

static const struct cn_root_ops root_ops = {
	.session = root_session, .upgrade = root_upgrade, .close = root_close,
};
static struct cn_rpc_object root_obj;

void cn_component_construct(struct cn_env *env)
{
	uint32_t root;
	(void)env;
	int err = cn_rpc_object(&root_obj, cn_root_dispatch_any, &root_ops, NULL, &root);
	if (!err)
		err = cn_announce("Hello", root);
	if (err)
		cn_log("cannot announce: %s", cn_strerror(err));
	else
		cn_log("announced \"Hello\"");
}
