/* SPDX-License-Identifier: MIT */
/*
 * Region maps (core). A region map is an address range into which
 * dataspaces are attached; the PD's address space is one (cn_pd_address_space),
 * an RM session creates more, and each of those is itself a dataspace
 * (a "managed dataspace") that can be attached into another region map.
 * Page faults in a region map with nothing attached go to its fault handler
 * signal; the handler reads fault(), attaches something, and the faulting
 * thread continues. Without a handler the fault is reported and the thread
 * stays stopped.
 *
 * RM session:  create(size) -> region map cap;  destroy(rm)
 *
 * Region map:
 *   attach(ds, at, offset, size, flags) -> address. Flags: CN_ATTACH_AT
 *       ('at' is the wanted address, else core picks one), CN_ATTACH_WRITE,
 *       CN_ATTACH_EXEC. size 0 = the dataspace from offset to its end.
 *       Addresses, offsets and sizes are page aligned.
 *   detach(addr)          the region starting at addr
 *   fault_handler(ctx)    signal for unresolved faults
 *   fault(what)           CN_RM_FAULT_TYPE (CN_FAULT_* or 0) / _ADDR, relative
 *                         to the region map
 *   dataspace()           the managed dataspace of this region map
 */
#ifndef CN_SESSION_RM_H
#define CN_SESSION_RM_H

#include <cn/rpc.h>
#include <cn/session/connect.h>

#define CN_ATTACH_AT    1u
#define CN_ATTACH_WRITE 2u
#define CN_ATTACH_EXEC  4u

#define CN_RM_FAULT_TYPE 0u
#define CN_RM_FAULT_ADDR 1u

#define CN_RM_SESSION_RPC(F0, F1, F2, F3, F4, F5) \
	F1(cn_rm_session, create,  cn_cap_t, uint32_t, size) \
	F1(cn_rm_session, destroy, void,     cn_cap_t, rm)
CN_RPC_INTERFACE(cn_rm_session, CN_RM_SESSION_RPC)

#define CN_RM_RPC(F0, F1, F2, F3, F4, F5) \
	F5(cn_rm, attach, uint32_t, cn_cap_t, ds, uint32_t, at, uint32_t, offset, uint32_t, size, \
	   uint32_t, flags) \
	F1(cn_rm, detach,        void,     uint32_t, addr) \
	F1(cn_rm, fault_handler, void,     cn_cap_t, ctx) \
	F1(cn_rm, fault,         uint32_t, uint32_t, what) \
	F0(cn_rm, dataspace,     cn_cap_t)
CN_RPC_INTERFACE(cn_rm, CN_RM_RPC)

#define CN_RM_SERVICE "RM"

static inline int cn_rm_connect(struct cn_env *env, const char *label, uint32_t *session)
{
	return cn_session_connect(env, CN_RM_SERVICE, label, CN_RM_SESSION_RAM,
	                          CN_RM_SESSION_CAPS, "", session);
}

#endif
