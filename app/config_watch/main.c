/* SPDX-License-Identifier: MIT */
/*
 * config_watch: prints its "config" ROM, and again after each signal that
 * the ROM has a new version; runs until it is killed. The test of init's
 * live reconfiguration (run/init_reconfig) watches its lines.
 */
#include <cn/component.h>
#include <cn/attached_rom.h>

static struct cn_attached_rom config;
static unsigned versions;

static void show(struct cn_attached_rom *rom, void *arg)
{
	(void)arg;
	if (!rom->data) {
		cn_log("config unreadable: %s", cn_strerror(rom->error));
		return;
	}
	versions++;
	cn_log("config %u: %.*s", versions, (int)rom->size, (const char *)rom->data);
}

void cn_component_construct(struct cn_env *env)
{
	int err = cn_attached_rom_open(&config, env, "config", show, NULL);
	if (err) {
		cn_log("no config: %s", cn_strerror(err));
		cn_exit(1);
	}
	show(&config, NULL);
}
