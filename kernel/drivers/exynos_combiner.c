/* SPDX-License-Identifier: MIT */
/*
 * Samsung Exynos interrupt combiner: groups of eight interrupt sources, each
 * group ORed into one GIC interrupt. Four groups share a 16-byte register
 * block, one byte lane per group: enable set, enable clear, raw status,
 * masked status.
 */
#include "drivers/drivers.h"

#define IESR 0x0
#define IECR 0x4
#define IMSR 0xc

static uintptr_t comb;
static uint32_t groups;

static inline uint32_t blk(uint32_t g) { return (g / 4) * 0x10; }
static inline uint32_t lane(uint32_t g) { return (g % 4) * 8; }

void exynos_combiner_init(void *base, uint32_t nr_groups)
{
	comb = (uintptr_t)base;
	groups = nr_groups;
	for (uint32_t g = 0; g < groups; g += 4)
		mmio_write(comb, blk(g) + IECR, 0xffffffffu);
}

uint32_t exynos_combiner_groups(void) { return groups; }

/* the pending, enabled sources of group g (bit b = source b) */
uint32_t exynos_combiner_status(uint32_t g)
{
	return (mmio_read(comb, blk(g) + IMSR) >> lane(g)) & 0xff;
}

void exynos_combiner_mask(uint32_t g, uint32_t bit)
{
	mmio_write(comb, blk(g) + IECR, 1u << (lane(g) + bit));
}

void exynos_combiner_unmask(uint32_t g, uint32_t bit)
{
	mmio_write(comb, blk(g) + IESR, 1u << (lane(g) + bit));
}
