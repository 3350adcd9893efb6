/* SPDX-License-Identifier: MIT */
/*
 * PD service: a kernel protection domain with its address space (a region
 * map, rm.c), capability space and quota account; its RAM dataspaces
 * (ds.c), signal receivers and contexts, RPC capabilities for the PD's
 * threads, quota transfer between PDs. Page tables the kernel needs for
 * mappings (map.c) are paid from the PD's account.
 */
#include <cn/session/pd.h>
#include <cn/start.h>
#include <cn/util/args.h>
#include <cn/util/string.h>
#include "core.h"

struct signal_obj {
	struct obj          obj;
	struct pd          *pd;
	uint32_t            kcap_orig, mem;
	bool                receiver;
	struct cn_list_elem elem;
};

struct pd *pd_from_cap(uint32_t cap)
{
	struct obj *o = obj_lookup(cap, K_SESSION);
	if (!o)
		return 0;
	struct session *s = cn_container_of(o, struct session, obj);
	return s->svc == &svc_pd ? cn_container_of(s, struct pd, s) : 0;
}

static struct ds *own_ds(struct pd *pd, cn_cap_t c)
{
	struct obj *o = obj_lookup(c.name, K_DS);
	struct ds *d = o ? cn_container_of(o, struct ds, obj) : 0;
	return d && d->owner == pd ? d : 0;
}

static int op_alloc(void *ctx, uint32_t size, uint32_t flags, cn_cap_t *r)
{
	struct ds *d;
	int err = pd_alloc_ds(ctx, size, flags, &d);
	if (!err)
		r->name = d->obj.kcap;
	return err;
}

static int op_free(void *ctx, cn_cap_t ds)
{
	struct ds *d = own_ds(ctx, ds);
	if (!d)
		return obj_lookup(ds.name, K_DS) ? CN_ERR_OWNER : CN_ERR_CAP;
	pd_free_ds(ctx, d);
	return CN_OK;
}

static int op_dma_addr(void *ctx, cn_cap_t ds, uint32_t *r)
{
	struct ds *d = own_ds(ctx, ds);
	if (!d)
		return obj_lookup(ds.name, K_DS) ? CN_ERR_OWNER : CN_ERR_CAP;
	if (!(d->flags & CN_DS_UNCACHED))
		return CN_ERR_DENIED;
	*r = d->phys;
	return CN_OK;
}

static int op_transfer_ram(void *ctx, cn_cap_t to, uint32_t amount)
{
	struct pd *dst = pd_from_cap(to.name);
	if (!dst)
		return CN_ERR_CAP;
	return acc_transfer(&((struct pd *)ctx)->s.acc, &dst->s.acc, amount, 0);
}

/* RAM a cap table of 'slots' slots is charged (the table itself takes whole
 * pages: a grown table is a multiple of a page, see pd_caps_grow) */
static uint32_t ct_bytes(uint32_t slots)
{
	return (slots * CN_CAP_SLOT_SIZE + 1023) & ~1023u;
}

#define PD_SLOTS_MAX  16384u                            /* 256 KiB of table */
#define PD_SLOTS_STEP (CN_PAGE_SIZE / CN_CAP_SLOT_SIZE)  /* a page of slots */

int pd_caps_grow(struct pd *pd)
{
	uint32_t want = pd->s.acc.cap_donated;
	if (want <= pd->slots || pd->slots >= PD_SLOTS_MAX)
		return CN_OK;
	uint32_t slots = want > PD_SLOTS_MAX - PD_SLOTS_STEP ? PD_SLOTS_MAX
	               : (want + PD_SLOTS_STEP - 1) / PD_SLOTS_STEP * PD_SLOTS_STEP;
	uint32_t more = ct_bytes(slots) - ct_bytes(pd->slots);
	int err = cn_quota_charge(&pd->s.acc, more, 0);
	if (err)
		return err;
	uint32_t mem = phys_alloc(CN_PAGES(ct_bytes(slots)), 1);
	if (!mem || cn_sys_pd_grow(pd->kpd, mem, slots)) {
		if (mem)
			phys_free(mem, CN_PAGES(ct_bytes(slots)));
		cn_quota_release(&pd->s.acc, more, 0);
		return CN_ERR_EXHAUSTED;
	}
	phys_free(pd->ct_mem, CN_PAGES(ct_bytes(pd->slots)));   /* the kernel let go of it */
	pd->ct_mem = mem;
	pd->slots = slots;
	return CN_OK;
}

int pd_session_upgraded(struct session *s, uint32_t ram, uint32_t caps)
{
	int err = pd_caps_grow(cn_container_of(s, struct pd, s));
	if (err)
		acc_transfer(&s->acc, s->payer, ram, caps);   /* undone: what came is there */
	return err;
}

/* caps donated to a PD come with room for them in its cap space */
static int op_transfer_caps(void *ctx, cn_cap_t to, uint32_t amount)
{
	struct pd *dst = pd_from_cap(to.name);
	if (!dst)
		return CN_ERR_CAP;
	int err = acc_transfer(&((struct pd *)ctx)->s.acc, &dst->s.acc, 0, amount);
	if (!err && (err = pd_caps_grow(dst)))
		acc_transfer(&dst->s.acc, &((struct pd *)ctx)->s.acc, 0, amount);
	return err;
}

static int op_quota(void *ctx, uint32_t which, uint32_t *r)
{
	struct account *a = &((struct pd *)ctx)->s.acc;
	switch (which) {
	case CN_PD_RAM_QUOTA: *r = a->ram_donated; return 0;
	case CN_PD_RAM_USED:  *r = a->ram_used;  return 0;
	case CN_PD_CAP_QUOTA: *r = a->cap_donated; return 0;
	case CN_PD_CAP_USED:  *r = a->cap_used;  return 0;
	}
	return CN_ERR_INVALID;
}

/* --------------------------------------------------------------- signals */
static int new_signal(struct pd *pd, bool receiver, uint32_t recv_kcap, uint32_t imprint,
                      cn_cap_t *r)
{
	int err = cn_quota_charge(&pd->s.acc, CN_SIGNAL_RAM, 1);
	if (err)
		return err;
	struct signal_obj *s = core_alloc(sizeof(*s));
	s->mem = s ? kmem_alloc(64) : 0;
	uint32_t cap = 0;
	if (s && s->mem)
		err = receiver ? cn_sys_create(CN_OBJ_SIG_RECV, s->mem, 0, 0, 0, &cap)
		               : cn_sys_create(CN_OBJ_SIG_CTX, s->mem, recv_kcap, imprint, 0, &cap);
	if (!cap || err || (err = obj_register_kernel(&s->obj, K_SIGNAL, cap))) {
		if (cap)
			cn_sys_destroy(cap);
		if (s && s->mem)
			kmem_free(s->mem, 64);
		core_free(s);
		cn_quota_release(&pd->s.acc, CN_SIGNAL_RAM, 1);
		return err ? err : CN_ERR_EXHAUSTED;
	}
	s->pd = pd;
	s->kcap_orig = cap;
	s->receiver = receiver;
	cn_list_insert_tail(&pd->signals, &s->elem);
	r->name = s->obj.kcap;
	return CN_OK;
}

static struct signal_obj *own_signal(struct pd *pd, cn_cap_t c)
{
	struct obj *o = obj_lookup(c.name, K_SIGNAL);
	struct signal_obj *s = o ? cn_container_of(o, struct signal_obj, obj) : 0;
	return s && s->pd == pd ? s : 0;
}

static void free_signal(struct signal_obj *s)
{
	obj_unregister(&s->obj);
	cn_sys_destroy(s->kcap_orig);      /* revokes every copy */
	kmem_free(s->mem, 64);
	cn_list_remove(&s->elem);
	cn_quota_release(&s->pd->s.acc, CN_SIGNAL_RAM, 1);
	core_free(s);
}

static int op_sig_recv(void *ctx, cn_cap_t *r)
{
	return new_signal(ctx, true, 0, 0, r);
}

static int op_sig_ctx(void *ctx, cn_cap_t recv, uint32_t imprint, cn_cap_t *r)
{
	struct signal_obj *s = own_signal(ctx, recv);
	if (!s || !s->receiver)
		return CN_ERR_CAP;
	return new_signal(ctx, false, s->kcap_orig, imprint, r);
}

static int op_free_signal(void *ctx, cn_cap_t c)
{
	struct signal_obj *s = own_signal(ctx, c);
	if (!s)
		return CN_ERR_CAP;
	free_signal(s);
	return CN_OK;
}

/* --------------------------------------------------------------- others */
/* a live thread of this PD, by its CPU-session capability */
static struct thread *own_thread(struct pd *pd, uint32_t cap)
{
	struct obj *o = obj_lookup(cap, K_THREAD);
	struct thread *t = o ? cn_container_of(o, struct thread, obj) : 0;
	return t && t->pd == pd && !t->dead ? t : 0;
}

static int op_rpc_cap(void *ctx, cn_cap_t thread, uint32_t badge, cn_cap_t *r)
{
	struct pd *pd = ctx;
	struct thread *t = own_thread(pd, thread.name);
	if (!t)
		return CN_ERR_CAP;
	if (badge & CORE_BADGE_BIT)
		return CN_ERR_INVALID;
	int err = cn_quota_charge(&pd->s.acc, 0, 1);
	if (err)
		return err;
	uint32_t cap;
	if (cn_sys_cap_mint(t->kthread, badge, &cap)) {
		cn_quota_release(&pd->s.acc, 0, 1);
		return CN_ERR_EXHAUSTED;
	}
	/* the cap quota stays charged until free_rpc_cap or the PD's end */
	pd->rpc_caps++;
	r->name = cap;
	cn_ep_drop_after_reply(&core_ep, cap);
	return CN_OK;
}

/* 'name' is the PD's own name for a capability rpc_cap gave it: the kernel
 * takes it out of the PD's cap space only if it calls that thread */
static int op_free_rpc_cap(void *ctx, cn_cap_t thread, uint32_t name)
{
	struct pd *pd = ctx;
	struct thread *t = own_thread(pd, thread.name);
	if (!t)
		return CN_ERR_CAP;
	if (!pd->rpc_caps)
		return CN_ERR_INVALID;
	if (cn_sys_cap_take(pd->kpd, name, t->kthread, NULL))
		return CN_ERR_CAP;
	pd->rpc_caps--;
	cn_quota_release(&pd->s.acc, 0, 1);
	return CN_OK;
}

static int op_address_space(void *ctx, cn_cap_t *r)
{
	r->name = ((struct pd *)ctx)->as.obj.kcap;
	return CN_OK;
}

static int op_give(void *ctx, cn_cap_t c, uint32_t *r)
{
	if (!c.name)
		return CN_ERR_CAP;
	return cn_sys_cap_give(((struct pd *)ctx)->kpd, c.name, r);
}

static const struct cn_pd_ops pd_ops = {
	.alloc = op_alloc, .free = op_free, .dma_addr = op_dma_addr,
	.transfer_ram = op_transfer_ram, .transfer_caps = op_transfer_caps, .quota = op_quota,
	.signal_receiver = op_sig_recv, .signal_context = op_sig_ctx,
	.free_signal = op_free_signal, .rpc_cap = op_rpc_cap,
	.address_space = op_address_space, .give = op_give, .free_rpc_cap = op_free_rpc_cap,
};

/* --------------------------------------------------------------- session */
static int pd_create(struct session *s, const char *args)
{
	(void)args;
	struct pd *pd = cn_container_of(s, struct pd, s);
	cn_list_init(&pd->dataspaces);
	cn_list_init(&pd->signals);
	cn_list_init(&pd->threads);
	/* the cap space holds as many names as the PD's cap quota, at least 16 */
	uint32_t slots = s->acc.cap_donated < 16 ? 16 : s->acc.cap_donated;
	if (slots > PD_SLOTS_MAX)
		slots = PD_SLOTS_MAX;
	uint32_t ct_size = ct_bytes(slots);
	int err = cn_quota_charge(&s->acc, CN_PD_RAM_OBJECT + ct_size, 0);
	if (err)
		return err;
	pd->pd_mem = kmem_alloc(CN_OBJ_MEM_PD);
	pd->ct_mem = pd->pd_mem ? phys_alloc(CN_PAGES(ct_size), 1) : 0;
	if (!pd->ct_mem || cn_sys_create(CN_OBJ_PD, pd->pd_mem, pd->ct_mem, slots, 0, &pd->kpd)) {
		if (pd->ct_mem)
			phys_free(pd->ct_mem, CN_PAGES(ct_size));
		if (pd->pd_mem)
			kmem_free(pd->pd_mem, CN_OBJ_MEM_PD);
		cn_quota_release(&s->acc, CN_PD_RAM_OBJECT + ct_size, 0);
		return CN_ERR_EXHAUSTED;
	}
	pd->slots = slots;
	rm_init(&pd->as, 0x1000, 0x80000000u - 0x1000, pd, &s->acc);
	err = rm_register(&pd->as);
	if (err) {
		cn_sys_destroy(pd->kpd);
		phys_free(pd->ct_mem, CN_PAGES(ct_size));
		kmem_free(pd->pd_mem, CN_OBJ_MEM_PD);
		cn_quota_release(&s->acc, CN_PD_RAM_OBJECT + ct_size, 0);
	}
	return err;
}

static void pd_destroy(struct session *s)
{
	struct pd *pd = cn_container_of(s, struct pd, s);
	while (!cn_list_empty(&pd->threads)) {
		struct thread *t = cn_container_of(pd->threads.head.next, struct thread, pd_elem);
		thread_kill(t);                  /* unlinks it */
	}
	rm_destroy(&pd->as);
	while (!cn_list_empty(&pd->dataspaces))
		pd_free_ds(pd, cn_container_of(pd->dataspaces.head.next, struct ds, elem));
	while (!cn_list_empty(&pd->signals))
		free_signal(cn_container_of(pd->signals.head.next, struct signal_obj, elem));
	cn_sys_destroy(pd->kpd);
	pd_free_page_tables(pd);
	phys_free(pd->ct_mem, CN_PAGES(ct_bytes(pd->slots)));
	kmem_free(pd->pd_mem, CN_OBJ_MEM_PD);
}

const struct service svc_pd = {
	"PD", sizeof(struct pd), pd_create, pd_destroy, cn_pd_dispatch_any, &pd_ops,
};
