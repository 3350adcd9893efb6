/* SPDX-License-Identifier: MIT */
/*
 * Loading a child's ELF binary into its address space (cn_child_load): the
 * ROM dataspace is looked at through our own address space; read-only
 * segments are mapped straight from the ROM, writable ones are copied into
 * RAM of the child's PD (its own quota pays); then the stack and the start
 * info page.
 */
#include <cn/child.h>
#include <cn/component.h>
#include <cn/elf.h>
#include <cn/start.h>
#include <cn/sys.h>
#include <cn/session/pd.h>
#include <cn/session/rm.h>
#include <cn/session/rom.h>
#include <cn/session/irq.h>
#include <cn/session/io_mem.h>
#include <cn/session/log.h>
#include <cn/util/string.h>

#include <cn/page.h>

static uint32_t page_down(uint32_t a) { return a & ~(CN_PAGE_SIZE - 1); }
static uint32_t page_up(uint32_t a) { return (a + CN_PAGE_SIZE - 1) & ~(CN_PAGE_SIZE - 1); }

/* a fresh dataspace of the child's PD, filled through a temporary mapping
 * in ours by fill(), then attached into the child */
static int child_ds(struct cn_child *c, uint32_t size, uint32_t at, uint32_t flags,
                    void (*fill)(void *dst, const void *arg), const void *arg,
                    uint32_t *ds, uint32_t *where)
{
	struct cn_env *env = cn_env();
	cn_cap_t d;
	int err = cn_pd_alloc(c->pd, size, 0, &d);
	if (err)
		return err;
	if (fill) {
		uint32_t local;
		err = cn_rm_attach(env->rm, d, 0, 0, 0, CN_ATTACH_WRITE, &local);
		if (err)
			goto fail;
		fill((void *)(uintptr_t)local, arg);
		cn_rm_detach(env->rm, local);
	}
	err = cn_rm_attach(c->rm, d, at, 0, 0, flags, where);
	if (err)
		goto fail;
	*ds = d.name;
	return 0;
fail:
	cn_pd_free(c->pd, d);
	cn_sys_cap_drop(d.name);
	return err;
}

struct seg_fill {
	const uint8_t *image;
	const struct cn_elf_segment *seg;
};

static void fill_segment(void *dst, const void *arg)
{
	const struct seg_fill *f = arg;
	cn_memcpy((uint8_t *)dst + (f->seg->vaddr - page_down(f->seg->vaddr)),
	          f->image + f->seg->offset, f->seg->filesz);
}

static int load_segment(struct cn_child *c, uint32_t rom_ds, const uint8_t *image,
                        const struct cn_elf_segment *s)
{
	uint32_t page = page_down(s->vaddr);
	uint32_t end = page_up(s->vaddr + s->memsz);
	uint32_t exec = (s->flags & CN_PF_X) ? CN_ATTACH_EXEC : 0;
	uint32_t got;

	/* read-only and fully backed by the file: map the ROM itself */
	if (!(s->flags & CN_PF_W) && page_up(s->vaddr + s->filesz) == end) {
		int err = cn_rm_attach(c->rm, (cn_cap_t){ rom_ds }, page, page_down(s->offset),
		                       end - page, CN_ATTACH_AT | exec, &got);
		return err;
	}
	/* writable (or with zero fill): a copy in the child's RAM */
	struct seg_fill f = { image, s };
	uint32_t ds;
	uint32_t flags = CN_ATTACH_AT | exec | ((s->flags & CN_PF_W) ? CN_ATTACH_WRITE : 0);
	int err = child_ds(c, end - page, page, flags, fill_segment, &f, &ds, &got);
	if (!err)
		cn_sys_cap_drop(ds);   /* the child's PD owns it; freed with the PD */
	return err;
}

static void fill_start(void *dst, const void *arg)
{
	cn_memcpy(dst, arg, sizeof(struct cn_start_info));
}

static int give(struct cn_child *c, uint32_t cap, uint32_t *name)
{
	return cn_pd_give(c->pd, (cn_cap_t){ cap }, name);
}

int cn_child_load(struct cn_child *c, uint32_t *entry)
{
	struct cn_env *env = cn_env();
	cn_cap_t rom_ds;
	uint32_t size, local;
	int err = cn_rom_dataspace(c->rom, &rom_ds);
	if (!err)
		err = cn_rom_size(c->rom, &size);
	if (err) {
		cn_log("child \"%s\": binary \"%s\" unavailable: %s", c->name, c->binary,
		       cn_strerror(err));
		return err;
	}
	err = cn_rm_attach(env->rm, rom_ds, 0, 0, 0, 0, &local);
	if (err) {
		cn_log("child \"%s\": cannot look at binary: %s", c->name, cn_strerror(err));
		cn_sys_cap_drop(rom_ds.name);
		return err;
	}
	const uint8_t *image = (const uint8_t *)(uintptr_t)local;
	struct cn_elf_info info;
	const char *why = "";
	if (cn_elf_parse(image, size, CN_USER_AREA_END, &info, &why)) {
		cn_log("child \"%s\": binary \"%s\" is no valid executable: %s", c->name, c->binary,
		       why);
		err = CN_ERR_TYPE;      /* the ROM is no executable: the binary is refused */
	}
	for (uint32_t i = 0; !err && i < info.nsegs; i++) {
		err = load_segment(c, rom_ds.name, image, &info.segs[i]);
		if (err)
			cn_log("child \"%s\": loading segment at 0x%x failed: %s", c->name,
			       (unsigned)info.segs[i].vaddr, cn_strerror(err));
	}
	cn_rm_detach(env->rm, local);
	cn_sys_cap_drop(rom_ds.name);
	if (err)
		return err;
	*entry = info.entry;
	return 0;
}

int cn_child_prepare_start(struct cn_child *c, uint32_t *stack_top)
{
	uint32_t stack;
	int err = child_ds(c, CN_CHILD_STACK_SIZE, 0, CN_ATTACH_WRITE, NULL, NULL, &c->stack_ds,
	                   &stack);
	if (err) {
		cn_log("child \"%s\": no stack: %s", c->name, cn_strerror(err));
		return err;
	}
	*stack_top = stack + CN_CHILD_STACK_SIZE;

	struct cn_start_info si;
	cn_memset(&si, 0, sizeof(si));
	si.magic = CN_START_MAGIC;
	cn_strlcpy(si.name, c->name, sizeof(si.name));
	if ((err = give(c, c->parent_cap, &si.parent)) || (err = give(c, c->pd, &si.pd)) ||
	    (err = give(c, c->cpu, &si.cpu)) || (err = give(c, c->rm, &si.rm)) ||
	    (err = give(c, c->thread, &si.main_thread))) {
		cn_log("child \"%s\": handing over capabilities failed: %s", c->name,
		       cn_strerror(err));
		return err;
	}
	uint32_t at;
	err = child_ds(c, CN_PAGE_SIZE, CN_START_INFO_ADDR, CN_ATTACH_AT, fill_start, &si, &c->start_ds,
	               &at);
	if (err)
		cn_log("child \"%s\": no start info: %s", c->name, cn_strerror(err));
	return err;
}
