/* SPDX-License-Identifier: MIT */
/*
 * Exception vectors (mapped at 0xffff0000) and the kernel entry/exit paths.
 * On entry from user mode the user registers are saved into the current
 * thread's 'struct regs' (per-CPU pointer in TPIDRPRW -> struct cpu), the
 * kernel stack of this CPU is loaded, the kernel lock taken (smp.c) and C
 * takes over; the way back to user mode releases the lock. System calls
 * other than IPC enter C without the lock: kernel_svc() takes it unless the
 * call is one of the few that need none (doc/scheduling.md). The kernel is
 * not preemptible: IRQs stay masked while it runs.
 *
 * struct cpu: +0 current regs; its address is also the top of the CPU's
 * kernel stack
 * struct thread: r0-r12 (+0), sp (+52), lr (+56), pc (+60), cpsr (+64), utcb (+68)
 */
#include "arch/arm/exception.h"

	.syntax unified

	.section .text.vectors, "ax"
	.balign 4096
	.global vector_page
vector_page:
	ldr	pc, v_reset
	ldr	pc, v_undef
	ldr	pc, v_svc
	ldr	pc, v_pabt
	ldr	pc, v_dabt
	nop
	ldr	pc, v_irq
	ldr	pc, v_fiq
v_reset: .word vec_reset
v_undef: .word vec_undef
v_svc:   .word vec_svc
v_pabt:  .word vec_pabt
v_dabt:  .word vec_dabt
v_irq:   .word vec_irq
v_fiq:   .word vec_fiq

	.text
/* save the user state of the current thread; 'lr' holds the user pc */
.macro SAVE_USER
	mrc	p15, 0, sp, c13, c0, 4
	ldr	sp, [sp]
	stmia	sp, {r0-r12, sp, lr}^
	str	lr, [sp, #60]
	mrs	lr, spsr
	str	lr, [sp, #64]
.endm

/* take the kernel lock: klock() in smp.c, inline (every locking entry pays
 * it); the value stored is this CPU's struct cpu (sp, not 0). A CPU that
 * finds the lock taken waits out of line with WFE; a failed store-exclusive
 * just tries again. Clobbers r0-r1 (saved already). */
.macro KLOCK
	ldr	r0, =kernel_lock
1:	ldrex	r1, [r0]
	cmp	r1, #0
	strexeq	r1, sp, [r0]
	cmpeq	r1, #0
	bne	2f
	dmb
	.pushsection .text.klock_wait, "ax"
2:	ldr	r1, [r0]
	cmp	r1, #0
	wfene
	b	1b
	.popsection
.endm

/* switch to SVC mode (if not already) and load this CPU's kernel stack */
.macro KERNEL_STACK
	cps	#0x13
	mrc	p15, 0, sp, c13, c0, 4
.endm

	.global vec_svc
vec_svc:
	SAVE_USER
	mrc	p15, 0, sp, c13, c0, 4
	cmp	r7, #1			/* CN_SYS_CALL / CN_SYS_REPLY_WAIT */
	bhi	kernel_svc		/* locks unless the call needs no lock */
	KLOCK				/* keeps r7, the call number */
	b	fastpath_ipc

vec_irq:
	sub	lr, lr, #4
	SAVE_USER
	KERNEL_STACK
	KLOCK
	b	kernel_irq

/* exceptions: kernel_abort() takes the lock unless it is a kernel bug */

vec_undef:
	sub	lr, lr, #4		/* ARM state; Thumb is not used by Cairn */
	SAVE_USER
	KERNEL_STACK
	mov	r0, #ARM_EXC_UNDEF
	b	kernel_abort

vec_pabt:
	sub	lr, lr, #4
	SAVE_USER
	KERNEL_STACK
	mov	r0, #ARM_EXC_PREFETCH_ABORT
	b	kernel_abort

vec_dabt:
	sub	lr, lr, #8
	SAVE_USER
	KERNEL_STACK
	mov	r0, #ARM_EXC_DATA_ABORT
	b	kernel_abort

vec_reset:
vec_fiq:
	SAVE_USER
	KERNEL_STACK
	mov	r0, #ARM_EXC_UNEXPECTED
	b	kernel_abort

/* return_to_user(struct regs *r): make r current and resume it */
	.global return_to_user
return_to_user:
	mrc	p15, 0, r1, c13, c0, 4
	str	r0, [r1]
	ldr	r1, [r0, #68]		/* UTCB address, readable by the thread */
	mcr	p15, 0, r1, c13, c0, 3
/* return_to_current(struct regs *r): resume the thread that entered */
	.global return_to_current
return_to_current:
	ldr	r2, =kernel_lock	/* kunlock() */
	mov	r1, #0
	dmb
	str	r1, [r2]
	dsb
	sev
/* return_unlocked(struct regs *r): resume r, the lock not held (the calls
 * that need none, syscall.c) */
	.global return_unlocked
return_unlocked:
	ldr	r1, [r0, #64]
	msr	spsr_cxsf, r1
	ldr	lr, [r0, #60]
	ldmia	r0, {r0-r12, sp, lr}^
	nop
	movs	pc, lr
