/*
 * config_client: prints its "config" ROM (the <config> sub-tree its parent
 * init handed it), tries a service nobody routes ("Hello", which init
 * must deny and log) and exits with value 0.
 */
#include <cn/component.h>
#include <cn/session/devices.h>
#include <cn/session/rm.h>

void cn_component_construct(struct cn_env *env)
{
	uint32_t rom, size, addr, hello;
	cn_cap_t ds;
	int err = cn_connect("ROM", "label=\"config\"", &rom);
	if (!err)
		err = cn_rom_dataspace(rom, &ds);
	if (!err)
		err = cn_rom_size(rom, &size);
	if (!err)
		err = cn_rm_attach(env->rm, ds, 0, 0, 0, 0, &addr);
	if (err) {
		cn_log("no config: %s", cn_strerror(err));
		cn_exit(1);
	}
	cn_log("config: %.*s", (int)size, (const char *)(uintptr_t)addr);
	cn_rm_detach(env->rm, addr, NULL);
	cn_close(rom);

	err = cn_connect("Hello", "", &hello);
	cn_log("Hello session: %s", err ? cn_strerror(err) : "granted?!");
	cn_exit(0);
}
