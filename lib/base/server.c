/* SPDX-License-Identifier: MIT */
/*
 * The server library (<cn/server.h>): a root object per service that opens,
 * upgrades and closes sessions with per-session quota accounting
 * (<cn/util/quota.h>), each session an RPC object on the entrypoint.
 */
#include <cn/server.h>
#include <cn/sys.h>
#include <cn/session/parent.h>
#include <cn/session/quota.h>
#include <cn/util/args.h>
#include <cn/util/string.h>
#include "runtime.h"

uint32_t cn_server_session_ram(const struct cn_service *s)
{
	uint64_t r = (uint64_t)sizeof(struct cn_server_session) + s->session_size + s->ram_cost;
	return r > UINT32_MAX ? UINT32_MAX : (uint32_t)r;
}

uint32_t cn_server_session_caps(const struct cn_service *s)
{
	uint64_t c = (uint64_t)CN_SESSION_CAP_META + s->cap_cost;
	return c > UINT32_MAX ? UINT32_MAX : (uint32_t)c;
}

/* the session of a capability the parent passed back to us */
static struct cn_server_session *find(struct cn_service *svc, cn_cap_t cap)
{
	uint32_t type = 0, badge = 0;
	if (cn_sys_cap_identify(cap.name, &type, &badge))
		return 0;
	for (struct cn_server_session *s = svc->sessions; s; s = s->next)
		if (s->obj.badge == badge)
			return s;
	return 0;
}

static int root_session(void *ctx, const char *args, cn_cap_t *result)
{
	struct cn_service *svc = ctx;
	struct cn_quota q;
	int err = cn_quota_open(&q, args, cn_server_session_ram(svc), cn_server_session_caps(svc));
	if (err)
		return err;
	if (svc->session_size > (size_t)UINT32_MAX - sizeof(struct cn_server_session))
		return CN_ERR_EXHAUSTED;
	struct cn_server_session *s = cn_calloc(1, sizeof(*s) + svc->session_size);
	if (!s)
		return CN_ERR_EXHAUSTED;
	s->service = svc;
	s->quota = q;
	/* a missing label stays empty, a long one is truncated */
	if (cn_args_str(args, "label", s->label, sizeof(s->label)) == CN_ERR_NOT_FOUND)
		s->label[0] = 0;
	if (svc->create && (err = svc->create(svc->ctx, args, s->state))) {
		cn_free(s);
		return err;
	}
	err = cn_rpc_object(&s->obj, svc->dispatch, svc->ops, s->state, &s->cap);
	if (err) {
		if (svc->close)
			svc->close(svc->ctx, s->state);
		cn_free(s);
		/* what the client is told: we are out of resources */
		return err == CN_ERR_NOSLOT ? CN_ERR_EXHAUSTED : err;
	}
	s->next = svc->sessions;
	svc->sessions = s;
	svc->num_sessions++;
	result->name = s->cap;
	return 0;
}

static int root_upgrade(void *ctx, cn_cap_t session, const char *args)
{
	struct cn_service *svc = ctx;
	struct cn_server_session *s = find(svc, session);
	if (!s)
		return CN_ERR_NOT_FOUND;
	int err = cn_quota_upgrade(&s->quota, args);
	if (!err && svc->upgrade)
		err = svc->upgrade(svc->ctx, args, s->state);
	return err;
}

static int root_close(void *ctx, cn_cap_t session)
{
	struct cn_service *svc = ctx;
	struct cn_server_session *s = find(svc, session);
	if (!s)
		return CN_ERR_NOT_FOUND;
	for (struct cn_server_session **p = &svc->sessions; *p; p = &(*p)->next)
		if (*p == s) {
			*p = s->next;
			break;
		}
	svc->num_sessions--;
	if (svc->close)
		svc->close(svc->ctx, s->state);
	cn_rpc_object_dissolve(&s->obj, s->cap);
	cn_free(s);
	return 0;
}

static const struct cn_root_ops root_ops = {
	.session = root_session,
	.upgrade = root_upgrade,
	.close   = root_close,
};

int cn_server_announce(struct cn_service *s)
{
	if (!s || !s->name || !s->dispatch)
		return CN_ERR_INVALID;
	if (!s->root_cap) {
		int err = cn_rpc_object(&s->root, cn_root_dispatch_any, &root_ops, s, &s->root_cap);
		if (err)
			return err;
	}
	return cn_announce(s->name, s->root_cap);
}
