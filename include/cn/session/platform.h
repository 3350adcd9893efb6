/* SPDX-License-Identifier: MIT */
/*
 * Platform session (server/platform, doc/platform.md): a driver's access to
 * exactly the devices its policy names, and DMA memory.
 *
 *   devices()                -> read-only dataspace: the XML description of
 *                               the devices this session may use (the nodes of
 *                               the board's description, <devices>...)
 *   acquire(name)            -> device handle; CN_ERR_DENIED outside the
 *                               policy (or no such device), CN_ERR_CONFLICT
 *                               while another session has it
 *   release(dev)             the device goes back: its interrupts masked,
 *                               its MMIO dataspaces unmapped everywhere
 *   io_mem(dev, i)           -> dataspace of the i-th MMIO range (the whole
 *                               pages it covers, device memory)
 *   io_mem_offset(dev, i)    -> where the range starts in that dataspace
 *   io_mem_size(dev, i)      -> its size in bytes (CN_ERR_NOT_FOUND: no range i)
 *   irq(dev, i)              -> capability of the i-th interrupt: an IRQ
 *                               session (<cn/session/irq.h>: sigh, ack)
 *   alloc_dma(size)          -> uncached RAM dataspace, physically contiguous,
 *                               paid from this session's quota
 *                               (CN_ERR_QUOTA_RAM / _CAP: upgrade the session)
 *   dma_addr(ds)             -> the bus address a device uses for it
 *   free_dma(ds)             the buffer goes back (unmapped everywhere)
 * Closing the session (or the client's end) releases every device and
 * frees every DMA buffer.
 *
 * Cost: CN_PLATFORM_SESSION_RAM and CN_PLATFORM_SESSION_CAPS up front (the
 * server's bookkeeping, the listing, core's IO_MEM and IRQ sessions of a
 * few devices); a DMA buffer costs its pages plus CN_PLATFORM_DMA_RAM_META
 * and one cap. cn_platform_connect(dma, &s) donates the first plus dma bytes.
 *
 * DMA-only form (session argument dma_only=1): no devices (devices() and
 * acquire() are refused), only DMA buffers, for memory a driver's client
 * pays for (doc/drivers.md): costs CN_PLATFORM_DMA_SESSION_RAM and _CAPS up
 * front; cn_platform_connect_dma(label, dma_ram, dma_caps, &s) donates that
 * plus the buffers' RAM and caps (CN_PLATFORM_DMA_RAM(bytes) each, 1 cap).
 *
 * Client helpers (lib/base/platform.c):
 *   cn_platform_connect(dma_bytes, &session)
 *   cn_platform_connect_dma(label, dma_ram, dma_caps, &session)   dma_only form
 *   cn_platform_map(session, dev, i, &regs)      attach range i, regs points at it
 *   cn_platform_list(session, &list, arena, n)   devices() attached and parsed
 *   cn_platform_dma(session, size, &buf)         alloc_dma + attach + dma_addr
 *   cn_platform_dma_free(session, &buf)
 */
#ifndef CN_SESSION_PLATFORM_H
#define CN_SESSION_PLATFORM_H

#include <cn/rpc.h>
#include <cn/util/xml.h>

#define CN_PLATFORM_SERVICE        "Platform"
#define CN_PLATFORM_SESSION_RAM    (24u * 1024u)
#define CN_PLATFORM_SESSION_CAPS   24u
#define CN_PLATFORM_DMA_RAM_META   256u   /* per DMA buffer, plus its pages */
#define CN_PLATFORM_DMA_SESSION_RAM  2048u  /* a dma_only session */
#define CN_PLATFORM_DMA_SESSION_CAPS 2u
/* what a DMA buffer of size bytes costs the session's RAM quota */
#define CN_PLATFORM_DMA_RAM(size) ((((size) + 0xfffu) & ~0xfffu) + CN_PLATFORM_DMA_RAM_META)

#define CN_PLATFORM_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_platform, devices,       cn_cap_t) \
	F1(cn_platform, acquire,       uint32_t, const char *, name) \
	F1(cn_platform, release,       void,     uint32_t, dev) \
	F2(cn_platform, io_mem,        cn_cap_t, uint32_t, dev, uint32_t, index) \
	F2(cn_platform, io_mem_offset, uint32_t, uint32_t, dev, uint32_t, index) \
	F2(cn_platform, io_mem_size,   uint32_t, uint32_t, dev, uint32_t, index) \
	F2(cn_platform, irq,           cn_cap_t, uint32_t, dev, uint32_t, index) \
	F1(cn_platform, alloc_dma,     cn_cap_t, uint32_t, size) \
	F1(cn_platform, dma_addr,      uint32_t, cn_cap_t, ds) \
	F1(cn_platform, free_dma,      void,     cn_cap_t, ds)
CN_RPC_INTERFACE(cn_platform, CN_PLATFORM_RPC)

struct cn_platform_dma {
	uint32_t ds;        /* the dataspace */
	void    *addr;      /* where it is attached */
	uint32_t size;
	uint32_t bus;       /* what the device is told */
};

int cn_platform_connect(uint32_t dma_bytes, uint32_t *session);
/* a dma_only session (label "" or a label of ours, e.g. our client's) with
 * dma_ram bytes and dma_caps caps for buffers beyond its up-front cost */
int cn_platform_connect_dma(const char *label, uint32_t dma_ram, uint32_t dma_caps,
                            uint32_t *session);
int cn_platform_map(uint32_t session, uint32_t dev, uint32_t index, volatile void **regs);

/* the session's devices() document, attached and parsed (arena: the
 * parser's memory; CN_ERR_INVALID, logged: not XML);
 * cn_platform_list_done() detaches it */
struct cn_platform_list {
	struct cn_xml_doc doc;
	uint32_t          at, ds;
};
int  cn_platform_list(uint32_t session, struct cn_platform_list *l, void *arena,
                      size_t arena_size);
void cn_platform_list_done(struct cn_platform_list *l);
int cn_platform_dma(uint32_t session, uint32_t size, struct cn_platform_dma *buf);
int cn_platform_dma_free(uint32_t session, struct cn_platform_dma *buf);

#endif
