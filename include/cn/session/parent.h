/* SPDX-License-Identifier: MIT */
/*
 * The parent interface: every component holds one capability to its parent
 * and asks it for everything it has no capability for. Session requests carry
 * an argument string (label="…", ram_quota=…, cap_quota=…, service specific
 * keys); the parent routes them, pays them from the child's quota and
 * returns the session capability. Labels grow per hop ("init -> app -> x").
 *
 *   session(service, args)   -> session cap; CN_ERR_PENDING: the service is
 *                               not there yet, retry after the session signal
 *   upgrade(session, args)   -> donate more quota (ram_quota=, cap_quota=)
 *   close(session)           -> quota returns to the child exactly
 *   announce(service, root)  -> this child offers 'service' through the
 *                               root capability (the cn_root interface below)
 *   exit(value)              -> the child is done; the parent cleans up
 *   session_sigh(ctx)        -> signal when a pending request may now succeed
 *   resource_request(args)   -> ask for more RAM (ram_quota=N)
 */
#ifndef CN_SESSION_PARENT_H
#define CN_SESSION_PARENT_H

#include <cn/rpc.h>

#define CN_PARENT_RPC(F0, F1, F2, F3, F4, F5) \
	F2(cn_parent, session,  cn_cap_t, const char *, service, const char *, args) \
	F2(cn_parent, upgrade,  void,     cn_cap_t, session, const char *, args) \
	F1(cn_parent, close,    void,     cn_cap_t, session) \
	F2(cn_parent, announce, void,     const char *, service, cn_cap_t, root) \
	F1(cn_parent, exit,     void,     int32_t, value) \
	F1(cn_parent, session_sigh, void,     cn_cap_t, ctx) \
	F1(cn_parent, resource_request, void,     const char *, args)
CN_RPC_INTERFACE(cn_parent, CN_PARENT_RPC)

/* The root interface a server announces: the parent forwards session
 * requests (args already carry the full label and the donated quota). */
#define CN_ROOT_RPC(F0, F1, F2, F3, F4, F5) \
	F1(cn_root, session, cn_cap_t, const char *, args) \
	F2(cn_root, upgrade, void,     cn_cap_t, session, const char *, args) \
	F1(cn_root, close,   void,     cn_cap_t, session)
CN_RPC_INTERFACE(cn_root, CN_ROOT_RPC)

#endif
