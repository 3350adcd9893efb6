/* SPDX-License-Identifier: MIT */
/*
 * Signals: asynchronous, counting notifications. A context belongs to one
 * receiver; submitting to it adds to its count and, if a thread waits on the
 * receiver, wakes that thread with the context's imprint and count. IRQs,
 * page faults and timeouts arrive this way too.
 */
#include "syscall.h"

void sig_recv_init(struct sig_recv *r)
{
	r->obj.type = CN_OBJ_SIG_RECV;
	r->obj.caps = NULL;
	cn_list_init(&r->waiters);
	cn_list_init(&r->pending);
	cn_list_init(&r->contexts);
	r->bound = NULL;
}

void sig_ctx_init(struct sig_ctx *c, struct sig_recv *r, uint32_t imprint)
{
	c->obj.type = CN_OBJ_SIG_CTX;
	c->obj.caps = NULL;
	c->recv = r;
	c->imprint = imprint;
	c->count = 0;
	cn_list_elem_init(&c->pending_elem);
	cn_list_init(&c->pager_users);
	cn_list_init(&c->tmo_users);
	cn_list_init(&c->irqs);
	cn_list_insert_tail(&r->contexts, &c->recv_elem);
}

static void deliver(struct thread *t, struct sig_ctx *c)
{
	sig_deliver_wait(t, c->imprint, c->count);
	c->count = 0;
}

/* the same for a thread bound to the receiver, waiting in REPLY_WAIT: a
 * signal message (info, imprint, count in r1-r3; no badge) */
static void deliver_message(struct thread *t, struct sig_ctx *c)
{
	msg_deliver_signal(t, c->imprint, c->count);
	c->count = 0;
}

int sig_submit(struct sig_ctx *c, uint32_t count)
{
	if (!c->recv)
		return CN_ERR_DEAD;
	if (count == 0)
		return CN_OK;
	uint32_t n = c->count + count;
	c->count = n < c->count ? 0xffffffffu : n;   /* saturate */
	struct sig_recv *r = c->recv;
	if (!cn_list_empty(&r->waiters)) {
		struct thread *t = cn_container_of(cn_list_first(&r->waiters), struct thread, rq);
		cn_list_remove(&t->rq);
		t->wait_recv = NULL;
		deliver(t, c);
		thread_wake(t);
	} else if (r->bound && r->bound->state == TS_RECV) {
		/* the bound thread waits for calls: hand it a signal message */
		deliver_message(r->bound, c);
		thread_wake(r->bound);
	} else if (!cn_list_elem_linked(&c->pending_elem)) {
		cn_list_insert_tail(&r->pending, &c->pending_elem);
	}
	return CN_OK;
}

static int signal_wait(struct thread *cur, bool block)
{
	int err;
	struct sig_recv *r = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_SIG_RECV, NULL, &err);
	if (!r)
		return err;
	if (!cn_list_empty(&r->pending)) {
		struct sig_ctx *c = cn_container_of(cn_list_first(&r->pending), struct sig_ctx, pending_elem);
		cn_list_remove(&c->pending_elem);
		deliver(cur, c);
		return SYS_DONE;
	}
	if (!block)
		return CN_ERR_AGAIN;
	thread_block(cur, TS_SIGNAL);
	cur->wait_recv = r;
	cn_list_insert_tail(&r->waiters, &cur->rq);
	return SYS_DONE;
}

int sys_signal_wait(struct thread *cur) { return signal_wait(cur, true); }
int sys_signal_poll(struct thread *cur) { return signal_wait(cur, false); }

int sys_signal_submit(struct thread *cur)
{
	int err;
	struct sig_ctx *c = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_SIG_CTX, NULL, &err);
	return c ? sig_submit(c, sys_arg(cur, 1)) : err;
}

int sys_signal_bind(struct thread *cur)
{
	if (sys_arg(cur, 0) == 0)
		return sig_bind(cur, NULL);
	int err;
	struct sig_recv *r = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_SIG_RECV, NULL, &err);
	return r ? sig_bind(cur, r) : err;
}

/* Bind receiver r to thread t (r == NULL unbinds). One thread per receiver,
 * one receiver per thread. */
int sig_bind(struct thread *t, struct sig_recv *r)
{
	if (r && r->bound && r->bound != t)
		return CN_ERR_BUSY;
	if (t->bound)
		t->bound->bound = NULL;
	t->bound = r;
	if (r)
		r->bound = t;
	return CN_OK;
}

/* t is about to wait for calls: a pending signal on its bound receiver ends
 * the wait at once. Returns true if t got a signal message. */
bool sig_deliver_bound(struct thread *t)
{
	struct sig_recv *r = t->bound;
	if (!r || cn_list_empty(&r->pending))
		return false;
	struct sig_ctx *c = cn_container_of(cn_list_first(&r->pending), struct sig_ctx, pending_elem);
	cn_list_remove(&c->pending_elem);
	deliver_message(t, c);
	return true;
}

void sig_thread_gone(struct thread *t)
{
	sig_bind(t, NULL);
	if (t->state == TS_SIGNAL) {
		cn_list_remove(&t->rq);
		t->wait_recv = NULL;
		t->state = TS_INACTIVE;
	}
}

void sig_ctx_destroy(struct sig_ctx *c)
{
	kobj_revoke(&c->obj);
	cn_list_remove(&c->pending_elem);
	if (c->recv)
		cn_list_remove(&c->recv_elem);
	c->recv = NULL;
	while (!cn_list_empty(&c->pager_users)) {
		struct thread *t = cn_container_of(cn_list_first(&c->pager_users), struct thread, pager_elem);
		cn_list_remove(&t->pager_elem);
		t->pager = NULL;
	}
	while (!cn_list_empty(&c->tmo_users)) {
		struct thread *t = cn_container_of(cn_list_first(&c->tmo_users), struct thread, tmo_user_elem);
		timeout_cancel(t);
	}
	irq_ctx_gone(c);
	c->obj.type = CN_OBJ_NONE;
}

void sig_recv_destroy(struct sig_recv *r)
{
	kobj_revoke(&r->obj);
	if (r->bound)
		sig_bind(r->bound, NULL);
	while (!cn_list_empty(&r->waiters)) {
		struct thread *t = cn_container_of(cn_list_first(&r->waiters), struct thread, rq);
		cn_list_remove(&t->rq);
		t->wait_recv = NULL;
		thread_set_return(t, CN_ERR_DEAD);
		thread_wake(t);
	}
	while (!cn_list_empty(&r->contexts)) {
		struct sig_ctx *c = cn_container_of(cn_list_first(&r->contexts), struct sig_ctx, recv_elem);
		cn_list_remove(&c->recv_elem);
		cn_list_remove(&c->pending_elem);
		c->recv = NULL;
	}
	r->obj.type = CN_OBJ_NONE;
}
