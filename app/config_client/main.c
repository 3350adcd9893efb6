/* SPDX-License-Identifier: MIT */
/*
 * config_client: prints its "config" ROM (the <config> sub-tree its parent
 * init handed it) twice, from two sessions one after the other, tries a service nobody routes ("Hello", which init
 * must deny and log) and exits with value 0.
 */
#include <cn/component.h>
#include <cn/session/rom.h>
#include <cn/session/rm.h>

void cn_component_construct(struct cn_env *env)
{
	uint32_t rom, size, hello;
	const void *data;
	(void)env;
	/* twice: a second session must show the same */
	for (int i = 0; i < 2; i++) {
		int err = cn_rom_attach("config", &data, &size, &rom);
		if (err) {
			cn_log("no config: %s", cn_strerror(err));
			cn_exit(1);
		}
		cn_log("config: %.*s", (int)size, (const char *)data);
		cn_rom_detach_close(data, rom);
	}

	int err = cn_connect("Hello", "", &hello);
	cn_log("Hello session: %s", err ? cn_strerror(err) : "granted?!");
	cn_exit(0);
}
