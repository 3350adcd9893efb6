/* SPDX-License-Identifier: MIT */
/*
 * Capability spaces: per-PD arrays of slots whose index is the capability's
 * name. Every slot referring to an object is linked into that object's list,
 * so destroying the object clears every name for it at once: a stale name
 * then finds an empty slot and gets CN_ERR_CAP, never a dangling pointer.
 * The calls on names (drop, identify, mint, give, take) are here too.
 */
#include "syscall.h"

void capspace_init(struct capspace *cs, struct cap *slots, uint32_t n)
{
	cs->slots = slots;
	cs->nslots = n;
	cs->free = NULL;
	/* slot 0 is never valid: name 0 means "no capability" */
	for (uint32_t i = n; i-- > 1;) {
		slots[i].obj = NULL;
		slots[i].badge = 0;
		slots[i].prev = NULL;
		slots[i].next = cs->free;
		cs->free = &slots[i];
	}
	if (n) {
		slots[0].obj = NULL;
		slots[0].next = slots[0].prev = NULL;
	}
}

struct kobj *cap_lookup(struct pd *pd, uint32_t name, uint32_t type, uint32_t *badge)
{
	struct cap *c = cap_slot(&pd->caps, name);
	if (!c || !c->obj || (type != CN_OBJ_NONE && c->obj->type != type))
		return NULL;
	if (badge)
		*badge = c->badge;
	return c->obj;
}

void *cap_arg(struct thread *cur, uint32_t name, uint32_t type, uint32_t *badge, int *err)
{
	struct cap *c = cap_slot(&cur->pd->caps, name);
	if (!c || !c->obj) {
		*err = REFUSE(cur, CN_ERR_CAP, "cap slot", "name %u: %s", (unsigned)name,
		              c ? "empty slot" : "beyond the cap space");
		return NULL;
	}
	if (type != CN_OBJ_NONE && c->obj->type != type) {
		*err = REFUSE(cur, CN_ERR_TYPE, "type", "name %u: object type %u, wanted %u",
		              (unsigned)name, (unsigned)c->obj->type, (unsigned)type);
		return NULL;
	}
	if (badge)
		*badge = c->badge;
	*err = CN_OK;
	if (type == CN_OBJ_THREAD)
		return cn_container_of(c->obj, struct thread, obj);
	return c->obj;   /* the other objects begin with their struct kobj */
}

_Static_assert(offsetof(struct pd, obj) == 0 && offsetof(struct sig_recv, obj) == 0 &&
               offsetof(struct sig_ctx, obj) == 0 && offsetof(struct irq, obj) == 0,
               "cap_arg() returns these objects as their struct kobj");

static void slot_unlink(struct cap *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		c->obj->caps = c->next;
	if (c->next)
		c->next->prev = c->prev;
}

/* The slot goes back to its space's free list. We find the space through
 * the slot address: callers pass the PD when they know it; revocation
 * (which does not) leaves the slot empty and off the free list until the
 * owner's next cap_insert scan would need it — to keep it simple the slot
 * is marked with next == c (detached) and reclaimed lazily. */
void cap_drop(struct pd *pd, uint32_t name)
{
	if (name == 0 || name >= pd->caps.nslots)
		return;
	struct cap *c = &pd->caps.slots[name];
	if (c->obj)
		slot_unlink(c);
	else if (c->next != c)
		return;              /* already free */
	c->obj = NULL;
	c->badge = 0;
	c->prev = NULL;
	c->next = pd->caps.free;
	pd->caps.free = c;
}

void kobj_revoke(struct kobj *obj)
{
	struct cap *c = obj->caps;
	while (c) {
		struct cap *next = c->next;
		c->obj = NULL;
		c->badge = 0;
		c->prev = NULL;
		c->next = c;         /* detached: the owner reclaims it with cap_drop */
		c = next;
	}
	obj->caps = NULL;
}

void capspace_clear(struct capspace *cs)
{
	for (uint32_t i = 1; i < cs->nslots; i++) {
		struct cap *c = &cs->slots[i];
		if (c->obj)
			slot_unlink(c);
		c->obj = NULL;
	}
	cs->free = NULL;
	cs->nslots = 0;
}

/* a pointer into the old slot array, as the same slot of the new one */
static struct cap *moved(struct cap *p, struct cap *old, uint32_t n, struct cap *slots)
{
	return p >= old && p < old + n ? slots + (p - old) : p;
}

void capspace_grow(struct capspace *cs, struct cap *slots, uint32_t n)
{
	struct cap *old = cs->slots;
	uint32_t on = cs->nslots;
	for (uint32_t i = 0; i < n; i++) {
		struct cap *c = &slots[i], *o = i < on ? &old[i] : NULL;
		c->obj = o ? o->obj : NULL;
		c->badge = o ? o->badge : 0;
		c->prev = NULL;
		c->next = NULL;
		if (!o || i == 0)
			continue;
		if (c->obj) {
			/* neighbours in this space are moved with their own slot;
			 * the object's head and slots of other spaces point here now */
			c->prev = moved(o->prev, old, on, slots);
			c->next = moved(o->next, old, on, slots);
			if (!c->prev)
				c->obj->caps = c;
			else if (c->prev == o->prev)
				c->prev->next = c;
			if (c->next && c->next == o->next)
				c->next->prev = c;
		} else if (o->next == o) {
			c->next = c;          /* detached (revoked): stays off the free list */
		}
	}
	/* the free list: the old free slots and the new ones, lowest first */
	cs->free = NULL;
	for (uint32_t i = n; i-- > 1;) {
		struct cap *c = &slots[i];
		if (!c->obj && c->next != c) {
			c->next = cs->free;
			cs->free = c;
		}
	}
	cs->slots = slots;
	cs->nslots = n;
}

/* ------------------------------------------------------------ calls */

int sys_cap_drop(struct thread *cur)
{
	cap_drop(cur->pd, sys_arg(cur, 0));
	return CN_OK;
}

int sys_cap_identify(struct thread *cur)
{
	uint32_t badge;
	int err;
	struct kobj *o = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_NONE, &badge, &err);
	if (!o)
		return err;
	sys_ret(cur, 1, o->type);
	sys_ret(cur, 2, badge);
	sys_ret(cur, 3, (uint32_t)(uintptr_t)o);   /* which object: equal names, equal token */
	return CN_OK;
}

/* a new name for an object, in pd */
static int cap_copy(struct thread *cur, struct pd *pd, struct kobj *o, uint32_t badge)
{
	int name = cap_insert(pd, o, badge);
	if (name < 0)
		return REFUSE(cur, name, "cap space", "no free slot");
	sys_ret(cur, 1, (uint32_t)name);
	return CN_OK;
}

int sys_cap_mint(struct thread *cur)
{
	int err;
	struct kobj *o = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_NONE, NULL, &err);
	return o ? cap_copy(cur, cur->pd, o, sys_arg(cur, 1)) : err;
}

int sys_cap_give(struct thread *cur)
{
	int err;
	uint32_t badge;
	struct pd *pd = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_PD, NULL, &err);
	if (!pd)
		return err;
	struct kobj *o = cap_arg(cur, sys_arg(cur, 1), CN_OBJ_NONE, &badge, &err);
	return o ? cap_copy(cur, pd, o, badge) : err;
}

int sys_cap_take(struct thread *cur)
{
	int err;
	uint32_t badge;
	struct pd *pd = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_PD, NULL, &err);
	if (!pd)
		return err;
	struct kobj *want = cap_lookup(cur->pd, sys_arg(cur, 2), CN_OBJ_NONE, NULL);
	struct kobj *o = cap_lookup(pd, sys_arg(cur, 1), CN_OBJ_NONE, &badge);
	if (!want || !o)
		return REFUSE(cur, CN_ERR_CAP, "cap slot", "%s name %u empty or invalid",
		              want ? "taken" : "expected", (unsigned)sys_arg(cur, want ? 1 : 2));
	if (o != want)
		return REFUSE(cur, CN_ERR_INVALID, "object", "name %u refers to another object",
		              (unsigned)sys_arg(cur, 1));
	cap_drop(pd, sys_arg(cur, 1));
	sys_ret(cur, 1, badge);
	return CN_OK;
}
