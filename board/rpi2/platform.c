/* SPDX-License-Identifier: MIT */
/*
 * Board hooks of the platform component (server/platform/board.h) for the
 * Raspberry Pi 2. DMA masters of the BCM2836 see RAM through the VideoCore
 * bus: physical address 0 is bus address 0xc0000000 (the alias that does
 * not allocate in the VideoCore's L2 cache, which the ARM cores do not
 * see). The power domains (sd, usb) are switched by the firmware's mailbox
 * property interface; the firmware (and QEMU) leaves them on, and switching
 * them comes with the mailbox driver of a later issue.
 */
#include "../../server/platform/board.h"

int platform_board_init(const struct pf_devices *devs)
{
	(void)devs;
	return 0;
}

int platform_board_domain(const struct pf_device *dev, const struct pf_domain *dom, bool on)
{
	(void)dev; (void)dom; (void)on;
	return 0;   /* left on by the firmware (see above) */
}

uint32_t platform_board_bus_addr(uint32_t phys)
{
	return phys | 0xc0000000u;
}
