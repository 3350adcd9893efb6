/* SPDX-License-Identifier: MIT */
/*
 * First instructions of a thread made by cn_thread_create(): r0 = its
 * struct cn_thread, sp = top of its stack. cn_thread_run_() runs the
 * thread's function and returns the join signal context; the completion
 * signal and the stop are issued here, without touching the stack, because
 * the joiner may free the stack as soon as the signal is out.
 */
	.syntax unified
	.text
	.global cn_thread_entry_
	.type	cn_thread_entry_, %function
cn_thread_entry_:
	mov	fp, #0
	mov	lr, #0
	bl	cn_thread_run_
	mov	r1, #1
	mov	r7, #2			/* CN_SYS_SIGNAL_SUBMIT r0 = ctx, r1 = count */
	svc	#0
1:	mov	r7, #12			/* CN_SYS_STOP */
	svc	#0
	b	1b
	.size	cn_thread_entry_, . - cn_thread_entry_
