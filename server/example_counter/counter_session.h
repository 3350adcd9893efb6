/* SPDX-License-Identifier: MIT */
/*
 * The "Counter" service of the tutorial (doc/c-api.md): each session holds
 * a number, add(n) adds n to it and returns the sum, get() returns it.
 * Shared by the server (server/example_counter) and its clients, which put
 * -Iserver/example_counter in their target.mk's EXTRA_CFLAGS.
 */
#ifndef COUNTER_SESSION_H
#define COUNTER_SESSION_H

#include <cn/component.h>
#include <cn/session/connect.h>

#define COUNTER_SERVICE     "Counter"
#define COUNTER_CLIENT_RAM  4096u   /* what a client donates per session */

#define COUNTER_RPC(F0, F1, F2, F3, F4, F5) \
	F1(counter, add, uint32_t, uint32_t, n) \
	F0(counter, get, uint32_t)
CN_RPC_INTERFACE(counter, COUNTER_RPC)

/* open a Counter session; its capability goes to *session */
static inline int counter_connect(uint32_t *session)
{
	return cn_session_connect(cn_env(), COUNTER_SERVICE, NULL, COUNTER_CLIENT_RAM,
	                          CN_OTHER_SESSION_CAPS, "", session);
}

#endif
