/* SPDX-License-Identifier: MIT */
/*
 * Test children for core's test suite: a PD and a CPU session from core,
 * this program's read-only segment shown from its ROM module, a stack, and
 * one thread running a function that uses no global data.
 */
#include <cn/elf.h>
#include <cn/util/format.h>
#include "coretest.h"

#define STACK_VA   0x10000000u
#define STACK_SIZE 0x4000u

extern char ct_child_entry[];

int ct_child_create(struct ct_child *c, const char *label, uint32_t ram, uint32_t caps)
{
	char args[160];
	int err;
	*c = (struct ct_child){ { 0 }, { 0 }, { 0 }, { 0 } };
	cn_snprintf(args, sizeof(args), "label=\"%s\", ram_quota=%u, cap_quota=%u", label,
	            (unsigned)ram, (unsigned)caps);
	if ((err = cn_parent_session(ct.si->parent, "PD", args, &c->pd)))
		return err;
	cn_snprintf(args, sizeof(args), "label=\"%s\", ram_quota=16K, cap_quota=4", label);
	if ((err = cn_parent_session(ct.si->parent, "CPU", args, &c->cpu)) ||
	    (err = cn_pd_address_space(c->pd.name, &c->as)))
		return err;
	/* this program's first (read-only, executable) segment: from its ROM */
	cn_cap_t rom, ds;
	if ((err = cn_parent_session(ct.si->parent, "ROM", "label=\"init\", ram_quota=2K, cap_quota=1",
	                             &rom)) || (err = cn_rom_dataspace(rom.name, &ds)))
		return err;
	uint32_t addr, at;
	err = cn_rm_attach(ct.si->rm, ds, 0, 0, 0, 0, &addr);
	if (!err) {
		struct cn_elf_info info;
		const char *why;
		err = cn_elf_parse((const void *)addr, 0x10000, CN_USER_AREA_END, &info, &why);
		for (uint32_t i = 0; !err && i < info.nsegs; i++)
			if (!(info.segs[i].flags & CN_PF_W)) {
				uint32_t va = info.segs[i].vaddr & ~0xfffu;
				uint32_t size = ((info.segs[i].vaddr + info.segs[i].memsz + 0xfff) & ~0xfffu) - va;
				err = cn_rm_attach(c->as.name, ds, va, info.segs[i].offset & ~0xfffu, size,
				                   CN_ATTACH_AT | CN_ATTACH_EXEC, &at);
			}
		cn_rm_detach(ct.si->rm, addr);
	}
	cn_sys_cap_drop(ds.name);
	cn_parent_close(ct.si->parent, rom);
	cn_sys_cap_drop(rom.name);
	if (err)
		return err;
	cn_cap_t stack;
	if ((err = cn_pd_alloc(c->pd.name, STACK_SIZE, 0, &stack)) ||
	    (err = cn_rm_attach(c->as.name, stack, STACK_VA, 0, 0, CN_ATTACH_AT | CN_ATTACH_WRITE, &at)))
		return err;
	cn_sys_cap_drop(stack.name);
	return CN_OK;
}

int ct_child_run(struct ct_child *c, uint32_t (*fn)(uint32_t), uint32_t arg)
{
	int err;
	if ((err = cn_cpu_create_thread(c->cpu.name, c->pd, "t", 8, &c->thread)) ||
	    (err = cn_thread_exception_sigh(c->thread.name, (cn_cap_t){ ct.exc })) ||
	    (err = cn_thread_set_reg(c->thread.name, 1, (uint32_t)(uintptr_t)fn)))
		return err;
	return cn_thread_start(c->thread.name, (uint32_t)(uintptr_t)ct_child_entry,
	                       STACK_VA + STACK_SIZE, arg);
}

/* Core reports a child's stop to ct.exc as well, asynchronously: the state
 * may say STOPPED before that signal came, and a signal left pending would
 * end a later case's ct_wait(). So a stop is only complete with its signal.
 * (A fault's signal is the caller's to take: the cases wait for it first.) */
int ct_child_wait(struct ct_child *c, uint32_t *result)
{
	bool exc = false;
	for (int i = 0; i < 400; i++) {
		uint32_t st = 0;
		cn_thread_info(c->thread.name, CN_THREAD_INFO_STATE, &st);
		if (st == CN_THREAD_STOPPED) {
			for (int j = 0; !exc && j < 200; j++)
				exc = ct_wait(10) == CT_EXC;
			cn_thread_reg(c->thread.name, 1, result);
			return exc ? 1 : 0;
		}
		if (st == CN_THREAD_FAULTED)
			return 2;
		if (ct_wait(10) == CT_EXC)
			exc = true;
	}
	return 0;
}

void ct_child_destroy(struct ct_child *c)
{
	if (c->cpu.name)
		cn_parent_close(ct.si->parent, c->cpu);
	if (c->pd.name)
		cn_parent_close(ct.si->parent, c->pd);
	cn_cap_t all[] = { c->pd, c->cpu, c->as, c->thread };
	for (unsigned i = 0; i < 4; i++)
		if (all[i].name)
			cn_sys_cap_drop(all[i].name);
}
