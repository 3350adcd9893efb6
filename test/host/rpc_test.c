/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the RPC interface generator (<cn/rpc.h>): a test interface
 * is declared once; the generated client stubs talk to the generated
 * dispatcher through loopback transports: the full one (struct cn_rpc_msg)
 * that, like the kernel, gives the server its own names for transferred
 * capabilities, and the register one (struct cn_msg) that, like an
 * entrypoint, tries the register dispatch and falls back to the full one.
 */
#include <string.h>
#include <cn/rpc.h>
#include "check.h"

#define CALC_RPC(F0, F1, F2, F3, F4, F5) \
	F2(calc, add,    uint32_t, uint32_t, a, uint32_t, b) \
	F1(calc, twice,  uint64_t, uint64_t, v) \
	F0(calc, count,  uint32_t) \
	F1(calc, keep,   cn_cap_t, cn_cap_t, c) \
	F3(calc, mix,    int32_t,  int32_t, x, cn_cap_t, c, uint64_t, y) \
	F1(calc, fail,   uint32_t, int32_t, code) \
	F0(calc, absent, uint32_t) \
	F2(calc, strsum, uint32_t, const char *, a, const char *, b) \
	F5(calc, five,   uint32_t, uint32_t, a, const char *, s, cn_cap_t, c, uint64_t, d, uint32_t, e) \
	F1(calc, reset,  void, uint32_t, to) \
	F1(calc, note,   void, const char *, s)
CN_RPC_INTERFACE(calc, CALC_RPC)

/* ------------------------------------------------------------ server */
struct calc_state { uint32_t calls; uint32_t kept; };

static int do_add(void *ctx, uint32_t a, uint32_t b, uint32_t *r)
{ ((struct calc_state *)ctx)->calls++; *r = a + b; return 0; }
static int do_twice(void *ctx, uint64_t v, uint64_t *r)
{ ((struct calc_state *)ctx)->calls++; *r = 2 * v; return 0; }
static int do_count(void *ctx, uint32_t *r)
{ *r = ((struct calc_state *)ctx)->calls; return 0; }
static int do_keep(void *ctx, cn_cap_t c, cn_cap_t *r)
{ ((struct calc_state *)ctx)->kept = c.name; *r = c; return 0; }
static int do_mix(void *ctx, int32_t x, cn_cap_t c, uint64_t y, int32_t *r)
{ (void)ctx; *r = x + (int32_t)c.name + (int32_t)(y >> 32); return 0; }
static int do_fail(void *ctx, int32_t code, uint32_t *r)
{ (void)ctx; *r = 99; return code; }

/* result: length of a * 1000 + length of b; 'a' is remembered */
static char last_str[CN_RPC_STR_MAX + 1];
static int do_strsum(void *ctx, const char *a, const char *b, uint32_t *r)
{
	(void)ctx;
	*r = (uint32_t)(strlen(a) * 1000 + strlen(b));
	strcpy(last_str, a);
	return 0;
}
static int do_five(void *ctx, uint32_t a, const char *s, cn_cap_t c, uint64_t d, uint32_t e,
                   uint32_t *r)
{ (void)ctx; *r = a + (uint32_t)strlen(s) + c.name + (uint32_t)(d >> 32) + e; return 0; }

/* functions without a result: no result parameter at either end */
static int do_reset(void *ctx, uint32_t to)
{ ((struct calc_state *)ctx)->calls = to; return to == 666 ? -7 : 0; }
static int do_note(void *ctx, const char *s)
{ (void)ctx; strcpy(last_str, s); return 0; }

static const struct calc_ops ops = {
	.reset = do_reset, .note = do_note,
	.add = do_add, .twice = do_twice, .count = do_count, .keep = do_keep,
	.mix = do_mix, .fail = do_fail, .absent = NULL, .strsum = do_strsum, .five = do_five,
};
static struct calc_state state;

/* ------------------------------------------------------------ transport */
#define SERVER_CAP 7
static int transport_error;
static struct cn_rpc_msg last_call;

int cn_rpc_transport_call(uint32_t cap, struct cn_rpc_msg *m)
{
	if (transport_error)
		return transport_error;
	if (cap != SERVER_CAP)
		return -2;                       /* like CN_ERR_CAP */
	last_call = *m;
	for (uint32_t i = 0; i < m->ncaps; i++)
		m->caps[i] += 1000;              /* the receiver's names differ */
	calc_dispatch(&ops, &state, m);
	for (uint32_t i = 0; i < m->ncaps; i++)
		m->caps[i] += 1000;
	return 0;
}

/* the register transport: what an entrypoint does with such a call */
static int regs_calls, regs_declined, force_full;
static int tamper;                 /* 1: reply with one word too few; 2: one word too many;
                                      3: no words at all */

static void regs_to_msg(const struct cn_msg *k, struct cn_rpc_msg *m)
{
	cn_rpc_msg_init(m);
	for (uint32_t i = 0; i < CN_MSG_INFO_WORDS(k->info) && i < 4; i++)
		cn_rpc_put_word(m, k->w[i]);
}

int cn_rpc_transport_regs(uint32_t cap, struct cn_msg *k)
{
	if (transport_error)
		return transport_error;
	if (cap != SERVER_CAP)
		return -2;
	regs_calls++;
	regs_to_msg(k, &last_call);
	if (!force_full && k->info <= 4 &&
	    cn_rpc_dispatch_regs_done(k, calc_dispatch_any(&state, &ops, k, NULL))) {
		if (tamper)
			k->info = tamper == 1 ? k->info - 1 : tamper == 2 ? k->info + 1 : 0;
		return 0;
	}
	regs_declined++;
	struct cn_rpc_msg m;
	regs_to_msg(k, &m);
	calc_dispatch_any(&state, &ops, k, &m);
	CN_CHECK(m.words <= 4 && m.ncaps == 0);
	k->info = CN_MSG_INFO(m.words, 0);
	for (uint32_t i = 0; i < 4; i++)
		k->w[i] = i < m.words ? m.w[i] : 0;
	return 0;
}

/* ------------------------------------------------------------ cases */
static void typed_calls(void)
{
	uint32_t r32 = 0;
	uint64_t r64 = 0;
	CN_CHECK_EQ(calc_add(SERVER_CAP, 40, 2, &r32), 0);
	CN_CHECK_EQ(r32, 42u);
	CN_CHECK_EQ(calc_twice(SERVER_CAP, 0x180000000ull, &r64), 0);
	CN_CHECK(r64 == 0x300000000ull);
	CN_CHECK_EQ(calc_count(SERVER_CAP, &r32), 0);
	CN_CHECK_EQ(r32, 2u);
	CN_CHECK_EQ(calc_add(SERVER_CAP, 1, 1, NULL), 0);    /* result not wanted */
}

/* which functions take the register path: integers of up to 3 words in,
 * an integer out; and the register path's results equal the full path's */
static void register_path(void)
{
	uint32_t r32 = 0;
	uint64_t r64 = 0;
	cn_cap_t c = { 0 };
	int calls = regs_calls;
	CN_CHECK_EQ(calc_add(SERVER_CAP, 40, 2, &r32), 0);
	CN_CHECK_EQ(calc_twice(SERVER_CAP, 0x180000000ull, &r64), 0);
	CN_CHECK_EQ(calc_count(SERVER_CAP, &r32), 0);
	CN_CHECK_EQ(calc_fail(SERVER_CAP, -5, &r32), -5);
	CN_CHECK_EQ(regs_calls, calls + 4);
	CN_CHECK_EQ(regs_declined, 0);
	CN_CHECK_EQ(calc_keep(SERVER_CAP, (cn_cap_t){ 1 }, &c), 0);    /* capabilities */
	CN_CHECK_EQ(calc_strsum(SERVER_CAP, "a", "b", &r32), 0);        /* strings */
	CN_CHECK_EQ(regs_calls, calls + 4);
	CN_CHECK_EQ(last_call.words, 1u + 2 + 2);
	/* the same calls through the full dispatch give the same replies */
	for (force_full = 0; force_full < 2; force_full++) {
		CN_CHECK_EQ(calc_add(SERVER_CAP, 0xfffffff0u, 0x20, &r32), 0);
		CN_CHECK_EQ(r32, 0x10u);
		CN_CHECK_EQ(calc_twice(SERVER_CAP, 0x7fffffff80000001ull, &r64), 0);
		CN_CHECK(r64 == 0xffffffff00000002ull);
		CN_CHECK_EQ(calc_absent(SERVER_CAP, &r32), CN_RPC_ERR_UNIMPLEMENTED);
		r32 = 77;
		CN_CHECK_EQ(calc_fail(SERVER_CAP, -9, &r32), -9);
		CN_CHECK_EQ(r32, 77u);
	}
	CN_CHECK_EQ(regs_declined, 4);
	force_full = 0;
}

/* void results: the calls take no result pointer, the register path and
 * the full path give the same reply (a zero word), errors pass */
static void void_results(void)
{
	uint32_t r32 = 0;
	int calls = regs_calls;
	CN_CHECK_EQ(calc_reset(SERVER_CAP, 5), 0);
	CN_CHECK_EQ(regs_calls, calls + 1);
	CN_CHECK_EQ(calc_count(SERVER_CAP, &r32), 0);
	CN_CHECK_EQ(r32, 5u);
	CN_CHECK_EQ(calc_reset(SERVER_CAP, 666), -7);
	force_full = 1;
	CN_CHECK_EQ(calc_reset(SERVER_CAP, 9), 0);
	CN_CHECK_EQ(calc_reset(SERVER_CAP, 666), -7);
	force_full = 0;
	CN_CHECK_EQ(calc_note(SERVER_CAP, "noted"), 0);           /* full path: a string */
	CN_CHECK_STR(last_str, "noted");
	CN_CHECK_EQ(calc_reset(SERVER_CAP, 0), 0);
}

/* register replies a hostile server could send */
static void malformed_register_replies(void)
{
	uint32_t r32 = 5;
	uint64_t r64 = 5;
	tamper = 1;
	CN_CHECK_EQ(calc_add(SERVER_CAP, 1, 2, &r32), CN_RPC_ERR_MALFORMED);
	CN_CHECK_EQ(calc_twice(SERVER_CAP, 1, &r64), CN_RPC_ERR_MALFORMED);
	CN_CHECK_EQ(r32, 5u);
	tamper = 2;                                         /* extra words are ignored */
	CN_CHECK_EQ(calc_add(SERVER_CAP, 1, 2, &r32), 0);
	CN_CHECK_EQ(r32, 3u);
	tamper = 3;
	CN_CHECK_EQ(calc_add(SERVER_CAP, 1, 2, &r32), CN_RPC_ERR_MALFORMED);
	CN_CHECK_EQ(calc_fail(SERVER_CAP, -4, &r32), CN_RPC_ERR_MALFORMED);
	tamper = 2;
	CN_CHECK_EQ(calc_fail(SERVER_CAP, -4, &r32), -4);   /* the error word still counts */
	tamper = 0;
}

/* the register dispatch as an entrypoint uses it: true if it replied */
static bool regs(struct cn_msg *k)
{
	return cn_rpc_dispatch_regs_done(k, calc_dispatch_regs(&ops, &state, k));
}

/* hand-made register messages a hostile client could send */
static void malformed_registers(void)
{
	struct cn_msg k = { CN_MSG_INFO(2, 0), { calc_op_add, 1, 0, 0 } };  /* b missing */
	CN_CHECK(regs(&k));
	CN_CHECK_EQ(k.info, CN_MSG_INFO(1, 0));
	CN_CHECK_EQ((int)k.w[0], CN_RPC_ERR_MALFORMED);
	k = (struct cn_msg){ CN_MSG_INFO(4, 0), { calc_op_add, 1, 2, 99 } }; /* a word too many */
	CN_CHECK(regs(&k));
	CN_CHECK_EQ(k.info, CN_MSG_INFO(2, 0));
	CN_CHECK_EQ(k.w[0], 0u);
	CN_CHECK_EQ(k.w[1], 3u);
	k = (struct cn_msg){ CN_MSG_INFO(1, 0), { calc_op_twice, 0, 0, 0 } };
	CN_CHECK(regs(&k));
	CN_CHECK_EQ((int)k.w[0], CN_RPC_ERR_MALFORMED);
	k = (struct cn_msg){ CN_MSG_INFO(1, 0), { calc_op_absent, 0, 0, 0 } };
	CN_CHECK(regs(&k));
	CN_CHECK_EQ((int)k.w[0], CN_RPC_ERR_UNIMPLEMENTED);
	/* unknown opcodes and functions that do not fit are declined untouched */
	struct cn_msg u = { CN_MSG_INFO(1, 0), { 999, 5, 6, 7 } };
	k = u;
	CN_CHECK(!regs(&k));
	CN_CHECK(memcmp(&k, &u, sizeof(k)) == 0);
	k = u;
	k.w[0] = 0;
	CN_CHECK(!regs(&k));
	k = u;
	k.w[0] = calc_op_keep;
	CN_CHECK(!regs(&k));
	CN_CHECK(memcmp(&k.w[1], &u.w[1], 3 * sizeof(uint32_t)) == 0);
	k = u;
	k.w[0] = calc_op_strsum;
	CN_CHECK(!regs(&k));
}

static void message_layout(void)
{
	uint32_t r;
	CN_CHECK_EQ(calc_add(SERVER_CAP, 5, 6, &r), 0);
	CN_CHECK_EQ(last_call.words, 3u);          /* opcode, a, b */
	CN_CHECK_EQ(last_call.w[0], (uint32_t)calc_op_add);
	CN_CHECK_EQ(last_call.w[1], 5u);
	CN_CHECK_EQ(last_call.w[2], 6u);
	CN_CHECK_EQ(last_call.ncaps, 0u);
}

static void capabilities(void)
{
	cn_cap_t c = { 5 }, back = { 0 };
	CN_CHECK_EQ(calc_keep(SERVER_CAP, c, &back), 0);
	CN_CHECK_EQ(state.kept, 1005u);            /* the server's name */
	CN_CHECK_EQ(back.name, 2005u);             /* and ours for the returned one */
	int32_t r = 0;
	cn_cap_t d = { 1 };
	CN_CHECK_EQ(calc_mix(SERVER_CAP, -3, d, 7ull << 32, &r), 0);
	CN_CHECK_EQ(r, -3 + 1001 + 7);
	CN_CHECK_EQ(last_call.words, 4u);          /* opcode, x, y (two words) */
	CN_CHECK_EQ(last_call.ncaps, 1u);
}

static void errors(void)
{
	uint32_t r = 12345;
	CN_CHECK_EQ(calc_fail(SERVER_CAP, -42, &r), -42);   /* server's error comes back */
	CN_CHECK_EQ(r, 12345u);                           /* and no result */
	CN_CHECK_EQ(calc_fail(SERVER_CAP, 0, &r), 0);
	CN_CHECK_EQ(r, 99u);
	CN_CHECK_EQ(calc_absent(SERVER_CAP, &r), CN_RPC_ERR_UNIMPLEMENTED);
	CN_CHECK_EQ(calc_add(3, 1, 2, &r), -2);            /* transport error */
	transport_error = -7;
	CN_CHECK_EQ(calc_count(SERVER_CAP, &r), -7);
	transport_error = 0;
}

static void malformed_calls(void)
{
	/* hand-made messages a hostile client could send */
	struct cn_rpc_msg m;
	cn_rpc_msg_init(&m);
	calc_dispatch(&ops, &state, &m);                   /* empty */
	CN_CHECK_EQ(m.words, 1u);
	CN_CHECK_EQ((int)m.w[0], CN_RPC_ERR_UNKNOWN_FUNCTION);
	cn_rpc_msg_init(&m);
	cn_rpc_put_word(&m, 999);                          /* unknown opcode */
	calc_dispatch(&ops, &state, &m);
	CN_CHECK_EQ((int)m.w[0], CN_RPC_ERR_UNKNOWN_FUNCTION);
	cn_rpc_msg_init(&m);
	cn_rpc_put_word(&m, calc_op_add);
	cn_rpc_put_word(&m, 1);                            /* one argument short */
	calc_dispatch(&ops, &state, &m);
	CN_CHECK_EQ((int)m.w[0], CN_RPC_ERR_MALFORMED);
	cn_rpc_msg_init(&m);
	cn_rpc_put_word(&m, calc_op_keep);                 /* capability missing */
	calc_dispatch(&ops, &state, &m);
	CN_CHECK_EQ((int)m.w[0], CN_RPC_ERR_MALFORMED);
	cn_rpc_msg_init(&m);
	cn_rpc_put_word(&m, calc_op_count);
	m.words = 1000;                                    /* lies about its size */
	calc_dispatch(&ops, &state, &m);
	CN_CHECK_EQ((int)m.w[0], CN_RPC_ERR_MALFORMED);
}

static void overflow_refused(void)
{
	struct cn_rpc_msg m;
	cn_rpc_msg_init(&m);
	for (int i = 0; i < CN_RPC_MAX_WORDS + 1; i++)
		cn_rpc_put_word(&m, (uint32_t)i);
	CN_CHECK(m.overflow);
	CN_CHECK_EQ(m.words, (uint32_t)CN_RPC_MAX_WORDS);
}

static void strings(void)
{
	uint32_t r = 0;
	CN_CHECK_EQ(calc_strsum(SERVER_CAP, "label=\"a -> b\"", "", &r), 0);
	CN_CHECK_EQ(r, 14000u);
	CN_CHECK(strcmp(last_str, "label=\"a -> b\"") == 0);
	CN_CHECK_EQ(last_call.words, 1u + 1 + 4 + 1 + 1);   /* op, len+4 words, len+1 word */
	CN_CHECK_EQ(calc_strsum(SERVER_CAP, "abc", "abcd", &r), 0);
	CN_CHECK_EQ(r, 3004u);
	char big[CN_RPC_STR_MAX + 1];
	memset(big, 'x', CN_RPC_STR_MAX);
	big[CN_RPC_STR_MAX] = 0;
	CN_CHECK_EQ(calc_strsum(SERVER_CAP, big, big, &r), 0);   /* two at the limit fit */
	CN_CHECK_EQ(r, CN_RPC_STR_MAX * 1001u);
	char huge[CN_RPC_STR_MAX + 2];
	memset(huge, 'y', CN_RPC_STR_MAX + 1);
	huge[CN_RPC_STR_MAX + 1] = 0;
	CN_CHECK_EQ(calc_strsum(SERVER_CAP, huge, "", &r), CN_RPC_ERR_MALFORMED);
	CN_CHECK_EQ(calc_five(SERVER_CAP, 1, "xy", (cn_cap_t){ 3 }, 5ull << 32, 7, &r), 0);
	CN_CHECK_EQ(r, 1u + 2 + 1003 + 5 + 7);
}

static void malformed_strings(void)
{
	struct cn_rpc_msg m;
	cn_rpc_msg_init(&m);                               /* length beyond the message */
	cn_rpc_put_word(&m, calc_op_strsum);
	cn_rpc_put_word(&m, 40);
	cn_rpc_put_word(&m, 0x41414141);
	calc_dispatch(&ops, &state, &m);
	CN_CHECK_EQ((int)m.w[0], CN_RPC_ERR_MALFORMED);
	cn_rpc_msg_init(&m);                               /* not NUL-terminated */
	cn_rpc_put_word(&m, calc_op_strsum);
	cn_rpc_put_word(&m, 3);
	cn_rpc_put_word(&m, 0x41414141);
	cn_rpc_put_str(&m, "b");
	calc_dispatch(&ops, &state, &m);
	CN_CHECK_EQ((int)m.w[0], CN_RPC_ERR_MALFORMED);
	cn_rpc_msg_init(&m);                               /* absurd length */
	cn_rpc_put_word(&m, calc_op_strsum);
	cn_rpc_put_word(&m, 0xfffffffcu);
	calc_dispatch(&ops, &state, &m);
	CN_CHECK_EQ((int)m.w[0], CN_RPC_ERR_MALFORMED);
}

int main(void)
{
	cn_test_program = "rpc";
	CN_RUN(typed_calls);
	CN_RUN(message_layout);
	CN_RUN(register_path);
	CN_RUN(void_results);
	CN_RUN(malformed_registers);
	CN_RUN(malformed_register_replies);
	CN_RUN(capabilities);
	CN_RUN(errors);
	CN_RUN(malformed_calls);
	CN_RUN(overflow_refused);
	CN_RUN(strings);
	CN_RUN(malformed_strings);
	return CN_TEST_RESULT();
}
