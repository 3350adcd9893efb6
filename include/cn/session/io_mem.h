/* SPDX-License-Identifier: MIT */
/*
 * IO_MEM session (core; args: base=, size=, wc=yes|no): dataspace() -> the
 * MMIO range as a dataspace, mapped as device memory (or write-combined).
 * A range is owned by one session at a time (CN_ERR_CONFLICT); RAM is
 * refused (CN_ERR_DENIED).
 */
#ifndef CN_SESSION_IO_MEM_H
#define CN_SESSION_IO_MEM_H

#include <cn/rpc.h>
#include <cn/session/connect.h>

#define CN_IO_MEM_SERVICE "IO_MEM"

#define CN_IO_MEM_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_io_mem, dataspace, cn_cap_t)
CN_RPC_INTERFACE(cn_io_mem, CN_IO_MEM_RPC)

/* the physical range [base, base + size), write-combined if wc */
static inline int cn_io_mem_connect(struct cn_env *env, const char *label, uint32_t base,
                                    uint32_t size, bool wc, uint32_t *session)
{
	char args[64];
	cn_snprintf(args, sizeof(args), "base=0x%x, size=0x%x, wc=%s", (unsigned)base,
	            (unsigned)size, wc ? "yes" : "no");
	return cn_session_connect(env, CN_IO_MEM_SERVICE, label, CN_IO_MEM_SESSION_RAM,
	                          CN_IO_MEM_SESSION_CAPS, args, session);
}

#endif
