/* SPDX-License-Identifier: MIT */
/*
 * Internals of the platform component shared by its files: the board's
 * devices with their owners, the policies, the sessions.
 */
#ifndef PLATFORM_PLATFORM_H
#define PLATFORM_PLATFORM_H

#include <cn/component.h>
#include <cn/server.h>
#include "devices.h"

/* what a device acquisition costs the session: core's IO_MEM and IRQ
 * sessions opened for it (as <cn/util/session_args.h> sizes them) */
#define PF_IO_MEM_RAM   (1024u + 128u + 1024u)
#define PF_IO_MEM_CAPS  2u
#define PF_IRQ_RAM      (1024u + 128u)
#define PF_IRQ_CAPS     2u

struct pf_dma;

struct pf_session {
	const struct pf_policy *policy;     /* NULL: no device */
	struct pf_dma          *dma;        /* DMA buffers */
	uint32_t                list_ds;    /* devices() dataspace, 0 before the first call */
	uint32_t                dma_bytes;  /* pages of the DMA buffers */
	bool                    dma_only;   /* dma_only=1: DMA buffers, no devices */
};

/* the state of one device of the description */
struct pf_dev_state {
	struct pf_session *owner;
	uint32_t           page[PF_RANGES_MAX];   /* index+1 into the shared page table */
	uint32_t           irq[PF_IRQS_MAX];      /* core IRQ sessions (our names) */
	bool               releasing;             /* core sessions still to close */
};

extern struct pf_devices   pf_devs;
extern struct pf_dev_state pf_state[PF_DEVICES_MAX];
extern struct pf_config    pf_cfg;

/* device.c: acquire and release (index into pf_devs), the range's dataspace */
int  pf_acquire(struct pf_session *s, uint32_t i);
void pf_release(struct pf_session *s, uint32_t i);
/* the same when the session closes: our parent is waiting for us, so core's
 * sessions (closed through the parent) are closed right after (see device.c) */
void pf_release_later(struct pf_session *s, uint32_t i);
int  pf_device_init(void);
int  pf_range_ds(uint32_t i, uint32_t r, uint32_t *ds, uint32_t *offset);

/* stop.c: stop device i from mastering the bus (by its compatible string;
 * devices without a stop function are left as they are) */
void pf_device_stop(uint32_t i);

/* session.c: the service */
extern struct cn_service pf_service;

#endif
