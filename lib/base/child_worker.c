/* SPDX-License-Identifier: MIT */
/*
 * The worker thread that talks to a child server for us (see
 * <cn/child.h>): a parent must never wait on a child, so the entrypoint
 * only queues a request here; the worker makes the blocking call to the
 * server's root and signals the entrypoint, which takes the answer. One
 * worker per server, one request at a time, in order. The entrypoint and
 * the thread share a single pointer (the request handed over), passed with
 * a signal each way, so they need no lock. A server that never answers
 * holds up its own worker and nothing else; when the server is gone (its
 * threads destroyed) the call in flight ends with CN_ERR_DEAD at once, so
 * the worker is joined right then and everything it had is back.
 */
#include <cn/child.h>
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/thread.h>
#include <cn/session/pd.h>
#include <cn/session/parent.h>

#define WORKER_STACK 8192u

struct cn_child_worker {
	struct cn_thread          thread;
	uint32_t                  go_recv, go_ctx;   /* the thread waits for its next request */
	struct cn_signal_handler  done_sigh;         /* the entrypoint takes the answer */
	uint32_t                  done_ctx;
	struct cn_list            queue;
	struct cn_child_request  *current;           /* handed to the thread */
	uint32_t                  quit;              /* the thread returns */
	void                    (*done)(struct cn_child_request *r);
};

static void worker_main(void *arg)
{
	struct cn_child_worker *w = arg;
	for (;;) {
		uint32_t imprint, count;
		if (cn_sys_signal_wait(w->go_recv, &imprint, &count))
			continue;
		if (__atomic_load_n(&w->quit, __ATOMIC_ACQUIRE))
			return;
		struct cn_child_request *r = __atomic_load_n(&w->current, __ATOMIC_ACQUIRE);
		if (!r)
			continue;
		cn_cap_t got = { 0 };
		switch (r->op) {
		case CN_CHILD_OP_SESSION:
			r->err = cn_root_session(r->root, r->args, &got);
			r->cap = r->err ? 0 : got.name;
			break;
		case CN_CHILD_OP_UPGRADE:
			r->err = cn_root_upgrade(r->root, (cn_cap_t){ r->cap }, r->args);
			break;
		case CN_CHILD_OP_CLOSE:
			r->err = cn_root_close(r->root, (cn_cap_t){ r->cap });
			break;
		}
		if (__atomic_load_n(&w->quit, __ATOMIC_ACQUIRE))
			return;
		__atomic_thread_fence(__ATOMIC_RELEASE);
		cn_sys_signal_submit(w->done_ctx, 1);
	}
}

static void free_recv(uint32_t *cap)
{
	if (!*cap)
		return;
	cn_pd_free_signal(cn_env()->pd, (cn_cap_t){ *cap });
	cn_sys_cap_drop(*cap);
	*cap = 0;
}

/* the thread waits for its next request, or for a call whose server is
 * gone: it returns at once; then everything is freed */
static void worker_free(struct cn_child_worker *w, bool started)
{
	if (started) {
		__atomic_store_n(&w->quit, 1, __ATOMIC_RELEASE);
		cn_sys_signal_submit(w->go_ctx, 1);
		cn_thread_join(&w->thread);
	}
	if (w->done_ctx)
		cn_signal_handler_dissolve(&w->done_sigh, w->done_ctx);
	free_recv(&w->go_ctx);
	free_recv(&w->go_recv);
	cn_free(w);
}

/* hand the next request to the thread */
static void next(struct cn_child_worker *w)
{
	if (w->current)
		return;
	struct cn_list_elem *e = cn_list_pop_head(&w->queue);
	if (e) {
		__atomic_store_n(&w->current, cn_container_of(e, struct cn_child_request, elem),
		                 __ATOMIC_RELEASE);
		cn_sys_signal_submit(w->go_ctx, 1);
	}
}

static void on_done(void *arg, uint32_t count)
{
	struct cn_child_worker *w = arg;
	(void)count;
	struct cn_child_request *r = w->current;
	if (!r)
		return;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	w->current = NULL;
	w->done(r);
	next(w);
}

static struct cn_child_worker *worker_new(struct cn_child *server)
{
	struct cn_env *env = cn_env();
	struct cn_child_worker *w = cn_calloc(1, sizeof(*w));
	if (!w)
		return NULL;
	cn_list_init(&w->queue);
	cn_cap_t recv = { 0 }, ctx = { 0 };
	int err = cn_pd_signal_receiver(env->pd, &recv);
	w->go_recv = recv.name;
	if (!err)
		err = cn_pd_signal_context(env->pd, recv, 1, &ctx);
	w->go_ctx = ctx.name;
	if (!err)
		err = cn_signal_handler(&w->done_sigh, on_done, w, &w->done_ctx);
	if (!err)
		err = cn_thread_create(&w->thread, server->name, worker_main, w, WORKER_STACK, 0);
	if (err) {
		cn_log("child \"%s\": no thread to call it: %s", server->name, cn_strerror(err));
		worker_free(w, false);
		return NULL;
	}
	return w;
}

int cn_child_worker_queue(struct cn_child *server, struct cn_child_request *r,
                          void (*done)(struct cn_child_request *r))
{
	if (!server->worker && !(server->worker = worker_new(server)))
		return CN_ERR_EXHAUSTED;
	struct cn_child_worker *w = server->worker;
	w->done = done;
	cn_list_elem_init(&r->elem);
	cn_list_insert_tail(&w->queue, &r->elem);
	next(w);
	return 0;
}

void cn_child_worker_server_gone(struct cn_child *server)
{
	struct cn_child_worker *w = server->worker;
	if (!w)
		return;
	server->worker = NULL;
	struct cn_list_elem *e;
	while ((e = cn_list_pop_head(&w->queue))) {
		struct cn_child_request *r = cn_container_of(e, struct cn_child_request, elem);
		r->err = CN_ERR_DEAD;
		r->cap = r->op == CN_CHILD_OP_SESSION ? 0 : r->cap;
		w->done(r);
	}
	/* the server's threads are gone: a call in flight has ended (or ends
	 * right now with CN_ERR_DEAD), the thread returns without a word */
	struct cn_child_request *r = w->current;
	void (*done)(struct cn_child_request *) = w->done;
	worker_free(w, true);
	if (r)
		done(r);
}
