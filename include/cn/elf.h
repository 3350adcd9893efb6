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

#endif
