/* SPDX-License-Identifier: MIT */
/*
 * Protection domains: their destruction (threads, capability space, address
 * space) and the calls core maps and unmaps memory with. The page tables
 * themselves are arch/arm/mmu.c's.
 */
#include "syscall.h"

/* Does any thread of pd run on another CPU? Those are asked to stop. */
bool pd_threads_kicked(struct pd *pd)
{
	bool kicked = false;
	struct cn_list_elem *e;
	for (e = cn_list_first(&pd->threads); e; e = cn_list_next(&pd->threads, e)) {
		struct thread *t = cn_container_of(e, struct thread, pd_elem);
		if (thread_running_elsewhere(t)) {
			thread_kick_off(t);
			kicked = true;
		}
	}
	return kicked;
}

/* No other CPU runs a thread of pd or has its address space (object.c
 * made sure of that). */
void pd_destroy(struct pd *pd)
{
	kobj_revoke(&pd->obj);
	while (!cn_list_empty(&pd->threads)) {
		struct thread *t = cn_container_of(cn_list_first(&pd->threads), struct thread, pd_elem);
		thread_destroy(t);
	}
	capspace_clear(&pd->caps);
	pd_release_mmu(pd);
	pd->obj.type = CN_OBJ_NONE;
}

int sys_map(struct thread *cur)
{
	int err;
	struct pd *pd = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_PD, NULL, &err);
	if (!pd)
		return err;
	if (!kmem_mappable(sys_arg(cur, 2), sys_arg(cur, 3)))
		return REFUSE(cur, CN_ERR_DENIED, "range", "phys 0x%08x, %u pages: kernel or boot memory",
		              (unsigned)sys_arg(cur, 2), (unsigned)sys_arg(cur, 3));
	uint32_t mapped = 0;
	err = mmu_map(pd, sys_arg(cur, 1), sys_arg(cur, 2), sys_arg(cur, 3), sys_arg(cur, 4),
	              sys_arg(cur, 5), &mapped);
	sys_ret(cur, 1, mapped);
	if (err)
		return REFUSE(cur, err, err == CN_ERR_NEED_PT ? "page table" : "range",
		              "virt 0x%08x phys 0x%08x, %u pages, attributes 0x%x: %u mapped",
		              (unsigned)sys_arg(cur, 1), (unsigned)sys_arg(cur, 2),
		              (unsigned)sys_arg(cur, 3), (unsigned)sys_arg(cur, 4), (unsigned)mapped);
	return CN_OK;
}

int sys_unmap(struct thread *cur)
{
	int err;
	struct pd *pd = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_PD, NULL, &err);
	return pd ? mmu_unmap(pd, sys_arg(cur, 1), sys_arg(cur, 2)) : err;
}

/* a larger cap space for a PD: core gives the memory of the new table and
 * takes the old one back once the call returned */
int sys_pd_grow(struct thread *cur)
{
	int err;
	struct pd *pd = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_PD, NULL, &err);
	if (!pd)
		return err;
	uint32_t ct = sys_arg(cur, 1), slots = sys_arg(cur, 2);
	if (slots <= pd->caps.nslots || slots > CN_CAP_SLOTS_MAX)
		return REFUSE(cur, CN_ERR_INVALID, "range", "%u cap slots (now %u, at most %u)",
		              (unsigned)slots, (unsigned)pd->caps.nslots, (unsigned)CN_CAP_SLOTS_MAX);
	uint32_t size = slots * CN_CAP_SLOT_SIZE;
	if (!kmem_usable(ct, size, 16))
		return REFUSE(cur, CN_ERR_NOMEM, "range", "memory 0x%08x size %u unusable",
		              (unsigned)ct, (unsigned)size);
	uint32_t pd_mem = virt_to_phys(pd->l1);
	uint32_t old = virt_to_phys(pd->caps.slots), old_size = pd->caps.nslots * CN_CAP_SLOT_SIZE;
	if ((ct < pd_mem + CN_OBJ_MEM_PD && pd_mem < ct + size) ||
	    (ct < old + old_size && old < ct + size))
		return REFUSE(cur, CN_ERR_NOMEM, "range", "cap table overlaps the PD or its table");
	capspace_grow(&pd->caps, phys_to_virt(ct), slots);
	return CN_OK;
}
