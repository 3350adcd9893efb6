/*
 * The "config" ROM init serves to a child whose <start> node has a
 * <config> sub-tree: a session is a RAM dataspace holding the sub-tree's
 * text, paid from the quota the child donated for the session.
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/devices.h>
#include <cn/session/quota.h>
#include <cn/util/args.h>
#include <cn/util/string.h>
#include "init.h"

struct rom_session {
	struct cn_rpc_object obj;
	uint32_t cap;
	uint32_t ds;
	void    *addr;
	uint32_t size;
};

static int rom_dataspace(void *ctx, cn_cap_t *result)
{
	struct rom_session *s = ctx;
	result->name = s->ds;
	return 0;
}

static int rom_size(void *ctx, uint32_t *result)
{
	struct rom_session *s = ctx;
	*result = s->size;
	return 0;
}

static int rom_sigh(void *ctx, cn_cap_t sigh, uint32_t *result)
{
	(void)ctx; (void)sigh; (void)result;
	return 0;   /* the content never changes (yet): no signal will come */
}

static const struct cn_rom_ops rom_ops = { rom_dataspace, rom_size, rom_sigh };

static int open_rom(void *ctx, struct cn_child *client, const char *args, uint32_t *cap,
                    void **handle)
{
	struct init_start *st = client->user;
	unsigned long ram = 0;
	(void)ctx;
	if (!st || !st->config)
		return CN_ERR_NOT_FOUND;
	uint32_t pages = ((uint32_t)st->config_len + 4096u) & ~4095u;   /* room for a NUL */
	cn_args_ulong(args, "ram_quota", &ram);
	if (ram < pages + CN_DS_RAM_META + CN_SESSION_RAM_META)
		return CN_ERR_QUOTA_RAM;

	struct rom_session *s = cn_calloc(1, sizeof(*s));
	if (!s)
		return CN_ERR_EXHAUSTED;
	s->addr = cn_ram_alloc_attach(pages, 0, &s->ds);
	if (!s->addr) {
		cn_free(s);
		return CN_ERR_EXHAUSTED;
	}
	cn_memcpy(s->addr, st->config, st->config_len);
	s->size = (uint32_t)st->config_len;
	int err = cn_rpc_object(&s->obj, cn_rom_dispatch_any, &rom_ops, s, &s->cap);
	if (err) {
		cn_ram_detach_free(s->addr, s->ds);
		cn_free(s);
		return err;
	}
	*cap = s->cap;
	*handle = s;
	return 0;
}

static void close_rom(void *ctx, void *handle)
{
	struct rom_session *s = handle;
	(void)ctx;
	cn_rpc_object_dissolve(&s->obj, s->cap);   /* its cap quota returns */
	cn_ram_detach_free(s->addr, s->ds);
	cn_free(s);
}

const struct cn_child_local init_config_rom = { open_rom, close_rom, NULL };
