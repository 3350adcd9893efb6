/* SPDX-License-Identifier: MIT */
/*
 * Board hooks of the platform component (server/platform/board.h) for a
 * board without a board/<name>/platform.c: no clock, power or reset
 * control (every domain stays as the boot loader left it), and bus
 * addresses equal physical addresses.
 */
#include "../board.h"

int platform_board_init(const struct pf_devices *devs)
{
	(void)devs;
	return 0;
}

int platform_board_domain(const struct pf_device *dev, const struct pf_domain *dom, bool on)
{
	(void)dev; (void)dom; (void)on;
	return 0;
}

uint32_t platform_board_bus_addr(uint32_t phys)
{
	return phys;
}
