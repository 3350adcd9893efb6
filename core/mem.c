/* SPDX-License-Identifier: MIT */
/*
 * Core's memory: the physical page allocator over the RAM the kernel left
 * free, a pool for small kernel objects (64 B .. 1 KiB, size aligned), and
 * a heap for core's own meta data. Core sees all RAM through its RAM window.
 */
#include <stdarg.h>
#include <cn/util/bitalloc.h>
#include <cn/util/heap.h>
#include <cn/util/format.h>
#include <cn/util/string.h>
#include "core.h"

#define CORE_HEAP_SIZE (4u << 20)

static uint32_t ram_base, ram_end, pool_base;
static struct cn_bitalloc pages;
static uint32_t page_words[CN_BITALLOC_WORDS(1u << 18)];   /* up to 1 GiB */
static struct cn_heap heap;

void *core_va(uint32_t phys)
{
	return (void *)(uintptr_t)(CN_ROOT_RAM_WINDOW + (phys - ram_base));
}

bool phys_is_ram(uint32_t base, uint32_t size)
{
	uint32_t end = base + size;
	return end > ram_base && base < ram_end;
}

void mem_init(const struct cn_bootinfo *bi)
{
	ram_base = bi->ram_base;
	ram_end = bi->ram_base + bi->ram_size;
	pool_base = (bi->free_base + CN_PAGE_SIZE - 1) & ~(CN_PAGE_SIZE - 1);
	uint32_t n = (ram_end - pool_base) / CN_PAGE_SIZE;
	if (n > (1u << 18))
		n = 1u << 18;
	cn_bitalloc_init(&pages, page_words, n);
	cn_heap_init(&heap, 0, 0);
	uint32_t h = phys_alloc(CORE_HEAP_SIZE / CN_PAGE_SIZE, 1);
	cn_heap_add_region(&heap, core_va(h), CORE_HEAP_SIZE);
}

/* clear whole pages, 64 bytes per iteration with two 8-register stores
 * (a byte-generic memset needs about eight times the instructions) */
static void zero_pages(void *p, uint32_t npages)
{
	uint32_t *d = p, *end = d + npages * (CN_PAGE_SIZE / 4);
	__asm__ volatile(
		"mov r4, #0\n mov r5, #0\n mov r6, #0\n mov r7, #0\n"
		"mov r8, #0\n mov r9, #0\n mov r10, #0\n mov r11, #0\n"
		"1: stmia %0!, {r4-r11}\n stmia %0!, {r4-r11}\n"
		"cmp %0, %1\n blo 1b\n"
		: "+r"(d) : "r"(end) : "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "cc",
		  "memory");
}

uint32_t phys_alloc(uint32_t npages, uint32_t align_pages)
{
	unsigned log2 = 0;
	while ((1u << log2) < align_pages)
		log2++;
	size_t idx;
	if (!npages || cn_bitalloc_alloc_range(&pages, npages, log2, &idx))
		return 0;
	uint32_t pa = pool_base + (uint32_t)idx * CN_PAGE_SIZE;
	zero_pages(core_va(pa), npages);
	return pa;
}

void phys_free(uint32_t phys, uint32_t npages)
{
	if (cn_bitalloc_free(&pages, (phys - pool_base) / CN_PAGE_SIZE, npages))
		core_log("core: bad phys_free 0x%x (%u pages)", (unsigned)phys, (unsigned)npages);
}

uint32_t phys_avail(void)
{
	return (uint32_t)cn_bitalloc_avail(&pages) * CN_PAGE_SIZE;
}

/* --------------------------------------------------------- small objects */
struct chunk { uint32_t next; };      /* free-list link, by physical address */
static uint32_t free_list[3];         /* 64, 512, 1024 */
static const uint32_t class_size[3] = { 64, 512, 1024 };

static int size_class(uint32_t size)
{
	for (int i = 0; i < 3; i++)
		if (size <= class_size[i])
			return i;
	return -1;
}

uint32_t kmem_alloc(uint32_t size)
{
	int c = size_class(size);
	if (c < 0)
		return phys_alloc(CN_PAGES(size), CN_PAGES(size));
	if (!free_list[c]) {
		uint32_t pg = phys_alloc(1, 1);
		if (!pg)
			return 0;
		for (uint32_t off = 0; off < CN_PAGE_SIZE; off += class_size[c]) {
			((struct chunk *)core_va(pg + off))->next = free_list[c];
			free_list[c] = pg + off;
		}
	}
	uint32_t pa = free_list[c];
	free_list[c] = ((struct chunk *)core_va(pa))->next;
	cn_memset(core_va(pa), 0, class_size[c]);
	return pa;
}

void kmem_free(uint32_t phys, uint32_t size)
{
	int c = size_class(size);
	if (c < 0) {
		phys_free(phys, CN_PAGES(size));
		return;
	}
	((struct chunk *)core_va(phys))->next = free_list[c];
	free_list[c] = phys;
}

/* --------------------------------------------------------- heap, log */
void *core_alloc(uint32_t size)
{
	void *p = cn_heap_alloc(&heap, size);
	if (p)
		cn_memset(p, 0, size);
	return p;
}

void core_free(void *p)
{
	cn_heap_free(&heap, p);
}

void core_log(const char *fmt, ...)
{
	char buf[CN_PRINT_MAX];
	va_list ap;
	va_start(ap, fmt);
	int n = cn_vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((uint32_t)n > sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	cn_sys_print(buf, (uint32_t)n);
}
