/* SPDX-License-Identifier: MIT */
/*
 * ARMv7-A short-descriptor page tables: the kernel's own table (TTBR1,
 * upper 2 GiB: RAM window, device windows, vector page), user address
 * spaces (TTBR0, lower 2 GiB, one per PD, ASID-tagged), mapping and
 * unmapping with attributes, software walks for safe user-memory access,
 * and cache maintenance on user ranges.
 */
#include "kernel.h"
#include "arch/arm/cpu.h"
#include "arch/arm/mmu.h"
#include <cn/util/string.h>

/* first-level descriptors */
#define L1_PAGETABLE   0x1u
#define L1_SECTION     0x2u
#define L1_TYPE_MASK   0x3u
#define S_B            (1u << 2)
#define S_C            (1u << 3)
#define S_XN           (1u << 4)
#define S_AP0          (1u << 10)
#define S_AP1          (1u << 11)
#define S_TEX0         (1u << 12)
#define S_AP2          (1u << 15)
#define S_S            (1u << 16)
#define S_NG           (1u << 17)
/* second-level small page descriptors */
#define P_XN           (1u << 0)
#define P_SMALL        (1u << 1)
#define P_B            (1u << 2)
#define P_C            (1u << 3)
#define P_AP0          (1u << 4)
#define P_AP1          (1u << 5)
#define P_TEX0         (1u << 6)
#define P_AP2          (1u << 9)
#define P_S            (1u << 10)
#define P_NG           (1u << 11)

#define IO_VBASE       0xf0000000u
#define IO_VEND        0xff000000u
#define VECTORS_VA     0xffff0000u

extern uint32_t boot_l1[4096];
extern char vector_page[];
static uint32_t vec_l2[256] __attribute__((aligned(1024)));
static uint32_t empty_l1[2048] __attribute__((aligned(16384)));
static uint32_t io_next = IO_VBASE;

static inline void pte_sync(void *p)
{
	write_dccmvau((uint32_t)(uintptr_t)p);
}

void mmu_init(void)
{
	/* remove the identity map of RAM (user half), keep the upper half */
	for (unsigned i = 0; i < 2048; i++)
		boot_l1[i] = 0;
	/* vector page at 0xffff0000 through a second-level table */
	vec_l2[(VECTORS_VA >> PAGE_SHIFT) & 0xff] = virt_to_phys(vector_page) | P_SMALL | P_B | P_C
	                                  | P_TEX0 | P_AP0 | P_S;
	boot_l1[VECTORS_VA >> 20] = virt_to_phys(vec_l2) | L1_PAGETABLE;
	dsb();
	write_ttbr0(virt_to_phys(empty_l1) | 0x4a);
	write_tlbiallis(0);
	write_sctlr(read_sctlr() | (1u << 13));   /* high vectors */
	dsb();
	isb();
}

/* a secondary CPU (crt0.S enabled its MMU with an identity map in TTBR0):
 * no user space yet, high vectors */
void mmu_init_cpu(void)
{
	write_ttbr0(virt_to_phys(empty_l1) | 0x4a);
	isb();
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0" :: "r"(0) : "memory");  /* TLBIALL */
	write_sctlr(read_sctlr() | (1u << 13));
	dsb();
	isb();
}

void *mmu_map_io(uint32_t phys, uint32_t size)
{
	uint32_t base = phys & ~(SECTION_SIZE - 1);
	uint32_t end = (phys + size + SECTION_SIZE - 1) & ~(SECTION_SIZE - 1);
	uint32_t va = io_next;
	if (va + (end - base) > IO_VEND)
		panic("out of kernel I/O space");
	for (uint32_t pa = base; pa < end; pa += SECTION_SIZE, io_next += SECTION_SIZE)
		boot_l1[io_next >> 20] = pa | L1_SECTION | S_B | S_XN | S_AP0;
	dsb();
	write_tlbiallis(0);
	dsb();
	isb();
	return (void *)(uintptr_t)(va + (phys - base));
}

/* ------------------------------------------------------------ user spaces */

static uint32_t page_attr(uint32_t attr)
{
	uint32_t d = P_SMALL | P_NG | P_AP0 | P_AP1;
	if (!(attr & CN_MAP_WRITE))
		d |= P_AP2;
	if (!(attr & CN_MAP_EXEC))
		d |= P_XN;
	if (attr & CN_MAP_DEVICE)
		d |= P_B | P_XN;                     /* shareable device */
	else if (attr & (CN_MAP_UNCACHED | CN_MAP_WC))
		d |= P_TEX0 | P_S;                   /* normal, non-cacheable */
	else
		d |= P_TEX0 | P_C | P_B | P_S;       /* normal, write-back write-allocate */
	return d;
}

static uint32_t section_attr(uint32_t attr)
{
	uint32_t d = L1_SECTION | S_NG | S_AP0 | S_AP1;
	if (!(attr & CN_MAP_WRITE))
		d |= S_AP2;
	if (!(attr & CN_MAP_EXEC))
		d |= S_XN;
	if (attr & CN_MAP_DEVICE)
		d |= S_B | S_XN;
	else if (attr & (CN_MAP_UNCACHED | CN_MAP_WC))
		d |= S_TEX0 | S_S;
	else
		d |= S_TEX0 | S_C | S_B | S_S;
	return d;
}

static void tlb_flush_page(struct pd *pd, uint32_t va)
{
	dsb();
	write_tlbimvais((va & ~(PAGE_SIZE - 1)) | pd->asid);
	write_bpiallis(0);
	dsb();
	isb();
}

int mmu_map_section(struct pd *pd, uint32_t va, uint32_t pa, uint32_t attr)
{
	if ((va | pa) & (SECTION_SIZE - 1) || va >= USER_TOP)
		return CN_ERR_INVALID;
	uint32_t *e = &pd->l1[va >> 20];
	if (*e & L1_TYPE_MASK)
		return CN_ERR_BUSY;
	*e = pa | section_attr(attr);
	pte_sync(e);
	dsb();
	return CN_OK;
}

int mmu_map(struct pd *pd, uint32_t va, uint32_t pa, uint32_t pages, uint32_t attr,
            uint32_t pt_phys, uint32_t *mapped)
{
	*mapped = 0;
	if ((va | pa) & (PAGE_SIZE - 1) || pages == 0)
		return CN_ERR_INVALID;
	if (va >= USER_TOP || pages > (USER_TOP - va) / PAGE_SIZE)
		return CN_ERR_INVALID;
	if (pa + (uint64_t)pages * PAGE_SIZE > 0x100000000ull)
		return CN_ERR_INVALID;
	/* RAM is never mapped as device memory (mismatched attributes for the
	 * same memory are unpredictable on ARMv7) */
	if (attr & CN_MAP_DEVICE && pa - CN_RAM_BASE < CN_RAM_SIZE)
		return CN_ERR_INVALID;
	uint32_t pte_attr = page_attr(attr);
	for (uint32_t i = 0; i < pages; i++, va += PAGE_SIZE, pa += PAGE_SIZE) {
		uint32_t *l1e = &pd->l1[va >> 20];
		uint32_t *l2;
		if ((*l1e & L1_TYPE_MASK) == L1_SECTION)
			return CN_ERR_BUSY;
		if ((*l1e & L1_TYPE_MASK) == 0) {
			if (!pt_phys)
				return CN_ERR_NEED_PT;
			if (!kmem_usable(pt_phys, 1024, 1024))
				return CN_ERR_NOMEM;
			l2 = phys_to_virt(pt_phys);
			cn_memset(l2, 0, 1024);
			for (unsigned k = 0; k < 256; k += 8)
				pte_sync(&l2[k]);
			*l1e = pt_phys | L1_PAGETABLE;
			pte_sync(l1e);
			pt_phys = 0;
		}
		l2 = phys_to_virt(*l1e & ~0x3ffu);
		uint32_t *pte = &l2[(va >> PAGE_SHIFT) & 0xff];
		uint32_t old = *pte;
		*pte = pa | pte_attr;
		pte_sync(pte);
		if (old)
			tlb_flush_page(pd, va);
		(*mapped)++;
	}
	dsb();
	return CN_OK;
}

int mmu_unmap(struct pd *pd, uint32_t va, uint32_t pages)
{
	if (va & (PAGE_SIZE - 1) || va >= USER_TOP || pages > (USER_TOP - va) / PAGE_SIZE)
		return CN_ERR_INVALID;
	for (uint32_t i = 0; i < pages; i++, va += PAGE_SIZE) {
		uint32_t *l1e = &pd->l1[va >> 20];
		if ((*l1e & L1_TYPE_MASK) == L1_SECTION) {
			if ((va & (SECTION_SIZE - 1)) == 0 && pages - i >= 256) {
				*l1e = 0;
				pte_sync(l1e);
				for (uint32_t k = 0; k < 256; k++)
					tlb_flush_page(pd, va + k * PAGE_SIZE);
				va += SECTION_SIZE - PAGE_SIZE;
				i += 255;
			}
			continue;
		}
		if ((*l1e & L1_TYPE_MASK) != L1_PAGETABLE)
			continue;
		uint32_t *l2 = phys_to_virt(*l1e & ~0x3ffu);
		uint32_t *pte = &l2[(va >> PAGE_SHIFT) & 0xff];
		if (*pte) {
			*pte = 0;
			pte_sync(pte);
			tlb_flush_page(pd, va);
		}
	}
	return CN_OK;
}

/* Translate a user address with the PD's tables; checks user access rights. */
int mmu_user_to_phys(struct pd *pd, uint32_t va, bool write, uint32_t *pa)
{
	if (va >= USER_TOP)
		return CN_ERR_FAULT;
	uint32_t l1e = pd->l1[va >> 20];
	uint32_t ap, base;
	switch (l1e & L1_TYPE_MASK) {
	case L1_SECTION:
		ap = ((l1e >> 10) & 3) | ((l1e & S_AP2) ? 4 : 0);
		base = (l1e & ~(SECTION_SIZE - 1)) | (va & (SECTION_SIZE - 1));
		break;
	case L1_PAGETABLE: {
		uint32_t *l2 = phys_to_virt(l1e & ~0x3ffu);
		uint32_t pte = l2[(va >> PAGE_SHIFT) & 0xff];
		if (!(pte & P_SMALL))
			return CN_ERR_FAULT;
		ap = ((pte >> 4) & 3) | ((pte & P_AP2) ? 4 : 0);
		base = (pte & ~(PAGE_SIZE - 1)) | (va & (PAGE_SIZE - 1));
		break; }
	default:
		return CN_ERR_FAULT;
	}
	if ((ap & 3) < 2)
		return CN_ERR_FAULT;       /* no user access */
	if (write && ap != 3)
		return CN_ERR_FAULT;       /* user read-only */
	if (base - CN_RAM_BASE >= CN_RAM_SIZE)
		return CN_ERR_FAULT;       /* not RAM (device): the kernel does not touch it */
	*pa = base;
	return CN_OK;
}

int copy_from_user(struct pd *pd, void *dst, uint32_t va, uint32_t len)
{
	char *d = dst;
	while (len) {
		uint32_t pa;
		int err = mmu_user_to_phys(pd, va, false, &pa);
		if (err)
			return err;
		uint32_t chunk = PAGE_SIZE - (va & (PAGE_SIZE - 1));
		if (chunk > len)
			chunk = len;
		cn_memcpy(d, phys_to_virt(pa), chunk);
		d += chunk; va += chunk; len -= chunk;
	}
	return CN_OK;
}

/* Cache maintenance on the caller's own memory: every page must be mapped
 * for the caller, writable for an invalidation (checked before anything is
 * done). */
int user_cache_op(struct pd *pd, uint32_t op, uint32_t va, uint32_t size)
{
	if (op < CN_CACHE_CLEAN || op > CN_CACHE_SYNC_I)
		return CN_ERR_INVALID;
	if (size == 0)
		return CN_OK;
	if (va >= USER_TOP || size > USER_TOP - va)
		return CN_ERR_FAULT;
	/* discarding cache lines loses data: only on memory the caller may write */
	bool need_write = op == CN_CACHE_INVALIDATE;
	uint32_t pa;
	for (uint32_t p = va & ~(PAGE_SIZE - 1); p < va + size; p += PAGE_SIZE)
		if (mmu_user_to_phys(pd, p, need_write, &pa))
			return CN_ERR_FAULT;
	uint32_t line = dcache_line();
	uint32_t end = va + size;
	for (uint32_t a = va & ~(line - 1); a < end; a += line) {
		switch (op) {
		case CN_CACHE_CLEAN:      write_dccmvac(a); break;
		case CN_CACHE_INVALIDATE:
			/* a line only partly in the range also holds bytes outside
			 * it: write those back instead of discarding them */
			if (a < va || a + line > end)
				write_dccimvac(a);
			else
				write_dcimvac(a);
			break;
		case CN_CACHE_FLUSH:      write_dccimvac(a); break;
		case CN_CACHE_SYNC_I:     write_dccmvau(a); write_icimvau(a); break;
		}
	}
	dsb();
	if (op == CN_CACHE_SYNC_I) {
		write_bpiallis(0);
		dsb();
		isb();
	}
	return CN_OK;
}

/* ------------------------------------------------------------ PDs, ASIDs */

static uint32_t asid_map[256 / 32];

static int asid_alloc(void)
{
	for (unsigned i = 1; i < 256; i++)
		if (!(asid_map[i / 32] & (1u << (i % 32)))) {
			asid_map[i / 32] |= 1u << (i % 32);
			return (int)i;
		}
	return -1;
}

static void asid_free(uint32_t asid)
{
	write_tlbiasidis(asid);
	dsb();
	asid_map[asid / 32] &= ~(1u << (asid % 32));
}

int pd_init(struct pd *pd, uint32_t *l1, struct cap *slots, uint32_t nslots)
{
	int asid = asid_alloc();
	if (asid < 0)
		return CN_ERR_NOMEM;
	cn_memset(l1, 0, 8192);
	for (unsigned k = 0; k < 2048; k += 8)
		pte_sync(&l1[k]);
	dsb();
	pd->obj.type = CN_OBJ_PD;
	pd->obj.caps = NULL;
	pd->l1 = l1;
	pd->asid = (uint32_t)asid;
	pd->ttbr0 = virt_to_phys(l1) | 0x4a;
	pd->privileged = false;
	capspace_init(&pd->caps, slots, nslots);
	cn_list_init(&pd->threads);
	return CN_OK;
}

/* Switch this CPU to pd's address space; NULL: none (an empty table). */
void pd_activate(struct pd *pd)
{
	struct cpu *cpu = this_cpu();
	if (pd) {
		pd_activate_on(cpu, pd);
	} else if (cpu->active_pd) {
		cpu->active_pd = NULL;
		mmu_load(virt_to_phys(empty_l1) | 0x4a, 0);
	}
}

/* Before a PD goes: an idle CPU keeps the last address space it ran (its
 * tables must not be walked once freed); ask each such CPU to drop pd.
 * Returns true if any had it: the caller restarts (syscall.c). */
bool pd_kick_idle(struct pd *pd)
{
	bool any = false;
	for (uint32_t i = 0; i < CN_NR_CPUS; i++) {
		struct cpu *c = cpu_get(i);
		if (c->active_pd == pd && c != this_cpu()) {
			c->drop_pd = true;
			cpu_kick(c);
			any = true;
		}
	}
	return any;
}

/* No other CPU runs a thread of pd or has it active any more (syscall.c
 * made sure of that). */
void pd_release_mmu(struct pd *pd)
{
	if (this_cpu()->active_pd == pd)
		pd_activate(NULL);
	for (unsigned i = 0; i < CN_NR_CPUS; i++)
		if (cpu_get(i)->active_pd == pd)
			panic("PD destroyed while active on CPU %u", i);
	asid_free(pd->asid);
}
