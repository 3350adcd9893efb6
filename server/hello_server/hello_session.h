/* SPDX-License-Identifier: MIT */
/*
 * The "Hello" service of the worked example (server/hello_server,
 * app/hello_client): say(text) prints a line in the server's log, add(a, b)
 * returns the sum.
 */
#ifndef HELLO_SESSION_H
#define HELLO_SESSION_H

#include <cn/rpc.h>
#include <cn/session/connect.h>

#define HELLO_SERVICE     "Hello"
#define HELLO_SESSION_RAM 1024u   /* what a session costs the server */
#define HELLO_CLIENT_RAM  4096u   /* what a client donates: the cost and room */

#define HELLO_RPC(F0, F1, F2, F3, F4, F5) \
	F1(hello, say, void,     const char *, text) \
	F2(hello, add, uint32_t, uint32_t, a, uint32_t, b)
CN_RPC_INTERFACE(hello, HELLO_RPC)

/* a Hello session labelled 'label' (NULL: no label of its own) */
static inline int hello_connect(struct cn_env *env, const char *label, uint32_t *session)
{
	return cn_session_connect(env, HELLO_SERVICE, label, HELLO_CLIENT_RAM,
	                          CN_OTHER_SESSION_CAPS, "", session);
}

#endif
