/* SPDX-License-Identifier: MIT */
/*
 * init's quota figures and its state: what children may still get (the
 * available quota less the preserved), the "all children gone" line that
 * compares with the figures before the first child, and the optional state
 * report (<report/>). Depends on the config in use and lib/base's list of
 * children only (init's files depend one way: main.c -> children.c ->
 * route.c -> config_rom.c, and each of them -> state.c, config.c).
 */
#include <cn/component.h>
#include <cn/session/pd.h>
#include <cn/session/cpu.h>
#include "init.h"

static struct init_config *config;           /* the config in use */
static uint32_t ram_before, caps_before, cpu_before;   /* init's quota before the children */

static uint32_t available(uint32_t total, uint32_t used)
{
	uint32_t q = 0, u = 0;
	uint32_t pd = cn_env()->pd;
	if (cn_pd_quota(pd, total, &q) || cn_pd_quota(pd, used, &u) || u > q)
		return 0;
	return q - u;
}

void init_quota_avail(uint32_t *ram, uint32_t *caps)
{
	uint32_t r = available(CN_PD_RAM_QUOTA, CN_PD_RAM_USED);
	uint32_t c = available(CN_PD_CAP_QUOTA, CN_PD_CAP_USED);
	uint32_t pr = config ? config->preserve_ram : INIT_PRESERVE_RAM;
	uint32_t pc = config ? config->preserve_caps : INIT_PRESERVE_CAPS;
	*ram = r > pr ? r - pr : 0;
	*caps = c > pc ? c - pc : 0;
}

void init_quota_total(uint32_t *ram, uint32_t *caps)
{
	*ram = available(CN_PD_RAM_QUOTA, CN_PD_RAM_USED);
	*caps = available(CN_PD_CAP_QUOTA, CN_PD_CAP_USED);
}

void init_state_config(struct init_config *cfg)
{
	if (!config) {
		init_quota_total(&ram_before, &caps_before);
		cn_cpu_info(cn_env()->cpu, CN_CPU_INFO_QUOTA, &cpu_before);
	}
	config = cfg;
}

/* the state report: init's quota, and with child_ram="yes" each child */
static void report(void)
{
	unsigned alive = 0;
	for (struct cn_child *c = cn_child_first(); c; c = cn_child_next(c))
		alive += ((struct init_child *)c->user)->alive;
	cn_log("state: %u children, init has %u bytes and %u caps available", alive,
	       (unsigned)available(CN_PD_RAM_QUOTA, CN_PD_RAM_USED),
	       (unsigned)available(CN_PD_CAP_QUOTA, CN_PD_CAP_USED));
	if (config->report_ledger)
		cn_child_ledger_log();
	if (!config->report_children)
		return;
	for (struct cn_child *c = cn_child_first(); c; c = cn_child_next(c)) {
		struct init_child *ic = c->user;
		uint32_t q = 0, u = 0;
		if (!ic->alive) {
			cn_log("state: child \"%s\" %s", ic->child.name,
			       ic->child.ended == CN_CHILD_FAULTED ? "faulted" : "exited");
			continue;
		}
		cn_pd_quota(ic->child.pd, CN_PD_RAM_QUOTA, &q);
		cn_pd_quota(ic->child.pd, CN_PD_RAM_USED, &u);
		cn_log("state: child \"%s\" binary \"%s\" ram %u quota %u used, caps %u", ic->child.name,
		       ic->child.binary, (unsigned)q, (unsigned)u, (unsigned)ic->child.caps);
	}
}

void init_state_changed(void)
{
	if (config && config->report)
		report();
	for (struct cn_child *c = cn_child_first(); c; c = cn_child_next(c))
		if (((struct init_child *)c->user)->alive)
			return;
	/* when none is left, everything they had must be back (run scripts
	 * compare the figures) */
	uint32_t cpu = 0;
	cn_cpu_info(cn_env()->cpu, CN_CPU_INFO_QUOTA, &cpu);
	cn_log("all children gone: %u bytes and %u caps available (before: %u bytes, %u caps), "
	       "CPU quota %u ppm (before: %u ppm)",
	       (unsigned)available(CN_PD_RAM_QUOTA, CN_PD_RAM_USED),
	       (unsigned)available(CN_PD_CAP_QUOTA, CN_PD_CAP_USED),
	       (unsigned)ram_before, (unsigned)caps_before, (unsigned)cpu, (unsigned)cpu_before);
}
