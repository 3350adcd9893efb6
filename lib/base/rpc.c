/* SPDX-License-Identifier: MIT */
/*
 * RPC messages over kernel IPC: words 0-3 travel in the message registers,
 * words 4.. in the UTCB, capabilities in the UTCB's capability slots (the
 * kernel gives the receiver its own names for them).
 */
#include <cn/rpc.h>
#include <cn/sys.h>

void cn_rpc_to_kernel(const struct cn_rpc_msg *m, struct cn_msg *k)
{
	if (__builtin_expect(m->words <= 4 && !m->ncaps, 1)) {   /* registers only */
		k->info = CN_MSG_INFO(m->words, 0);
		k->w[0] = m->words ? m->w[0] : 0;
		k->w[1] = m->words > 1 ? m->w[1] : 0;
		k->w[2] = m->words > 2 ? m->w[2] : 0;
		k->w[3] = m->words > 3 ? m->w[3] : 0;
		return;
	}
	struct cn_utcb *u = cn_utcb();
	uint32_t words = m->words < CN_RPC_MAX_WORDS ? m->words : CN_RPC_MAX_WORDS;
	uint32_t ncaps = m->ncaps < CN_RPC_MAX_CAPS ? m->ncaps : CN_RPC_MAX_CAPS;
	k->info = CN_MSG_INFO(words, ncaps);
	for (uint32_t i = 0; i < 4; i++)
		k->w[i] = i < words ? m->w[i] : 0;
	for (uint32_t i = 4; i < words; i++)
		u->msg[i] = m->w[i];
	for (uint32_t i = 0; i < ncaps; i++)
		u->caps[i] = m->caps[i];
}

void cn_rpc_from_kernel(const struct cn_msg *k, struct cn_rpc_msg *m)
{
	uint32_t words = CN_MSG_INFO_WORDS(k->info), ncaps = CN_MSG_INFO_CAPS(k->info);
	cn_rpc_msg_init(m);
	if (__builtin_expect(words <= 4 && !ncaps, 1)) {          /* registers only */
		m->words = words;
		m->w[0] = k->w[0]; m->w[1] = k->w[1]; m->w[2] = k->w[2]; m->w[3] = k->w[3];
		return;
	}
	struct cn_utcb *u = cn_utcb();
	/* more than an RPC message holds: the reader reports it as malformed */
	m->words = words;
	m->ncaps = ncaps;
	for (uint32_t i = 0; i < 4 && i < words; i++)
		m->w[i] = k->w[i];
	for (uint32_t i = 4; i < words && i < CN_RPC_MAX_WORDS; i++)
		m->w[i] = u->msg[i];
	for (uint32_t i = 0; i < ncaps && i < CN_RPC_MAX_CAPS; i++)
		m->caps[i] = u->caps[i];
}

int cn_rpc_transport_call(uint32_t cap, struct cn_rpc_msg *m)
{
	struct cn_msg k;
	cn_rpc_to_kernel(m, &k);
	int err = cn_sys_call(cap, &k);
	if (err)
		return err;
	cn_rpc_from_kernel(&k, m);
	return 0;
}
