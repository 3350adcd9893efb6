/* SPDX-License-Identifier: MIT */
/*
 * LOG session (core; args: label): write(line) prints "[label] line" on
 * core's console. Every component has one (cn_log()).
 */
#ifndef CN_SESSION_LOG_H
#define CN_SESSION_LOG_H

#include <cn/rpc.h>
#include <cn/session/connect.h>

#define CN_LOG_SERVICE "LOG"

#define CN_LOG_RPC(F0, F1, F2, F3, F4, F5) \
	F1(cn_log_session, write, void, const char *, line)
CN_RPC_INTERFACE(cn_log_session, CN_LOG_RPC)

static inline int cn_log_connect(struct cn_env *env, const char *label, uint32_t *session)
{
	return cn_session_connect(env, CN_LOG_SERVICE, label, CN_LOG_SESSION_RAM,
	                          CN_LOG_SESSION_CAPS, "", session);
}

#endif
