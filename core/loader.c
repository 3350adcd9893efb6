/* SPDX-License-Identifier: MIT */
/*
 * Starting init: a PD and a CPU session paid from all remaining RAM, its
 * static ELF loaded from the ROM module "init" (read-only segments shown
 * straight from the module, writable ones copied), a stack, the start-info
 * page with the capabilities init gets, and its main thread.
 */
#include <cn/elf.h>
#include <cn/start.h>
#include <cn/session/rm.h>
#include <cn/util/format.h>
#include <cn/util/string.h>
#include "core.h"

#define CORE_RESERVE   (2u << 20)    /* kernel-object pools, page-table slack */
#define INIT_CAPS      3000u
#define STACK_SIZE     (64u << 10)

static struct account root_acc;

static int load(struct pd *pd, struct rom_module *m, uint32_t *entry)
{
	struct cn_elf_info info;
	const char *why = "";
	const char *img = core_va(m->ds.phys);
	if (cn_elf_parse(img, m->ds.size, CN_USER_AREA_END, &info, &why)) {
		core_log("core: ROM module \"%s\": %s", m->name, why);
		return CN_ERR_INVALID;
	}
	for (uint32_t i = 0; i < info.nsegs; i++) {
		const struct cn_elf_segment *s = &info.segs[i];
		uint32_t va = s->vaddr & ~(CN_PAGE_SIZE - 1);
		uint32_t size = CN_PAGES(s->vaddr + s->memsz) * CN_PAGE_SIZE - va;
		uint32_t at, err;
		if (!(s->flags & CN_PF_W)) {
			uint32_t flags = CN_ATTACH_AT | ((s->flags & CN_PF_X) ? CN_ATTACH_EXEC : 0);
			err = (uint32_t)rm_attach(&pd->as, &m->ds.obj, va, s->offset & ~(CN_PAGE_SIZE - 1), size,
			                          flags, &at);
		} else {
			struct ds *d;
			err = (uint32_t)pd_alloc_ds(pd, size, 0, &d);
			if (!err) {
				cn_memcpy((char *)core_va(d->phys) + (s->vaddr - va), img + s->offset,
				          s->filesz);
				err = (uint32_t)rm_attach(&pd->as, &d->obj, va, 0, 0,
				                          CN_ATTACH_AT | CN_ATTACH_WRITE, &at);
			}
		}
		if (err)
			return (int)err;
	}
	*entry = info.entry;
	return CN_OK;
}

static uint32_t give(struct pd *pd, uint32_t cap)
{
	uint32_t name = 0;
	cn_sys_cap_give(pd->kpd, cap, &name);
	return name;
}

int start_init(void)
{
	struct rom_module *m = rom_find("init");
	if (!m) {
		core_log("core: no boot module \"init\"");
		return CN_ERR_NOT_FOUND;
	}
	uint32_t avail = phys_avail();
	if (avail < CORE_RESERVE + (1u << 20))
		return CN_ERR_EXHAUSTED;
	root_acc.ram_donated = avail - CORE_RESERVE;
	root_acc.cap_donated = INIT_CAPS + 64;
	char args[160];
	cn_snprintf(args, sizeof(args), "label=\"init\", ram_quota=%u, cap_quota=%u",
	            (unsigned)(root_acc.ram_donated - 65536), INIT_CAPS);
	struct session *s;
	int err = session_create("PD", args, &root_acc, &s);
	if (err)
		return err;
	struct pd *pd = cn_container_of(s, struct pd, s);
	struct account *acc = &pd->s.acc;
	err = session_create("CPU", "label=\"init\", ram_quota=65536, cap_quota=32", &root_acc, &s);
	if (err)
		return err;
	struct thread_group *threads = cpu_session_root(s);
	uint32_t entry = 0;
	if ((err = load(pd, m, &entry)))
		return err;
	struct ds *stack, *start;
	uint32_t stack_at, start_at;
	if ((err = pd_alloc_ds(pd, STACK_SIZE, 0, &stack)) ||
	    (err = rm_attach(&pd->as, &stack->obj, 0, 0, 0, CN_ATTACH_WRITE, &stack_at)) ||
	    (err = pd_alloc_ds(pd, CN_PAGE_SIZE, 0, &start)))
		return err;
	struct thread *t;
	if ((err = thread_create(threads, pd, "init", 8, &t)))
		return err;
	struct cn_start_info *si = core_va(start->phys);
	si->magic = CN_START_MAGIC;
	si->parent = give(pd, core_parent_for("init", acc));
	si->pd = give(pd, pd->s.obj.kcap);
	si->cpu = give(pd, s->obj.kcap);
	si->rm = give(pd, pd->as.obj.kcap);
	si->main_thread = give(pd, t->obj.kcap);
	cn_strlcpy(si->name, "init", sizeof(si->name));
	if (!si->parent || !si->pd || !si->cpu || !si->rm || !si->main_thread)
		return CN_ERR_EXHAUSTED;
	if ((err = rm_attach(&pd->as, &start->obj, CN_START_INFO_ADDR, 0, 0, CN_ATTACH_AT, &start_at)))
		return err;
	return cn_sys_thread_start(t->kthread, entry, stack_at + STACK_SIZE, CN_START_INFO_ADDR);
}
