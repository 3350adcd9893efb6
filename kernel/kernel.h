/* SPDX-License-Identifier: MIT */
/*
 * The kernel's internal types and the interfaces between its parts:
 * objects and capabilities, threads and scheduling, IPC, signals, IRQs,
 * address spaces, and what a board must provide.
 */
#ifndef KERNEL_H
#define KERNEL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <cn/syscall.h>
#include "sched_policy.h"

#define KERNEL_VBASE   0x80000000u
#define PAGE_SHIFT     12             /* the kernel's one page size: 4 KiB */
#define PAGE_SIZE      (1u << PAGE_SHIFT)
#define SECTION_SIZE   0x100000u
#define USER_TOP       0x80000000u    /* TTBR0 covers [0, 2 GiB) */

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

static inline void *phys_to_virt(uint32_t pa)
{ return (void *)(uintptr_t)(pa - CN_RAM_BASE + KERNEL_VBASE); }
static inline uint32_t virt_to_phys(const void *va)
{ return (uint32_t)(uintptr_t)va - KERNEL_VBASE + CN_RAM_BASE; }

/* lists: the one intrusive list of <cn/util/list.h> (a struct cn_list head,
 * a struct cn_list_elem in each object; an element on no list has NULL
 * links, so a zeroed object's elements are unlinked) */
#include <cn/util/list.h>

/* ------------------------------------------------------------ objects */
struct cap;
struct kobj {
	uint32_t   type;   /* CN_OBJ_* */
	struct cap *caps;  /* every capability slot that refers to this object */
};

/* A capability slot: 16 bytes; a free slot has obj == NULL and is on the
 * cap space's free list through 'next'. */
struct cap {
	struct kobj *obj;
	uint32_t     badge;
	struct cap  *prev, *next;  /* the object's list of slots */
};

struct capspace {
	struct cap *slots;
	uint32_t    nslots;
	struct cap *free;
};

/* ------------------------------------------------------------ threads */
/* Saved user state; the layout is used by the exception entry code. */
struct regs {
	uint32_t r[13];
	uint32_t sp, lr, pc, cpsr;
};

enum thread_state {            /* values are the ABI's CN_THREAD_* */
	TS_INACTIVE,      /* created, never started */
	TS_READY,         /* running or in a run queue */
	TS_SEND,          /* queued on a receiver's sender list */
	TS_REPLY,         /* called, waiting for the reply */
	TS_RECV,          /* waiting for a call */
	TS_SIGNAL,        /* waiting on a signal receiver */
	TS_PAUSED,
	TS_FAULTED,       /* waiting for the pager */
	TS_STOPPED,       /* called CN_SYS_STOP */
};

struct pd;
struct sig_ctx;
struct sig_recv;

struct thread {
	struct regs    regs;         /* must stay first (entry code) */
	uint32_t       utcb_virt;    /* must follow regs (entry code: TPIDRURO) */
	struct kobj    obj;
	struct pd     *pd;
	uint32_t       state;
	uint32_t       prio;
	struct sp_share share;       /* scheduling: priority, CPU quota, time used */
	uint32_t       sched_quota_us; /* quota per super period as given, or CN_SCHED_UNLIMITED */
	struct cn_list_elem rq;           /* sender queue or signal wait queue */
	struct cn_list_elem pd_elem;      /* the PD's thread list */
	struct cn_utcb *utcb;        /* kernel address of the UTCB */
	/* IPC */
	struct thread *caller;       /* server side: who waits for my reply */
	struct thread *callee;       /* client side: whom I wait on (TS_SEND / TS_REPLY) */
	struct cn_list   senders;      /* threads queued to call me */
	uint32_t       send_badge;   /* badge of the cap used while queued */
	/* signals */
	struct sig_recv *wait_recv;  /* TS_SIGNAL: receiver waited on */
	struct sig_recv *bound;      /* signals on it end a REPLY_WAIT */
	/* faults */
	struct sig_ctx *pager;
	struct cn_list_elem pager_elem;   /* in pager->pager_users */
	uint32_t       fault_type, fault_addr, fault_pc, fault_status;
	bool           paused;       /* CN_SYS_THREAD_PAUSE: does not run until resumed */
	uint32_t       cpu;          /* its CPU: queued there, runs there */
	struct cpu    *on_cpu;       /* the CPU running it right now, or NULL */
	/* timeout */
	struct sig_ctx *timeout_ctx;
	uint64_t       timeout_at;
	struct cn_list_elem timeout_elem; /* in the kernel's timeout list */
	struct cn_list_elem tmo_user_elem;/* in timeout_ctx->tmo_users */
	char           name[16];
};

/* ------------------------------------------------------------ PDs */
struct pd {
	struct kobj     obj;
	uint32_t       *l1;          /* 2048-entry first-level table (8 KiB aligned) */
	uint32_t        asid;
	uint32_t        ttbr0;
	bool            privileged;  /* core */
	struct capspace caps;
	struct cn_list    threads;
};

/* ------------------------------------------------------------ signals */
struct sig_recv {
	struct kobj  obj;
	struct cn_list waiters;   /* threads in TS_SIGNAL */
	struct cn_list pending;   /* contexts with count > 0 */
	struct cn_list contexts;  /* every context of this receiver */
	struct thread *bound;   /* thread whose REPLY_WAIT it wakes, if any */
};

struct sig_ctx {
	struct kobj      obj;
	struct sig_recv *recv;
	uint32_t         imprint;
	uint32_t         count;
	struct cn_list_elem pending_elem;
	struct cn_list_elem recv_elem;
	struct cn_list     pager_users;  /* threads with this context as pager */
	struct cn_list     tmo_users;    /* threads with a timeout on this context */
	struct cn_list     irqs;         /* IRQ objects signalling this context */
};

struct irq {
	struct kobj     obj;
	uint32_t        number;
	struct sig_ctx *ctx;
	struct cn_list_elem ctx_elem;
	bool            masked;
};

/* ------------------------------------------------------------ per CPU */
/* Per CPU; lives right above that CPU's kernel stack, so TPIDRPRW (the
 * address of struct cpu) is the stack top as well (entry code). Another CPU
 * reads or changes it only while holding the kernel lock. */
struct cpu {
	struct regs   *current;     /* must stay first (entry code) */
	struct thread *thread;      /* running (READY) thread, NULL when idle */
	uint32_t       id;
	bool           need_resched;  /* a thread became ready that may preempt */
	volatile bool  online;
	bool           drop_pd;     /* idle: leave the address space (pd_kick_idle) */
	struct pd     *active_pd;   /* the user address space loaded (arch/arm/mmu.h) */
#ifdef CN_KDEBUG
	bool           kdebug_said; /* this call's refusal was reported (kdebug.c) */
#endif
	uint64_t       slice_end;     /* next scheduling decision (timer) */
	struct sp_sched policy;       /* claims and fills of the threads placed here */
	struct cn_list   timeouts;    /* threads with a timeout, by deadline */
};
static inline struct cpu *this_cpu(void)
{
	uint32_t v;
	__asm__("mrc p15, 0, %0, c13, c0, 4" : "=r"(v));   /* TPIDRPRW */
	return (struct cpu *)(uintptr_t)v;
}
static inline struct thread *current_thread(void) { return this_cpu()->thread; }
/* make t (or nobody) the running thread of cpu */
static inline void cpu_set_thread(struct cpu *cpu, struct thread *t)
{
	if (cpu->thread)
		cpu->thread->on_cpu = NULL;
	cpu->thread = t;
	if (t)
		t->on_cpu = cpu;
}

/* ------------------------------------------------------------ interfaces */
/* log.c */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);
void kputs(const char *s, size_t len);
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* cap.c */
struct kobj *cap_lookup(struct pd *pd, uint32_t name, uint32_t type, uint32_t *badge);
/* the slot of a name, or NULL beyond the space (slot 0 is always empty) */
static inline struct cap *cap_slot(struct capspace *cs, uint32_t name)
{
	return name < cs->nslots ? &cs->slots[name] : NULL;
}
/* a new name for obj in pd: > 0, or CN_ERR_NOSLOT (inline: the IPC fast
 * path transfers capabilities with it too) */
static inline int cap_insert(struct pd *pd, struct kobj *obj, uint32_t badge)
{
	struct cap *c = pd->caps.free;
	if (!c)
		return CN_ERR_NOSLOT;
	pd->caps.free = c->next;
	c->obj = obj;
	c->badge = badge;
	c->prev = NULL;
	c->next = obj->caps;
	if (obj->caps)
		obj->caps->prev = c;
	obj->caps = c;
	return (int)(c - pd->caps.slots);
}
void cap_drop(struct pd *pd, uint32_t name);
void kobj_revoke(struct kobj *obj);  /* clear every capability to obj */
void capspace_init(struct capspace *cs, struct cap *slots, uint32_t n);
void capspace_clear(struct capspace *cs);
/* move cs into 'slots' (n > cs->nslots of them): every name keeps its slot
 * index, every object's list of slots is relinked; the old slots are no
 * longer referred to afterwards */
void capspace_grow(struct capspace *cs, struct cap *slots, uint32_t n);

/* smp.c: the CPUs, the kernel lock and inter-processor interrupts */
extern uint32_t nr_cpus;                /* CPUs online */
struct cpu *cpu_get(uint32_t id);       /* id < CN_NR_CPUS */
void smp_start(void);                   /* CPU 0: bring up the others */
extern volatile uint32_t kernel_lock;  /* 0 free, else the holder's struct cpu */
/* take the kernel lock (entry.S: KLOCK, the same); a CPU that finds it
 * taken waits out of line with WFE, a failed store-exclusive tries again */
static inline __attribute__((always_inline)) void klock(void)
{
	uint32_t v;
	__asm__ volatile(
		"1:	ldrex	%0, [%1]\n"
		"	cmp	%0, #0\n"
		"	strexeq	%0, %2, [%1]\n"
		"	cmpeq	%0, #0\n"
		"	bne	2f\n"
		"	dmb\n"
		"	.pushsection .text.klock_wait, \"ax\"\n"
		"2:	ldr	%0, [%1]\n"
		"	cmp	%0, #0\n"
		"	wfene\n"
		"	b	1b\n"
		"	.popsection\n"
		: "=&r"(v) : "r"(&kernel_lock), "r"(this_cpu()) : "cc", "memory");
}
void kunlock(void);                     /* ... return_to_user releases it */
void cpu_kick(struct cpu *c);           /* make c look at its run queue */
static inline bool thread_running_elsewhere(struct thread *t)
{ return t->on_cpu && t->on_cpu != this_cpu(); }
void thread_kick_off(struct thread *t); /* make another CPU stop running t */

/* sched.c */
void sched_init(struct cpu *cpu);       /* after time_init() */
void sched_ready(struct thread *t);     /* make t runnable */
void sched_unready(struct thread *t);   /* take t out of the run queue */
void sched_yield(void);
_Noreturn void schedule_and_return(void);
bool sched_preempts(struct thread *t);  /* would t preempt the current thread? */
void sched_set(struct thread *t, uint32_t prio, uint64_t quota_us);  /* THREAD_SCHED */
uint64_t sched_used(struct thread *t);        /* counter ticks charged to t */
uint64_t sched_claim_left(struct thread *t);  /* of this super period, ticks */
void sched_move(struct thread *t, uint32_t cpu);  /* THREAD_CPU */

/* thread.c */
void thread_init(struct thread *t, struct pd *pd, struct cn_utcb *utcb, uint32_t utcb_virt);
void thread_block(struct thread *t, uint32_t state);
void thread_wake(struct thread *t);
void thread_destroy(struct thread *t);
void thread_set_name(struct thread *t, const char *name);  /* up to 15 characters */
void thread_fault(struct thread *t, uint32_t type, uint32_t addr, uint32_t status);

/* ipc.c (its calls: syscall.h) */
void ipc_thread_gone(struct thread *t);

/* signal.c */
void sig_recv_init(struct sig_recv *r);
void sig_ctx_init(struct sig_ctx *c, struct sig_recv *r, uint32_t imprint);
int  sig_submit(struct sig_ctx *c, uint32_t count);
void sig_recv_destroy(struct sig_recv *r);
void sig_ctx_destroy(struct sig_ctx *c);
void sig_thread_gone(struct thread *t);
int  sig_bind(struct thread *t, struct sig_recv *r);
bool sig_deliver_bound(struct thread *t);

/* irq.c */
int  irq_create(struct irq *irq, uint32_t number, struct sig_ctx *ctx);
void irq_destroy(struct irq *irq);
int  irq_ack(struct irq *irq);
void irq_init(void);      /* after board_init() */
void irq_handle(void);
void irq_ctx_gone(struct sig_ctx *c);

/* timeout.c */
void timeout_set(struct thread *t, struct sig_ctx *ctx, uint64_t us);
void timeout_cancel(struct thread *t);
void timeout_check(void);
void timer_program_next(void);
uint64_t us_to_ticks(uint64_t us);
void time_init(void);                   /* after board_init(): the fixed intervals */
extern uint64_t slice_ticks;            /* a time slice in counter ticks */

/* main.c, mmu.c: per-CPU set-up of a secondary CPU */
void pmu_init_cpu(void);
void mmu_init_cpu(void);

/* pd.c / mmu.c */
int  pd_init(struct pd *pd, uint32_t *l1, struct cap *slots, uint32_t nslots);
void pd_destroy(struct pd *pd);
bool pd_threads_kicked(struct pd *pd);  /* pd.c: any of its threads running elsewhere? */
void obj_destroy(struct kobj *o);       /* object.c: the one way an object goes */
void pd_activate(struct pd *pd);
void pd_release_mmu(struct pd *pd);
bool pd_kick_idle(struct pd *pd);       /* other CPUs still have pd active? */
int  mmu_map(struct pd *pd, uint32_t va, uint32_t pa, uint32_t pages, uint32_t attr,
             uint32_t pt_phys, uint32_t *mapped);
int  mmu_map_section(struct pd *pd, uint32_t va, uint32_t pa, uint32_t attr);
int  mmu_unmap(struct pd *pd, uint32_t va, uint32_t pages);
int  mmu_user_to_phys(struct pd *pd, uint32_t va, bool write, uint32_t *pa);
void mmu_init(void);
void *mmu_map_io(uint32_t phys, uint32_t size);
int  copy_from_user(struct pd *pd, void *dst, uint32_t va, uint32_t len);
int  user_cache_op(struct pd *pd, uint32_t op, uint32_t va, uint32_t size);

/* memory checks for object creation */
bool kmem_usable(uint32_t phys, uint32_t size, uint32_t align);
bool kmem_mappable(uint32_t phys, uint32_t pages);


/* kernel entry from C: exception handlers (entry.S calls these) */
_Noreturn void kernel_svc(void);                  /* the lock not taken yet */
_Noreturn void kernel_svc_locked(void);           /* fastpath.c: lock held */
_Noreturn void kernel_irq(void);
_Noreturn void kernel_abort(uint32_t kind);
_Noreturn void return_to_user(struct regs *r);    /* entry.S: switch to r */
_Noreturn void return_to_current(struct regs *r); /* entry.S: r entered last */
_Noreturn void return_unlocked(struct regs *r);   /* ... and the lock is not held */

/* board interface: implemented by board/<name>/board.c with the drivers */
void board_init_early(void);            /* UART usable afterwards */
void board_init(void);                  /* interrupt controller and timer */
void board_putc(char c);
uint32_t board_irq_pending(void);       /* interrupt number, or BOARD_IRQ_NONE */
void board_irq_mask(uint32_t irq);
void board_irq_unmask(uint32_t irq);
void board_irq_eoi(uint32_t irq);
bool board_irq_valid(uint32_t irq);     /* may user space own it? */
uint32_t board_timer_irq(void);
uint64_t board_counter(void);           /* free-running counter */
uint32_t board_counter_hz(void);
void board_timer_set(uint64_t deadline);/* one-shot at counter value (this CPU's timer) */
void board_init_cpu(void);              /* a secondary CPU: its interrupt interface, timer */
bool board_cpu_start(uint32_t id, uint32_t entry_phys); /* false: no such CPU */
void board_ipi_send(uint32_t cpu);      /* interrupt 'cpu' (board_ipi_irq() there) */
uint32_t board_ipi_irq(void);
#define BOARD_IRQ_NONE 0xffffffffu

#endif
