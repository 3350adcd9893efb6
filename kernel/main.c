/* SPDX-License-Identifier: MIT */
/*
 * Kernel start-up: banner, MMU and vectors, interrupt controller and timer,
 * then the roottask (the first boot module, normally core) is created from
 * boot memory, given all of RAM as a window plus a boot-info page, and
 * started. From then on the kernel only reacts to exceptions.
 */
#include "kernel.h"
#include "sysregs.h"
#include "arch/arm/cpu.h"
#include <cn/bootinfo.h>
#include <cn/elf.h>
#include <cn/util/string.h>

struct boot_module { const char *name; const char *data; uint32_t size; };
extern const struct boot_module cn_boot_modules[];
extern const uint32_t cn_boot_module_count;
extern char _kernel_phys_start[], _kernel_phys_end[];
extern char _modules_start[], _modules_end[];

#define ROOT_CAP_SLOTS 4096

void cpu0_init(void);   /* smp.c */

static uint32_t boot_next;      /* boot allocator (physical) */
static uint32_t free_base;      /* first byte core may hand out */

static uint32_t boot_alloc(uint32_t size, uint32_t align)
{
	boot_next = (boot_next + align - 1) & ~(align - 1);
	uint32_t p = boot_next;
	boot_next += size;
	if (boot_next - CN_RAM_BASE > CN_RAM_SIZE)
		panic("out of boot memory");
	cn_memset(phys_to_virt(p), 0, size);
	return p;
}

/* Memory core gives for a kernel object: RAM core owns, aligned. */
bool kmem_usable(uint32_t phys, uint32_t size, uint32_t align)
{
	if (phys & (align - 1) || size == 0)
		return false;
	if (phys < free_base || phys - CN_RAM_BASE >= CN_RAM_SIZE)
		return false;
	return size <= CN_RAM_SIZE - (phys - CN_RAM_BASE);
}

/* May core map [phys, phys + pages)? Not the kernel, not boot objects; the
 * boot modules (ROM) and everything else are fine. */
bool kmem_mappable(uint32_t phys, uint32_t pages)
{
	uint64_t end = (uint64_t)phys + (uint64_t)pages * PAGE_SIZE;
	uint32_t k0 = (uint32_t)(uintptr_t)_kernel_phys_start;
	uint32_t m0 = virt_to_phys(_modules_start), m1 = virt_to_phys(_modules_end);
	if (phys < m0 && end > k0)
		return false;
	if (phys < free_base && end > m1)
		return false;
	return true;
}

static void map_pages(struct pd *pd, uint32_t va, uint32_t pa, uint32_t pages, uint32_t attr)
{
	uint32_t mapped;
	int err = mmu_map(pd, va, pa, pages, attr, 0, &mapped);
	while (err == CN_ERR_NEED_PT) {
		uint32_t done = mapped;
		va += done * PAGE_SIZE; pa += done * PAGE_SIZE; pages -= done;
		err = mmu_map(pd, va, pa, pages, attr, boot_alloc(1024, 1024), &mapped);
	}
	if (err)
		panic("roottask mapping failed (%d)", err);
}

static void load_roottask(void)
{
	if (cn_boot_module_count == 0)
		panic("no boot modules: nothing to start");
	const struct boot_module *m = &cn_boot_modules[0];
	const struct cn_elf_ehdr *eh = (const void *)m->data;
	if (m->size < sizeof(*eh) || *(const uint32_t *)eh->ident != CN_ELF_MAGIC ||
	    eh->machine != CN_EM_ARM || eh->type != CN_ET_EXEC ||
	    eh->phoff + (uint32_t)eh->phnum * sizeof(struct cn_elf_phdr) > m->size)
		panic("boot module '%s' is not an ARM executable", m->name);

	/* the PD, its cap space, its first thread */
	uint32_t pd_mem = boot_alloc(CN_OBJ_MEM_PD, 8192);
	uint32_t ct_mem = boot_alloc(ROOT_CAP_SLOTS * CN_CAP_SLOT_SIZE, 16);
	struct pd *pd = (struct pd *)((char *)phys_to_virt(pd_mem) + 8192);
	if (pd_init(pd, phys_to_virt(pd_mem), phys_to_virt(ct_mem), ROOT_CAP_SLOTS))
		panic("roottask PD");
	pd->privileged = true;

	const struct cn_elf_phdr *ph = (const void *)(m->data + eh->phoff);
	for (unsigned i = 0; i < eh->phnum; i++) {
		if (ph[i].type != CN_PT_LOAD || ph[i].memsz == 0)
			continue;
		uint32_t va = ph[i].vaddr & ~(PAGE_SIZE - 1);
		uint32_t end = (ph[i].vaddr + ph[i].memsz + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
		if (ph[i].filesz > ph[i].memsz || ph[i].offset + ph[i].filesz > m->size ||
		    end > CN_ROOT_STACK_TOP - CN_ROOT_STACK_SIZE || end < va)
			panic("roottask segment %u out of bounds", i);
		uint32_t pa = boot_alloc(end - va, PAGE_SIZE);
		cn_memcpy((char *)phys_to_virt(pa) + (ph[i].vaddr - va), m->data + ph[i].offset,
		          ph[i].filesz);
		uint32_t attr = ((ph[i].flags & CN_PF_W) ? CN_MAP_WRITE : 0) |
		                ((ph[i].flags & CN_PF_X) ? CN_MAP_EXEC : 0);
		map_pages(pd, va, pa, (end - va) / PAGE_SIZE, attr);
	}

	uint32_t stack = boot_alloc(CN_ROOT_STACK_SIZE, PAGE_SIZE);
	map_pages(pd, CN_ROOT_STACK_TOP - CN_ROOT_STACK_SIZE, stack,
	          CN_ROOT_STACK_SIZE / PAGE_SIZE, CN_MAP_WRITE);
	uint32_t utcb = boot_alloc(PAGE_SIZE, PAGE_SIZE);
	map_pages(pd, CN_ROOT_UTCB_ADDR, utcb, 1, CN_MAP_WRITE);
	uint32_t bi_pa = boot_alloc(PAGE_SIZE, PAGE_SIZE);
	map_pages(pd, CN_BOOTINFO_ADDR, bi_pa, 1, 0);
	uint32_t th_mem = boot_alloc(CN_OBJ_MEM_THREAD, 64);

	/* make sure the code is visible to instruction fetch */
	for (uint32_t a = (uint32_t)(uintptr_t)phys_to_virt((uint32_t)(uintptr_t)_kernel_phys_end);
	     a < (uint32_t)(uintptr_t)phys_to_virt(boot_next); a += 32)
		write_dccmvau(a);
	dsb();
	write_icialluis(0);
	dsb();
	isb();

	free_base = (boot_next + SECTION_SIZE - 1) & ~(SECTION_SIZE - 1);

	/* all of RAM appears at CN_ROOT_RAM_WINDOW (core is trusted) */
	uint32_t window = CN_RAM_SIZE < 0x40000000u ? CN_RAM_SIZE : 0x40000000u;
	for (uint32_t off = 0; off < window; off += SECTION_SIZE)
		if (mmu_map_section(pd, CN_ROOT_RAM_WINDOW + off, CN_RAM_BASE + off, CN_MAP_WRITE))
			panic("roottask RAM window");

	struct cn_bootinfo *bi = phys_to_virt(bi_pa);
	bi->magic = CN_BOOTINFO_MAGIC;
	cn_strlcpy(bi->board, CN_BOARD_NAME, sizeof(bi->board));
	bi->ram_base = CN_RAM_BASE;
	bi->ram_size = CN_RAM_SIZE;
	bi->free_base = free_base;
	bi->counter_hz = board_counter_hz();
	bi->nr_cpus = nr_cpus;
	bi->cap_slots = ROOT_CAP_SLOTS;
	for (uint32_t i = 0; i < cn_boot_module_count && i < CN_BOOTINFO_MAX_MODULES; i++) {
		cn_strlcpy(bi->modules[i].name, cn_boot_modules[i].name, CN_BOOTINFO_NAME_MAX);
		bi->modules[i].phys = virt_to_phys(cn_boot_modules[i].data);
		bi->modules[i].size = cn_boot_modules[i].size;
		bi->nr_modules = i + 1;
	}

	struct thread *t = phys_to_virt(th_mem);
	thread_init(t, pd, phys_to_virt(utcb), CN_ROOT_UTCB_ADDR);
	cn_strlcpy(t->name, m->name, sizeof(t->name));
	sched_set(t, CN_PRIO_MAX / 2, CN_SCHED_UNLIMITED);
	if (cap_insert(pd, &pd->obj, 0) != CN_ROOT_CAP_PD ||
	    cap_insert(pd, &t->obj, 0) != CN_ROOT_CAP_THREAD)
		panic("roottask caps");
	thread_set_entry(t, eh->entry, CN_ROOT_STACK_TOP, CN_BOOTINFO_ADDR);
	sched_ready(t);
	kprintf("kernel: roottask '%s' (%u modules), %u KiB RAM free for it\n", m->name,
	        (unsigned)cn_boot_module_count,
	        (unsigned)((CN_RAM_BASE + CN_RAM_SIZE - free_base) / 1024));
}

static bool have_pmu(void)
{
	uint32_t pmu = (read_id_dfr0() >> 24) & 0xf;
	return pmu >= 1 && pmu <= 6;
}

/* cycle counter readable from user mode (benchmarks), if there is a PMU */
void pmu_init_cpu(void)
{
	if (have_pmu()) {
		write_pmcr(read_pmcr() | 0x5);          /* enable, reset cycle counter */
		write_pmcntenset(1u << 31);
		write_pmuserenr(1);
	}
}

_Noreturn void kernel_main(void);
_Noreturn void kernel_main(void)
{
	cpu0_init();
	klock();     /* released when the roottask first enters user mode */
	board_init_early();
	kprintf("\nCairn kernel on %s (up to %u CPU%s, %u MiB RAM)\n", CN_BOARD_NAME,
	        (unsigned)CN_NR_CPUS, CN_NR_CPUS > 1 ? "s" : "",
	        (unsigned)(CN_RAM_SIZE >> 20));
	mmu_init();
	board_init();
	irq_init();
	time_init();
	for (uint32_t id = 0; id < CN_NR_CPUS; id++)
		sched_init(cpu_get(id));     /* the same super periods everywhere */
	pmu_init_cpu();
	kprintf("kernel: MMU, caches and high vectors on; counter at %u Hz%s\n",
	        (unsigned)board_counter_hz(), have_pmu() ? ", cycle counter on" : "");
	smp_start();
	kprintf("kernel: %u CPU%s online\n", (unsigned)nr_cpus, nr_cpus > 1 ? "s" : "");
	boot_next = (uint32_t)(uintptr_t)_kernel_phys_end;
	load_roottask();
	schedule_and_return();
}
