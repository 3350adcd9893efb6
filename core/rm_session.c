/* SPDX-License-Identifier: MIT */
/*
 * RM service: a session creates region maps that are not an address space
 * (managed dataspaces, rm.c), each paid from the session's quota, and
 * destroys them; all of them go with the session.
 */
#include <cn/session/rm.h>
#include "core.h"

static struct rm *as_rm(struct obj *o) { return cn_container_of(o, struct rm, obj); }

struct rm_session {
	struct session s;
	struct cn_list rms;
};

static int op_create(void *ctx, uint32_t size, cn_cap_t *r)
{
	struct rm_session *rs = ctx;
	if (!size || size > 0x40000000u)
		return CN_ERR_INVALID;
	int err = cn_quota_charge(&rs->s.acc, CN_RM_RAM_META, 1);
	if (err)
		return err;
	struct rm *rm = core_alloc(sizeof(*rm));
	if (!rm || (err = (rm_init(rm, 0, CN_PAGES(size) * CN_PAGE_SIZE, 0, &rs->s.acc), rm_register(rm)))) {
		core_free(rm);
		cn_quota_release(&rs->s.acc, CN_RM_RAM_META, 1);
		return err ? err : CN_ERR_EXHAUSTED;
	}
	cn_list_insert_tail(&rs->rms, &rm->elem);
	r->name = rm->obj.kcap;
	return CN_OK;
}

static void destroy_one(struct rm_session *rs, struct rm *rm)
{
	rm_destroy(rm);
	cn_list_remove(&rm->elem);
	cn_quota_release(&rs->s.acc, CN_RM_RAM_META, 1);
	core_free(rm);
}

static int op_destroy(void *ctx, cn_cap_t c)
{
	struct obj *o = obj_lookup(c.name, K_RM);
	struct rm *rm = o ? as_rm(o) : 0;
	if (!rm || rm->pd || rm->acc != &((struct rm_session *)ctx)->s.acc)
		return rm ? CN_ERR_OWNER : CN_ERR_CAP;
	destroy_one(ctx, rm);
	return CN_OK;
}

static const struct cn_rm_session_ops session_ops = { .create = op_create, .destroy = op_destroy };

static int rs_create(struct session *s, const char *args)
{
	(void)args;
	cn_list_init(&cn_container_of(s, struct rm_session, s)->rms);
	return CN_OK;
}

static void rs_destroy(struct session *s)
{
	struct rm_session *rs = cn_container_of(s, struct rm_session, s);
	while (!cn_list_empty(&rs->rms))
		destroy_one(rs, cn_container_of(rs->rms.head.next, struct rm, elem));
}

const struct service svc_rm = {
	"RM", sizeof(struct rm_session), rs_create, rs_destroy, cn_rm_session_dispatch_any,
	&session_ops,
};
