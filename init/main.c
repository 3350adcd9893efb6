/*
 * init's start-up and its config ROM: read the "config" ROM from the
 * parent, parse it and start the children (children.c); watch the ROM's
 * signal and apply each new version. (init's quota figures and the state
 * report are in state.c.)
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/rom.h>
#include <cn/session/irq.h>
#include <cn/session/io_mem.h>
#include <cn/session/log.h>
#include <cn/session/pd.h>
#include <cn/session/rm.h>
#include <cn/session/cpu.h>
#include "init.h"

static struct init_config *config;           /* the config in use */
static uint32_t rom;                         /* the "config" ROM session */
static struct cn_signal_handler rom_sigh;
static uint32_t rom_sigh_ctx;

/* parse the ROM's current version and apply it; a document that cannot be
 * used at all leaves the previous config in force */
static void load(void)
{
	uint32_t hz = 0;
	uint64_t t0 = cn_sys_time(&hz);
	const void *data = NULL;
	uint32_t size = 0;
	int err = cn_rom_map(rom, &data, &size);
	if (err) {
		cn_log("config ROM unreadable: %s", cn_strerror(err));
		return;
	}
	struct init_config *cfg = cn_calloc(1, sizeof(*cfg));
	err = cfg ? init_config_parse(cfg, data, size) : CN_ERR_EXHAUSTED;
	cn_rm_detach(cn_env()->rm, (uint32_t)(uintptr_t)data);
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

static void config_changed(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	load();
}

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	int err = cn_connect("ROM", "label=\"config\"", &rom);
	if (err) {
		cn_log("no config ROM: %s", cn_strerror(err));
		return;
	}
	/* core's modules never change, a ROM served by a sibling of ours may */
	if (!cn_signal_handler(&rom_sigh, config_changed, NULL, &rom_sigh_ctx))
		cn_rom_sigh(rom, (cn_cap_t){ rom_sigh_ctx });
	load();
}
