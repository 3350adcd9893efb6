/* SPDX-License-Identifier: MIT */
/*
 * ROM modules as memory: open a ROM session, attach its dataspace
 * read-only into the address space, and undo both.
 */
#include <cn/component.h>
#include <cn/util/args.h>
#include <cn/session/rom.h>
#include <cn/session/irq.h>
#include <cn/session/io_mem.h>
#include <cn/session/log.h>
#include <cn/session/rm.h>

int cn_rom_attach(const char *name, const void **data, uint32_t *size, uint32_t *session)
{
	char args[CN_RPC_STR_MAX];
	args[0] = 0;
	if (cn_args_set_str(args, sizeof(args), "label", name))
		return CN_ERR_ARGS;
	int err = cn_connect("ROM", args, session);
	if (err)
		return err;
	if ((err = cn_rom_map(*session, data, size)))
		cn_close(*session);
	return err;
}

int cn_rom_map(uint32_t session, const void **data, uint32_t *size)
{
	cn_cap_t ds;
	uint32_t addr;
	int err;
	if ((err = cn_rom_dataspace(session, &ds)) || (err = cn_rom_size(session, size)) ||
	    (err = cn_rm_attach(cn_env()->rm, ds, 0, 0, 0, 0, &addr)))
		return err;
	*data = (const void *)(uintptr_t)addr;
	return CN_OK;
}

int cn_rom_detach_close(const void *data, uint32_t session)
{
	int err = cn_rm_detach(cn_env()->rm, (uint32_t)(uintptr_t)data);
	int err2 = cn_close(session);
	return err ? err : err2;
}
