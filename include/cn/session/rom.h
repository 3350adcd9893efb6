/* SPDX-License-Identifier: MIT */
/*
 * ROM session (core, and servers of ROM such as server/dynamic_rom): a
 * named module's content as a dataspace (label = the module name).
 *   dataspace()  read-only dataspace with the current content
 *   size()       its length in bytes
 *   sigh(ctx)    signal a new version (core's modules never change)
 * <cn/component.h> has cn_rom_attach()/cn_rom_map(); <cn/attached_rom.h>
 * keeps a ROM attached across versions.
 */
#ifndef CN_SESSION_ROM_H
#define CN_SESSION_ROM_H

#include <cn/rpc.h>
#include <cn/session/connect.h>

#define CN_ROM_SERVICE "ROM"

#define CN_ROM_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_rom, dataspace, cn_cap_t) \
	F0(cn_rom, size,      uint32_t) \
	F1(cn_rom, sigh,      void,     cn_cap_t, ctx)
CN_RPC_INTERFACE(cn_rom, CN_ROM_RPC)

/* open the ROM module 'name' (the session's label) */
static inline int cn_rom_connect(struct cn_env *env, const char *name, uint32_t *session)
{
	return cn_session_connect(env, CN_ROM_SERVICE, name, CN_ROM_SESSION_RAM,
	                          CN_ROM_SESSION_CAPS, "", session);
}

#endif
