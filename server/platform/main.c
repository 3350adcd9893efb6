/* SPDX-License-Identifier: MIT */
/*
 * The platform component (doc/platform.md): reads the board's device
 * description (ROM "devices") and its policies (ROM "config"), and serves
 * the Platform service. It is meant to be the only component that holds
 * core's IO_MEM and IRQ sessions; it opens them when a driver acquires a
 * device and closes them when the driver lets go of it.
 */
#include <cn/session/pd.h>
#include <cn/session/platform.h>
#include "platform.h"
#include "board.h"

struct pf_devices   pf_devs;
struct pf_dev_state pf_state[PF_DEVICES_MAX];
struct pf_config    pf_cfg;

static uint64_t arena[16384];   /* XML trees, one document at a time */

static void report(void *ctx, unsigned line, const char *msg)
{
	cn_log("%s:%u: error: %s", (const char *)ctx, line, msg);
}

void cn_component_construct(struct cn_env *env)
{
	const void *text;
	uint32_t size, rom;
	(void)env;

	int err = cn_rom_attach("devices", &text, &size, &rom);
	if (err) {
		cn_log("no device description (ROM \"devices\"): %s", cn_strerror(err));
		cn_exit(1);
	}
	err = pf_devices_parse(&pf_devs, text, size, arena, sizeof(arena), report, "devices");
	cn_rom_detach_close(text, rom);
	if (err) {
		cn_log("the device description is malformed: serving no devices");
		cn_exit(1);
	}

	/* a missing or broken config means no policies: no driver gets anything */
	if (!cn_rom_attach("config", &text, &size, &rom)) {
		int problems = pf_config_parse(&pf_cfg, &pf_devs, text, size, arena, sizeof(arena),
		                               report, "config");
		cn_rom_detach_close(text, rom);
		if (problems)
			cn_log("%d problems in the config: those policies do not apply", problems);
	} else
		cn_log("no config: no policies");

	if ((err = pf_device_init()) || (err = platform_board_init(&pf_devs)) || (err = cn_server_announce(&pf_service))) {
		cn_log("cannot start: %s", cn_strerror(err));
		cn_exit(1);
	}
	uint32_t q = 0, u = 0;
	cn_pd_quota(cn_env()->pd, CN_PD_RAM_QUOTA, &q);
	cn_pd_quota(cn_env()->pd, CN_PD_RAM_USED, &u);
	cn_log("%u devices of board \"%s\", %u policies; announced \"%s\" (RAM quota %u, used %u)",
	       (unsigned)pf_devs.count, pf_devs.board, (unsigned)pf_cfg.count, CN_PLATFORM_SERVICE,
	       (unsigned)q, (unsigned)u);
}
