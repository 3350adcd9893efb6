/* SPDX-License-Identifier: MIT */
/*
 * Validation of static ELF executables for the loaders in core and in
 * parents (see cn_elf_parse in <cn/elf.h>). Everything in the image is
 * untrusted.
 */
#include <cn/elf.h>
#include <cn/errors.h>
#include <cn/util/string.h>

static int bad(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return CN_ERR_INVALID;
}

int cn_elf_parse(const void *image, uint32_t size, uint32_t limit, struct cn_elf_info *info,
                 const char **why)
{
	const struct cn_elf_ehdr *eh = image;
	uint32_t magic;
	if (size < sizeof(*eh))
		return bad(why, "too small for an ELF header");
	cn_memcpy(&magic, eh->ident, 4);
	if (magic != CN_ELF_MAGIC)
		return bad(why, "not an ELF file");
	if (eh->ident[4] != CN_ELFCLASS32 || eh->ident[5] != CN_ELFDATA2LSB)
		return bad(why, "not 32-bit little-endian ELF");
	if (eh->type != CN_ET_EXEC || eh->machine != CN_EM_ARM)
		return bad(why, "not a static ARM executable");
	if (eh->phentsize != sizeof(struct cn_elf_phdr) || eh->phoff > size ||
	    (uint32_t)eh->phnum * sizeof(struct cn_elf_phdr) > size - eh->phoff || eh->phoff % 4)
		return bad(why, "program headers outside the file");
	const struct cn_elf_phdr *ph = (const void *)((const char *)image + eh->phoff);
	info->entry = eh->entry;
	info->nsegs = 0;
	for (unsigned i = 0; i < eh->phnum; i++) {
		if (ph[i].type != CN_PT_LOAD || !ph[i].memsz)
			continue;
		if (info->nsegs == CN_ELF_MAX_SEGMENTS)
			return bad(why, "too many loadable segments");
		const struct cn_elf_phdr *p = &ph[i];
		if (p->filesz > p->memsz || p->offset > size || p->filesz > size - p->offset)
			return bad(why, "segment outside the file");
		if (p->vaddr < 0x1000 || p->vaddr > limit || p->memsz > limit - p->vaddr)
			return bad(why, "segment outside the user address range");
		if ((p->vaddr & 0xfff) != (p->offset & 0xfff))
			return bad(why, "segment offset and address not page-congruent");
		struct cn_elf_segment *s = &info->segs[info->nsegs++];
		s->vaddr = p->vaddr;
		s->memsz = p->memsz;
		s->offset = p->offset;
		s->filesz = p->filesz;
		s->flags = p->flags;
	}
	if (!info->nsegs)
		return bad(why, "no loadable segment");
	int entry_ok = 0;
	for (uint32_t i = 0; i < info->nsegs; i++)
		if ((info->segs[i].flags & CN_PF_X) && info->entry >= info->segs[i].vaddr &&
		    info->entry - info->segs[i].vaddr < info->segs[i].memsz)
			entry_ok = 1;
	if (!entry_ok)
		return bad(why, "entry point not in an executable segment");
	return 0;
}
