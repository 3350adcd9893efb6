/* SPDX-License-Identifier: MIT */
/*
 * Sessions of children (see <cn/child.h>): opening one along the route the
 * policy chose, paying it with quota withdrawn from the client's PD
 * account, upgrading, closing, and giving every byte back to the client
 * exactly — also when the client or the server goes away.
 */
#include <cn/child.h>
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/pd.h>
#include <cn/session/parent.h>
#include <cn/util/args.h>
#include <cn/util/string.h>

/* A request we forwarded to our own parent may be pending there (a nested
 * init whose parent waits for a sibling's announcement): we ask our parent
 * for its session signal once, and on each wake up our pending children,
 * who ask again. When our last child is gone the signal goes too (its
 * signal object is paid from our RAM: cn_child_destroy). (cn_connect,
 * waiting for a pending service of our own, installs its own session
 * signal while it waits.) */
static struct cn_signal_handler parent_sigh;
static uint32_t parent_sigh_ctx;

static void parent_signal(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	cn_child_wake_pending();
}

static void watch_parent(void)
{
	if (parent_sigh_ctx)
		return;
	if (cn_signal_handler(&parent_sigh, parent_signal, NULL, &parent_sigh_ctx))
		return;
	if (cn_parent_session_sigh(cn_env()->parent, (cn_cap_t){ parent_sigh_ctx })) {
		cn_signal_handler_dissolve(&parent_sigh, parent_sigh_ctx);
		parent_sigh_ctx = 0;
	}
}

void cn_child_parent_unwatch(void)
{
	if (!parent_sigh_ctx)
		return;
	cn_parent_session_sigh(cn_env()->parent, (cn_cap_t){ 0 });
	cn_signal_handler_dissolve(&parent_sigh, parent_sigh_ctx);   /* its RAM back */
	parent_sigh_ctx = 0;
}

static int quota_of(const char *args, uint32_t *ram, uint32_t *caps)
{
	unsigned long r = 0, k = 0;
	int e1 = cn_args_ulong(args, "ram_quota", &r);
	int e2 = cn_args_ulong(args, "cap_quota", &k);
	if ((e1 && e1 != CN_ERR_NOT_FOUND) || (e2 && e2 != CN_ERR_NOT_FOUND) ||
	    r > 0xffffffffu || k > 0xffffffffu)
		return CN_ERR_ARGS;
	*ram = (uint32_t)r;
	*caps = (uint32_t)k;
	return 0;
}

int cn_child_session_open(struct cn_child *c, const char *service, const char *args,
                          uint32_t *cap)
{
	struct cn_env *env = cn_env();
	char label[CN_CHILD_ARGS_MAX];
	char buf[CN_CHILD_ARGS_MAX];
	uint32_t ram, caps;

	if (cn_strnlen(service, CN_CHILD_SERVICE_MAX) >= CN_CHILD_SERVICE_MAX || !service[0] ||
	    cn_args_check(args) || quota_of(args, &ram, &caps))
		return CN_ERR_ARGS;
	int n = cn_args_str(args, "label", label, sizeof(label));
	if (n == CN_ERR_NOT_FOUND)
		label[0] = 0;
	else if (n < 0)
		return CN_ERR_ARGS;

	/* asked again for a request to a sibling: its answer, if there is one */
	struct cn_child_session *asked = cn_child_sibling_request(c, service, args);
	if (asked)
		return cn_child_sibling_collect(asked, cap);

	struct cn_child_route r = { CN_CHILD_ROUTE_DENY, NULL, NULL, NULL };
	if (c->policy && c->policy->route)
		c->policy->route(c->policy->ctx, c, service, label, args, &r);
	struct cn_child_service *svc = NULL;
	if (r.kind == CN_CHILD_ROUTE_CHILD && (!r.server || r.server->state != CN_CHILD_RUNNING))
		r.kind = CN_CHILD_ROUTE_DENY;
	if (r.kind == CN_CHILD_ROUTE_LOCAL && !r.local)
		r.kind = CN_CHILD_ROUTE_DENY;
	if (r.kind == CN_CHILD_ROUTE_DENY) {
		cn_log("no route for service \"%s\" (label \"%s%s%s\") from child \"%s\"", service,
		       c->name, label[0] ? " -> " : "", label, c->name);
		return CN_ERR_NO_SERVICE;
	}
	if (r.kind == CN_CHILD_ROUTE_CHILD && !(svc = cn_child_service(r.server, service))) {
		c->pending = true;   /* woken by cn_child_wake_pending() */
		return CN_ERR_PENDING;
	}

	/* the label grows by the client's name (or is replaced by the route) */
	cn_strlcpy(buf, args, sizeof(buf));
	int err = r.label ? cn_args_set_str(buf, sizeof(buf), "label", r.label)
	                  : cn_args_label_prefix(buf, sizeof(buf), c->name);
	if (err || cn_strlen(buf) > CN_RPC_STR_MAX)
		return CN_ERR_ARGS;
	if (r.kind == CN_CHILD_ROUTE_CHILD)   /* never waited for: see child_sibling.c */
		return cn_child_sibling_open(c, r.server, svc->root, service, args, buf, ram, caps);

	struct cn_child_session *s = cn_calloc(1, sizeof(*s));
	if (!s)
		return CN_ERR_EXHAUSTED;
	cn_strlcpy(s->service, service, sizeof(s->service));
	s->client = c;
	s->kind = r.kind;
	s->ram = ram;
	s->caps = caps;
	cn_list_elem_init(&s->elem);
	cn_list_elem_init(&s->server_elem);

	/* the client pays: its quota moves to our account ... */
	if ((err = cn_child_quota_move(c->pd, env->pd, ram, caps))) {
		cn_free(s);
		return err;
	}
	cn_cap_t got = { 0 };
	switch (r.kind) {
	case CN_CHILD_ROUTE_PARENT:   /* ... and from there to our parent's server */
		err = cn_parent_session(env->parent, service, buf, &got);
		break;
	case CN_CHILD_ROUTE_LOCAL:    /* ... or stays with us, who serve it */
		s->local = r.local;
		err = r.local->session(r.local->ctx, c, buf, &got.name, &s->handle);
		break;
	default:
		err = CN_ERR_NO_SERVICE;
	}
	if (!err && !got.name)
		err = CN_ERR_NO_SERVICE;
	if (!err && cn_sys_cap_identify_obj(got.name, &s->cap_type, &s->cap_badge, &s->cap_obj))
		err = CN_ERR_NO_SERVICE;
	if (err) {
		cn_child_quota_give_back(service, env->pd, c->pd, ram, caps);
		cn_free(s);
		if (err == CN_ERR_PENDING) {
			c->pending = true;
			if (r.kind == CN_CHILD_ROUTE_PARENT) {
				cn_log("child \"%s\": \"%s\" is pending at our parent", c->name, service);
				watch_parent();
			}
		}
		return err;
	}
	s->cap = got.name;
	cn_list_insert_tail(&c->sessions, &s->elem);
	*cap = got.name;
	return 0;
}

/* the session of client c that the capability 'cap' (just received) names */
struct cn_child_session *cn_child_session_find(struct cn_child *c, uint32_t cap)
{
	uint32_t type, badge, obj;
	if (!cap || cn_sys_cap_identify_obj(cap, &type, &badge, &obj))
		return NULL;
	for (struct cn_list_elem *e = cn_list_first(&c->sessions); e;
	     e = cn_list_next(&c->sessions, e)) {
		struct cn_child_session *s = cn_container_of(e, struct cn_child_session, elem);
		if (s->state == CN_CHILD_SESSION_OPEN && s->cap_type == type &&
		    s->cap_badge == badge && s->cap_obj == obj)
			return s;
	}
	return NULL;
}

int cn_child_session_upgrade(struct cn_child_session *s, const char *args)
{
	struct cn_env *env = cn_env();
	struct cn_child *c = s->client;
	uint32_t ram, caps;
	char buf[64];
	buf[0] = 0;
	if (cn_args_check(args) || quota_of(args, &ram, &caps))
		return CN_ERR_ARGS;
	if (s->kind == CN_CHILD_ROUTE_CHILD)
		return cn_child_sibling_upgrade(s, args, ram, caps);
	if (!ram && !caps)
		return 0;
	cn_args_set_ulong(buf, sizeof(buf), "ram_quota", ram);
	cn_args_set_ulong(buf, sizeof(buf), "cap_quota", caps);
	int err = cn_child_quota_move(c->pd, env->pd, ram, caps);
	if (err)
		return err;
	switch (s->kind) {
	case CN_CHILD_ROUTE_PARENT:
		err = cn_parent_upgrade(env->parent, (cn_cap_t){ s->cap }, buf);
		break;
	default:   /* a local service keeps it on our account */
		break;
	}
	if (err) {
		cn_child_quota_give_back(s->service, env->pd, c->pd, ram, caps);
		return err;
	}
	s->ram += ram;
	s->caps += caps;
	return 0;
}

/* our own PD account's quota (not what is free of it) */
static void own_quota(uint32_t *ram, uint32_t *caps)
{
	uint32_t pd = cn_env()->pd;
	*ram = *caps = 0;
	cn_pd_quota(pd, CN_PD_RAM_QUOTA, ram);
	cn_pd_quota(pd, CN_PD_CAP_QUOTA, caps);
}

/* same object as our name 'ours'? */
static bool same_object(uint32_t cap, uint32_t ours)
{
	uint32_t t1, b1, o1, t2, b2, o2;
	return ours && !cn_sys_cap_identify_obj(cap, &t1, &b1, &o1) &&
	       !cn_sys_cap_identify_obj(ours, &t2, &b2, &o2) && t1 == t2 && b1 == b2 && o1 == o2;
}

int cn_child_own_upgrade(struct cn_child *c, uint32_t cap, const char *args)
{
	struct cn_env *env = cn_env();
	uint32_t ram, caps, session;
	char buf[64];
	if (!cap)
		return CN_ERR_NOT_FOUND;
	if (same_object(cap, c->cpu))
		session = c->cpu;
	else if (same_object(cap, c->pd))
		session = c->pd;
	else
		return CN_ERR_NOT_FOUND;
	if (cn_args_check(args) || quota_of(args, &ram, &caps))
		return CN_ERR_ARGS;
	if (!ram && !caps)
		return 0;
	buf[0] = 0;
	cn_args_set_ulong(buf, sizeof(buf), "ram_quota", ram);
	cn_args_set_ulong(buf, sizeof(buf), "cap_quota", caps);
	/* the child pays from its PD account, through ours, to our parent
	 * who holds the session (an upgrade of its own PD comes back to it) */
	int err = cn_child_quota_move(c->pd, env->pd, ram, caps);
	if (err)
		return err;
	err = cn_parent_upgrade(env->parent, (cn_cap_t){ session }, buf);
	if (err)
		cn_child_quota_give_back("own", env->pd, c->pd, ram, caps);
	else if (session == c->cpu) {
		c->cpu_ram += ram;
		c->cpu_caps += caps;
	}
	return err;
}

void cn_child_session_close(struct cn_child_session *s)
{
	struct cn_env *env = cn_env();
	uint32_t ram = s->ram, caps = s->caps, r0, c0, r1, c1;
	int err = 0;
	if (s->kind == CN_CHILD_ROUTE_CHILD) {   /* answered at once, see child_sibling.c */
		cn_child_sibling_close(s);
		return;
	}
	switch (s->kind) {
	case CN_CHILD_ROUTE_PARENT:
		/* the session's account may hold more than the donation (a PD
		 * session others transferred quota to): the client gets back
		 * what our parent gave back, exactly */
		own_quota(&r0, &c0);
		err = cn_parent_close(env->parent, (cn_cap_t){ s->cap });
		own_quota(&r1, &c1);
		ram = r1 > r0 ? r1 - r0 : 0;
		caps = c1 > c0 ? c1 - c0 : 0;
		break;
	case CN_CHILD_ROUTE_LOCAL:
		s->local->close(s->local->ctx, s->handle);
		break;
	default:
		break;
	}
	if (err)
		cn_log("closing a %s session of child \"%s\": %s", s->service, s->client->name,
		       cn_strerror(err));
	if (s->kind != CN_CHILD_ROUTE_LOCAL)
		cn_sys_cap_drop(s->cap);
	cn_child_quota_give_back(s->service, env->pd, s->client->pd, ram, caps);
	cn_list_remove(&s->elem);
	cn_list_remove(&s->server_elem);
	cn_free(s);
}

/* Oldest first: a driver's first session is its Platform session with its
 * devices, whose release stops them (the platform resets a virtio device)
 * before the sessions it opened later for its clients' DMA buffers free
 * those buffers (doc/platform.md). */
void cn_child_sessions_close_all(struct cn_child *c)
{
	struct cn_list_elem *e;
	while ((e = cn_list_first(&c->sessions))) {
		struct cn_child_session *s = cn_container_of(e, struct cn_child_session, elem);
		if (s->kind == CN_CHILD_ROUTE_CHILD)
			cn_child_sibling_client_gone(s);
		else
			cn_child_session_close(s);
	}
}

void cn_child_wake_pending(void)
{
	for (struct cn_child *c = cn_child_first(); c; c = cn_child_next(c)) {
		if (!c->pending || !c->session_sigh)
			continue;
		c->pending = false;
		cn_sys_signal_submit(c->session_sigh, 1);
	}
}
