/* SPDX-License-Identifier: MIT */
/*
 * Kernel-level test of generated RPC code (<cn/rpc.h>): a server PD runs the
 * generated dispatcher, a client PD the generated stubs, over real IPC with
 * a capability argument and result.
 */
#include "ktest.h"
#include <cn/rpc.h>

#define KT_RPC(F0, F1, F2, F3, F4, F5) \
	F2(ktrpc, add,  uint32_t, uint32_t, a, uint32_t, b) \
	F3(ktrpc, sum3, uint64_t, uint64_t, a, uint32_t, b, uint32_t, c) \
	F1(ktrpc, echo, cn_cap_t, cn_cap_t, c) \
	F0(ktrpc, none, uint32_t)
CN_RPC_INTERFACE(ktrpc, KT_RPC)

static int s_add(void *ctx, uint32_t a, uint32_t b, uint32_t *r) { (void)ctx; *r = a + b; return 0; }
static int s_sum3(void *ctx, uint64_t a, uint32_t b, uint32_t c, uint64_t *r)
{ (void)ctx; *r = a + b + c; return 0; }
static int s_echo(void *ctx, cn_cap_t c, cn_cap_t *r)
{
	(void)ctx;
	uint32_t type, badge;
	if (cn_sys_cap_identify(c.name, &type, &badge) || type != CN_OBJ_SIG_CTX)
		return -55;
	*r = c;
	return 0;
}

static uint32_t rpc_server(uint32_t arg)
{
	(void)arg;
	static const struct ktrpc_ops ops = { .add = s_add, .sum3 = s_sum3, .echo = s_echo };
	struct cn_msg k = { 0, { 0, 0, 0, 0 } };
	struct cn_rpc_msg m;
	uint32_t badge;
	int reply = 0;
	for (;;) {
		if (cn_sys_reply_wait(reply, &k, &badge))
			return __LINE__;
		cn_rpc_from_kernel(&k, &m);
		ktrpc_dispatch(&ops, 0, &m);
		cn_rpc_to_kernel(&m, &k);
		reply = 1;
	}
}

/* caps: 1 server, 2 a signal context */
static uint32_t rpc_client(uint32_t arg)
{
	(void)arg;
	uint32_t r = 0;
	uint64_t r64 = 0;
	if (ktrpc_add(1, 40, 2, &r) || r != 42)
		return __LINE__;
	if (ktrpc_sum3(1, 0x100000000ull, 5, 6, &r64) || r64 != 0x10000000bull)
		return __LINE__;
	cn_cap_t c = { 2 }, back = { 0 };
	if (ktrpc_echo(1, c, &back) || back.name == 0 || back.name == 2)
		return __LINE__;
	uint32_t type, badge, obj = 0, obj2 = 0, obj3 = 0;
	if (cn_sys_cap_identify(back.name, &type, &badge) || type != CN_OBJ_SIG_CTX)
		return __LINE__;
	/* two names of one object: one token; another object: another */
	if (cn_sys_cap_identify_obj(back.name, &type, &badge, &obj) ||
	    cn_sys_cap_identify_obj(2, &type, &badge, &obj2) || obj == 0 || obj != obj2)
		return __LINE__;
	if (cn_sys_cap_identify_obj(1, &type, &badge, &obj3) || obj3 == obj)
		return __LINE__;
	if (ktrpc_none(1, &r) != CN_RPC_ERR_UNIMPLEMENTED)
		return __LINE__;
	cn_cap_t bad = { 200 };                /* an empty slot arrives as 0 */
	if (ktrpc_echo(1, bad, &back) != -55)
		return __LINE__;
	if (ktrpc_add(99, 1, 2, &r) != CN_ERR_CAP)
		return __LINE__;
	return 0;
}

int test_rpc_generated(void)
{
	struct kt_pd a, b;
	struct cn_fault f;
	uint32_t r = kt_sig_recv();
	uint32_t srv = spawn(&a, "rpc-server", rpc_server, 0, 5, 0, 0, 1);
	CHECK(srv);
	uint32_t caps[2] = { srv, kt_sig_ctx(r, 3) };
	uint32_t cl = spawn(&b, "rpc-client", rpc_client, 0, 5, caps, 2, 2);
	CHECK(cl);
	CHECK_EQ(wait_stop(cl, 2, &f), 0);
	kt_pd_destroy(&b);
	kt_pd_destroy(&a);
	cn_sys_destroy(caps[1]);
	cn_sys_destroy(r);
	return 0;
}

/* ------------------------------------------------------------ entrypoint */
#include <cn/entrypoint.h>

struct ep_obj_state { uint32_t base; uint32_t calls; };

static int e_add(void *ctx, uint32_t a, uint32_t b, uint32_t *r)
{
	struct ep_obj_state *s = ctx;
	s->calls++;
	*r = s->base + a + b;
	return 0;
}

/* object 27 shares the badge cache slot of object 11 (27 % 16 == 11); a
 * call with a == 99 dissolves it */
static struct cn_entrypoint ep;
static struct cn_rpc_object o27;

static int e_add_once(void *ctx, uint32_t a, uint32_t b, uint32_t *r)
{
	if (a == 99)
		cn_ep_dissolve(&ep, &o27);
	return e_add(ctx, a, b, r);
}

static void e_stop(void *ctx, uint32_t count)
{
	struct cn_entrypoint *ep = ctx;
	if (count)
		ep->stop = true;
}

/* caps: 1 receiver to bind; objects with badges 11, 12 and 27 */
static uint32_t ep_server(uint32_t arg)
{
	(void)arg;
	static const struct ktrpc_ops ops = { .add = e_add }, ops27 = { .add = e_add_once };
	static struct ep_obj_state s11 = { 0, 0 }, s12 = { 100, 0 }, s27 = { 1000, 0 };
	static struct cn_rpc_object o11 = { 11, ktrpc_dispatch_any, &ops, &s11, { 0, 0, 0, 0 } };
	static struct cn_rpc_object o12 = { 12, ktrpc_dispatch_any, &ops, &s12, { 0, 0, 0, 0 } };
	static struct cn_rpc_object dup = { 12, ktrpc_dispatch_any, &ops, &s12, { 0, 0, 0, 0 } };
	static struct cn_signal_handler stop = { 7, e_stop, &ep, { 0, 0, 0, 0 } };
	o27 = (struct cn_rpc_object){ 27, ktrpc_dispatch_any, &ops27, &s27, { 0, 0, 0, 0 } };
	cn_ep_init(&ep);
	if (cn_ep_manage(&ep, &o11) || cn_ep_manage(&ep, &o12) || cn_ep_manage(&ep, &o27))
		return __LINE__;
	if (cn_ep_manage(&ep, &dup) != CN_ERR_BUSY)
		return __LINE__;
	if (cn_ep_bind_signals(1) || cn_ep_handle_signal(&ep, &stop))
		return __LINE__;
	if (cn_ep_run(&ep))
		return __LINE__;
	/* every object served as often as called, the unbadged call and the
	 * one after 27 was dissolved counted as unknown */
	if (s11.calls != 3 || s12.calls != 1 || s27.calls != 2 || ep.unknown != 2)
		return __LINE__;
	return 0;
}

/* caps: 1 object 11, 2 object 12, 3 the thread without badge, 4 object 27 */
static uint32_t ep_client(uint32_t arg)
{
	(void)arg;
	uint32_t r = 0;
	if (ktrpc_add(1, 1, 2, &r) || r != 3)
		return __LINE__;
	if (ktrpc_add(2, 1, 2, &r) || r != 103)
		return __LINE__;
	if (ktrpc_add(3, 1, 2, &r) != CN_RPC_ERR_UNKNOWN_OBJECT)
		return __LINE__;
	/* 11 and 27 take turns in one cache slot */
	if (ktrpc_add(4, 1, 2, &r) || r != 1003)
		return __LINE__;
	if (ktrpc_add(1, 5, 5, &r) || r != 10)
		return __LINE__;
	if (ktrpc_add(4, 99, 0, &r) || r != 1099)        /* dissolves 27 */
		return __LINE__;
	if (ktrpc_add(4, 1, 1, &r) != CN_RPC_ERR_UNKNOWN_OBJECT)
		return __LINE__;
	if (ktrpc_add(1, 1, 1, &r) || r != 2)
		return __LINE__;
	return 0;
}

int test_rpc_entrypoint(void)
{
	struct kt_pd a, b;
	struct cn_fault f;
	uint32_t r = kt_sig_recv();
	uint32_t srv = spawn(&a, "ep", ep_server, 0, 5, &r, 1, 1);
	CHECK(srv);
	uint32_t o11 = 0, o12 = 0, o27 = 0;
	CHECK_EQ(cn_sys_cap_mint(srv, 11, &o11), CN_OK);
	CHECK_EQ(cn_sys_cap_mint(srv, 12, &o12), CN_OK);
	CHECK_EQ(cn_sys_cap_mint(srv, 27, &o27), CN_OK);
	uint32_t caps[4] = { o11, o12, srv, o27 };
	uint32_t cl = spawn(&b, "ep-client", ep_client, 0, 5, caps, 4, 2);
	CHECK(cl);
	CHECK_EQ(wait_stop(cl, 2, &f), 0);
	uint32_t ctx = kt_sig_ctx(r, 7);
	CHECK_EQ(cn_sys_signal_submit(ctx, 1), CN_OK);     /* the stop signal */
	CHECK_EQ(wait_stop(srv, 1, &f), 0);
	kt_pd_destroy(&b);
	kt_pd_destroy(&a);
	cn_sys_destroy(o11);
	cn_sys_destroy(o12);
	cn_sys_cap_drop(o27);
	cn_sys_destroy(ctx);
	cn_sys_destroy(r);
	return 0;
}
