/*
 * config_watch: prints its "config" ROM, and again after each signal that
 * the ROM has a new version; runs until it is killed. The test of init's
 * live reconfiguration (run/init_reconfig) watches its lines.
 */
#include <cn/component.h>
#include <cn/session/devices.h>
#include <cn/session/rm.h>

static uint32_t rom;
static struct cn_signal_handler sigh;
static uint32_t sigh_ctx;
static unsigned versions;

static void show(void)
{
	const void *data;
	uint32_t size = 0;
	int err = cn_rom_map(rom, &data, &size);
	if (err) {
		cn_log("config unreadable: %s", cn_strerror(err));
		return;
	}
	versions++;
	cn_log("config %u: %.*s", versions, (int)size, (const char *)data);
	cn_rm_detach(cn_env()->rm, (uint32_t)(uintptr_t)data, NULL);
}

static void changed(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	show();
}

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	int err = cn_connect("ROM", "label=\"config\"", &rom);
	if (!err)
		err = cn_signal_handler(&sigh, changed, NULL, &sigh_ctx);
	if (!err)
		err = cn_rom_sigh(rom, (cn_cap_t){ sigh_ctx }, NULL);
	if (err) {
		cn_log("no config: %s", cn_strerror(err));
		cn_exit(1);
	}
	show();
}
