/* SPDX-License-Identifier: MIT */
/*
 * The "config" ROM init serves to a child whose <start> node has a
 * <config> sub-tree: a session is a RAM dataspace holding the sub-tree's
 * text (<cn/rom_content.h>), paid from the quota the child donated for the
 * session. A reconfiguration that changes only the <config> writes the new
 * text into the child's sessions and fires their signal.
 *
 * A closed session's RPC object stays for the child's next session: core
 * cannot take back an RPC capability, so a new object per session would
 * cost init a cap each time a child opens and closes its config. The
 * objects go when the child ends.
 */
#include <cn/component.h>
#include <cn/rom_content.h>
#include <cn/sys.h>
#include <cn/session/quota.h>
#include <cn/util/args.h>
#include <cn/util/string.h>
#include "init.h"

struct rom_session {
	struct cn_rom_content content;     /* first: the RPC object's ctx */
	struct cn_rpc_object  obj;
	uint32_t              cap;
	bool                  open;        /* else idle, for the child's next session */
	struct cn_list_elem   elem;        /* in init_child.roms */
};

static struct rom_session *idle_session(struct init_child *ic)
{
	for (struct cn_list_elem *e = cn_list_first(&ic->roms); e; e = cn_list_next(&ic->roms, e)) {
		struct rom_session *s = cn_container_of(e, struct rom_session, elem);
		if (!s->open)
			return s;
	}
	return NULL;
}

static int open_rom(void *ctx, struct cn_child *client, const char *args, uint32_t *cap,
                    void **handle)
{
	struct init_child *ic = client->user;
	unsigned long ram = 0;
	(void)ctx;
	if (!ic || !ic->st || !ic->st->config)
		return CN_ERR_NOT_FOUND;
	uint32_t len = (uint32_t)ic->st->config_len;
	cn_args_ulong(args, "ram_quota", &ram);
	uint32_t meta = CN_SESSION_RAM_META + CN_DS_RAM_META;
	if (ram < cn_rom_content_cost(len) + CN_SESSION_RAM_META)
		return CN_ERR_QUOTA_RAM;

	struct rom_session *s = idle_session(ic);
	if (!s) {
		if (!(s = cn_calloc(1, sizeof(*s))))
			return CN_ERR_EXHAUSTED;
		int err = cn_rpc_object(&s->obj, cn_rom_dispatch_any, &cn_rom_content_ops,
		                        &s->content, &s->cap);
		if (err) {
			cn_free(s);
			return err;
		}
		cn_list_elem_init(&s->elem);
		cn_list_insert_tail(&ic->roms, &s->elem);
	}
	/* the dataspace is as large as the client paid for: room for a
	 * larger <config> after a reconfiguration */
	int err = cn_rom_content_set(&s->content, ic->st->config, len, (uint32_t)ram - meta);
	if (err)
		return err;   /* the object stays idle */
	s->open = true;
	*cap = s->cap;
	*handle = s;
	return 0;
}

static void close_rom(void *ctx, void *handle)
{
	struct rom_session *s = handle;
	(void)ctx;
	cn_rom_content_free(&s->content);   /* calls through old copies see nothing */
	s->open = false;
}

void init_config_rom_release(struct init_child *ic)
{
	struct cn_list_elem *e;
	while ((e = cn_list_pop_head(&ic->roms))) {
		struct rom_session *s = cn_container_of(e, struct rom_session, elem);
		cn_rpc_object_dissolve(&s->obj, s->cap);
		cn_rom_content_free(&s->content);
		cn_free(s);
	}
}

void init_config_rom_update(struct init_child *ic)
{
	for (struct cn_list_elem *e = cn_list_first(&ic->roms); e; e = cn_list_next(&ic->roms, e)) {
		struct rom_session *s = cn_container_of(e, struct rom_session, elem);
		if (!s->open)
			continue;
		if (!ic->st || !ic->st->config)
			return;   /* a <config> that went away restarts the child instead */
		if (cn_rom_content_set(&s->content, ic->st->config, (uint32_t)ic->st->config_len, 0))
			cn_log("child \"%s\": no memory for its new config", ic->child.name);
	}
}

const struct cn_child_local init_config_rom = { open_rom, close_rom, NULL };
