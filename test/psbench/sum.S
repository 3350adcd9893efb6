/* SPDX-License-Identifier: MIT */
/*
 * psbench_sum(p, chunks): the 32-bit sum of chunks * 32 bytes at p, read
 * with one load-multiple per 32 bytes: how a receiver that reads every
 * byte of a packet reads them (11 instructions per 32 bytes).
 */
	.text
	.arm
	.global psbench_sum
	.type psbench_sum, %function
psbench_sum:
	push	{r4-r10}
	mov	r2, #0
	cmp	r1, #0
	beq	2f
1:	ldmia	r0!, {r3-r10}
	add	r2, r2, r3
	add	r2, r2, r4
	add	r2, r2, r5
	add	r2, r2, r6
	add	r2, r2, r7
	add	r2, r2, r8
	add	r2, r2, r9
	add	r2, r2, r10
	subs	r1, r1, #1
	bne	1b
2:	mov	r0, r2
	pop	{r4-r10}
	bx	lr
	.size psbench_sum, . - psbench_sum
