/* SPDX-License-Identifier: MIT */
/*
 * Core's internal interfaces, one section per file, lower layers first:
 * memory (mem.c), RPC objects (obj.c), sessions (session.c), a PD's page
 * tables (map.c), region maps (rm.c, rm_session.c), dataspaces (ds.c),
 * faults (fault.c), threads (thread.c), the CPU (cpu.c) and PD (pd.c)
 * services, device services (devices.c), the parent interface (parent.c)
 * and the loader that starts init (loader.c). A file calls only into files
 * of the sections above its own (doc/architecture.md, tool/depcheck).
 * Core is single-threaded: one entrypoint serves every session, page faults
 * arrive there as signals.
 */
#ifndef CORE_H
#define CORE_H

#include <stdint.h>
#include <stdbool.h>
#include <cn/sys.h>
#include <cn/bootinfo.h>
#include <cn/errors.h>
#include <cn/page.h>
#include <cn/entrypoint.h>
#include <cn/session/quota.h>
#include <cn/util/affinity.h>
#include <cn/util/list.h>
#include <cn/util/quota.h>


/* ------------------------------------------------------------- memory */
void     mem_init(const struct cn_bootinfo *bi);
uint32_t phys_alloc(uint32_t pages, uint32_t align_pages);   /* zeroed, 0 if none */
void     phys_free(uint32_t phys, uint32_t pages);
uint32_t phys_avail(void);                                   /* bytes */
uint32_t kmem_alloc(uint32_t size);       /* kernel objects: 64..16384, size-aligned */
void     kmem_free(uint32_t phys, uint32_t size);
void    *core_va(uint32_t phys);
void    *core_alloc(uint32_t size);        /* core's own meta data, zeroed */
void     core_free(void *p);
bool     phys_is_ram(uint32_t base, uint32_t size);
void     core_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ------------------------------------------------------------- accounts */
/* A quota account: what was donated to it and what it pays for
 * (<cn/util/quota.h>: cn_quota_charge, cn_quota_release, cn_quota_parse). */
#define account cn_quota

/* move quota that is not in use from one account to another */
int acc_transfer(struct account *from, struct account *to, uint32_t ram, uint32_t caps);

/* ------------------------------------------------------------- objects */
enum kind { K_NONE, K_SESSION, K_DS, K_RM, K_THREAD, K_PARENT, K_SIGNAL };

#define CORE_BADGE_BIT 0x80000000u     /* components' badges never have it */

struct obj {
	struct cn_rpc_object rpc;          /* badge, dispatch, ops, ctx */
	uint32_t kind;
	uint32_t kcap;                     /* core's badged capability */
};

extern struct cn_entrypoint core_ep;

int  obj_register(struct obj *o, uint32_t kind, cn_ep_dispatch_fn dispatch, const void *ops,
                  void *ctx);
/* for kernel objects (signal receivers/contexts): mint 'cap' with a badge */
int  obj_register_kernel(struct obj *o, uint32_t kind, uint32_t cap);
void obj_unregister(struct obj *o);
/* the core object a capability (name in core's cap space) refers to */
struct obj *obj_lookup(uint32_t cap, uint32_t kind);
/* keep a capability that arrived with the current call */
uint32_t core_keep(uint32_t cap);
uint32_t core_parent_for(const char *child, struct account *acc);

/* ------------------------------------------------------------- sessions */
struct session;
struct service {
	const char *name;
	uint32_t    size;                  /* of the session struct */
	int  (*create)(struct session *s, const char *args);
	void (*destroy)(struct session *s);
	cn_ep_dispatch_fn dispatch;
	const void *ops;
};

struct session {
	struct obj             obj;
	const struct service  *svc;
	struct account         acc;        /* donated quota and what it pays for */
	struct account        *payer;      /* gets acc's quota back on close */
	char                   label[160];
	struct cn_list_elem    elem;
};

int  session_create(const char *service, const char *args, struct account *payer,
                    struct session **out);
void session_destroy(struct session *s);
int  session_upgrade(struct session *s, const char *args);
/* the module name / last element of a label */
const char *label_last(const char *label);

extern const struct service svc_pd, svc_cpu, svc_rm, svc_rom, svc_irq, svc_io_mem, svc_log;

/* ------------------------------------------------------------- PDs */
struct rm;
struct region;

/* A thread whose page fault waits for an attach in a nested region map
 * (fault.c fills it in): rm.c keeps it on the map's list and calls wake()
 * when something was attached there (gone = false) or the map is destroyed
 * (gone = true). Region maps know nothing else of threads. */
struct rm_waiter {
	struct rm          *rm;            /* waiting there, or NULL */
	struct cn_list_elem elem;          /* in rm->faulters */
	void (*wake)(struct rm_waiter *w, bool gone);
};

struct rm {
	struct obj          obj;
	uint32_t            base, size;    /* usable range */
	struct pd          *pd;            /* address space of this PD, or NULL */
	struct account     *acc;           /* pays region meta data */
	struct cn_list      regions;       /* sorted by start */
	struct cn_list      parents;       /* regions where this rm is attached */
	uint32_t            fault_sigh;    /* client's context cap, 0 */
	uint32_t            fault_type, fault_addr;
	struct cn_list      faulters;      /* struct rm_waiter waiting for an attach here */
	struct cn_list_elem elem;          /* in its RM session */
};

struct pd {
	struct session      s;
	uint32_t            kpd, pd_mem, ct_mem, slots;
	struct rm           as;            /* the address space */
	struct cn_list      dataspaces, signals, threads;
	uint32_t           *pts;           /* page tables given to the kernel */
	uint32_t            npts, maxpts;
	uint32_t            utcb_used[8];  /* 256 UTCB slots */
	uint32_t            rpc_caps;      /* minted by rpc_cap, not freed yet */
};

/* pd.c: the PD's cap space grown to its cap quota (caps donated to it),
 * paid from its RAM account; pd_session_upgraded: the same after an
 * upgrade of its PD session, which is undone if the PD cannot pay */
int pd_caps_grow(struct pd *pd);
int pd_session_upgraded(struct session *s, uint32_t ram, uint32_t caps);

/* map.c: pages into a PD's kernel page tables (paid from its account) */
int  pd_map(struct pd *pd, uint32_t va, uint32_t pa, uint32_t pages, uint32_t attr);
void pd_unmap(struct pd *pd, uint32_t va, uint32_t pages);
void pd_free_page_tables(struct pd *pd);

/* ------------------------------------------------------------- region maps */
void rm_init(struct rm *rm, uint32_t base, uint32_t size, struct pd *pd, struct account *acc);
int  rm_register(struct rm *rm);
void rm_destroy(struct rm *rm);        /* detaches everything, and itself everywhere */
int  rm_attach(struct rm *rm, struct obj *what, uint32_t at, uint32_t offset, uint32_t size,
               uint32_t flags, uint32_t *addr);
int  rm_detach(struct rm *rm, uint32_t addr);
void rm_detach_all_of(struct cn_list *regions);  /* every region of a ds/rm */
/* resolve a fault in pd's address space at addr; true if mapped, else w
 * may wait in a nested region map (w->rm set) */
bool rm_resolve_fault(struct pd *pd, struct rm_waiter *w, uint32_t addr, uint32_t type);
void rm_waiter_cancel(struct rm_waiter *w);

/* ------------------------------------------------------------- dataspaces */
#define DS_RAM     0u
#define DS_ROM     1u
#define DS_IO      2u

struct ds {
	struct obj          obj;
	uint32_t            type;          /* DS_* */
	uint32_t            phys, size;
	uint32_t            flags;         /* CN_DS_UNCACHED, CN_MAP_WC for IO */
	struct pd          *owner;         /* RAM dataspaces */
	struct cn_list      regions;       /* where it is attached */
	struct cn_list_elem elem;          /* in the owner's list */
};

int  ds_create_rom(struct ds *d, uint32_t phys, uint32_t size);
int  ds_create_io(struct ds *d, uint32_t phys, uint32_t size, uint32_t flags);
void ds_destroy(struct ds *d);         /* detach everywhere, unregister */
int  pd_alloc_ds(struct pd *pd, uint32_t size, uint32_t flags, struct ds **out);
void pd_free_ds(struct pd *pd, struct ds *d);

/* ------------------------------------------------------------- threads */
/* What threads need of the CPU session that made them (cpu.c embeds it):
 * their list, the account paying them, the priority band, the CPU quota
 * they split by weight, the CPUs they may use, the default exception
 * signal. */
struct thread_group {
	struct cn_list          threads;   /* struct thread.grp_elem */
	struct account         *acc;
	uint32_t                prio_lo, prio_hi;   /* kernel priorities of the band */
	uint32_t                quota;     /* ppm of one CPU = us per super period */
	struct cn_affinity_loc  phys;      /* its CPUs in the physical space */
	uint32_t                exc_sigh;
};

struct thread {
	struct obj           obj;
	struct thread_group *grp;
	struct pd           *pd;
	uint32_t             kthread, kmem, utcb_phys, utcb_va, pager, pager_mem;
	uint32_t             prio;
	uint32_t             weight;       /* share of the session's CPU quota */
	uint32_t             cpu_nr;       /* physical CPU it is placed on */
	uint32_t             exc_sigh;
	char                 name[32];
	bool                 dead;
	struct rm_waiter     wait;         /* fault pending in a region map */
	uint32_t             fault_addr, fault_type;
	struct cn_signal_handler fault_h;
	struct cn_list_elem  pd_elem, grp_elem;
};

/* fault.c: the thread's pager (a signal context on core's entrypoint) */
int  fault_pager_create(struct thread *t);
void fault_pager_destroy(struct thread *t);

/* thread.c */
int  thread_create(struct thread_group *g, struct pd *pd, const char *name, uint32_t prio,
                   struct thread **out);
void thread_kill(struct thread *t);     /* kernel objects gone, stays in its group */
void thread_destroy(struct thread *t);  /* and gone from its group */
void thread_group_update(struct thread_group *g);   /* quota split after a change */

extern uint32_t core_nr_cpus;          /* the physical affinity space: N x 1 */
static inline struct cn_affinity_space core_cpu_space(void)
{
	return (struct cn_affinity_space){ core_nr_cpus, 1 };
}

/* ------------------------------------------------------------- services */
/* cpu.c: init's CPU session gets the whole machine's CPU quota */
struct thread_group *cpu_session_root(struct session *s);
/* pd.c */
struct pd *pd_from_cap(uint32_t cap);

/* ------------------------------------------------------------- boot */
struct rom_module { const char *name; struct ds ds; };
struct rom_module *rom_find(const char *name);
void rom_init(const struct cn_bootinfo *bi);
int  start_init(void);
extern uint32_t core_sig_recv;         /* bound to the entrypoint */
uint32_t signal_ctx_create(uint32_t recv, uint32_t imprint, uint32_t *mem);

#endif
