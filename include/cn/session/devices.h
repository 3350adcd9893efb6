/*
 * Core's device and data services.
 *
 * ROM (args: label = module name): dataspace() -> read-only dataspace with
 *   the module's content; size() its length in bytes; sigh(ctx) signals a
 *   new version (core's modules never change; servers of ROM may).
 * IRQ (args: irq=N): sigh(ctx) the signal for each interrupt; ack() after
 *   handling it. One session per interrupt at a time (CN_ERR_CONFLICT).
 * IO_MEM (args: base=, size=, wc=yes|no): dataspace() -> the MMIO range as a
 *   dataspace, mapped as device memory (or write-combined). A range is owned
 *   by one session at a time (CN_ERR_CONFLICT); RAM is refused (CN_ERR_DENIED).
 * LOG (args: label): write(line) prints "[label] line" on core's console.
 */
#ifndef CN_SESSION_DEVICES_H
#define CN_SESSION_DEVICES_H

#include <cn/rpc.h>

#define CN_ROM_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_rom, dataspace, cn_cap_t) \
	F0(cn_rom, size,      uint32_t) \
	F1(cn_rom, sigh,      uint32_t, cn_cap_t, ctx)
CN_RPC_INTERFACE(cn_rom, CN_ROM_RPC)

#define CN_IRQ_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_irq, ack,  uint32_t) \
	F1(cn_irq, sigh, uint32_t, cn_cap_t, ctx)
CN_RPC_INTERFACE(cn_irq, CN_IRQ_RPC)

#define CN_IO_MEM_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_io_mem, dataspace, cn_cap_t)
CN_RPC_INTERFACE(cn_io_mem, CN_IO_MEM_RPC)

#define CN_LOG_RPC(F0, F1, F2, F3, F4, F5) \
	F1(cn_log_session, write, uint32_t, const char *, line)
CN_RPC_INTERFACE(cn_log_session, CN_LOG_RPC)

#endif
