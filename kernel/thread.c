/* SPDX-License-Identifier: MIT */
/*
 * Thread life cycle: initialisation, blocking and waking, faults and
 * exceptions (handed to the pager as a signal), and destruction that leaves
 * every partner in a defined state.
 */
#include "kernel.h"
#include "arch/arm/cpu.h"
#include <cn/util/string.h>

_Static_assert(sizeof(struct cn_utcb) == PAGE_SIZE, "utcb size");
_Static_assert(offsetof(struct thread, utcb_virt) == 68, "entry.S expects the UTCB address at +68");
_Static_assert(TS_READY == CN_THREAD_READY && TS_SEND == CN_THREAD_SEND &&
               TS_REPLY == CN_THREAD_REPLY && TS_RECV == CN_THREAD_RECV &&
               TS_SIGNAL == CN_THREAD_SIGNAL && TS_PAUSED == CN_THREAD_PAUSED &&
               TS_FAULTED == CN_THREAD_FAULTED && TS_STOPPED == CN_THREAD_STOPPED,
               "thread states are ABI");

void thread_init(struct thread *t, struct pd *pd, struct cn_utcb *utcb, uint32_t utcb_virt)
{
	cn_memset(t, 0, sizeof(*t));
	t->obj.type = CN_OBJ_THREAD;
	t->pd = pd;
	t->state = TS_INACTIVE;
	t->prio = 0;
	sp_share_init(&t->share, 0, SP_UNLIMITED);
	t->sched_quota_us = CN_SCHED_UNLIMITED;
	cn_list_elem_init(&t->rq);
	cn_list_init(&t->senders);
	cn_list_elem_init(&t->timeout_elem);
	cn_list_elem_init(&t->tmo_user_elem);
	cn_list_elem_init(&t->pager_elem);
	cn_list_insert_tail(&pd->threads, &t->pd_elem);
	t->utcb = utcb;
	t->utcb_virt = utcb_virt;
	t->regs.cpsr = CPSR_MODE_USR;
}

void thread_set_name(struct thread *t, const char *name)
{
	cn_memcpy(t->name, name, sizeof(t->name) - 1);
	t->name[sizeof(t->name) - 1] = 0;
}

/* t stops being runnable and waits in 'state' */
void thread_block(struct thread *t, uint32_t state)
{
	sched_unready(t);
	t->state = state;
}

void thread_wake(struct thread *t)
{
	sched_ready(t);
}

static const char *fault_name(uint32_t type)
{
	switch (type) {
	case CN_FAULT_PAGE_READ:  return "read fault";
	case CN_FAULT_PAGE_WRITE: return "write fault";
	case CN_FAULT_PAGE_EXEC:  return "instruction fetch fault";
	case CN_FAULT_ALIGN:      return "alignment fault";
	case CN_FAULT_UNDEF:      return "undefined instruction";
	case CN_FAULT_STOP:       return "stopped";
	default:                  return "exception";
	}
}

/* The thread cannot go on: record why and tell its pager. Without a pager the
 * thread just stays stopped: nothing else in the system is affected. */
void thread_fault(struct thread *t, uint32_t type, uint32_t addr, uint32_t status)
{
	thread_block(t, type == CN_FAULT_STOP ? TS_STOPPED : TS_FAULTED);
	t->fault_type = type;
	t->fault_addr = addr;
	t->fault_pc = t->regs.pc;
	t->fault_status = status;
	if (t->pager && t->pager->recv)
		sig_submit(t->pager, 1);
	else if (type == CN_FAULT_STOP)
		kprintf("kernel: thread '%s' stopped\n", t->name);
	else
		kprintf("kernel: unresolved %s in thread '%s' at 0x%08x pc 0x%08x (no pager)\n",
		        fault_name(type), t->name, (unsigned)addr, (unsigned)t->regs.pc);
}

void thread_destroy(struct thread *t)
{
	kobj_revoke(&t->obj);
	ipc_thread_gone(t);
	sig_thread_gone(t);
	timeout_cancel(t);
	cn_list_remove(&t->pager_elem);
	t->pager = NULL;
	if (t->state == TS_READY)
		sched_unready(t);
	t->state = TS_INACTIVE;
	cn_list_remove(&t->pd_elem);
	t->obj.type = CN_OBJ_NONE;
	if (t->on_cpu)
		cpu_set_thread(t->on_cpu, NULL);   /* this CPU's (syscall.c) */
}
