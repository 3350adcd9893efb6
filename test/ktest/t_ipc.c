/* SPDX-License-Identifier: MIT */
/*
 * Kernel tests: IPC — message sizes up to the UTCB limit, capability
 * transfer (valid and invalid), sender queues, partners destroyed mid-call,
 * stale capabilities.
 */
#include "ktest.h"

/* replies with every word incremented; w[3] of a capability message carries
 * the types of the received capabilities */
static uint32_t echo_server(uint32_t arg)
{
	(void)arg;
	struct cn_msg m = { 0, { 0, 0, 0, 0 } };
	struct cn_utcb *u = cn_utcb();
	uint32_t badge;
	int reply = 0;
	for (;;) {
		if (cn_sys_reply_wait(reply, &m, &badge))
			return __LINE__;
		uint32_t n = CN_MSG_INFO_WORDS(m.info), nc = CN_MSG_INFO_CAPS(m.info);
		for (uint32_t i = 0; i < 4; i++)
			m.w[i]++;
		for (uint32_t i = 4; i < n; i++)
			u->msg[i]++;
		uint32_t out_caps = 0;
		if (nc) {
			/* report what arrived, send the first received cap back */
			uint32_t types = 0;
			for (uint32_t i = 0; i < nc; i++) {
				uint32_t type = 0, b;
				if (u->caps[i])
					cn_sys_cap_identify(u->caps[i], &type, &b);
				types |= type << (8 * i);
			}
			m.w[3] = types;
			m.w[2] = badge;
			if (u->caps[0]) {
				out_caps = 1;
			}
		}
		m.info = CN_MSG_INFO(n, out_caps);
		reply = 1;
	}
}

static uint32_t client_words(uint32_t server)
{
	static const uint32_t sizes[] = { 0, 1, 3, 4, 5, 17, 256, 1000, CN_MSG_WORDS_MAX };
	struct cn_utcb *u = cn_utcb();
	for (unsigned s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		uint32_t n = sizes[s];
		struct cn_msg m = { CN_MSG_INFO(n, 0), { n, n + 1, n + 2, n + 3 } };
		for (uint32_t i = 4; i < n; i++)
			u->msg[i] = i * 7 + n;
		if (cn_sys_call(server, &m))
			return __LINE__;
		if (CN_MSG_INFO_WORDS(m.info) != n || CN_MSG_INFO_CAPS(m.info))
			return __LINE__;
		for (uint32_t i = 0; i < 4; i++)
			if (m.w[i] != n + i + 1)
				return __LINE__;
		for (uint32_t i = 4; i < n; i++)
			if (u->msg[i] != i * 7 + n + 1)
				return __LINE__;
	}
	return 0;
}

/* every message size to a server of priority 'prio' on CPU 'cpu', from a
 * client of priority 5 on this CPU (0) */
static int ipc_words(uint32_t prio, uint32_t cpu)
{
	struct kt_pd a, b;
	struct cn_fault f;
	uint32_t srv = spawn(&a, "server", echo_server, 0, prio, 0, 0, 1);
	CHECK(srv);
	CHECK_EQ(cn_sys_thread_cpu(srv, cpu), CN_OK);
	uint32_t cl = spawn(&b, "client", client_words, 1, 5, &srv, 1, 2);
	CHECK(cl);
	CHECK_EQ(wait_stop(cl, 2, &f), 0);
	CHECK_EQ(f.type, CN_FAULT_STOP);
	CHECK_EQ(kt_pd_destroy(&b), CN_OK);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	return 0;
}

int test_ipc_words(void)
{
	return ipc_words(5, 0);
}

/* a server of lower priority than its client: the fast path queues it
 * instead of switching to it, and the reply switches back */
int test_ipc_words_low_server(void)
{
	return ipc_words(4, 0);
}

/* the server on another CPU: the fast path's hand-over (an IPI each way) */
int test_smp_ipc_words(void)
{
	return ipc_words(5, 1);
}

/* caps as for client_caps (below): one word and one cap, the context (the
 * fast path's case); the context comes back (the reply's slow path) */
static uint32_t client_one_cap(uint32_t arg)
{
	(void)arg;
	struct cn_utcb *u = cn_utcb();
	for (uint32_t k = 0; k < 10; k++) {
		struct cn_msg m = { CN_MSG_INFO(1, 1), { k, 0, 0, 0 } };
		u->caps[0] = 2;
		if (cn_sys_call(1, &m))
			return __LINE__;
		if (m.w[0] != k + 1 || m.w[3] != CN_OBJ_SIG_CTX || m.w[2] != 42)
			return __LINE__;
		uint32_t type, badge;
		if (CN_MSG_INFO_CAPS(m.info) != 1 || !u->caps[0] || u->caps[0] == 2 ||
		    cn_sys_cap_identify(u->caps[0], &type, &badge) || type != CN_OBJ_SIG_CTX)
			return __LINE__;
		cn_sys_cap_drop(u->caps[0]);   /* the returned copy's name */
	}
	return 0;
}

/* caps: 1 server (badge 42), 2 a signal context, 3 a receiver */
static uint32_t client_caps(uint32_t arg)
{
	(void)arg;
	struct cn_utcb *u = cn_utcb();
	struct cn_msg m = { CN_MSG_INFO(1, 2), { 0, 0, 0, 0 } };
	u->caps[0] = 2;
	u->caps[1] = 3;
	if (cn_sys_call(1, &m))
		return __LINE__;
	if (m.w[3] != (CN_OBJ_SIG_CTX | CN_OBJ_SIG_RECV << 8))
		return __LINE__;
	if (m.w[2] != 42)
		return __LINE__;                /* badge seen by the server */
	if (CN_MSG_INFO_CAPS(m.info) != 1 || u->caps[0] == 0)
		return __LINE__;
	uint32_t type, badge;
	if (cn_sys_cap_identify(u->caps[0], &type, &badge) || type != CN_OBJ_SIG_CTX)
		return __LINE__;
	if (u->caps[0] == 2)
		return __LINE__;                /* a new name for the returned copy */
	return 0;
}

/* a client with caps 1 server (badge 42), 2 a signal context, 3 a
 * receiver, calling a server on CPU 'cpu' */
static int ipc_caps(kt_fn client, uint32_t cpu)
{
	struct kt_pd a, b;
	struct cn_fault f;
	uint32_t srv = spawn(&a, "server", echo_server, 0, 5, 0, 0, 1);
	CHECK(srv);
	CHECK_EQ(cn_sys_thread_cpu(srv, cpu), CN_OK);
	uint32_t badged = 0;
	CHECK_EQ(cn_sys_cap_mint(srv, 42, &badged), CN_OK);
	uint32_t r = kt_sig_recv();
	uint32_t caps[3] = { badged, kt_sig_ctx(r, 9), r };
	uint32_t cl = spawn(&b, "client", client, 0, 5, caps, 3, 2);
	CHECK(cl);
	CHECK_EQ(wait_stop(cl, 2, &f), 0);
	CHECK_EQ(f.type, CN_FAULT_STOP);
	kt_pd_destroy(&b);
	kt_pd_destroy(&a);
	cn_sys_destroy(caps[1]);
	cn_sys_destroy(r);
	cn_sys_destroy(badged);
	return 0;
}

int test_ipc_caps(void)
{
	return ipc_caps(client_caps, 0);
}

/* one word and one cap (the fast path's case) to a server on another CPU */
int test_smp_ipc_cap(void)
{
	return ipc_caps(client_one_cap, 1);
}

static uint32_t client_cap_invalid(uint32_t arg)
{
	(void)arg;
	struct cn_utcb *u = cn_utcb();
	struct cn_msg m = { CN_MSG_INFO(0, 4), { 0, 0, 0, 0 } };
	u->caps[0] = 999;        /* out of range */
	u->caps[1] = 0;          /* the null name */
	u->caps[2] = 2;          /* valid: a context */
	u->caps[3] = 200;        /* empty slot */
	if (cn_sys_call(1, &m))
		return __LINE__;
	if (m.w[3] != (uint32_t)(CN_OBJ_SIG_CTX << 16))
		return __LINE__;
	if (CN_MSG_INFO_CAPS(m.info) != 0)
		return __LINE__;     /* server's first cap was invalid: nothing back */
	return 0;
}

int test_ipc_cap_invalid(void)
{
	struct kt_pd a, b;
	struct cn_fault f;
	uint32_t srv = spawn(&a, "server", echo_server, 0, 5, 0, 0, 1);
	uint32_t r = kt_sig_recv();
	uint32_t caps[2] = { srv, kt_sig_ctx(r, 1) };
	uint32_t cl = spawn(&b, "client", client_cap_invalid, 0, 5, caps, 2, 2);
	CHECK(srv && cl);
	CHECK_EQ(wait_stop(cl, 2, &f), 0);
	kt_pd_destroy(&b);
	kt_pd_destroy(&a);
	cn_sys_destroy(caps[1]);
	cn_sys_destroy(r);
	return 0;
}

static uint32_t client_once(uint32_t v)
{
	struct cn_msg m = { CN_MSG_INFO(1, 0), { v, 0, 0, 0 } };
	int err = cn_sys_call(1, &m);
	if (err)
		return (uint32_t)err & 0xffff;
	return m.w[0] == v + 1 ? 0 : __LINE__;
}

int test_ipc_queue(void)
{
	/* three clients queue on a lower-priority server */
	struct kt_pd a, c[3];
	struct cn_fault f;
	uint32_t srv = spawn(&a, "server", echo_server, 0, 3, 0, 0, 1);
	CHECK(srv);
	uint32_t t[3];
	for (unsigned i = 0; i < 3; i++) {
		t[i] = spawn(&c[i], "client", client_once, 100 * i, 5, &srv, 1, 2 + i);
		CHECK(t[i]);
	}
	for (unsigned i = 0; i < 3; i++)
		CHECK_EQ(wait_stop(t[i], 2 + i, &f), 0);
	for (unsigned i = 0; i < 3; i++)
		kt_pd_destroy(&c[i]);
	kt_pd_destroy(&a);
	return 0;
}

/* takes one call and never replies: waits on its receiver (cap 1) */
static uint32_t sink_server(uint32_t arg)
{
	(void)arg;
	struct cn_msg m = { 0, { 0, 0, 0, 0 } };
	uint32_t badge, imp, cnt;
	if (cn_sys_reply_wait(0, &m, &badge))
		return __LINE__;
	cn_sys_signal_wait(1, &imp, &cnt);
	return 0;
}

int test_ipc_callee_destroyed(void)
{
	struct kt_pd a, b, c;
	struct cn_fault f;
	uint32_t r = kt_sig_recv();
	uint32_t srv = spawn(&a, "sink", sink_server, 0, 5, &r, 1, 1);
	uint32_t cl1 = spawn(&b, "client1", client_once, 1, 5, &srv, 1, 2);
	uint32_t cl2 = spawn(&c, "client2", client_once, 2, 5, &srv, 1, 3);
	CHECK(srv && cl1 && cl2);
	/* client 1 waits for the reply, client 2 in the sender queue */
	WAIT_STATE(cl1, CN_THREAD_REPLY);
	WAIT_STATE(cl2, CN_THREAD_SEND);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	CHECK_EQ(wait_stop(cl1, 2, &f), (uint32_t)CN_ERR_DEAD & 0xffff);
	CHECK_EQ(wait_stop(cl2, 3, &f), (uint32_t)CN_ERR_DEAD & 0xffff);
	kt_pd_destroy(&b);
	kt_pd_destroy(&c);
	cn_sys_destroy(r);
	return 0;
}

/* caps: 1 go receiver, 2 context to tell the driver a call arrived */
static uint32_t patient_server(uint32_t arg)
{
	(void)arg;
	struct cn_msg m = { 0, { 0, 0, 0, 0 } };
	uint32_t badge, imp, cnt;
	if (cn_sys_reply_wait(0, &m, &badge))
		return __LINE__;
	cn_sys_signal_submit(2, 1);
	cn_sys_signal_wait(1, &imp, &cnt);
	/* the caller is gone now: the reply goes nowhere, the wait goes on */
	m.info = CN_MSG_INFO(1, 0);
	m.w[0]++;
	if (cn_sys_reply_wait(1, &m, &badge))
		return __LINE__;
	m.w[0]++;
	if (cn_sys_reply_wait(1, &m, &badge))
		return __LINE__;
	return 0;
}

int test_ipc_caller_destroyed(void)
{
	struct kt_pd a, b, c;
	struct cn_fault f;
	uint32_t go = kt_sig_recv();
	uint32_t caps[2] = { go, kt_sig_ctx(env.recv, 7) };
	uint32_t srv = spawn(&a, "server", patient_server, 0, 5, caps, 2, 1);
	CHECK(srv);
	uint32_t cl1 = spawn(&b, "client1", client_once, 1, 5, &srv, 1, 2);
	CHECK(cl1);
	CHECK_EQ(kt_wait(env.recv, env.tmo, 1000000, 0), 7);   /* the call arrived */
	CHECK_EQ(kt_pd_destroy(&b), CN_OK);
	uint32_t goctx = kt_sig_ctx(go, 1);
	cn_sys_signal_submit(goctx, 1);
	uint32_t cl2 = spawn(&c, "client2", client_once, 10, 5, &srv, 1, 3);
	CHECK(cl2);
	CHECK_EQ(wait_stop(cl2, 3, &f), 0);
	kt_pd_destroy(&c);
	kt_pd_destroy(&a);
	cn_sys_destroy(goctx);
	cn_sys_destroy(caps[1]);
	cn_sys_destroy(go);
	return 0;
}

/* caps: 1 server, 2 go receiver */
static uint32_t client_stale(uint32_t arg)
{
	(void)arg;
	uint32_t imp, cnt, type, badge;
	if (cn_sys_cap_identify(1, &type, &badge) || type != CN_OBJ_THREAD)
		return __LINE__;
	cn_sys_signal_wait(2, &imp, &cnt);
	struct cn_msg m = { 0, { 0, 0, 0, 0 } };
	if (cn_sys_call(1, &m) != CN_ERR_CAP)
		return __LINE__;
	if (cn_sys_cap_identify(1, &type, &badge) != CN_ERR_CAP)
		return __LINE__;
	cn_sys_cap_drop(1);
	if (cn_sys_call(1, &m) != CN_ERR_CAP)
		return __LINE__;
	return 0;
}

int test_ipc_stale_cap(void)
{
	struct kt_pd a, b;
	struct cn_fault f;
	uint32_t srv = spawn(&a, "server", echo_server, 0, 5, 0, 0, 1);
	uint32_t go = kt_sig_recv();
	uint32_t caps[2] = { srv, go };
	uint32_t cl = spawn(&b, "client", client_stale, 0, 5, caps, 2, 2);
	CHECK(srv && cl);
	WAIT_STATE(cl, CN_THREAD_SIGNAL);
	CHECK_EQ(kt_pd_destroy(&a), CN_OK);
	uint32_t ctx = kt_sig_ctx(go, 1);
	cn_sys_signal_submit(ctx, 1);
	CHECK_EQ(wait_stop(cl, 2, &f), 0);
	kt_pd_destroy(&b);
	cn_sys_destroy(ctx);
	cn_sys_destroy(go);
	return 0;
}

/* caps: 1 go receiver, 2 itself */
static uint32_t self_caller(uint32_t arg)
{
	(void)arg;
	uint32_t imp, cnt;
	cn_sys_signal_wait(1, &imp, &cnt);
	struct cn_msg m = { 0, { 0, 0, 0, 0 } };
	return cn_sys_call(2, &m) == CN_ERR_INVALID ? 0 : __LINE__;
}

int test_ipc_self_call(void)
{
	struct kt_pd a;
	struct cn_fault f;
	uint32_t go = kt_sig_recv();
	uint32_t t = spawn(&a, "self", self_caller, 0, 5, &go, 1, 1);
	CHECK(t);
	CHECK_EQ(kt_give(&a, t), 2);
	uint32_t ctx = kt_sig_ctx(go, 1);
	cn_sys_signal_submit(ctx, 1);
	CHECK_EQ(wait_stop(t, 1, &f), 0);
	kt_pd_destroy(&a);
	cn_sys_destroy(ctx);
	cn_sys_destroy(go);
	return 0;
}

/* takes a call, then waits for the next one without replying */
static uint32_t forgetful_server(uint32_t arg)
{
	(void)arg;
	struct cn_msg m = { 0, { 0, 0, 0, 0 } };
	uint32_t badge;
	if (cn_sys_reply_wait(0, &m, &badge))
		return __LINE__;
	cn_sys_reply_wait(0, &m, &badge);
	return 0;
}

int test_ipc_no_reply(void)
{
	struct kt_pd a, b;
	struct cn_fault f;
	uint32_t srv = spawn(&a, "server", forgetful_server, 0, 5, 0, 0, 1);
	uint32_t cl = spawn(&b, "client", client_once, 1, 5, &srv, 1, 2);
	CHECK(srv && cl);
	CHECK_EQ(wait_stop(cl, 2, &f), (uint32_t)CN_ERR_NOREPLY & 0xffff);
	kt_pd_destroy(&b);
	kt_pd_destroy(&a);
	return 0;
}
