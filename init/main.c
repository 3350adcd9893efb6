/*
 * init's start-up and its config ROM: read the "config" ROM from the
 * parent, parse it and start the children (children.c); watch the ROM's
 * signal and apply each new version. Also init's quota figures, the "all
 * children gone" line and the optional state report (<report/>).
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/devices.h>
#include <cn/session/pd.h>
#include <cn/session/rm.h>
#include <cn/session/cpu.h>
#include "init.h"

static struct init_config *config;           /* the config in use */
static uint32_t rom;                         /* the "config" ROM session */
static struct cn_signal_handler rom_sigh;
static uint32_t rom_sigh_ctx;
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
	cn_rm_detach(cn_env()->rm, (uint32_t)(uintptr_t)data, NULL);
	if (err) {
		if (cfg) {
			init_config_free(cfg);
			cn_free(cfg);
		}
		if (config)
			cn_log("config: error: the new config is unusable, the old one stays");
		return;
	}
	if (!config) {
		ram_before = available(CN_PD_RAM_QUOTA, CN_PD_RAM_USED);
		caps_before = available(CN_PD_CAP_QUOTA, CN_PD_CAP_USED);
		cn_cpu_info(cn_env()->cpu, CN_CPU_INFO_QUOTA, &cpu_before);
	}
	if (cfg->verbose)
		cn_log("verbose: config read at tick %u (%u Hz), init had %u bytes and %u caps "
		       "available", (unsigned)t0, (unsigned)hz,
		       (unsigned)available(CN_PD_RAM_QUOTA, CN_PD_RAM_USED),
		       (unsigned)available(CN_PD_CAP_QUOTA, CN_PD_CAP_USED));
	config = cfg;   /* before the children start: its preservation counts */
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
		cn_rom_sigh(rom, (cn_cap_t){ rom_sigh_ctx }, NULL);
	load();
}
