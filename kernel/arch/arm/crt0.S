/* SPDX-License-Identifier: MIT */
/*
 * Kernel entry from the boot loader (QEMU -kernel or U-Boot): MMU off, at the
 * physical load address. Leaves HYP mode if started there, parks secondary
 * CPUs, clears .bss, builds the boot page table (RAM mapped at 0x80000000)
 * and an identity map of RAM, enables the MMU and caches and jumps to
 * kernel_main() at its virtual address. Secondary CPUs that the kernel
 * starts (smp.c) enter at secondary_entry: the same MMU set-up with the
 * tables CPU 0 built, then secondary_main() on their own stack.
 */
	.syntax unified
	.arch_extension virt
	.arch_extension sec

#define SECTION_KERNEL 0x1140e  /* section, WBWA, shareable, priv RW, global */

/* leave HYP mode (if in it) for SVC mode, IRQ and FIQ masked */
.macro TO_SVC
	mrs	r0, cpsr
	and	r1, r0, #0x1f
	cmp	r1, #0x1a		/* HYP? */
	bne	1f
	bic	r0, r0, #0x1f
	orr	r0, r0, #0xd3		/* SVC, IRQ and FIQ masked */
	msr	spsr_hyp, r0
	adr	r1, 1f
	msr	elr_hyp, r1
	eret
1:	cpsid	aif, #0x13		/* SVC mode */
.endm

/* MMU on with TTBR0 = r0 (physical), TTBR1 = boot_l1; caches on */
.macro MMU_ON
	ldr	r1, =0x55555555
	mcr	p15, 0, r1, c3, c0, 0	/* DACR: all domains client */
	mov	r1, #1
	mcr	p15, 0, r1, c2, c0, 2	/* TTBCR.N = 1: TTBR0 below 2 GiB */
	orr	r1, r0, #0x4a		/* inner/outer WBWA walks, shareable */
	mcr	p15, 0, r1, c2, c0, 0
	ldr	r1, =boot_l1
	sub	r1, r1, r4
	orr	r1, r1, #0x4a
	mcr	p15, 0, r1, c2, c0, 1
	mov	r1, #0
	mcr	p15, 0, r1, c13, c0, 1	/* CONTEXTIDR (ASID 0) */
	mcr	p15, 0, r1, c8, c7, 0	/* TLBIALL */
	mcr	p15, 0, r1, c7, c5, 0	/* ICIALLU */
	dsb
	isb
	mrc	p15, 0, r1, c1, c0, 0
	ldr	r2, =0x1805		/* M, C, Z, I */
	orr	r1, r1, r2
	bic	r1, r1, #0x2		/* no alignment checking */
	bic	r1, r1, #(1 << 28)	/* TRE off */
	bic	r1, r1, #(1 << 29)	/* AFE off */
	mcr	p15, 0, r1, c1, c0, 0
	isb
.endm

	.section .text.boot, "ax"
	.global _start
_start:
	TO_SVC
	mrc	p15, 0, r0, c0, c0, 5	/* MPIDR */
	and	r0, r0, #0xff
	cmp	r0, #0
	bne	secondary_park

	ldr	r4, =KERNEL_VOFF	/* virt - phys */

	/* clear .bss (at its physical address) */
	ldr	r0, =_bss_start
	sub	r0, r0, r4
	ldr	r1, =_bss_end
	sub	r1, r1, r4
	mov	r2, #0
2:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	2b

	/* boot page table: RAM at 0x80000000 (and, until mmu_init() removes
	 * it, at its physical address); the identity map for secondary CPUs */
	ldr	r0, =boot_l1
	sub	r0, r0, r4
	ldr	r8, =idmap_l1
	sub	r8, r8, r4
	ldr	r5, =CN_RAM_BASE
	ldr	r2, =CN_RAM_SIZE
	ldr	r3, =SECTION_KERNEL
3:	orr	r6, r5, r3
	str	r6, [r0, r5, lsr #18]
	str	r6, [r8, r5, lsr #18]
	add	r7, r5, r4
	str	r6, [r0, r7, lsr #18]
	add	r5, r5, #0x100000
	subs	r2, r2, #0x100000
	bhi	3b

	MMU_ON
	ldr	sp, =cn_percpu + 8192	/* CPU 0's kernel stack */
	ldr	pc, =kernel_main

/* QEMU starts every CPU of some boards here: wait until CPU 0 writes our
 * number into smp_pen (smp.c), with the MMU and caches off */
secondary_park:
	ldr	r2, =smp_pen
1:	wfe
	ldr	r1, [r2]
	cmp	r1, r0
	bne	1b

/* a secondary CPU started by board_cpu_start() (smp.c) */
	.global secondary_entry
secondary_entry:
	TO_SVC
	ldr	r4, =KERNEL_VOFF
	ldr	r0, =idmap_l1
	sub	r0, r0, r4
	MMU_ON
	ldr	pc, =secondary_virt

	.text
secondary_virt:
	ldr	r0, =smp_boot_cpu
	ldr	r0, [r0]
	mov	sp, r0			/* struct cpu sits on its stack top */
	b	secondary_main

	.section .data.boot, "aw"
	.balign 64
	.global smp_pen
smp_pen:
	.word	0
	.balign 64

	.section .bss.pagetable, "aw", %nobits
	.balign 16384
	.global boot_l1
boot_l1:
	.space 16384
idmap_l1:				/* TTBR0 (N = 1): 2048 entries */
	.space 8192
