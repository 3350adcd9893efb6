/* SPDX-License-Identifier: MIT */
/* Start of a test child's thread: r0 = argument, r1 = function; the
 * function's result goes to r1 and the thread stops. */
	.syntax unified
	.text
	.global ct_child_entry
ct_child_entry:
	blx	r1
	mov	r1, r0
	mov	r7, #12			/* CN_SYS_STOP */
	svc	#0
	b	ct_child_entry
