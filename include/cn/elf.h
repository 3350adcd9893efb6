/* SPDX-License-Identifier: MIT */
/*
 * The parts of the 32-bit ELF format Cairn's loaders need (static
 * executables only).
 */
#ifndef CN_ELF_H
#define CN_ELF_H

#include <stdint.h>

#define CN_ELF_MAGIC   0x464c457fu  /* "\177ELF" little endian */
#define CN_ELFCLASS32  1
#define CN_ELFDATA2LSB 1
#define CN_ET_EXEC     2
#define CN_EM_ARM      40
#define CN_PT_LOAD     1
#define CN_PF_X        1
#define CN_PF_W        2
#define CN_PF_R        4

struct cn_elf_ehdr {
	uint8_t  ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct cn_elf_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

/* A checked view of a static ARM executable: cn_elf_parse() validates the
 * header and every loadable segment (inside the image, file size <= memory
 * size, no wrap-around, page-congruent offset and address, below 'limit')
 * and lists the PT_LOAD segments. */
#define CN_ELF_MAX_SEGMENTS 8

struct cn_elf_segment {
	uint32_t vaddr, memsz;     /* where and how big in memory */
	uint32_t offset, filesz;   /* what comes from the file */
	uint32_t flags;            /* CN_PF_* */
};

struct cn_elf_info {
	uint32_t entry;
	uint32_t nsegs;
	struct cn_elf_segment segs[CN_ELF_MAX_SEGMENTS];
};

/* 0, or a negative CN_UTIL_* error with *why set to a short reason */
int cn_elf_parse(const void *image, uint32_t size, uint32_t limit, struct cn_elf_info *info,
                 const char **why);

#endif
