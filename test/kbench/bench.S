/* SPDX-License-Identifier: MIT */
/*
 * Measurement loops for the kernel benchmarks. The cycle counter (PMCCNTR)
 * counts executed instructions under QEMU -icount shift=0. Each loop reads
 * it right before the 'svc' and the partner reads it as the first thing
 * after its 'svc' returns, so the difference is the kernel path plus the
 * known number of user instructions in between (subtracted by the caller).
 */
	.syntax unified
	.text

/* uint32_t bench_overhead(void): two back-to-back counter reads */
	.global bench_overhead
bench_overhead:
	mrc	p15, 0, r1, c9, c13, 0
	mrc	p15, 0, r2, c9, c13, 0
	sub	r0, r2, r1
	bx	lr

/* uint32_t bench_null(void): kernel path of CN_SYS_NULL */
	.global bench_null
bench_null:
	push	{r4-r7}
	mov	r7, #14
	mrc	p15, 0, r1, c9, c13, 0
	svc	#0
	mrc	p15, 0, r2, c9, c13, 0
	sub	r0, r2, r1
	pop	{r4-r7}
	bx	lr

/* void bench_client(uint32_t cap, uint32_t info, uint32_t n, uint32_t *rt)
 * n calls; rt[i] = counter after the reply - counter before the call
 * (the server echoes w0, which carries the start time). */
	.global bench_client
bench_client:
	push	{r4-r11, lr}
	mov	r8, r0
	mov	r9, r1
	mov	r10, r2
	mov	r11, r3
1:	mov	r0, r8
	mov	r1, r9
	mov	r7, #0			/* CN_SYS_CALL */
	mrc	p15, 0, r2, c9, c13, 0
	svc	#0
	mrc	p15, 0, r3, c9, c13, 0
	sub	r3, r3, r2
	str	r3, [r11], #4
	subs	r10, r10, #1
	bne	1b
	pop	{r4-r11, pc}

/* void bench_server(uint32_t *oneway) — never returns. Echoes every message;
 * oneway[i] = counter on arrival - the caller's start time (w0). The user
 * instructions between its arrival and its next svc: mrc, sub, str, mov, mov,
 * b = 6 (SERVER_USER_INSNS in main.c). */
	.global bench_server
bench_server:
	mov	r10, r0
	mov	r7, #1			/* CN_SYS_REPLY_WAIT */
	mov	r0, #0			/* no reply the first time */
	mov	r1, #0
1:	svc	#0
	mrc	p15, 0, r8, c9, c13, 0
	sub	r8, r8, r2
	str	r8, [r10], #4
	mov	r0, #1			/* CN_RW_REPLY */
	mov	r7, #1
	b	1b

/* void bench_cap_server(uint32_t *oneway): like bench_server, but drops the
 * capability that came with the message (after taking the time). */
	.global bench_cap_server
bench_cap_server:
	mov	r10, r0
	mrc	p15, 0, r11, c13, c0, 3	/* UTCB */
	add	r11, r11, #4064		/* &utcb->caps[0] */
	mov	r7, #1
	mov	r0, #0
	mov	r1, #0
1:	svc	#0
	mrc	p15, 0, r8, c9, c13, 0
	sub	r8, r8, r2
	str	r8, [r10], #4
	ldr	r0, [r11]
	mov	r7, #11			/* CN_SYS_CAP_DROP */
	svc	#0
	mov	r1, #1			/* reply: one word, no caps */
	mov	r0, #1
	mov	r7, #1
	b	1b

/* void bench_waiter(uint32_t recv, uint32_t *lat) — never returns.
 * Waits for signals; the submitter passes its start time as the count. */
	.global bench_waiter
bench_waiter:
	mov	r9, r0
	mov	r10, r1
1:	mov	r0, r9
	mov	r7, #3			/* CN_SYS_SIGNAL_WAIT */
	svc	#0
	mrc	p15, 0, r8, c9, c13, 0
	sub	r8, r8, r2
	str	r8, [r10], #4
	b	1b

/* void bench_submit(uint32_t ctx, uint32_t n) */
	.global bench_submit
bench_submit:
	push	{r4-r7, lr}
	mov	r4, r0
	mov	r5, r1
1:	mov	r0, r4
	mov	r7, #2			/* CN_SYS_SIGNAL_SUBMIT */
	mrc	p15, 0, r1, c9, c13, 0
	svc	#0
	subs	r5, r5, #1
	bne	1b
	pop	{r4-r7, pc}

/* uint32_t bench_touch(uint32_t addr, uint32_t n, uint32_t *lat):
 * reads one word per page from addr on; lat[i] = counter after the read -
 * counter before it (a fault resolved by the pager in between) */
	.global bench_touch
bench_touch:
	push	{r4-r10, lr}
	mov	r4, r0
	mov	r5, r1
	mov	r6, r2
1:	mrc	p15, 0, r8, c9, c13, 0
	ldr	r9, [r4]
	mrc	p15, 0, r10, c9, c13, 0
	sub	r10, r10, r8
	str	r10, [r6], #4
	add	r4, r4, #4096
	subs	r5, r5, #1
	bne	1b
	mov	r0, #0
	pop	{r4-r10, pc}
