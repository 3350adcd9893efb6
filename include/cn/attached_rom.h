/* SPDX-License-Identifier: MIT */
/*
 * A ROM module kept attached across its versions (lib/base/attached_rom.c):
 * connect, attach read-only, and on the ROM's change signal detach the old
 * version, attach the new one and call the component's handler. What a
 * config watcher needs in three calls:
 *
 *   static struct cn_attached_rom config;
 *   static void changed(struct cn_attached_rom *r, void *arg) { ... r->data, r->size ... }
 *   err = cn_attached_rom_open(&config, env, "config", changed, NULL);
 *
 * The handler runs on the entrypoint, after each new version (not for the
 * first one, which is there when open returns). Open, update and close from
 * the entrypoint's thread (construct or a handler).
 */
#ifndef CN_ATTACHED_ROM_H
#define CN_ATTACHED_ROM_H

#include <stdint.h>
#include <cn/entrypoint.h>

struct cn_env;

struct cn_attached_rom {
	uint32_t    session;        /* the ROM session */
	const void *data;           /* the current version, read-only; NULL if unreadable */
	uint32_t    size;           /* its size in bytes */
	int         error;          /* why data is NULL (0 if it is not) */
	void      (*changed)(struct cn_attached_rom *rom, void *arg);
	void       *arg;
	struct cn_signal_handler sigh;
	uint32_t    sigh_ctx;
};

/* Open the ROM module 'name', attach it, and if changed is not NULL watch
 * it. 0, or the error of connecting, attaching or registering the signal
 * (nothing is left open then). */
int cn_attached_rom_open(struct cn_attached_rom *rom, struct cn_env *env, const char *name,
                         void (*changed)(struct cn_attached_rom *rom, void *arg), void *arg);

/* Attach the ROM's current version instead of the one attached (the
 * signal handler does this itself); sets and returns rom->error. */
int cn_attached_rom_update(struct cn_attached_rom *rom);

/* Stop watching, detach, close the session. */
void cn_attached_rom_close(struct cn_attached_rom *rom);

#endif
