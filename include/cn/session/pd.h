/* SPDX-License-Identifier: MIT */
/*
 * PD session (core): a protection domain — its address space (a region
 * map), its capability space, and its RAM and capability quota account.
 *
 *   alloc(size, flags)       -> RAM dataspace (pages, zeroed); CN_DS_UNCACHED
 *                               for DMA buffers (mapped uncached)
 *   free(ds)                 -> detached everywhere, quota back
 *   dma_addr(ds)             -> physical address of an uncached dataspace of
 *                               this PD (for programming a device)
 *   transfer_ram(to, n)      -> move n bytes of quota to the PD session 'to'
 *   transfer_caps(to, n)     -> move n caps of quota
 *   quota(which)             -> CN_PD_RAM_QUOTA / _RAM_USED / _CAP_QUOTA / _CAP_USED
 *   signal_receiver()        -> a signal receiver (wait on it, or bind it to
 *                               an entrypoint)
 *   signal_context(recv, imprint) -> a signal context that fires on 'recv'
 *   free_signal(cap)         -> receiver or context back
 *   rpc_cap(thread, badge)   -> a capability for calling 'thread' (a CPU
 *                               session thread of this PD) with 'badge';
 *                               costs one cap of quota
 *   free_rpc_cap(thread, name) -> the reverse: core removes 'name' (our
 *                               name of such a capability for 'thread')
 *                               from our cap space, the cap quota returns
 *   address_space()          -> the PD's region map (<cn/session/rm.h>)
 *   give(cap)                -> a copy of 'cap' in this PD's cap space;
 *                               returns its name there (parents hand caps
 *                               to a child this way)
 *
 * Session arguments: ram_quota (pays the PD's kernel objects and meta data,
 * the rest becomes the account's quota), cap_quota (size of the PD's cap
 * space and its cap account), label.
 */
#ifndef CN_SESSION_PD_H
#define CN_SESSION_PD_H

#include <cn/rpc.h>
#include <cn/session/connect.h>

#define CN_DS_UNCACHED  1u

#define CN_PD_RAM_QUOTA 0u
#define CN_PD_RAM_USED  1u
#define CN_PD_CAP_QUOTA 2u
#define CN_PD_CAP_USED  3u

#define CN_PD_RPC(F0, F1, F2, F3, F4, F5) \
	F2(cn_pd, alloc,           cn_cap_t, uint32_t, size, uint32_t, flags) \
	F1(cn_pd, free,            void,     cn_cap_t, ds) \
	F1(cn_pd, dma_addr,        uint32_t, cn_cap_t, ds) \
	F2(cn_pd, transfer_ram,    void,     cn_cap_t, to, uint32_t, amount) \
	F2(cn_pd, transfer_caps,   void,     cn_cap_t, to, uint32_t, amount) \
	F1(cn_pd, quota,           uint32_t, uint32_t, which) \
	F0(cn_pd, signal_receiver, cn_cap_t) \
	F2(cn_pd, signal_context,  cn_cap_t, cn_cap_t, receiver, uint32_t, imprint) \
	F1(cn_pd, free_signal,     void,     cn_cap_t, cap) \
	F2(cn_pd, rpc_cap,         cn_cap_t, cn_cap_t, thread, uint32_t, badge) \
	F0(cn_pd, address_space,   cn_cap_t) \
	F1(cn_pd, give,            uint32_t, cn_cap_t, cap) \
	F2(cn_pd, free_rpc_cap,    void,     cn_cap_t, thread, uint32_t, name)
CN_RPC_INTERFACE(cn_pd, CN_PD_RPC)

/* A dataspace capability answers these (anyone holding it may ask) */
#define CN_DS_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_ds, size,  uint32_t) \
	F0(cn_ds, flags, uint32_t)
CN_RPC_INTERFACE(cn_ds, CN_DS_RPC)

#define CN_PD_SERVICE "PD"

/* a new PD whose cap space holds 'caps' names (0: CN_PD_SESSION_CAPS) */
static inline int cn_pd_connect(struct cn_env *env, const char *label, uint32_t caps,
                                uint32_t *session)
{
	if (!caps)
		caps = CN_PD_SESSION_CAPS;
	return cn_session_connect(env, CN_PD_SERVICE, label, CN_PD_SESSION_RAM(caps), caps, "",
	                          session);
}

#endif
