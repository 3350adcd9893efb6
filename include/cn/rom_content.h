/* SPDX-License-Identifier: MIT */
/*
 * The content of one ROM session a component serves (lib/base/rom_content.c):
 * a RAM dataspace holding the bytes (NUL-padded), its size, and the client's
 * signal context for new versions. For servers of the ROM interface
 * (<cn/session/rom.h>, <cn/session/irq.h>, <cn/session/io_mem.h>, <cn/session/log.h>): init's "config" ROM and server/dynamic_rom.
 *
 *   struct my_rom { struct cn_rom_content content; ... };   // content first
 *   cn_rom_content_set(&r->content, text, len);    // first version or a new one
 *   cn_rpc_object(&obj, cn_rom_dispatch_any, &cn_rom_content_ops, &r->content, &cap);
 *
 * A new version is written in place when it fits the dataspace (the client
 * re-reads after the signal), else a larger dataspace replaces it (the
 * client asks for the dataspace again). The signal fires on every change.
 */
#ifndef CN_ROM_CONTENT_H
#define CN_ROM_CONTENT_H

#include <stdint.h>
#include <cn/rpc.h>
#include <cn/session/rom.h>
#include <cn/session/irq.h>
#include <cn/session/io_mem.h>
#include <cn/session/log.h>

struct cn_rom_content {
	uint32_t ds;         /* dataspace (our name), 0 before the first set */
	void    *addr;       /* where it is attached */
	uint32_t capacity;   /* its size in bytes (whole pages) */
	uint32_t size;       /* bytes of the current version */
	uint32_t sigh;       /* the client's signal context, 0: none */
	uint32_t version;    /* 1 after the first set, +1 on each change */
};

/* RAM (quota) a content of 'size' bytes needs: the pages (with room for a
 * terminating NUL) and the dataspace's meta data */
uint32_t cn_rom_content_cost(uint32_t size);

/* a new version; capacity_hint: make the dataspace at least this large
 * (to leave room for growth). 0 or CN_ERR_EXHAUSTED (the old version stays) */
int  cn_rom_content_set(struct cn_rom_content *c, const void *data, uint32_t size,
                        uint32_t capacity_hint);
/* the dataspace and the signal context go back */
void cn_rom_content_free(struct cn_rom_content *c);

/* the ROM interface over a struct cn_rom_content (the RPC object's ctx) */
extern const struct cn_rom_ops cn_rom_content_ops;

#endif
