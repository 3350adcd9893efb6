/*
 * Capability spaces: per-PD arrays of slots whose index is the capability's
 * name. Every slot referring to an object is linked into that object's list,
 * so destroying the object clears every name for it at once: a stale name
 * then finds an empty slot and gets CN_ERR_CAP, never a dangling pointer.
 */
#include "kernel.h"

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
	if (name == 0 || name >= pd->caps.nslots)
		return NULL;
	struct cap *c = &pd->caps.slots[name];
	if (!c->obj || (type != CN_OBJ_NONE && c->obj->type != type))
		return NULL;
	if (badge)
		*badge = c->badge;
	return c->obj;
}

int cap_insert(struct pd *pd, struct kobj *obj, uint32_t badge)
{
	struct cap *c = pd->caps.free;
	if (!c)
		return CN_ERR_NOSLOT;
	pd->caps.free = c->next;
	c->obj = obj;
	c->badge = badge;
	c->prev = NULL;
	c->next = obj->caps;
	if (obj->caps)
		obj->caps->prev = c;
	obj->caps = c;
	return (int)(c - pd->caps.slots);
}

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
