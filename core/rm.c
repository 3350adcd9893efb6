/* SPDX-License-Identifier: MIT */
/*
 * Region maps: sorted lists of regions, each showing a dataspace or
 * another region map (a managed dataspace) at an address. Attaching into
 * a PD's address space maps the pages at once; regions of nested region
 * maps are mapped on first access (page fault). Core keeps every region,
 * so detaching unmaps the range in every address space that shows it.
 */
#include <cn/session/rm.h>
#include <cn/session/pd.h>
#include <cn/start.h>
#include "core.h"

#define MAX_DEPTH 4

struct region {
	uint32_t            start, size, offset, flags;
	struct obj         *what;          /* a struct ds or a struct rm */
	struct rm          *rm;            /* the region map it is in */
	struct cn_list_elem rm_elem;       /* in rm->regions, sorted */
	struct cn_list_elem what_elem;     /* in ds->regions or sub->parents */
};

#define EACH_REGION(r, list, member) \
	for (struct cn_list_elem *e_ = (list)->head.next, *n_ = e_->next; \
	     e_ != &(list)->head && ((r) = cn_container_of(e_, struct region, member)); \
	     e_ = n_, n_ = e_->next)

void rm_init(struct rm *rm, uint32_t base, uint32_t size, struct pd *pd, struct account *acc)
{
	rm->base = base;
	rm->size = size;
	rm->pd = pd;
	rm->acc = acc;
	cn_list_init(&rm->regions);
	cn_list_init(&rm->parents);
	cn_list_init(&rm->faulters);
}

static struct rm *as_rm(struct obj *o) { return cn_container_of(o, struct rm, obj); }
static struct ds *as_ds(struct obj *o) { return cn_container_of(o, struct ds, obj); }

static struct region *find(struct rm *rm, uint32_t addr)
{
	struct region *r;
	EACH_REGION(r, &rm->regions, rm_elem)
		if (addr >= r->start && addr - r->start < r->size)
			return r;
	return 0;
}

static uint32_t map_attr(struct region *r)
{
	uint32_t a = 0;
	if (r->flags & CN_ATTACH_WRITE) a |= CN_MAP_WRITE;
	if (r->flags & CN_ATTACH_EXEC)  a |= CN_MAP_EXEC;
	struct ds *d = as_ds(r->what);
	if (d->type == DS_IO)
		a |= (d->flags & CN_MAP_WC) ? CN_MAP_WC : CN_MAP_DEVICE;
	else if (d->flags & CN_DS_UNCACHED)
		a |= CN_MAP_UNCACHED;
	return a;
}

/* unmap [start, start+size) of rm wherever it is visible */
static void unmap_range(struct rm *rm, uint32_t start, uint32_t size, int depth)
{
	if (depth > MAX_DEPTH || !size)
		return;
	if (rm->pd)
		pd_unmap(rm->pd, start, size / CN_PAGE_SIZE);
	struct region *p;
	EACH_REGION(p, &rm->parents, what_elem) {
		uint32_t lo = start > p->offset ? start : p->offset;
		uint32_t hi_a = start + size, hi_b = p->offset + p->size;
		uint32_t hi = hi_a < hi_b ? hi_a : hi_b;
		if (lo < hi)
			unmap_range(p->rm, p->start + (lo - p->offset), hi - lo, depth + 1);
	}
}

static void region_remove(struct region *r)
{
	unmap_range(r->rm, r->start, r->size, 0);
	cn_list_remove(&r->rm_elem);
	cn_list_remove(&r->what_elem);
	cn_quota_release(r->rm->acc, CN_REGION_RAM_META, 0);
	core_free(r);
}

void rm_detach_all_of(struct cn_list *regions)
{
	struct region *r;
	EACH_REGION(r, regions, what_elem)
		region_remove(r);
}

/* does 'a' show 'b' (directly or nested), or is it 'b'? */
static bool contains(struct rm *a, struct rm *b, int depth)
{
	if (a == b)
		return true;
	if (depth > MAX_DEPTH)
		return true;                    /* too deep counts as a cycle */
	struct region *r;
	EACH_REGION(r, &a->regions, rm_elem)
		if (r->what->kind == K_RM && contains(as_rm(r->what), b, depth + 1))
			return true;
	return false;
}

static bool place(struct rm *rm, uint32_t size, uint32_t *at)
{
	uint32_t align = size >= (1u << 20) ? (1u << 20) : CN_PAGE_SIZE;
	uint32_t cand = (rm->base + align - 1) & ~(align - 1);
	struct region *r;
	EACH_REGION(r, &rm->regions, rm_elem) {
		if (cand + size <= r->start && cand + size > cand)
			break;
		if (r->start + r->size > cand)
			cand = (r->start + r->size + align - 1) & ~(align - 1);
	}
	uint32_t end = rm->pd ? CN_USER_AREA_END : rm->base + rm->size;
	if (cand < rm->base || cand + size < cand || cand + size > end)
		return false;
	*at = cand;
	return true;
}

/* tell the waiting threads: something was attached, or the map is gone */
static void wake_waiters(struct rm *rm, bool gone)
{
	while (!cn_list_empty(&rm->faulters)) {
		struct rm_waiter *w = cn_container_of(rm->faulters.head.next, struct rm_waiter, elem);
		rm_waiter_cancel(w);
		w->wake(w, gone);
	}
}

void rm_waiter_cancel(struct rm_waiter *w)
{
	if (!w->rm)
		return;
	cn_list_remove(&w->elem);
	w->rm = 0;
}

static void retry_faulters(struct rm *rm)
{
	wake_waiters(rm, false);
	rm->fault_type = 0;
	rm->fault_addr = 0;
}

int rm_attach(struct rm *rm, struct obj *what, uint32_t at, uint32_t offset, uint32_t size,
              uint32_t flags, uint32_t *addr)
{
	if (!what || (what->kind != K_DS && what->kind != K_RM))
		return CN_ERR_CAP;
	if (flags & ~(CN_ATTACH_AT | CN_ATTACH_WRITE | CN_ATTACH_EXEC))
		return CN_ERR_INVALID;
	uint32_t wsize;
	struct cn_list *wlist;
	if (what->kind == K_DS) {
		struct ds *d = as_ds(what);
		if (d->type == DS_ROM && (flags & CN_ATTACH_WRITE))
			return CN_ERR_DENIED;
		if (d->type == DS_IO && (flags & CN_ATTACH_EXEC))
			return CN_ERR_DENIED;
		wsize = CN_PAGES(d->size) * CN_PAGE_SIZE;
		wlist = &d->regions;
	} else {
		struct rm *sub = as_rm(what);
		if (sub->pd || contains(sub, rm, 0))
			return CN_ERR_DENIED;
		wsize = sub->size;
		wlist = &sub->parents;
	}
	if ((offset | ((flags & CN_ATTACH_AT) ? at : 0)) & (CN_PAGE_SIZE - 1))
		return CN_ERR_INVALID;
	if (offset >= wsize)
		return CN_ERR_INVALID;
	if (!size)
		size = wsize - offset;
	size = CN_PAGES(size) * CN_PAGE_SIZE;
	if (!size || size > wsize - offset)
		return CN_ERR_INVALID;
	if (flags & CN_ATTACH_AT) {
		if (at < rm->base || at + size < at || at + size > rm->base + rm->size)
			return CN_ERR_INVALID;
		if (rm->pd && at < CN_UTCB_AREA + CN_UTCB_AREA_SIZE && CN_UTCB_AREA < at + size)
			return CN_ERR_CONFLICT;           /* core puts UTCBs there */
		struct region *r;
		EACH_REGION(r, &rm->regions, rm_elem)
			if (at < r->start + r->size && r->start < at + size)
				return CN_ERR_CONFLICT;
	} else if (!place(rm, size, &at)) {
		return CN_ERR_CONFLICT;
	}
	int err = cn_quota_charge(rm->acc, CN_REGION_RAM_META, 0);
	if (err)
		return err;
	struct region *n = core_alloc(sizeof(*n));
	if (!n) {
		cn_quota_release(rm->acc, CN_REGION_RAM_META, 0);
		return CN_ERR_EXHAUSTED;
	}
	n->start = at; n->size = size; n->offset = offset; n->flags = flags; n->what = what;
	n->rm = rm;
	struct cn_list_elem *pos = &rm->regions.head;
	struct region *r;
	EACH_REGION(r, &rm->regions, rm_elem)
		if (r->start < at)
			pos = &r->rm_elem;
	cn_list_insert_after(pos, &n->rm_elem);
	cn_list_insert_tail(wlist, &n->what_elem);
	if (rm->pd && what->kind == K_DS) {
		err = pd_map(rm->pd, at, as_ds(what)->phys + offset, size / CN_PAGE_SIZE, map_attr(n));
		if (err) {
			region_remove(n);
			return err;
		}
	}
	if (!rm->pd)
		retry_faulters(rm);
	*addr = at;
	return CN_OK;
}

int rm_detach(struct rm *rm, uint32_t addr)
{
	struct region *r = find(rm, addr);
	if (!r)
		return CN_ERR_NOT_FOUND;
	region_remove(r);
	return CN_OK;
}

/* ------------------------------------------------------------ faults */
bool rm_resolve_fault(struct pd *pd, struct rm_waiter *w, uint32_t addr, uint32_t type)
{
	struct rm *rm = &pd->as;
	uint32_t a = addr, perm = CN_ATTACH_WRITE | CN_ATTACH_EXEC;
	for (int depth = 0; depth <= MAX_DEPTH; depth++) {
		struct region *r = find(rm, a);
		if (r && r->what->kind == K_RM) {
			perm &= r->flags;
			a = a - r->start + r->offset;
			rm = as_rm(r->what);
			continue;
		}
		bool ok = r && !(type == CN_FAULT_PAGE_WRITE && !(perm & r->flags & CN_ATTACH_WRITE)) &&
		          !(type == CN_FAULT_PAGE_EXEC && !(perm & r->flags & CN_ATTACH_EXEC));
		if (ok) {
			struct ds *d = as_ds(r->what);
			uint32_t attr = map_attr(r);
			if (!(perm & CN_ATTACH_WRITE)) attr &= ~CN_MAP_WRITE;
			if (!(perm & CN_ATTACH_EXEC))  attr &= ~CN_MAP_EXEC;
			uint32_t pa = d->phys + r->offset + ((a - r->start) & ~(CN_PAGE_SIZE - 1));
			return pd_map(pd, addr & ~(CN_PAGE_SIZE - 1), pa, 1, attr) == CN_OK;
		}
		/* nothing (usable) there: a nested region map's handler may help */
		if (rm != &pd->as && rm->fault_sigh) {
			rm->fault_type = type;
			rm->fault_addr = a;
			w->rm = rm;
			cn_list_insert_tail(&rm->faulters, &w->elem);
			cn_sys_signal_submit(rm->fault_sigh, 1);
		}
		return false;
	}
	return false;
}

void rm_destroy(struct rm *rm)
{
	struct region *r;
	EACH_REGION(r, &rm->regions, rm_elem)
		region_remove(r);
	rm_detach_all_of(&rm->parents);
	wake_waiters(rm, true);
	if (rm->fault_sigh)
		cn_sys_cap_drop(rm->fault_sigh);
	rm->fault_sigh = 0;
	obj_unregister(&rm->obj);
}

/* ------------------------------------------------------------ RPC */
static int op_attach(void *ctx, cn_cap_t ds, uint32_t at, uint32_t offset, uint32_t size,
                     uint32_t flags, uint32_t *r)
{
	return rm_attach(ctx, obj_lookup(ds.name, K_NONE), at, offset, size, flags, r);
}

static int op_detach(void *ctx, uint32_t addr)
{
	return rm_detach(ctx, addr);
}

static int op_fault_handler(void *ctx, cn_cap_t c)
{
	struct rm *rm = ctx;
	cn_ep_keep_replace(&core_ep, &rm->fault_sigh, c);
	return CN_OK;
}

static int op_fault(void *ctx, uint32_t what, uint32_t *r)
{
	struct rm *rm = ctx;
	if (what == CN_RM_FAULT_TYPE)
		*r = rm->fault_type;
	else if (what == CN_RM_FAULT_ADDR)
		*r = rm->fault_addr;
	else
		return CN_ERR_INVALID;
	return CN_OK;
}

static int op_dataspace(void *ctx, cn_cap_t *r)
{
	struct rm *rm = ctx;
	if (rm->pd)
		return CN_ERR_DENIED;             /* an address space is not a dataspace */
	r->name = rm->obj.kcap;
	return CN_OK;
}

static const struct cn_rm_ops ops = {
	.attach = op_attach, .detach = op_detach, .fault_handler = op_fault_handler,
	.fault = op_fault, .dataspace = op_dataspace,
};

int rm_register(struct rm *rm)
{
	return obj_register(&rm->obj, K_RM, cn_rm_dispatch_any, &ops, rm);
}
