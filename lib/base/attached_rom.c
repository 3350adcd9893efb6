/* SPDX-License-Identifier: MIT */
/*
 * Attached ROM (<cn/attached_rom.h>): a ROM session whose current version
 * stays attached, re-attached on each change signal.
 */
#include <cn/attached_rom.h>
#include <cn/component.h>
#include <cn/session/rom.h>
#include <cn/session/rm.h>
#include <cn/util/string.h>

static void detach(struct cn_attached_rom *rom)
{
	if (rom->data)
		cn_rm_detach(cn_env()->rm, (uint32_t)(uintptr_t)rom->data);
	rom->data = NULL;
	rom->size = 0;
}

int cn_attached_rom_update(struct cn_attached_rom *rom)
{
	detach(rom);
	const void *data = NULL;
	uint32_t size = 0;
	rom->error = cn_rom_map(rom->session, &data, &size);
	if (!rom->error) {
		rom->data = data;
		rom->size = size;
	}
	return rom->error;
}

static void on_signal(void *arg, uint32_t count)
{
	struct cn_attached_rom *rom = arg;
	(void)count;
	cn_attached_rom_update(rom);
	rom->changed(rom, rom->arg);
}

int cn_attached_rom_open(struct cn_attached_rom *rom, struct cn_env *env, const char *name,
                         void (*changed)(struct cn_attached_rom *rom, void *arg), void *arg)
{
	cn_memset(rom, 0, sizeof(*rom));
	rom->changed = changed;
	rom->arg = arg;
	int err = cn_rom_connect(env, name, &rom->session);
	if (err)
		return err;
	if (changed) {
		err = cn_signal_handler(&rom->sigh, on_signal, rom, &rom->sigh_ctx);
		if (!err && (err = cn_rom_sigh(rom->session, (cn_cap_t){ rom->sigh_ctx })))
			cn_signal_handler_dissolve(&rom->sigh, rom->sigh_ctx);
		if (err) {
			rom->sigh_ctx = 0;
			cn_close(rom->session);
			return err;
		}
	}
	cn_attached_rom_update(rom);
	return 0;
}

void cn_attached_rom_close(struct cn_attached_rom *rom)
{
	if (rom->sigh_ctx)
		cn_signal_handler_dissolve(&rom->sigh, rom->sigh_ctx);
	rom->sigh_ctx = 0;
	detach(rom);
	cn_close(rom->session);
	rom->session = 0;
}
