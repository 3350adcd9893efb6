/* SPDX-License-Identifier: MIT */
/*
 * init's start-up and its config ROM: read the "config" ROM from the
 * parent, parse it and start the children (children.c); the ROM stays
 * attached (<cn/attached_rom.h>) and each new version is applied. (init's
 * quota figures and the state report are in state.c.)
 */
#include <cn/attached_rom.h>
#include <cn/component.h>
#include <cn/sys.h>
#include "init.h"

static struct init_config *config;           /* the config in use */
static struct cn_attached_rom rom;           /* the "config" ROM */

/* parse the ROM's current version and apply it; a document that cannot be
 * used at all leaves the previous config in force */
static void load(void)
{
	uint32_t hz = 0;
	uint64_t t0 = cn_sys_time(&hz);
	if (!rom.data) {
		cn_log("config ROM unreadable: %s", cn_strerror(rom.error));
		return;
	}
	struct init_config *cfg = cn_calloc(1, sizeof(*cfg));
	int err = cfg ? init_config_parse(cfg, rom.data, rom.size) : CN_ERR_EXHAUSTED;
	if (err) {
		if (cfg) {
			init_config_free(cfg);
			cn_free(cfg);
		}
		if (config)
			cn_log("config: error: the new config is unusable, the old one stays");
		return;
	}
	if (cfg->verbose) {
		uint32_t ram, caps;
		init_quota_total(&ram, &caps);
		cn_log("verbose: config read at tick %u (%u Hz), init had %u bytes and %u caps "
		       "available", (unsigned)t0, (unsigned)hz, (unsigned)ram, (unsigned)caps);
	}
	config = cfg;
	init_state_config(cfg);   /* before the children start: its preservation counts */
	init_children_apply(cfg);
}

static void config_changed(struct cn_attached_rom *r, void *arg)
{
	(void)r; (void)arg;
	load();
}

void cn_component_construct(struct cn_env *env)
{
	cn_child_on_announce(init_announced);
	/* core's modules never change, a ROM served by a sibling of ours may:
	 * watch it, or (a ROM without change signals) read it once */
	int err = cn_attached_rom_open(&rom, env, "config", config_changed, NULL);
	if (err && (err = cn_attached_rom_open(&rom, env, "config", NULL, NULL))) {
		cn_log("no config ROM: %s", cn_strerror(err));
		return;
	}
	load();
}
