/*
 * RPC interfaces declared once. An interface is an X-macro list of its
 * functions; CN_RPC_INTERFACE() turns it into opcodes, typed client stubs,
 * a table of server handlers and the server's dispatch function, so nobody
 * marshals by hand. Arguments are word-sized integers, 64-bit integers,
 * capabilities (cn_cap_t) or strings (const char *, at most CN_RPC_STR_MAX
 * bytes, copied; valid in the server until the handler returns). Results are
 * integers or capabilities (not strings). Every function returns an error
 * code (0 = success) and one result. F0..F5 declare functions with 0..5
 * arguments.
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
 * which decodes a call in *m, runs the handler and leaves the reply in *m
 * (calc_dispatch_any() takes the ops as 'const void *', for an entrypoint).
 *
 * The message travels through cn_rpc_transport_call(): lib/base/rpc.c sends
 * it by kernel IPC (words in the message registers and the UTCB, capabilities
 * translated by the kernel); a host test may provide its own. A server loop
 * turns each received kernel message into a struct cn_rpc_msg with
 * cn_rpc_from_kernel(), dispatches, and replies with cn_rpc_to_kernel().
 */
#ifndef CN_RPC_H
#define CN_RPC_H

#include <stdint.h>
#include <stdbool.h>

typedef struct { uint32_t name; } cn_cap_t;   /* a capability argument */

/* 8 words of integers plus room for string arguments */
#define CN_RPC_STR_MAX   256     /* bytes of one string argument, without the NUL */
#define CN_RPC_MAX_WORDS 160
#define CN_RPC_MAX_CAPS  4

/* RPC-level errors (the kernel's CN_ERR_* are -1..-99) */
#define CN_RPC_ERR_UNKNOWN      -100  /* no such function (opcode) */
#define CN_RPC_ERR_MALFORMED    -101  /* arguments or result missing */
#define CN_RPC_ERR_UNIMPLEMENTED -102 /* the server has no handler for it */

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

/* conversion to and from a kernel message (lib/base/rpc.c; needs <cn/sys.h>) */
struct cn_msg;
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

#define CN_RPC_CLIENT0(I, N, R) \
	static inline int I##_##N(uint32_t cap_, R *result_) \
	{ CN_RPC_CALL_(I, N, R, ) }
#define CN_RPC_CLIENT1(I, N, R, T1, A1) \
	static inline int I##_##N(uint32_t cap_, T1 A1, R *result_) \
	{ CN_RPC_CALL_(I, N, R, CN_RPC_PUT(&m_, A1);) }
#define CN_RPC_CLIENT2(I, N, R, T1, A1, T2, A2) \
	static inline int I##_##N(uint32_t cap_, T1 A1, T2 A2, R *result_) \
	{ CN_RPC_CALL_(I, N, R, CN_RPC_PUT(&m_, A1); CN_RPC_PUT(&m_, A2);) }
#define CN_RPC_CLIENT3(I, N, R, T1, A1, T2, A2, T3, A3) \
	static inline int I##_##N(uint32_t cap_, T1 A1, T2 A2, T3 A3, R *result_) \
	{ CN_RPC_CALL_(I, N, R, CN_RPC_PUT(&m_, A1); CN_RPC_PUT(&m_, A2); CN_RPC_PUT(&m_, A3);) }
#define CN_RPC_CLIENT4(I, N, R, T1, A1, T2, A2, T3, A3, T4, A4) \
	static inline int I##_##N(uint32_t cap_, T1 A1, T2 A2, T3 A3, T4 A4, R *result_) \
	{ CN_RPC_CALL_(I, N, R, CN_RPC_PUT(&m_, A1); CN_RPC_PUT(&m_, A2); CN_RPC_PUT(&m_, A3); \
	               CN_RPC_PUT(&m_, A4);) }
#define CN_RPC_CLIENT5(I, N, R, T1, A1, T2, A2, T3, A3, T4, A4, T5, A5) \
	static inline int I##_##N(uint32_t cap_, T1 A1, T2 A2, T3 A3, T4 A4, T5 A5, R *result_) \
	{ CN_RPC_CALL_(I, N, R, CN_RPC_PUT(&m_, A1); CN_RPC_PUT(&m_, A2); CN_RPC_PUT(&m_, A3); \
	               CN_RPC_PUT(&m_, A4); CN_RPC_PUT(&m_, A5);) }

/* server side: the handler table */
#define CN_RPC_OPS0(I, N, R)                 int (*N)(void *, R *result);
#define CN_RPC_OPS1(I, N, R, T1, A1)         int (*N)(void *, T1 A1, R *result);
#define CN_RPC_OPS2(I, N, R, T1, A1, T2, A2) int (*N)(void *, T1 A1, T2 A2, R *result);
#define CN_RPC_OPS3(I, N, R, T1, A1, T2, A2, T3, A3) \
	int (*N)(void *, T1 A1, T2 A2, T3 A3, R *result);
#define CN_RPC_OPS4(I, N, R, T1, A1, T2, A2, T3, A3, T4, A4) \
	int (*N)(void *, T1 A1, T2 A2, T3 A3, T4 A4, R *result);
#define CN_RPC_OPS5(I, N, R, T1, A1, T2, A2, T3, A3, T4, A4, T5, A5) \
	int (*N)(void *, T1 A1, T2 A2, T3 A3, T4 A4, T5 A5, R *result);

/* server side: one case of the dispatch switch; ARGS is a parenthesised
 * list with a leading comma, e.g. (, a, b) or () */
#define CN_RPC_ID_(...) __VA_ARGS__
#define CN_RPC_CASE_(I, N, R, GETS, ARGS) \
	case I##_op_##N: { \
		GETS \
		if (r_.bad) { cn_rpc_reply_error(m_, CN_RPC_ERR_MALFORMED); return; } \
		if (!ops_->N) { cn_rpc_reply_error(m_, CN_RPC_ERR_UNIMPLEMENTED); return; } \
		R v_ = (R){ 0 }; \
		int e_ = ops_->N(ctx_ CN_RPC_ID_ ARGS, &v_); \
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
		cn_rpc_reply_error(m_, CN_RPC_ERR_UNKNOWN); \
	} \
	/* the same with untyped handlers, for an entrypoint's object table */ \
	static inline void I##_dispatch_any(const void *ops_, void *ctx_, struct cn_rpc_msg *m_) \
	{ I##_dispatch((const struct I##_ops *)ops_, ctx_, m_); }

#endif
