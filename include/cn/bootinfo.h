/* SPDX-License-Identifier: MIT */
/*
 * What the kernel tells the roottask (core) at boot: a read-only page mapped
 * at CN_BOOTINFO_ADDR in the roottask's address space.
 */
#ifndef CN_BOOTINFO_H
#define CN_BOOTINFO_H

/* Fixed places in the roottask's address space */
#define CN_ROOT_RAM_WINDOW  0x40000000u  /* all RAM: phys ram_base appears here */
#define CN_BOOTINFO_ADDR    0x3ffff000u
#define CN_ROOT_UTCB_ADDR   0x3fffe000u
#define CN_ROOT_STACK_TOP   0x3fffd000u  /* grows down; one guard page above */
#define CN_ROOT_STACK_SIZE  0x10000u

#define CN_BOOTINFO_MAX_MODULES 32
#define CN_BOOTINFO_NAME_MAX    32

struct cn_bootinfo_module {
	char     name[CN_BOOTINFO_NAME_MAX];
	unsigned phys;  /* physical address, page aligned */
	unsigned size;  /* bytes */
};

/* Capability names the kernel installs in the roottask's cap space */
#define CN_ROOT_CAP_PD      1
#define CN_ROOT_CAP_THREAD  2

struct cn_bootinfo {
	unsigned magic;              /* CN_BOOTINFO_MAGIC */
	char     board[16];
	unsigned ram_base;           /* all RAM */
	unsigned ram_size;
	unsigned free_base;          /* RAM the roottask may use: [free_base, ram_end) */
	unsigned counter_hz;         /* CN_SYS_TIME frequency */
	unsigned nr_cpus;
	unsigned cap_slots;          /* size of the roottask's cap space */
	unsigned nr_modules;
	struct cn_bootinfo_module modules[CN_BOOTINFO_MAX_MODULES];
};

#define CN_BOOTINFO_MAGIC 0xca12b007u

#endif
