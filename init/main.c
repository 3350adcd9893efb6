/*
 * init's start-up: read the "config" ROM from the parent, parse it, and
 * start every valid <start> node as a child whose quanta init can afford.
 * From then on the entrypoint serves the children's parent interfaces.
 */
#include <cn/component.h>
#include <cn/session/devices.h>
#include <cn/session/pd.h>
#include <cn/session/rm.h>
#include <cn/session/cpu.h>
#include "init.h"

static struct init_config config;
static uint32_t ram_before, caps_before, cpu_before;   /* init's quota before the children */

static uint32_t available(uint32_t pd, uint32_t total, uint32_t used)
{
	uint32_t q = 0, u = 0;
	if (cn_pd_quota(pd, total, &q) || cn_pd_quota(pd, used, &u) || u > q)
		return 0;
	return q - u;
}

static bool affordable(struct cn_env *env, const struct init_start *st)
{
	uint32_t ram = available(env->pd, CN_PD_RAM_QUOTA, CN_PD_RAM_USED);
	uint32_t caps = available(env->pd, CN_PD_CAP_QUOTA, CN_PD_CAP_USED);
	if (st->ram > ram) {
		init_error(&config, st->line, "child \"%s\": RAM quantum of %u bytes exceeds "
		           "init's available %u bytes", st->name, (unsigned)st->ram, (unsigned)ram);
		return false;
	}
	if (st->caps > caps) {
		init_error(&config, st->line, "child \"%s\": %u caps exceed init's available %u",
		           st->name, (unsigned)st->caps, (unsigned)caps);
		return false;
	}
	return true;
}

static int read_config(struct cn_env *env)
{
	uint32_t rom, size;
	const void *data;
	(void)env;
	int err = cn_rom_attach("config", &data, &size, &rom);
	if (err) {
		cn_log("no config ROM: %s", cn_strerror(err));
		return err;
	}
	/* stays attached: <config> sub-trees of children point into it */
	return init_config_parse(&config, (const char *)data, size);
}

/* after each child's end: when none is left, everything they had must be
 * back (run scripts compare the two figures) */
void init_child_gone(void)
{
	struct cn_env *env = cn_env();
	for (unsigned i = 0; i < config.nstarts; i++)
		if (config.starts[i].started)
			return;
	uint32_t cpu = 0;
	cn_cpu_info(env->cpu, CN_CPU_INFO_QUOTA, &cpu);
	cn_log("all children gone: %u bytes and %u caps available (before: %u bytes, %u caps), "
	       "CPU quota %u ppm (before: %u ppm)",
	       (unsigned)available(env->pd, CN_PD_RAM_QUOTA, CN_PD_RAM_USED),
	       (unsigned)available(env->pd, CN_PD_CAP_QUOTA, CN_PD_CAP_USED),
	       (unsigned)ram_before, (unsigned)caps_before, (unsigned)cpu, (unsigned)cpu_before);
}

void cn_component_construct(struct cn_env *env)
{
	if (read_config(env))
		return;
	ram_before = available(env->pd, CN_PD_RAM_QUOTA, CN_PD_RAM_USED);
	caps_before = available(env->pd, CN_PD_CAP_QUOTA, CN_PD_CAP_USED);
	cn_cpu_info(env->cpu, CN_CPU_INFO_QUOTA, &cpu_before);
	init_policy_set_config(&config);
	unsigned started = 0;
	for (unsigned i = 0; i < config.nstarts; i++) {
		struct init_start *st = &config.starts[i];
		if (!st->valid || !affordable(env, st))
			continue;
		char cpu_args[96];
		if (init_cpu_args(&config, st, cpu_args, sizeof(cpu_args))) {
			init_error(&config, st->line, "child \"%s\": no affinity arguments", st->name);
			continue;
		}
		struct cn_child_args a = {
			.name = st->name, .binary = st->binary, .ram = st->ram, .caps = st->caps,
			.priority = -st->priority, .prio_levels = config.prio_levels, .user = st,
			.cpu_quota = st->cpu * (CN_CPU_QUOTA_MAX / 100), .cpu_args = cpu_args,
		};
		st->started = true;   /* routes may name it from now on */
		if (cn_child_start(&st->child, &a, &init_policy)) {
			st->started = false;
			continue;
		}
		started++;
	}
	cn_log("started %u child%s%s", started, started == 1 ? "" : "ren",
	       config.errors ? " (config has errors)" : "");
}
