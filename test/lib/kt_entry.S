/* SPDX-License-Identifier: MIT */
/*
 * Start of a test thread in a child PD: r0 = argument, r1 = function.
 * When the function returns, its result goes to r1 and the thread stops.
 */
	.syntax unified
	.text
	.global kt_thread_entry
kt_thread_entry:
	blx	r1
	mov	r1, r0
	mov	r7, #12			/* CN_SYS_STOP */
	svc	#0
	b	kt_thread_entry
