/*
 * RPC messages over kernel IPC: words 0-3 travel in the message registers,
 * words 4.. in the UTCB, capabilities in the UTCB's capability slots (the
 * kernel gives the receiver its own names for them).
 */
#include <cn/rpc.h>
#include <cn/sys.h>

void cn_rpc_to_kernel(const struct cn_rpc_msg *m, struct cn_msg *k)
{
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
	struct cn_utcb *u = cn_utcb();
	uint32_t words = CN_MSG_INFO_WORDS(k->info), ncaps = CN_MSG_INFO_CAPS(k->info);
	cn_rpc_msg_init(m);
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
