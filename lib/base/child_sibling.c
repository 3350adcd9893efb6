/* SPDX-License-Identifier: MIT */
/*
 * Sessions of children at sibling servers (see <cn/child.h>), never waited
 * for: a request moves the client's donation to the server's account,
 * goes to the server's worker (child_worker.c) and is answered
 * CN_ERR_PENDING; the server's answer wakes the client (its session
 * signal), who asks again with the same arguments and collects it. Upgrade
 * works the same way; close is answered at once and the donation comes
 * back when the server has closed. Whatever ends first (the server, the
 * client, the request) every byte and cap goes back to whoever paid it:
 * the client, or us when the client is gone (we paid its PD).
 */
#include <cn/child.h>
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/util/args.h>
#include <cn/util/string.h>

/* requests of one client that are not answered or not collected yet */
#define CN_CHILD_REQUESTS_MAX 8

static char *dup(const char *s)
{
	size_t n = cn_strlen(s) + 1;
	char *d = cn_malloc(n);
	if (d)
		cn_memcpy(d, s, n);
	return d;
}

static struct cn_child_request *request(enum cn_child_op op, struct cn_child_session *s,
                                        const char *args)
{
	struct cn_child_request *r = cn_calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->op = op;
	r->s = s;
	r->root = s->root;
	r->cap = s->cap;
	cn_strlcpy(r->args, args, sizeof(r->args));
	return r;
}

/* the client's session signal (or at its next sigh, when it has none) */
static void wake(struct cn_child *c)
{
	if (c->session_sigh)
		cn_sys_signal_submit(c->session_sigh, 1);
	else
		c->pending = true;
}

static void forget(struct cn_child_session *s)
{
	cn_list_remove(&s->elem);
	cn_list_remove(&s->server_elem);
	if (s->req)
		s->req->s = NULL;
	if (s->up_req)
		s->up_req->s = NULL;
	cn_free(s->asked);
	cn_free(s->up_asked);
	cn_free(s);
}

/* the donation from the (living) server back to whoever paid it */
static void refund(struct cn_child_session *s)
{
	uint32_t us = cn_env()->pd;
	cn_child_quota_give_back(s->service, s->server->pd, us, s->ram, s->caps);
	if (s->client)
		cn_child_quota_give_back(s->service, us, s->client->pd, s->ram, s->caps);
}

static void answered(struct cn_child_request *r);

static int queue(struct cn_child_session *s, struct cn_child_request *r)
{
	int err = cn_child_worker_queue(s->server, r, answered);
	if (err)
		cn_free(r);
	return err;
}

/* close at the server; the answer returns the donation */
static void send_close(struct cn_child_session *s)
{
	struct cn_child_request *r = request(CN_CHILD_OP_CLOSE, s, "");
	s->state = CN_CHILD_SESSION_CLOSING;
	if (r && !queue(s, r)) {
		s->req = r;
		return;
	}
	/* cannot even ask: the session stays at the server until it ends,
	 * the donation with it (its PD comes back to us then) */
	cn_log("child \"%s\": cannot close a %s session (out of memory)", s->server->name,
	       s->service);
	cn_sys_cap_drop(s->cap);
	s->cap = 0;
	if (s->client)
		cn_list_remove(&s->elem);
	s->client = NULL;
}

static void session_answered(struct cn_child_session *s, int err, uint32_t cap)
{
	if (!err && (!cap || cn_sys_cap_identify_obj(cap, &s->cap_type, &s->cap_badge,
	                                              &s->cap_obj))) {
		if (cap)
			cn_sys_cap_drop(cap);
		err = CN_ERR_EXHAUSTED;     /* its answer came without a capability */
	}
	if (!err) {
		s->cap = cap;
		if (!s->client) {           /* nobody to collect it */
			send_close(s);
			return;
		}
		s->state = CN_CHILD_SESSION_ANSWERED;
		s->err = 0;
		wake(s->client);
		return;
	}
	refund(s);
	if (!s->client) {
		forget(s);
		return;
	}
	cn_list_remove(&s->server_elem);
	s->state = CN_CHILD_SESSION_ANSWERED;
	s->err = err;
	wake(s->client);
}

static void answered(struct cn_child_request *r)
{
	struct cn_child_session *s = r->s;
	if (!s) {                       /* the server went meanwhile */
		if (r->op == CN_CHILD_OP_SESSION && r->cap)
			cn_sys_cap_drop(r->cap);
		cn_free(r);
		return;
	}
	switch (r->op) {
	case CN_CHILD_OP_SESSION:
		s->req = NULL;
		session_answered(s, r->err, r->cap);
		break;
	case CN_CHILD_OP_UPGRADE:
		/* a refused upgrade stays on the session's books: it comes back
		 * with the session */
		s->up_req = NULL;
		s->up_err = r->err;
		if (s->client)
			wake(s->client);
		break;
	case CN_CHILD_OP_CLOSE:
		s->req = NULL;
		if (r->err)
			cn_log("closing a %s session at child \"%s\": %s", s->service, s->server->name,
			       cn_strerror(r->err));
		refund(s);
		cn_sys_cap_drop(s->cap);
		forget(s);
		break;
	}
	cn_free(r);
}

int cn_child_sibling_open(struct cn_child *c, struct cn_child *server, uint32_t root,
                          const char *service, const char *asked, const char *args,
                          uint32_t ram, uint32_t caps)
{
	uint32_t us = cn_env()->pd;
	unsigned n = 0;
	for (struct cn_list_elem *e = cn_list_first(&c->sessions); e;
	     e = cn_list_next(&c->sessions, e)) {
		struct cn_child_session *o = cn_container_of(e, struct cn_child_session, elem);
		n += o->state == CN_CHILD_SESSION_REQUESTED || o->state == CN_CHILD_SESSION_ANSWERED;
	}
	if (n >= CN_CHILD_REQUESTS_MAX)
		return CN_ERR_EXHAUSTED;

	struct cn_child_session *s = cn_calloc(1, sizeof(*s));
	if (!s)
		return CN_ERR_EXHAUSTED;
	cn_list_elem_init(&s->elem);
	cn_list_elem_init(&s->server_elem);
	cn_strlcpy(s->service, service, sizeof(s->service));
	s->client = c;
	s->kind = CN_CHILD_ROUTE_CHILD;
	s->server = server;
	s->root = root;
	s->ram = ram;
	s->caps = caps;
	s->state = CN_CHILD_SESSION_REQUESTED;
	s->asked = dup(asked);
	struct cn_child_request *r = request(CN_CHILD_OP_SESSION, s, args);
	if (!s->asked || !r) {
		cn_free(r);
		forget(s);
		return CN_ERR_EXHAUSTED;
	}
	/* the client pays: its quota moves to our account and on to the server */
	int err = cn_child_quota_move(c->pd, us, ram, caps);
	if (!err && (err = cn_child_quota_move(us, server->pd, ram, caps)))
		cn_child_quota_give_back(service, us, c->pd, ram, caps);
	if (!err) {
		cn_list_insert_tail(&c->sessions, &s->elem);
		cn_list_insert_tail(&server->served, &s->server_elem);
		s->req = r;
		if ((err = queue(s, r))) {
			s->req = NULL;
			refund(s);
		}
		r = NULL;
	}
	if (err) {
		cn_free(r);
		forget(s);
		return err;
	}
	return CN_ERR_PENDING;
}

struct cn_child_session *cn_child_sibling_request(struct cn_child *c, const char *service,
                                                  const char *asked)
{
	for (struct cn_list_elem *e = cn_list_first(&c->sessions); e;
	     e = cn_list_next(&c->sessions, e)) {
		struct cn_child_session *s = cn_container_of(e, struct cn_child_session, elem);
		if (s->asked && !cn_strcmp(s->service, service) && !cn_strcmp(s->asked, asked))
			return s;
	}
	return NULL;
}

int cn_child_sibling_collect(struct cn_child_session *s, uint32_t *cap)
{
	if (s->state == CN_CHILD_SESSION_REQUESTED)
		return CN_ERR_PENDING;
	if (s->err) {
		int err = s->err;
		forget(s);
		return err;
	}
	s->state = CN_CHILD_SESSION_OPEN;
	cn_free(s->asked);
	s->asked = NULL;
	*cap = s->cap;
	return 0;
}

int cn_child_sibling_upgrade(struct cn_child_session *s, const char *asked, uint32_t ram,
                             uint32_t caps)
{
	uint32_t us = cn_env()->pd;
	struct cn_child *c = s->client;
	if (s->up_req)
		return CN_ERR_PENDING;
	if (s->up_asked) {              /* the answer to an earlier one */
		bool same = !cn_strcmp(s->up_asked, asked);
		cn_free(s->up_asked);
		s->up_asked = NULL;
		if (same)
			return s->up_err;
	}
	if (!ram && !caps)
		return 0;
	if (s->state != CN_CHILD_SESSION_OPEN || !s->server)
		return CN_ERR_NOT_FOUND;
	char buf[64];
	buf[0] = 0;
	cn_args_set_ulong(buf, sizeof(buf), "ram_quota", ram);
	cn_args_set_ulong(buf, sizeof(buf), "cap_quota", caps);
	struct cn_child_request *r = request(CN_CHILD_OP_UPGRADE, s, buf);
	s->up_asked = dup(asked);
	if (!r || !s->up_asked) {
		cn_free(r);
		cn_free(s->up_asked);
		s->up_asked = NULL;
		return CN_ERR_EXHAUSTED;
	}
	int err = cn_child_quota_move(c->pd, us, ram, caps);
	if (!err && (err = cn_child_quota_move(us, s->server->pd, ram, caps)))
		cn_child_quota_give_back(s->service, us, c->pd, ram, caps);
	if (!err) {
		s->ram += ram;
		s->caps += caps;
		s->up_req = r;
		if ((err = queue(s, r))) {
			s->up_req = NULL;
			s->ram -= ram;
			s->caps -= caps;
			cn_child_quota_give_back(s->service, s->server->pd, us, ram, caps);
			cn_child_quota_give_back(s->service, us, c->pd, ram, caps);
		}
		r = NULL;
	}
	if (err) {
		cn_free(r);
		cn_free(s->up_asked);
		s->up_asked = NULL;
		return err;
	}
	return CN_ERR_PENDING;
}

void cn_child_sibling_close(struct cn_child_session *s)
{
	if (s->state == CN_CHILD_SESSION_OPEN)
		send_close(s);
}

void cn_child_sibling_client_gone(struct cn_child_session *s)
{
	cn_list_remove(&s->elem);
	s->client = NULL;
	if (s->state == CN_CHILD_SESSION_OPEN ||
	    (s->state == CN_CHILD_SESSION_ANSWERED && !s->err))
		send_close(s);
	else if (s->state == CN_CHILD_SESSION_ANSWERED)
		forget(s);
	/* REQUESTED, CLOSING: the answer finds no client */
}

void cn_child_served_revoke(struct cn_child *c)
{
	uint32_t us = cn_env()->pd;
	struct cn_list_elem *e;
	/* c's PD is closed: the donations of all its sessions are back with us */
	while ((e = cn_list_pop_head(&c->served))) {
		struct cn_child_session *s = cn_container_of(e, struct cn_child_session, server_elem);
		if (s->req)
			s->req->s = NULL;
		if (s->up_req)
			s->up_req->s = NULL;
		s->req = s->up_req = NULL;
		s->up_err = CN_ERR_DEAD;
		if (s->cap)
			cn_sys_cap_drop(s->cap);
		s->cap = 0;
		s->server = NULL;
		if (s->client)
			cn_child_quota_give_back(s->service, us, s->client->pd, s->ram, s->caps);
		if (s->client && (s->state == CN_CHILD_SESSION_REQUESTED ||
		                  s->state == CN_CHILD_SESSION_ANSWERED)) {
			s->state = CN_CHILD_SESSION_ANSWERED;   /* the client asks again: DEAD */
			s->err = CN_ERR_DEAD;
			wake(s->client);
		} else
			forget(s);
	}
	cn_child_worker_server_gone(c);
}
