/* SPDX-License-Identifier: MIT */
/*
 * The registers of a system call and of a message by name: the only place
 * in the kernel that knows which of r0-r7 holds what (the ABI of
 * <cn/syscall.h>, <cn/syscalls.h>). Everything else reads arguments, sets
 * results and moves messages through these.
 */
#ifndef KERNEL_SYSREGS_H
#define KERNEL_SYSREGS_H

#include "kernel.h"
#include "arch/arm/cpu.h"

enum {
	REG_ERR   = 0,   /* result: the error code; argument 0 on entry */
	REG_INFO  = 1,   /* message: info word (CN_MSG_INFO) */
	REG_WORD0 = 2,   /* message: words 0..3 in r2..r5 */
	REG_BADGE = 6,   /* message: badge of the capability called through */
	REG_NR    = 7,   /* the call number */
};
#define MSG_REG_WORDS 4  /* message words that travel in registers */

/* system-call arguments r0..r6 and results r1..r6 */
static inline uint32_t sys_arg(const struct thread *t, unsigned i) { return t->regs.r[i]; }
static inline void sys_ret(struct thread *t, unsigned i, uint32_t v) { t->regs.r[i] = v; }
static inline uint32_t sys_nr(const struct thread *t) { return t->regs.r[REG_NR]; }
static inline void thread_set_return(struct thread *t, int err) { t->regs.r[REG_ERR] = (uint32_t)err; }

/* a new thread starts at pc with sp, its argument in r0, in user mode */
static inline void thread_set_entry(struct thread *t, uint32_t pc, uint32_t sp, uint32_t arg)
{
	t->regs.pc = pc;
	t->regs.sp = sp;
	t->regs.r[0] = arg;
	t->regs.cpsr = CPSR_MODE_USR;   /* ARM state, interrupts on */
}

/* messages */
static inline uint32_t msg_info(const struct thread *t) { return t->regs.r[REG_INFO]; }

/* dst receives a message: CN_OK, info, the four register words of src, badge */
static inline void msg_deliver(struct thread *dst, const struct thread *src, uint32_t info,
                               uint32_t badge)
{
	uint32_t *d = dst->regs.r;
	const uint32_t *s = src->regs.r;
	d[REG_ERR] = CN_OK;
	d[REG_INFO] = info;
	d[REG_WORD0 + 0] = s[REG_WORD0 + 0];
	d[REG_WORD0 + 1] = s[REG_WORD0 + 1];
	d[REG_WORD0 + 2] = s[REG_WORD0 + 2];
	d[REG_WORD0 + 3] = s[REG_WORD0 + 3];
	d[REG_BADGE] = badge;
}

/* t receives an empty message (info, no words, no badge): REPLY_WAIT with
 * CN_RW_NOWAIT */
static inline void msg_deliver_empty(struct thread *t)
{
	t->regs.r[REG_ERR] = CN_OK;
	t->regs.r[REG_INFO] = CN_MSG_INFO(0, 0);
	t->regs.r[REG_BADGE] = 0;
}

/* t, waiting in REPLY_WAIT on a bound receiver, receives a signal message:
 * CN_MSG_INFO_SIGNAL, imprint in word 0, count in word 1, no badge */
static inline void msg_deliver_signal(struct thread *t, uint32_t imprint, uint32_t count)
{
	t->regs.r[REG_ERR] = CN_OK;
	t->regs.r[REG_INFO] = CN_MSG_INFO_SIGNAL;
	t->regs.r[REG_WORD0 + 0] = imprint;
	t->regs.r[REG_WORD0 + 1] = count;
	t->regs.r[REG_BADGE] = 0;
}

/* t, waiting in SIGNAL_WAIT, receives a signal: r1 imprint, r2 count */
static inline void sig_deliver_wait(struct thread *t, uint32_t imprint, uint32_t count)
{
	t->regs.r[REG_ERR] = CN_OK;
	t->regs.r[1] = imprint;
	t->regs.r[2] = count;
}

#endif
