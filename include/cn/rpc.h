/* SPDX-License-Identifier: MIT */
/*
 * RPC interfaces declared once. An interface is an X-macro list of its
 * functions; CN_RPC_INTERFACE() turns it into opcodes, typed client stubs,
 * a table of server handlers and the server's dispatch function, so nobody
 * marshals by hand. Arguments are word-sized integers, 64-bit integers,
 * capabilities (cn_cap_t) or strings (const char *, at most CN_RPC_STR_MAX
 * bytes, copied; valid in the server until the handler returns). Results are
 * integers or capabilities (not strings), or void: then neither the client
 * stub nor the handler has a result parameter. Every function returns an
 * error code (0 = success) and its result. F0..F5 declare functions with
 * 0..5 arguments.
 *
 *   #define CALC_RPC(F0, F1, F2, F3, F4, F5) \
 *       F2(calc, add,   uint32_t, uint32_t, a, uint32_t, b) \
 *       F1(calc, twice, uint64_t, uint64_t, v) \
 *       F0(calc, count, uint32_t) \
 *       F1(calc, keep,  cn_cap_t, cn_cap_t, c)
 *   CN_RPC_INTERFACE(calc, CALC_RPC)
 *
 * gives, for the client,  int calc_add(uint32_t cap, uint32_t a, uint32_t b,
 * uint32_t *result)  (result may be NULL), and for the server
 *   struct calc_ops { int (*add)(void *ctx, uint32_t a, uint32_t b, uint32_t *result); ... };
 *   void calc_dispatch(const struct calc_ops *ops, void *ctx, struct cn_rpc_msg *m);
 *   int  calc_dispatch_regs(const struct calc_ops *ops, void *ctx, struct cn_msg *k);
 *   int  calc_dispatch_any(void *ctx, const void *ops, struct cn_msg *k, struct cn_rpc_msg *m);
 * calc_dispatch() decodes a call in *m, runs the handler and leaves the reply
 * in *m. calc_dispatch_regs() does the same for a call that came entirely in
 * the message registers (*k, no capabilities, at most 4 words): it returns 0
 * with the success reply in *k, or an error value for which the caller
 * writes the error reply (cn_rpc_dispatch_regs_done() does both), or
 * CN_RPC_DISPATCH_FULL, touching nothing, for an unknown opcode or a
 * function whose arguments or result do not fit the registers. The success
 * reply is written before the handler runs, so a handler with a one-word
 * result is entered by a tail call and writes it straight into the reply.
 * calc_dispatch_any() is what an entrypoint calls (context first, as the
 * handlers take it): with m NULL it is calc_dispatch_regs(), else
 * calc_dispatch() (then it returns 0).
 *
 * Wire format (the same on both paths): word 0 the opcode, then the
 * arguments in order (64-bit ones as two words, low first, strings as a
 * length word and the bytes), capabilities in the capability slots; the
 * reply has the error code in word 0 and, on success, the result.
 *
 * Fast path: a function whose arguments are integers of at most 3 words in
 * all, with an integer result, is called straight through the message
 * registers: the stub fills a struct cn_msg and calls
 * cn_rpc_transport_regs() (the kernel's CN_SYS_CALL, inline), the server's
 * dispatch reads the arguments from the registers and writes the reply
 * there. Nothing goes through memory buffers or the UTCB. Every other
 * function takes the full path: the stub marshals a struct cn_rpc_msg and
 * sends it with cn_rpc_transport_call() (lib/base/rpc.c: words 0-3 in the
 * registers, the rest in the UTCB, capabilities translated by the kernel).
 * A host test provides both transports itself. A server loop of its own
 * turns each received kernel message into a struct cn_rpc_msg with
 * cn_rpc_from_kernel(), dispatches, and replies with cn_rpc_to_kernel().
 */
#ifndef CN_RPC_H
#define CN_RPC_H

#include <stdint.h>
#include <stdbool.h>
#include <cn/syscall.h>
#include <cn/errors.h>

typedef struct { uint32_t name; } cn_cap_t;   /* a capability argument */

/* 8 words of integers plus room for string arguments */
#define CN_RPC_STR_MAX   256     /* bytes of one string argument, without the NUL */
#define CN_RPC_MAX_WORDS 160
#define CN_RPC_MAX_CAPS  4

/* RPC-level errors: CN_RPC_ERR_* in <cn/errors.h> */

struct cn_rpc_msg {
	uint32_t words;
	uint32_t w[CN_RPC_MAX_WORDS];
	uint32_t ncaps;
	uint32_t caps[CN_RPC_MAX_CAPS];
	bool     overflow;          /* more than fits was put */
};

/* Send *m as a call through capability 'cap'; the reply replaces *m.
 * Returns 0 or a transport (kernel) error. */
int cn_rpc_transport_call(uint32_t cap, struct cn_rpc_msg *m);

/* Send the register message *k through capability 'cap'; the reply replaces
 * it. On the target the kernel call itself, inline; a host test defines it. */
#ifdef __arm__
#include <cn/sys.h>
static inline int cn_rpc_transport_regs(uint32_t cap, struct cn_msg *k)
{
	return cn_sys_call(cap, k);
}
#else
int cn_rpc_transport_regs(uint32_t cap, struct cn_msg *k);
#endif

/* conversion to and from a kernel message (lib/base/rpc.c) */
void cn_rpc_to_kernel(const struct cn_rpc_msg *m, struct cn_msg *k);
void cn_rpc_from_kernel(const struct cn_msg *k, struct cn_rpc_msg *m);

/* ---------------------------------------------------------- marshalling */
static inline void cn_rpc_msg_init(struct cn_rpc_msg *m)
{
	m->words = 0;
	m->ncaps = 0;
	m->overflow = false;
}

static inline void cn_rpc_put_word(struct cn_rpc_msg *m, uint32_t v)
{
	if (m->words < CN_RPC_MAX_WORDS)
		m->w[m->words++] = v;
	else
		m->overflow = true;
}

static inline void cn_rpc_put_u64(struct cn_rpc_msg *m, uint64_t v)
{
	cn_rpc_put_word(m, (uint32_t)v);
	cn_rpc_put_word(m, (uint32_t)(v >> 32));
}

static inline void cn_rpc_put_cap(struct cn_rpc_msg *m, cn_cap_t c)
{
	if (m->ncaps < CN_RPC_MAX_CAPS)
		m->caps[m->ncaps++] = c.name;
	else
		m->overflow = true;
}

/* a string: its length, then its bytes with at least one NUL, word padded */
static inline void cn_rpc_put_str(struct cn_rpc_msg *m, const char *s)
{
	uint32_t len = 0;
	while (s && len <= CN_RPC_STR_MAX && s[len])
		len++;
	uint32_t nw = (len + 4) / 4;
	if (len > CN_RPC_STR_MAX || m->words + 1 + nw > CN_RPC_MAX_WORDS) {
		m->overflow = true;
		return;
	}
	m->w[m->words++] = len;
	m->w[m->words + nw - 1] = 0;
	char *d = (char *)&m->w[m->words];
	for (uint32_t i = 0; i < len; i++)
		d[i] = s[i];
	d[len] = 0;
	m->words += nw;
}

#define CN_RPC_PUT(m, v) _Generic((v), \
	cn_cap_t: cn_rpc_put_cap, \
	const char *: cn_rpc_put_str, \
	char *: cn_rpc_put_str, \
	uint64_t: cn_rpc_put_u64, \
	int64_t:  cn_rpc_put_u64, \
	default:  cn_rpc_put_word)(m, v)

/* reading a message in order; 'bad' is set when something is missing */
struct cn_rpc_reader {
	const struct cn_rpc_msg *m;
	uint32_t wi, ci;
	bool     bad;
};

static inline struct cn_rpc_reader cn_rpc_reader(const struct cn_rpc_msg *m, uint32_t first_word)
{
	struct cn_rpc_reader r = { m, first_word, 0, m->words > CN_RPC_MAX_WORDS ||
	                           m->ncaps > CN_RPC_MAX_CAPS };
	return r;
}

static inline uint32_t cn_rpc_get_word(struct cn_rpc_reader *r)
{
	if (r->bad || r->wi >= r->m->words) {
		r->bad = true;
		return 0;
	}
	return r->m->w[r->wi++];
}

static inline uint64_t cn_rpc_get_u64(struct cn_rpc_reader *r)
{
	uint64_t lo = cn_rpc_get_word(r);
	return lo | ((uint64_t)cn_rpc_get_word(r) << 32);
}

static inline cn_cap_t cn_rpc_get_cap(struct cn_rpc_reader *r)
{
	cn_cap_t c = { 0 };
	if (r->bad || r->ci >= r->m->ncaps)
		r->bad = true;
	else
		c.name = r->m->caps[r->ci++];
	return c;
}

/* a string argument: points into the message (NUL-terminated) */
static inline const char *cn_rpc_get_str(struct cn_rpc_reader *r)
{
	uint32_t len = cn_rpc_get_word(r);
	uint32_t nw = (len + 4) / 4;
	if (r->bad || len > CN_RPC_STR_MAX || r->wi + nw > r->m->words) {
		r->bad = true;
		return "";
	}
	const char *s = (const char *)&r->m->w[r->wi];
	r->wi += nw;
	if (s[len]) {
		r->bad = true;
		return "";
	}
	return s;
}

/* the value of type T next in the message */
#define CN_RPC_GET(r, T) _Generic((T){ 0 }, \
	cn_cap_t: cn_rpc_get_cap, \
	const char *: cn_rpc_get_str, \
	uint64_t: cn_rpc_get_u64, \
	int64_t:  cn_rpc_get_u64, \
	default:  cn_rpc_get_word)(r)

/* a reply: error code in word 0, then the result */
static inline void cn_rpc_reply_error(struct cn_rpc_msg *m, int err)
{
	cn_rpc_msg_init(m);
	cn_rpc_put_word(m, (uint32_t)err);
}

/* ---------------------------------------------------------- registers */
/* Words a value of type T takes in a message; capabilities and strings
 * count as more than the registers hold (they never take the fast path). */
#define CN_RPC_NW(T) _Generic((T){ 0 }, \
	cn_cap_t: 8, const char *: 8, char *: 8, uint64_t: 2, int64_t: 2, default: 1)
/* a function whose arguments (nw words) and result R fit the registers */
#define CN_RPC_FITS(nw, R) ((nw) <= 3 && CN_RPC_NW(R) <= 3)

/* put v at word i of the registers (i is a constant; the mask only keeps
 * code for functions that do not fit, which never runs, inside w[]) */
static inline void cn_rpc_reg_put_word(uint32_t *w, unsigned i, uint32_t v) { w[i & 3] = v; }
static inline void cn_rpc_reg_put_u64(uint32_t *w, unsigned i, uint64_t v)
{
	w[i & 3] = (uint32_t)v;
	w[(i + 1) & 3] = (uint32_t)(v >> 32);
}
static inline void cn_rpc_reg_put_none(uint32_t *w, unsigned i, cn_cap_t v)
{ (void)w; (void)i; (void)v; }
static inline void cn_rpc_reg_put_nostr(uint32_t *w, unsigned i, const char *v)
{ (void)w; (void)i; (void)v; }

#define CN_RPC_REG_PUT(w, i, v) _Generic((v), \
	cn_cap_t: cn_rpc_reg_put_none, \
	const char *: cn_rpc_reg_put_nostr, \
	char *: cn_rpc_reg_put_nostr, \
	uint64_t: cn_rpc_reg_put_u64, \
	int64_t:  cn_rpc_reg_put_u64, \
	default:  cn_rpc_reg_put_word)(w, i, v)

static inline uint32_t cn_rpc_reg_get_word(const uint32_t *w, unsigned i) { return w[i & 3]; }
static inline uint64_t cn_rpc_reg_get_u64(const uint32_t *w, unsigned i)
{
	return w[i & 3] | ((uint64_t)w[(i + 1) & 3] << 32);
}
static inline cn_cap_t cn_rpc_reg_get_none(const uint32_t *w, unsigned i)
{
	(void)w; (void)i;
	return (cn_cap_t){ 0 };
}
static inline const char *cn_rpc_reg_get_nostr(const uint32_t *w, unsigned i)
{
	(void)w; (void)i;
	return "";
}

#define CN_RPC_REG_GET(w, i, T) _Generic((T){ 0 }, \
	cn_cap_t: cn_rpc_reg_get_none, \
	const char *: cn_rpc_reg_get_nostr, \
	uint64_t: cn_rpc_reg_get_u64, \
	int64_t:  cn_rpc_reg_get_u64, \
	default:  cn_rpc_reg_get_word)(w, i)

/* what a register dispatch returns when the call needs the full path (no
 * handler returns it: handlers return 0 or an error value) */
#define CN_RPC_DISPATCH_FULL ((int)0x80000000)

__attribute__((unused, noinline, cold)) static void cn_rpc_regs_error(struct cn_msg *k, int err)
{
	k->info = CN_MSG_INFO(1, 0);
	k->w[0] = (uint32_t)err;
}

/* after a register dispatch returned r: false if the call needs the full
 * path, else true with the reply in *k (an error reply for r != 0) */
static inline bool cn_rpc_dispatch_regs_done(struct cn_msg *k, int r)
{
	if (__builtin_expect(r == 0, 1))
		return true;
	if (r == CN_RPC_DISPATCH_FULL)
		return false;
	cn_rpc_regs_error(k, r);
	return true;
}

/* ---------------------------------------------------------- void results */
/* A function declared with result type void has no result parameter at
 * either end (client: int calc_reset(cap, a); handler: int (*reset)(void *,
 * a)); on the wire its reply carries a zero word like a uint32_t result, so
 * the register paths stay the same. CN_RPC_T(R) is the wire type. */
#define CN_RPC_CAT_(a, b) a##b
#define CN_RPC_CAT(a, b) CN_RPC_CAT_(a, b)
#define CN_RPC_SECOND_(a, b, ...) b
#define CN_RPC_SECOND(...) CN_RPC_SECOND_(__VA_ARGS__)
#define CN_RPC_PROBE_void ~, 1
#define CN_RPC_IS_VOID(R) CN_RPC_SECOND(CN_RPC_CAT_(CN_RPC_PROBE_, R), 0, ~)
#define CN_RPC_IF_0(t, e) e
#define CN_RPC_IF_1(t, e) t
#define CN_RPC_IF_VOID(R) CN_RPC_CAT(CN_RPC_IF_, CN_RPC_IS_VOID(R))
#define CN_RPC_T(R) CN_RPC_IF_VOID(R)(uint32_t, R)
/* a parameter list (P, in parentheses) with the result pointer appended
 * unless R is void */
#define CN_RPC_ADD_RES_(R, ...) (__VA_ARGS__, R *result_)
#define CN_RPC_SIG(R, P) CN_RPC_IF_VOID(R)(P, CN_RPC_ADD_RES_(R, CN_RPC_ID_ P))
#define CN_RPC_NOTHING_
#define CN_RPC_RES_V_ , &v_
#define CN_RPC_RES_REG1_(T) , (T *)(void *)&k_->w[1]
/* the result argument of a handler call (none for void) */
#define CN_RPC_RESARG(R) CN_RPC_IF_VOID(R)(CN_RPC_NOTHING_, CN_RPC_RES_V_)
/* a client stub of a void function has a NULL result pointer inside */
#define CN_RPC_VOIDRES(R) CN_RPC_IF_VOID(R)(uint32_t *result_ = 0;, )

/* ---------------------------------------------------------- generation */
#define CN_RPC_OP_(I, N)  I##_op_##N,
#define CN_RPC_OP0(I, N, R)                         CN_RPC_OP_(I, N)
#define CN_RPC_OP1(I, N, R, T1, A1)                 CN_RPC_OP_(I, N)
#define CN_RPC_OP2(I, N, R, T1, A1, T2, A2)         CN_RPC_OP_(I, N)
#define CN_RPC_OP3(I, N, R, T1, A1, T2, A2, T3, A3) CN_RPC_OP_(I, N)
#define CN_RPC_OP4(I, N, R, T1, A1, T2, A2, T3, A3, T4, A4) CN_RPC_OP_(I, N)
#define CN_RPC_OP5(I, N, R, T1, A1, T2, A2, T3, A3, T4, A4, T5, A5) CN_RPC_OP_(I, N)

/* client side: marshal, call, unmarshal */
#define CN_RPC_CALL_(I, N, R, PUTS) \
	struct cn_rpc_msg m_; \
	cn_rpc_msg_init(&m_); \
	cn_rpc_put_word(&m_, I##_op_##N); \
	PUTS \
	if (m_.overflow) \
		return CN_RPC_ERR_MALFORMED; \
	int err_ = cn_rpc_transport_call(cap_, &m_); \
	if (err_) \
		return err_; \
	struct cn_rpc_reader r_ = cn_rpc_reader(&m_, 0); \
	int res_ = (int)cn_rpc_get_word(&r_); \
	if (r_.bad) \
		return CN_RPC_ERR_MALFORMED; \
	if (res_) \
		return res_; \
	R v_ = CN_RPC_GET(&r_, R); \
	if (r_.bad) \
		return CN_RPC_ERR_MALFORMED; \
	if (result_) \
		*result_ = v_; \
	return 0;

/* a register reply that is not the expected plain success: the server's
 * error, CN_RPC_ERR_MALFORMED if words are missing, or 0 (the result is
 * there after all, e.g. with words to spare) */
__attribute__((unused, noinline, cold)) static int cn_rpc_reply_regs_check(uint32_t info,
                                                                           uint32_t err,
                                                                           uint32_t words)
{
	if (CN_MSG_INFO_WORDS(info) < 1)
		return CN_RPC_ERR_MALFORMED;
	if (err)
		return (int)err;
	return CN_MSG_INFO_WORDS(info) < words ? CN_RPC_ERR_MALFORMED : 0;
}

/* client side, fast path: arguments and result in the registers; PUTS is
 * the list of CN_RPC_REG_PUT()s, NW the number of argument words */
#define CN_RPC_CALL_REGS_(I, N, R, NW, PUTS) \
	struct cn_msg k_ = { CN_MSG_INFO(1 + (NW), 0), { I##_op_##N, 0, 0, 0 } }; \
	PUTS \
	int e_ = cn_rpc_transport_regs(cap_, &k_); \
	if (__builtin_expect(e_ != 0, 0)) \
		return e_; \
	if (__builtin_expect(((k_.info ^ CN_MSG_INFO(1u + CN_RPC_NW(R), 0)) | k_.w[0]) != 0, 0)) { \
		e_ = cn_rpc_reply_regs_check(k_.info, k_.w[0], 1u + CN_RPC_NW(R)); \
		if (e_) \
			return e_; \
	} \
	if (result_) \
		*result_ = CN_RPC_REG_GET(k_.w, 1, R); \
	return 0;

/* word offsets of the arguments in a register message */
#define CN_RPC_P2_(T1)              (1u + CN_RPC_NW(T1))
#define CN_RPC_P3_(T1, T2)          (CN_RPC_P2_(T1) + CN_RPC_NW(T2))
#define CN_RPC_P4_(T1, T2, T3)      (CN_RPC_P3_(T1, T2) + CN_RPC_NW(T3))
#define CN_RPC_P5_(T1, T2, T3, T4)  (CN_RPC_P4_(T1, T2, T3) + CN_RPC_NW(T4))

/* a stub: the fast path when the function fits the registers (decided at
 * compile time), else the full path */
#define CN_RPC_STUB_(I, N, R, PARAMS, NW, REGPUTS, PUTS) \
	static inline int I##_##N CN_RPC_SIG(R, PARAMS) \
	{ \
		CN_RPC_VOIDRES(R) \
		if (CN_RPC_FITS(NW, CN_RPC_T(R))) { \
			CN_RPC_CALL_REGS_(I, N, CN_RPC_T(R), NW, REGPUTS) \
		} \
		CN_RPC_CALL_(I, N, CN_RPC_T(R), PUTS) \
	}

#define CN_RPC_CLIENT0(I, N, R) \
	CN_RPC_STUB_(I, N, R, (uint32_t cap_), 0u, , )
#define CN_RPC_CLIENT1(I, N, R, T1, A1) \
	CN_RPC_STUB_(I, N, R, (uint32_t cap_, T1 A1), CN_RPC_P2_(T1) - 1u, \
	             CN_RPC_REG_PUT(k_.w, 1, A1);, \
	             CN_RPC_PUT(&m_, A1);)
#define CN_RPC_CLIENT2(I, N, R, T1, A1, T2, A2) \
	CN_RPC_STUB_(I, N, R, (uint32_t cap_, T1 A1, T2 A2), CN_RPC_P3_(T1, T2) - 1u, \
	             CN_RPC_REG_PUT(k_.w, 1, A1); CN_RPC_REG_PUT(k_.w, CN_RPC_P2_(T1), A2);, \
	             CN_RPC_PUT(&m_, A1); CN_RPC_PUT(&m_, A2);)
#define CN_RPC_CLIENT3(I, N, R, T1, A1, T2, A2, T3, A3) \
	CN_RPC_STUB_(I, N, R, (uint32_t cap_, T1 A1, T2 A2, T3 A3), \
	             CN_RPC_P4_(T1, T2, T3) - 1u, \
	             CN_RPC_REG_PUT(k_.w, 1, A1); CN_RPC_REG_PUT(k_.w, CN_RPC_P2_(T1), A2); \
	             CN_RPC_REG_PUT(k_.w, CN_RPC_P3_(T1, T2), A3);, \
	             CN_RPC_PUT(&m_, A1); CN_RPC_PUT(&m_, A2); CN_RPC_PUT(&m_, A3);)
/* four or five arguments take at least 4 words: always the full path */
#define CN_RPC_CLIENT4(I, N, R, T1, A1, T2, A2, T3, A3, T4, A4) \
	static inline int I##_##N CN_RPC_SIG(R, (uint32_t cap_, T1 A1, T2 A2, T3 A3, T4 A4)) \
	{ CN_RPC_VOIDRES(R) CN_RPC_CALL_(I, N, CN_RPC_T(R), CN_RPC_PUT(&m_, A1); CN_RPC_PUT(&m_, A2); CN_RPC_PUT(&m_, A3); \
	               CN_RPC_PUT(&m_, A4);) }
#define CN_RPC_CLIENT5(I, N, R, T1, A1, T2, A2, T3, A3, T4, A4, T5, A5) \
	static inline int I##_##N CN_RPC_SIG(R, (uint32_t cap_, T1 A1, T2 A2, T3 A3, T4 A4, T5 A5)) \
	{ CN_RPC_VOIDRES(R) CN_RPC_CALL_(I, N, CN_RPC_T(R), CN_RPC_PUT(&m_, A1); CN_RPC_PUT(&m_, A2); CN_RPC_PUT(&m_, A3); \
	               CN_RPC_PUT(&m_, A4); CN_RPC_PUT(&m_, A5);) }

/* server side: the handler table */
#define CN_RPC_OPS0(I, N, R)                 int (*N) CN_RPC_SIG(R, (void *));
#define CN_RPC_OPS1(I, N, R, T1, A1)         int (*N) CN_RPC_SIG(R, (void *, T1 A1));
#define CN_RPC_OPS2(I, N, R, T1, A1, T2, A2) int (*N) CN_RPC_SIG(R, (void *, T1 A1, T2 A2));
#define CN_RPC_OPS3(I, N, R, T1, A1, T2, A2, T3, A3) \
	int (*N) CN_RPC_SIG(R, (void *, T1 A1, T2 A2, T3 A3));
#define CN_RPC_OPS4(I, N, R, T1, A1, T2, A2, T3, A3, T4, A4) \
	int (*N) CN_RPC_SIG(R, (void *, T1 A1, T2 A2, T3 A3, T4 A4));
#define CN_RPC_OPS5(I, N, R, T1, A1, T2, A2, T3, A3, T4, A4, T5, A5) \
	int (*N) CN_RPC_SIG(R, (void *, T1 A1, T2 A2, T3 A3, T4 A4, T5 A5));

/* server side: one case of the dispatch switch; ARGS is a parenthesised
 * list with a leading comma, e.g. (, a, b) or () */
#define CN_RPC_ID_(...) __VA_ARGS__
#define CN_RPC_CASE_(I, N, R, GETS, ARGS) \
	case I##_op_##N: { \
		GETS \
		if (r_.bad) { cn_rpc_reply_error(m_, CN_RPC_ERR_MALFORMED); return; } \
		if (!ops_->N) { cn_rpc_reply_error(m_, CN_RPC_ERR_UNIMPLEMENTED); return; } \
		CN_RPC_T(R) v_ = (CN_RPC_T(R)){ 0 }; \
		int e_ = ops_->N(ctx_ CN_RPC_ID_ ARGS CN_RPC_RESARG(R)); \
		(void)v_; \
		cn_rpc_reply_error(m_, e_); \
		if (!e_) \
			CN_RPC_PUT(m_, v_); \
		return; }
#define CN_RPC_CASE0(I, N, R) CN_RPC_CASE_(I, N, R, , ())
#define CN_RPC_CASE1(I, N, R, T1, A1) \
	CN_RPC_CASE_(I, N, R, T1 A1 = CN_RPC_GET(&r_, T1);, (, A1))
#define CN_RPC_CASE2(I, N, R, T1, A1, T2, A2) \
	CN_RPC_CASE_(I, N, R, T1 A1 = CN_RPC_GET(&r_, T1); T2 A2 = CN_RPC_GET(&r_, T2);, (, A1, A2))
#define CN_RPC_CASE3(I, N, R, T1, A1, T2, A2, T3, A3) \
	CN_RPC_CASE_(I, N, R, T1 A1 = CN_RPC_GET(&r_, T1); T2 A2 = CN_RPC_GET(&r_, T2); \
	             T3 A3 = CN_RPC_GET(&r_, T3);, (, A1, A2, A3))
#define CN_RPC_CASE4(I, N, R, T1, A1, T2, A2, T3, A3, T4, A4) \
	CN_RPC_CASE_(I, N, R, T1 A1 = CN_RPC_GET(&r_, T1); T2 A2 = CN_RPC_GET(&r_, T2); \
	             T3 A3 = CN_RPC_GET(&r_, T3); T4 A4 = CN_RPC_GET(&r_, T4);, (, A1, A2, A3, A4))
#define CN_RPC_CASE5(I, N, R, T1, A1, T2, A2, T3, A3, T4, A4, T5, A5) \
	CN_RPC_CASE_(I, N, R, T1 A1 = CN_RPC_GET(&r_, T1); T2 A2 = CN_RPC_GET(&r_, T2); \
	             T3 A3 = CN_RPC_GET(&r_, T3); T4 A4 = CN_RPC_GET(&r_, T4); \
	             T5 A5 = CN_RPC_GET(&r_, T5);, (, A1, A2, A3, A4, A5))

/* server side, fast path: one case of the register dispatch switch; ARGS
 * as above, the arguments read from the registers. The success reply is
 * written before the handler runs, so that a handler whose result fits
 * word 1 is entered by a tail call writing straight into it; an error the
 * handler returns replaces that reply (cn_rpc_dispatch_regs_done) */
#define CN_RPC_RCASE_(I, N, R, NW, LOCALS, ARGS) \
	case I##_op_##N: { \
		if (!CN_RPC_FITS(NW, CN_RPC_T(R))) \
			return CN_RPC_DISPATCH_FULL; \
		if (__builtin_expect(k_->info < 1u + (NW), 0))   /* info <= 4: the word count */ \
			return CN_RPC_ERR_MALFORMED; \
		if (__builtin_expect(!ops_->N, 0)) \
			return CN_RPC_ERR_UNIMPLEMENTED; \
		LOCALS \
		k_->info = CN_MSG_INFO(1 + CN_RPC_NW(CN_RPC_T(R)), 0); \
		k_->w[0] = 0; \
		if (CN_RPC_IN_REG1(CN_RPC_T(R))) { \
			k_->w[1] = 0; \
			return ops_->N(ctx_ CN_RPC_ID_ ARGS CN_RPC_IF_VOID(R)(CN_RPC_NOTHING_, \
			               CN_RPC_RES_REG1_(CN_RPC_T(R)))); \
		} \
		CN_RPC_T(R) v_ = (CN_RPC_T(R)){ 0 }; \
		int e_ = ops_->N(ctx_ CN_RPC_ID_ ARGS CN_RPC_RESARG(R)); \
		if (!e_) \
			CN_RPC_REG_PUT(k_->w, 1, v_); \
		return e_; }
/* results a handler may write straight into word 1 of the reply */
#define CN_RPC_IN_REG1(R) _Generic((R){ 0 }, uint32_t: 1, int32_t: 1, default: 0)
#define CN_RPC_RG_(T, P) CN_RPC_REG_GET(k_->w, P, T)
#define CN_RPC_RCASE0(I, N, R) CN_RPC_RCASE_(I, N, R, 0u, , ())
#define CN_RPC_RCASE1(I, N, R, T1, A1) \
	CN_RPC_RCASE_(I, N, R, CN_RPC_P2_(T1) - 1u, T1 A1 = CN_RPC_RG_(T1, 1);, (, A1))
#define CN_RPC_RCASE2(I, N, R, T1, A1, T2, A2) \
	CN_RPC_RCASE_(I, N, R, CN_RPC_P3_(T1, T2) - 1u, \
	              T1 A1 = CN_RPC_RG_(T1, 1); T2 A2 = CN_RPC_RG_(T2, CN_RPC_P2_(T1));, (, A1, A2))
#define CN_RPC_RCASE3(I, N, R, T1, A1, T2, A2, T3, A3) \
	CN_RPC_RCASE_(I, N, R, CN_RPC_P4_(T1, T2, T3) - 1u, \
	              T1 A1 = CN_RPC_RG_(T1, 1); T2 A2 = CN_RPC_RG_(T2, CN_RPC_P2_(T1)); \
	              T3 A3 = CN_RPC_RG_(T3, CN_RPC_P3_(T1, T2));, (, A1, A2, A3))
#define CN_RPC_RCASE4(I, N, R, T1, A1, T2, A2, T3, A3, T4, A4) \
	case I##_op_##N: return CN_RPC_DISPATCH_FULL;
#define CN_RPC_RCASE5(I, N, R, T1, A1, T2, A2, T3, A3, T4, A4, T5, A5) \
	case I##_op_##N: return CN_RPC_DISPATCH_FULL;

#define CN_RPC_INTERFACE(I, LIST) \
	enum I##_op { I##_op_none_, LIST(CN_RPC_OP0, CN_RPC_OP1, CN_RPC_OP2, CN_RPC_OP3, CN_RPC_OP4, CN_RPC_OP5) I##_op_count_ }; \
	LIST(CN_RPC_CLIENT0, CN_RPC_CLIENT1, CN_RPC_CLIENT2, CN_RPC_CLIENT3, CN_RPC_CLIENT4, CN_RPC_CLIENT5) \
	struct I##_ops { LIST(CN_RPC_OPS0, CN_RPC_OPS1, CN_RPC_OPS2, CN_RPC_OPS3, CN_RPC_OPS4, CN_RPC_OPS5) }; \
	static inline void I##_dispatch(const struct I##_ops *ops_, void *ctx_, struct cn_rpc_msg *m_) \
	{ \
		struct cn_rpc_reader r_ = cn_rpc_reader(m_, 1); \
		uint32_t op_ = m_->words ? m_->w[0] : 0; \
		switch (op_) { \
		LIST(CN_RPC_CASE0, CN_RPC_CASE1, CN_RPC_CASE2, CN_RPC_CASE3, CN_RPC_CASE4, CN_RPC_CASE5) \
		default: break; \
		} \
		(void)r_; \
		cn_rpc_reply_error(m_, CN_RPC_ERR_UNKNOWN_FUNCTION); \
	} \
	__attribute__((unused, noinline)) static int I##_dispatch_full_(const struct I##_ops *ops_, \
	                                                                void *ctx_, struct cn_rpc_msg *m_) \
	{ \
		I##_dispatch(ops_, ctx_, m_); \
		return 0; \
	} \
	/* a call in the registers only (k_->info <= 4: at most 4 words, no \
	 * capabilities, no flags): 0 with the reply in *k_, an error value \
	 * for the reply, or CN_RPC_DISPATCH_FULL: take the full path. The \
	 * context comes first: it is the handler's first argument, so it \
	 * stays in its register. */ \
	__attribute__((unused, noinline)) static int I##_dispatch_regs_(void *ctx_, \
	                                                               const struct I##_ops *ops_, \
	                                                               struct cn_msg *k_) \
	{ \
		switch (k_->w[0]) { \
		LIST(CN_RPC_RCASE0, CN_RPC_RCASE1, CN_RPC_RCASE2, CN_RPC_RCASE3, CN_RPC_RCASE4, CN_RPC_RCASE5) \
		default: return CN_RPC_DISPATCH_FULL; \
		} \
	} \
	static inline int I##_dispatch_regs(const struct I##_ops *ops_, void *ctx_, struct cn_msg *k_) \
	{ \
		return I##_dispatch_regs_(ctx_, ops_, k_); \
	} \
	/* both with untyped handlers, for an entrypoint's object table: the \
	 * register path without m_ (results as I_dispatch_regs), the full path \
	 * with it (0, the reply in *m_) */ \
	static inline int I##_dispatch_any(void *ctx_, const void *ops_, struct cn_msg *k_, \
	                                   struct cn_rpc_msg *m_) \
	{ \
		if (!m_) \
			return I##_dispatch_regs_(ctx_, (const struct I##_ops *)ops_, k_); \
		return I##_dispatch_full_((const struct I##_ops *)ops_, ctx_, m_); \
	}

#endif
