/* SPDX-License-Identifier: MIT */
/*
 * IRQ session (core; args: irq=N): sigh(ctx) the signal for each
 * interrupt; ack() after handling it. One session per interrupt at a time
 * (CN_ERR_CONFLICT).
 */
#ifndef CN_SESSION_IRQ_H
#define CN_SESSION_IRQ_H

#include <cn/rpc.h>
#include <cn/session/connect.h>

#define CN_IRQ_SERVICE "IRQ"

#define CN_IRQ_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_irq, ack,  void) \
	F1(cn_irq, sigh, void, cn_cap_t, ctx)
CN_RPC_INTERFACE(cn_irq, CN_IRQ_RPC)

/* the interrupt line 'irq' */
static inline int cn_irq_connect(struct cn_env *env, const char *label, uint32_t irq,
                                 uint32_t *session)
{
	char args[24];
	cn_snprintf(args, sizeof(args), "irq=%u", (unsigned)irq);
	return cn_session_connect(env, CN_IRQ_SERVICE, label, CN_IRQ_SESSION_RAM,
	                          CN_IRQ_SESSION_CAPS, args, session);
}

#endif
