/* SPDX-License-Identifier: MIT */
/*
 * Start-up code of a user program: clear .bss, call main(r0 = start
 * argument, e.g. the boot-info address for the roottask), then stop the
 * thread (its pager learns of it).
 */
	.syntax unified
	.section .text.crt0, "ax"
	.global _start
_start:
	mov	r4, r0
	ldr	r0, =_bss_start
	ldr	r1, =_bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	mov	r0, r4
	bl	main
	mov	r7, #12			/* CN_SYS_STOP */
	svc	#0
2:	b	2b
