/* SPDX-License-Identifier: MIT */
/*
 * Board hooks of the platform component: clock, power and reset control
 * and DMA bus addresses. Each board implements them in
 * board/<name>/platform.c (compiled into the platform component only);
 * boards without one get server/platform/board_none/platform.c, where
 * every domain is left as the boot loader set it.
 *
 * Before a driver gets a device the platform switches its domains on in the
 * order they are listed (power, clocks, reset released, as the description
 * says); after the driver released it, off in the reverse order. A hook
 * returns 0 or a CN_ERR_* value; an error refuses the acquisition.
 */
#ifndef PLATFORM_BOARD_H
#define PLATFORM_BOARD_H

#include <stdint.h>
#include <stdbool.h>
#include "devices.h"

/* once, after the description was read */
int  platform_board_init(const struct pf_devices *devs);

/* on = true: power on / clock on / reset released; false: the reverse */
int  platform_board_domain(const struct pf_device *dev, const struct pf_domain *dom, bool on);

/* the address a device uses for RAM at physical address phys */
uint32_t platform_board_bus_addr(uint32_t phys);

#endif
