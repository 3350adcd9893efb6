/* SPDX-License-Identifier: MIT */
/*
 * How a component starts: its parent maps one read-only page, the start
 * info, at CN_START_INFO_ADDR and starts the main thread there with r0 =
 * that address. It names the capabilities the parent put in the
 * component's cap space. UTCBs of threads live in [CN_UTCB_AREA, +size),
 * one page each, placed by core; nothing else may be attached there.
 */
#ifndef CN_START_H
#define CN_START_H

#include <stdint.h>

#define CN_START_INFO_ADDR  0x7fff0000u
#define CN_UTCB_AREA        0x7f000000u
#define CN_UTCB_AREA_SIZE   0x00ff0000u
#define CN_USER_AREA_END    0x7f000000u   /* attach-anywhere ends here */
#define CN_START_MAGIC      0xca1e5747u

struct cn_start_info {
	uint32_t magic;
	uint32_t parent;        /* cap names in the component's cap space */
	uint32_t pd;
	uint32_t cpu;
	uint32_t rm;            /* the address space */
	uint32_t main_thread;   /* the main thread's CPU thread cap */
	uint32_t reserved[2];
	char     name[64];      /* the component's name, for messages */
};

#endif
