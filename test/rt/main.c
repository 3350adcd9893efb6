/* SPDX-License-Identifier: MIT */
/*
 * rt_test: a component that exercises the component runtime of lib/base —
 * cn_log (LOG session), the heap, threads with a mutex and a semaphore, a
 * signal handler with a kernel timeout, and announcing a service built with
 * the server library. Prints 'rt_test: ok' or each failure. Needs core and
 * a parent (no run script yet).
 */
#include <cn/component.h>
#include <cn/thread.h>
#include <cn/server.h>
#include <cn/sys.h>

#define WORKERS 3
#define ROUNDS  200

static struct cn_mutex lock;
static struct cn_semaphore done;
static uint32_t counter;
static int failures;

#define CHECK(c) do { if (!(c)) { cn_log("rt_test: FAIL %s:%d %s", __FILE__, __LINE__, #c); \
	failures++; } } while (0)

static void worker(void *arg)
{
	(void)arg;
	for (unsigned i = 0; i < ROUNDS; i++) {
		cn_mutex_lock(&lock);
		uint32_t v = counter;
		if ((i & 15) == 0)
			cn_sys_yield();         /* provoke contention */
		counter = v + 1;
		cn_mutex_unlock(&lock);
	}
	cn_semaphore_up(&done);
}

static void test_threads(void)
{
	struct cn_thread t[WORKERS];
	cn_semaphore_init(&done, 0);
	for (unsigned i = 0; i < WORKERS; i++)
		CHECK(cn_thread_create(&t[i], "worker", worker, 0, 0, 0) == 0);
	for (unsigned i = 0; i < WORKERS; i++)
		cn_semaphore_down(&done);
	for (unsigned i = 0; i < WORKERS; i++)
		CHECK(cn_thread_join(&t[i]) == 0);
	CHECK(counter == WORKERS * ROUNDS);
}

static void test_heap(void)
{
	void *p[32];
	for (unsigned i = 0; i < 32; i++) {
		p[i] = cn_malloc(1000u * (i + 1));
		CHECK(p[i] != 0);
	}
	for (unsigned i = 0; i < 32; i += 2)
		cn_free(p[i]);
	uint32_t *z = cn_calloc(1000, 4);
	CHECK(z && z[999] == 0);
	cn_free(z);
	for (unsigned i = 1; i < 32; i += 2)
		cn_free(p[i]);
	CHECK(cn_calloc((size_t)-1, 2) == 0);
}

/* a service: 'Echo' adds a per-session offset */
#define ECHO_RPC(F0, F1, F2, F3, F4, F5) \
	F1(echo, add, uint32_t, uint32_t, v)
CN_RPC_INTERFACE(echo, ECHO_RPC)

struct echo_session { uint32_t offset; };

static int do_add(void *ctx, uint32_t v, uint32_t *result)
{
	struct echo_session *s = ctx;
	*result = v + s->offset;
	return 0;
}

static int echo_create(void *ctx, const char *args, void *state)
{
	(void)ctx; (void)args;
	((struct echo_session *)state)->offset = 1000;
	return 0;
}

static const struct echo_ops echo_ops = { .add = do_add };
static struct cn_service echo_service = {
	.name = "Echo", .session_size = sizeof(struct echo_session),
	.dispatch = echo_dispatch_any, .ops = &echo_ops, .create = echo_create,
};

static struct cn_signal_handler tick;
static uint32_t tick_ctx;

static void on_tick(void *arg, uint32_t count)
{
	(void)arg;
	CHECK(count >= 1);
	cn_signal_handler_dissolve(&tick, tick_ctx);
	cn_log("rt_test: %s", failures ? "FAILED" : "ok");
	cn_exit(failures ? 1 : 0);
}

void cn_component_construct(struct cn_env *env)
{
	cn_log("rt_test: start, name '%s'\n", env->name);
	CHECK(cn_strerror(CN_ERR_QUOTA_RAM)[0] != 0);
	test_heap();
	test_threads();
	/* core (our parent here) refuses announcements: nobody above to use them */
	CHECK(cn_server_announce(&echo_service) == CN_ERR_DENIED);
	CHECK(cn_signal_handler(&tick, on_tick, 0, &tick_ctx) == 0);
	/* finish on the entrypoint, after construct returned */
	CHECK(cn_sys_timeout(tick_ctx, 1000) == 0);
}
