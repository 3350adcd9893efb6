/* SPDX-License-Identifier: MIT */
/*
 * The cases of core's test suite: session arguments and quota, shared
 * dataspaces, region-map faults, device ownership, hostile capability use,
 * DMA dataspaces, thread control, CPU quota and affinity.
 */
#include <cn/util/format.h>
#include "coretest.h"

static uint32_t parent(void) { return ct.si->parent; }

static int open(const char *svc, const char *args, cn_cap_t *s)
{
	return cn_parent_session(parent(), svc, args, s);
}

static void close(cn_cap_t s)
{
	cn_parent_close(parent(), s);
	cn_sys_cap_drop(s.name);
}

/* ---------------------------------------------------------------- cases */
int ct_log_label(void)
{
	cn_cap_t s;
	CHECK_EQ(open("LOG", "label=\"x\", ram_quota=4K, cap_quota=1", &s), 0);
	CHECK_EQ(cn_log_session_write(s.name, "label check"), 0);
	close(s);
	return 0;
}

int ct_session_errors(void)
{
	cn_cap_t s;
	CHECK_EQ(open("NOPE", "ram_quota=4K, cap_quota=1", &s), CN_ERR_NO_SERVICE);
	CHECK_EQ(open("LOG", "label=\"x, ram_quota=4K", &s), CN_ERR_ARGS);
	CHECK_EQ(open("LOG", "ram_quota=lots, cap_quota=1", &s), CN_ERR_ARGS);
	CHECK_EQ(open("LOG", "ram_quota=100, cap_quota=1", &s), CN_ERR_QUOTA_RAM);
	CHECK_EQ(open("LOG", "ram_quota=4K, cap_quota=0", &s), CN_ERR_QUOTA_CAP);
	CHECK_EQ(open("LOG", "ram_quota=4000M, cap_quota=1", &s), CN_ERR_QUOTA_RAM);
	CHECK_EQ(open("ROM", "label=\"no such module\", ram_quota=4K, cap_quota=1", &s),
	         CN_ERR_NOT_FOUND);
	CHECK_EQ(open("IRQ", "irq=abc, ram_quota=4K, cap_quota=1", &s), CN_ERR_ARGS);
	CHECK_EQ(open("IO_MEM", "base=0xc0000000, ram_quota=4K, cap_quota=2", &s), CN_ERR_ARGS);
	CHECK_EQ(open("CPU", "priority=4, prio_levels=4, ram_quota=8K, cap_quota=1", &s), CN_ERR_ARGS);
	CHECK_EQ(open("CPU", "prio_levels=0, ram_quota=8K, cap_quota=1", &s), CN_ERR_ARGS);
	return 0;
}

int ct_quota_return(void)
{
	static const char *const svc[] = { "LOG", "ROM", "CPU", "RM", "PD", "IRQ", "IO_MEM" };
	static const char *const args[] = {
		"label=\"a\", ram_quota=4K, cap_quota=1",
		"label=\"init\", ram_quota=4K, cap_quota=1",
		"ram_quota=64K, cap_quota=8",
		"ram_quota=8K, cap_quota=4",
		"ram_quota=128K, cap_quota=64",
		"irq=40, ram_quota=4K, cap_quota=1",
		"base=0xc0000000, size=0x2000, ram_quota=4K, cap_quota=2",
	};
	cn_cap_t s[7];
	struct ct_quota q0, q1;
	ct_quota(&q0);
	uint32_t donated = 0;
	for (int i = 0; i < 7; i++) {
		CHECK_EQ(open(svc[i], args[i], &s[i]), 0);
		ct_quota(&q1);
		CHECK(q1.ram < q0.ram - donated);           /* the donation left init's account */
		donated = q0.ram - q1.ram;
	}
	for (int i = 6; i >= 0; i--)
		close(s[i]);
	ct_quota(&q1);
	CHECK_EQ(q1.ram, q0.ram);
	CHECK_EQ(q1.caps, q0.caps);
	return 0;
}

int ct_quota_exhaust_upgrade(void)
{
	cn_cap_t pd, cpu, ds, t;
	/* a PD with 24 KiB left after its kernel objects and meta data */
	CHECK_EQ(open("PD", "label=\"q\", ram_quota=42K, cap_quota=16", &pd), 0);
	uint32_t avail_q, used;
	CHECK_EQ(cn_pd_quota(pd.name, CN_PD_RAM_QUOTA, &avail_q), 0);
	CHECK_EQ(cn_pd_quota(pd.name, CN_PD_RAM_USED, &used), 0);
	CHECK_EQ(cn_pd_alloc(pd.name, 64 * 1024, 0, &ds), CN_ERR_QUOTA_RAM);
	CHECK_EQ(cn_pd_transfer_ram(ct.si->pd, pd, 70 * 1024), 0);
	CHECK_EQ(cn_pd_alloc(pd.name, 64 * 1024, 0, &ds), 0);
	CHECK_EQ(cn_pd_free(pd.name, ds), 0);
	cn_sys_cap_drop(ds.name);
	/* a transfer beyond what is free is refused and changes nothing */
	CHECK_EQ(cn_pd_transfer_ram(pd.name, (cn_cap_t){ ct.si->pd }, 200 * 1024), CN_ERR_QUOTA_RAM);
	/* cap quota: 16 slots, some used for the session itself */
	uint32_t n = 0;
	cn_cap_t sig[20];
	while (n < 20 && !cn_pd_signal_receiver(pd.name, &sig[n]))
		n++;
	CHECK(n > 0 && n < 16);
	CHECK_EQ(cn_pd_signal_receiver(pd.name, &sig[n]), CN_ERR_QUOTA_CAP);
	for (uint32_t i = 0; i < n; i++) {
		CHECK_EQ(cn_pd_free_signal(pd.name, sig[i]), 0);
		cn_sys_cap_drop(sig[i].name);
	}
	/* a CPU session with quota for its meta data only: upgrade, then it works */
	CHECK_EQ(open("CPU", "ram_quota=1K, cap_quota=1", &cpu), 0);
	CHECK_EQ(cn_cpu_create_thread(cpu.name, pd, "t", 0, &t), CN_ERR_QUOTA_RAM);
	CHECK_EQ(cn_parent_upgrade(parent(), cpu, "ram_quota=5K"), 0);
	CHECK_EQ(cn_cpu_create_thread(cpu.name, pd, "t", 0, &t), CN_ERR_QUOTA_CAP);
	CHECK_EQ(cn_parent_upgrade(parent(), cpu, "cap_quota=1"), 0);
	CHECK_EQ(cn_cpu_create_thread(cpu.name, pd, "t", 0, &t), 0);
	cn_sys_cap_drop(t.name);
	close(cpu);
	close(pd);
	return 0;
}

/* child code: no global data */
static uint32_t child_shared(uint32_t addr)
{
	volatile uint32_t *p = (volatile uint32_t *)addr;
	uint32_t seen = p[0];
	p[1] = seen + 1;
	return seen;
}

int ct_dataspace_shared(void)
{
	struct ct_child c;
	CHECK_EQ(ct_child_create(&c, "shared", 128 * 1024, 32), 0);
	cn_cap_t ds;
	uint32_t mine, theirs;
	CHECK_EQ(cn_pd_alloc(ct.si->pd, 4096, 0, &ds), 0);
	CHECK_EQ(cn_rm_attach(ct.si->rm, ds, 0, 0, 0, CN_ATTACH_WRITE, &mine), 0);
	CHECK_EQ(cn_rm_attach(c.as.name, ds, 0x30000000, 0, 0, CN_ATTACH_AT | CN_ATTACH_WRITE, &theirs), 0);
	CHECK_EQ(theirs, 0x30000000);
	volatile uint32_t *p = (volatile uint32_t *)mine;
	p[0] = 0x1234;
	CHECK_EQ(ct_child_run(&c, child_shared, 0x30000000), 0);
	uint32_t r = 0;
	CHECK_EQ(ct_child_wait(&c, &r), 1);
	CHECK_EQ(r, 0x1234);
	CHECK_EQ(p[1], 0x1235);
	ct_child_destroy(&c);
	/* the child's address space is gone; ours still works */
	CHECK_EQ(p[1], 0x1235);
	CHECK_EQ(cn_rm_detach(ct.si->rm, mine), 0);
	CHECK_EQ(cn_pd_free(ct.si->pd, ds), 0);
	cn_sys_cap_drop(ds.name);
	return 0;
}

static uint32_t child_touch(uint32_t addr)
{
	*(volatile uint32_t *)addr = 77;
	return *(volatile uint32_t *)(addr + 4) + 1;
}

int ct_rm_nested_fault(void)
{
	struct ct_child c;
	cn_cap_t rms, nested, ds;
	uint32_t at, v;
	CHECK_EQ(ct_child_create(&c, "nested", 128 * 1024, 32), 0);
	CHECK_EQ(open("RM", "ram_quota=8K, cap_quota=4", &rms), 0);
	CHECK_EQ(cn_rm_session_create(rms.name, 1 << 20, &nested), 0);
	CHECK_EQ(cn_rm_fault_handler(nested.name, (cn_cap_t){ ct.rmfault }), 0);
	CHECK_EQ(cn_rm_attach(c.as.name, nested, 0x40000000, 0, 0,
	                      CN_ATTACH_AT | CN_ATTACH_WRITE, &at), 0);
	/* an address space cannot be attached anywhere; a map not into itself */
	CHECK_EQ(cn_rm_attach(nested.name, nested, 0, 0, 0, 0, &at), CN_ERR_DENIED);
	CHECK_EQ(cn_rm_attach(nested.name, c.as, 0, 0, 0, 0, &at), CN_ERR_DENIED);
	CHECK_EQ(ct_child_run(&c, child_touch, 0x40002000), 0);
	CHECK_EQ(ct_wait(2000), CT_RMFAULT);
	CHECK_EQ(cn_rm_fault(nested.name, CN_RM_FAULT_TYPE, &v), 0);
	CHECK_EQ(v, CN_FAULT_PAGE_WRITE);
	CHECK_EQ(cn_rm_fault(nested.name, CN_RM_FAULT_ADDR, &v), 0);
	CHECK_EQ(v, 0x2000);
	/* resolve: a dataspace at the faulting page of the nested map */
	CHECK_EQ(cn_pd_alloc(ct.si->pd, 4096, 0, &ds), 0);
	uint32_t mine;
	CHECK_EQ(cn_rm_attach(ct.si->rm, ds, 0, 0, 0, CN_ATTACH_WRITE, &mine), 0);
	((volatile uint32_t *)mine)[1] = 41;
	CHECK_EQ(cn_rm_attach(nested.name, ds, 0x2000, 0, 0, CN_ATTACH_AT | CN_ATTACH_WRITE, &at), 0);
	uint32_t r = 0;
	CHECK_EQ(ct_child_wait(&c, &r), 1);
	CHECK_EQ(r, 42);
	CHECK_EQ(((volatile uint32_t *)mine)[0], 77);
	/* detaching from the nested map unmaps it in the child */
	CHECK_EQ(cn_rm_detach(nested.name, 0x2000), 0);
	CHECK_EQ(cn_rm_detach(ct.si->rm, mine), 0);
	CHECK_EQ(cn_pd_free(ct.si->pd, ds), 0);
	cn_sys_cap_drop(ds.name);
	ct_child_destroy(&c);
	close(rms);
	cn_sys_cap_drop(nested.name);
	return 0;
}

static uint32_t child_bad_read(uint32_t addr)
{
	return *(volatile uint32_t *)addr;
}

int ct_fault_unresolved(void)
{
	struct ct_child c;
	CHECK_EQ(ct_child_create(&c, "faulter", 128 * 1024, 32), 0);
	CHECK_EQ(ct_child_run(&c, child_bad_read, 0x50000000), 0);
	CHECK_EQ(ct_wait(2000), CT_EXC);
	uint32_t r, st, addr;
	CHECK_EQ(ct_child_wait(&c, &r), 2);
	CHECK_EQ(cn_thread_info(c.thread.name, CN_THREAD_INFO_STATE, &st), 0);
	CHECK_EQ(st, CN_THREAD_FAULTED);
	CHECK_EQ(cn_thread_info(c.thread.name, CN_THREAD_INFO_FAULT_ADDR, &addr), 0);
	CHECK_EQ(addr, 0x50000000);
	ct_child_destroy(&c);
	return 0;
}

int ct_irq_conflict(void)
{
	cn_cap_t a, b;
	CHECK_EQ(open("IRQ", "irq=41, ram_quota=4K, cap_quota=1", &a), 0);
	CHECK_EQ(open("IRQ", "irq=41, ram_quota=4K, cap_quota=1", &b), CN_ERR_CONFLICT);
	CHECK_EQ(open("IRQ", "irq=5000, ram_quota=4K, cap_quota=1", &b), CN_ERR_ARGS);
	CHECK_EQ(cn_irq_ack(a.name), CN_ERR_STATE);       /* no handler yet */
	close(a);
	CHECK_EQ(open("IRQ", "irq=41, ram_quota=4K, cap_quota=1", &b), 0);
	close(b);
	return 0;
}

int ct_io_mem_conflict(void)
{
	cn_cap_t a, b, ds, dma;
	CHECK_EQ(open("IO_MEM", "base=0xc0000000, size=0x2000, ram_quota=4K, cap_quota=2", &a), 0);
	CHECK_EQ(open("IO_MEM", "base=0xc0001800, size=0x100, ram_quota=4K, cap_quota=2", &b),
	         CN_ERR_CONFLICT);
	CHECK_EQ(open("IO_MEM", "base=0xc0002000, size=0x1000, ram_quota=4K, cap_quota=2", &b), 0);
	CHECK_EQ(cn_io_mem_dataspace(a.name, &ds), 0);
	uint32_t size = 0, at;
	CHECK_EQ(cn_ds_size(ds.name, &size), 0);
	CHECK_EQ(size, 0x2000);
	CHECK_EQ(cn_rm_attach(ct.si->rm, ds, 0, 0, 0, CN_ATTACH_EXEC, &at), CN_ERR_DENIED);
	close(b);
	close(a);
	CHECK_EQ(cn_ds_size(ds.name, &size), CN_RPC_ERR_UNKNOWN_OBJECT);   /* gone with the session */
	cn_sys_cap_drop(ds.name);
	/* RAM is never I/O memory */
	uint32_t phys;
	CHECK_EQ(cn_pd_alloc(ct.si->pd, 4096, CN_DS_UNCACHED, &dma), 0);
	CHECK_EQ(cn_pd_dma_addr(ct.si->pd, dma, &phys), 0);
	char args[96];
	cn_snprintf(args, sizeof(args), "base=0x%x, size=4096, ram_quota=4K, cap_quota=2",
	            (unsigned)phys);
	CHECK_EQ(open("IO_MEM", args, &b), CN_ERR_DENIED);
	CHECK_EQ(cn_pd_free(ct.si->pd, dma), 0);
	cn_sys_cap_drop(dma.name);
	return 0;
}

int ct_hostile_caps(void)
{
	cn_cap_t ds, other_pd, theirs, recv, bad = { 999 };
	uint32_t v, at;
	/* forged names */
	CHECK_EQ(cn_pd_free(ct.si->pd, bad), CN_ERR_CAP);
	CHECK_EQ(cn_ds_size(12345, &v), CN_ERR_CAP);
	CHECK_EQ(cn_rm_attach(ct.si->rm, bad, 0, 0, 0, 0, &at), CN_ERR_CAP);
	CHECK_EQ(cn_parent_close(parent(), bad), CN_ERR_CAP);
	/* our own capabilities of the wrong kind */
	CHECK_EQ(cn_rm_attach(ct.si->rm, (cn_cap_t){ ct.log }, 0, 0, 0, 0, &at), CN_ERR_CAP);
	CHECK_EQ(cn_pd_transfer_ram(ct.si->pd, (cn_cap_t){ ct.log }, 1), CN_ERR_CAP);
	CHECK_EQ(cn_parent_close(parent(), (cn_cap_t){ ct.si->pd }), CN_ERR_CAP);
	/* a stale dataspace */
	CHECK_EQ(cn_pd_alloc(ct.si->pd, 4096, 0, &ds), 0);
	CHECK_EQ(cn_pd_free(ct.si->pd, ds), 0);
	CHECK_EQ(cn_ds_size(ds.name, &v), CN_RPC_ERR_UNKNOWN_OBJECT);
	CHECK_EQ(cn_rm_attach(ct.si->rm, ds, 0, 0, 0, 0, &at), CN_ERR_CAP);
	CHECK_EQ(cn_pd_free(ct.si->pd, ds), CN_ERR_CAP);
	cn_sys_cap_drop(ds.name);
	/* another PD's dataspace and signal receiver */
	CHECK_EQ(open("PD", "label=\"other\", ram_quota=64K, cap_quota=16", &other_pd), 0);
	CHECK_EQ(cn_pd_alloc(other_pd.name, 4096, CN_DS_UNCACHED, &theirs), 0);
	CHECK_EQ(cn_pd_free(ct.si->pd, theirs), CN_ERR_OWNER);
	CHECK_EQ(cn_pd_dma_addr(ct.si->pd, theirs, &v), CN_ERR_OWNER);
	CHECK_EQ(cn_pd_signal_receiver(other_pd.name, &recv), 0);
	CHECK_EQ(cn_pd_signal_context(ct.si->pd, recv, 1, &ds), CN_ERR_CAP);
	/* a badge that would pass for one of core's */
	CHECK_EQ(cn_pd_rpc_cap(ct.si->pd, (cn_cap_t){ ct.si->main_thread }, 0x80000005u, &ds),
	         CN_ERR_INVALID);
	/* bad attach arguments */
	CHECK(cn_rm_attach(other_pd.name, theirs, 0, 0, 0, 0, &at) != 0);   /* not a region map */
	CHECK_EQ(cn_rm_attach(ct.si->rm, theirs, 0x123, 0, 0, CN_ATTACH_AT, &at), CN_ERR_INVALID);
	CHECK_EQ(cn_rm_attach(ct.si->rm, theirs, 0, 0x2000, 0, 0, &at), CN_ERR_INVALID);
	CHECK_EQ(cn_rm_attach(ct.si->rm, theirs, CN_UTCB_AREA, 0, 0, CN_ATTACH_AT, &at),
	         CN_ERR_CONFLICT);
	CHECK_EQ(cn_rm_attach(ct.si->rm, theirs, 0x100000, 0, 0, CN_ATTACH_AT, &at), CN_ERR_CONFLICT);
	CHECK_EQ(cn_rm_detach(ct.si->rm, 0x6f000000), CN_ERR_NOT_FOUND);
	close(other_pd);
	/* everything of the closed PD is gone */
	CHECK_EQ(cn_ds_size(theirs.name, &v), CN_RPC_ERR_UNKNOWN_OBJECT);
	cn_sys_cap_drop(theirs.name);
	cn_sys_cap_drop(recv.name);
	return 0;
}

/* RPC capabilities: each costs a cap of quota until free_rpc_cap gives it
 * back; only our own names of capabilities for our own thread are taken */
int ct_rpc_cap_free(void)
{
	cn_cap_t th = { ct.si->main_thread }, a, b, other_pd;
	uint32_t used0, used, type, badge;
	CHECK_EQ(cn_pd_quota(ct.si->pd, CN_PD_CAP_USED, &used0), 0);
	CHECK_EQ(cn_pd_rpc_cap(ct.si->pd, th, 5, &a), 0);
	CHECK_EQ(cn_pd_rpc_cap(ct.si->pd, th, 6, &b), 0);
	CHECK_EQ(cn_pd_quota(ct.si->pd, CN_PD_CAP_USED, &used), 0);
	CHECK_EQ(used, used0 + 2);
	/* names that are no RPC capability of that thread, or no thread */
	CHECK_EQ(cn_pd_free_rpc_cap(ct.si->pd, th, ct.log), CN_ERR_CAP);
	CHECK_EQ(cn_pd_free_rpc_cap(ct.si->pd, th, 999), CN_ERR_CAP);
	CHECK_EQ(cn_pd_free_rpc_cap(ct.si->pd, (cn_cap_t){ ct.log }, a.name), CN_ERR_CAP);
	/* another PD's session cannot take ours */
	CHECK_EQ(open("PD", "label=\"other\", ram_quota=64K, cap_quota=16", &other_pd), 0);
	CHECK_EQ(cn_pd_free_rpc_cap(other_pd.name, th, a.name), CN_ERR_CAP);
	close(other_pd);
	CHECK_EQ(cn_sys_cap_identify(a.name, &type, &badge), 0);
	CHECK_EQ(badge, 5u);
	/* ours: the name goes, the quota comes back, once */
	CHECK_EQ(cn_pd_free_rpc_cap(ct.si->pd, th, a.name), 0);
	CHECK_EQ(cn_sys_cap_identify(a.name, &type, &badge), CN_ERR_CAP);
	CHECK_EQ(cn_pd_free_rpc_cap(ct.si->pd, th, a.name), CN_ERR_CAP);
	CHECK_EQ(cn_pd_quota(ct.si->pd, CN_PD_CAP_USED, &used), 0);
	CHECK_EQ(used, used0 + 1);
	CHECK_EQ(cn_pd_free_rpc_cap(ct.si->pd, th, b.name), 0);
	CHECK_EQ(cn_pd_free_rpc_cap(ct.si->pd, th, b.name), CN_ERR_INVALID);  /* none left */
	CHECK_EQ(cn_pd_quota(ct.si->pd, CN_PD_CAP_USED, &used), 0);
	CHECK_EQ(used, used0);
	return 0;
}

int ct_dma_dataspace(void)
{
	cn_cap_t dma, cached;
	uint32_t phys = 0, v;
	CHECK_EQ(cn_pd_alloc(ct.si->pd, 8192, CN_DS_UNCACHED, &dma), 0);
	CHECK_EQ(cn_pd_dma_addr(ct.si->pd, dma, &phys), 0);
	CHECK(phys && !(phys & 0xfff));
	CHECK_EQ(cn_ds_flags(dma.name, &v), 0);
	CHECK_EQ(v, CN_DS_UNCACHED);
	CHECK_EQ(cn_pd_alloc(ct.si->pd, 4096, 0, &cached), 0);
	CHECK_EQ(cn_pd_dma_addr(ct.si->pd, cached, &v), CN_ERR_DENIED);
	CHECK_EQ(cn_pd_alloc(ct.si->pd, 4096, 0x80, &dma), CN_ERR_INVALID);
	CHECK_EQ(cn_pd_alloc(ct.si->pd, 0, 0, &dma), CN_ERR_INVALID);
	uint32_t at;
	CHECK_EQ(cn_rm_attach(ct.si->rm, dma, 0, 0, 0, CN_ATTACH_WRITE, &at), 0);
	*(volatile uint32_t *)at = 5;
	CHECK_EQ(*(volatile uint32_t *)at, 5);
	CHECK_EQ(cn_rm_detach(ct.si->rm, at), 0);
	CHECK_EQ(cn_pd_free(ct.si->pd, dma), 0);
	CHECK_EQ(cn_pd_free(ct.si->pd, cached), 0);
	cn_sys_cap_drop(dma.name);
	cn_sys_cap_drop(cached.name);
	return 0;
}

static uint32_t child_spin(uint32_t addr)
{
	volatile uint32_t *p = (volatile uint32_t *)addr;
	while (!p[0])
		p[1]++;
	return p[1];
}

int ct_thread_control(void)
{
	struct ct_child c;
	cn_cap_t ds;
	uint32_t mine, at, v, r;
	CHECK_EQ(ct_child_create(&c, "spinner", 128 * 1024, 32), 0);
	CHECK_EQ(cn_pd_alloc(ct.si->pd, 4096, 0, &ds), 0);
	CHECK_EQ(cn_rm_attach(ct.si->rm, ds, 0, 0, 0, CN_ATTACH_WRITE, &mine), 0);
	CHECK_EQ(cn_rm_attach(c.as.name, ds, 0x30000000, 0, 0, CN_ATTACH_AT | CN_ATTACH_WRITE, &at), 0);
	CHECK_EQ(ct_child_run(&c, child_spin, 0x30000000), 0);
	volatile uint32_t *p = (volatile uint32_t *)mine;
	for (int i = 0; i < 100 && p[1] == 0; i++)
		ct_wait(5);
	CHECK(p[1] != 0);
	CHECK_EQ(cn_thread_pause(c.thread.name), 0);
	CHECK_EQ(cn_thread_info(c.thread.name, CN_THREAD_INFO_STATE, &v), 0);
	CHECK_EQ(v, CN_THREAD_PAUSED);
	CHECK_EQ(cn_thread_reg(c.thread.name, 0, &v), 0);
	CHECK_EQ(v, 0x30000000);                               /* r0 = argument */
	CHECK_EQ(cn_thread_reg(c.thread.name, 17, &v), CN_ERR_INVALID);
	uint32_t count = p[1];
	ct_wait(20);
	CHECK_EQ(p[1], count);                                 /* really paused */
	p[0] = 1;
	CHECK_EQ(cn_thread_resume(c.thread.name), 0);
	CHECK_EQ(ct_child_wait(&c, &r), 1);
	CHECK(r >= count);
	CHECK_EQ(cn_thread_info(c.thread.name, CN_THREAD_INFO_UTCB, &v), 0);
	CHECK(v >= CN_UTCB_AREA && v < CN_UTCB_AREA + CN_UTCB_AREA_SIZE);
	CHECK_EQ(cn_cpu_kill_thread(c.cpu.name, c.thread), 0);
	CHECK_EQ(cn_thread_info(c.thread.name, CN_THREAD_INFO_STATE, &v), CN_RPC_ERR_UNKNOWN_OBJECT);
	ct_child_destroy(&c);
	CHECK_EQ(cn_rm_detach(ct.si->rm, mine), 0);
	CHECK_EQ(cn_pd_free(ct.si->pd, ds), 0);
	cn_sys_cap_drop(ds.name);
	return 0;
}

static uint32_t cpu_info(cn_cap_t cpu, uint32_t what)
{
	uint32_t v = 0xdeadu;
	cn_cpu_info(cpu.name, what, &v);
	return v;
}

static uint32_t thread_quota(cn_cap_t t)
{
	uint32_t v = 0xdeadu;
	int err = cn_thread_info(t.name, CN_THREAD_INFO_QUOTA, &v);
	return err ? (uint32_t)err : v;
}

int ct_cpu_quota(void)
{
	cn_cap_t own = { ct.si->cpu }, a, b, t1, t2;
	uint32_t moved = 0;
	CHECK_EQ(cpu_info(own, CN_CPU_INFO_QUOTA), CN_CPU_QUOTA_MAX);   /* init: everything */
	CHECK_EQ(open("CPU", "ram_quota=16K, cap_quota=2", &a), 0);
	CHECK_EQ(open("CPU", "ram_quota=16K, cap_quota=2", &b), 0);
	CHECK_EQ(cpu_info(a, CN_CPU_INFO_QUOTA), 0);
	/* parts of the whole share, as long as there is enough left */
	CHECK_EQ(cn_cpu_transfer_quota(own.name, a, 500000, &moved), 0);
	CHECK_EQ(moved, 500000);
	CHECK_EQ(cn_cpu_transfer_quota(own.name, a, 600000, &moved), CN_ERR_EXHAUSTED);
	CHECK_EQ(cn_cpu_transfer_quota(own.name, a, CN_CPU_QUOTA_MAX + 1, &moved), CN_ERR_INVALID);
	CHECK_EQ(cn_cpu_transfer_quota(a.name, a, 1, &moved), CN_ERR_INVALID);
	CHECK_EQ(cn_cpu_transfer_quota(a.name, (cn_cap_t){ ct.si->pd }, 1, &moved), CN_ERR_CAP);
	CHECK_EQ(cpu_info(own, CN_CPU_INFO_QUOTA), 500000);
	CHECK_EQ(cpu_info(a, CN_CPU_INFO_QUOTA), 500000);
	/* a's 50 % are 25 % of the machine; b takes quota from a only */
	CHECK_EQ(cn_cpu_transfer_quota(a.name, b, 500000, &moved), 0);
	CHECK_EQ(moved, 250000);
	CHECK_EQ(cn_cpu_transfer_quota(own.name, b, 1000, &moved), CN_ERR_DENIED);
	CHECK_EQ(cn_cpu_transfer_quota(b.name, a, 1000, &moved), CN_ERR_DENIED);  /* a circle */
	CHECK_EQ(cpu_info(b, CN_CPU_INFO_QUOTA), 250000);
	/* threads of a session split its quota by weight */
	struct ct_child c;
	CHECK_EQ(ct_child_create(&c, "quota", 128 * 1024, 32), 0);
	CHECK_EQ(cn_cpu_create_thread(c.cpu.name, c.pd, "first", 0, &t1), 0);
	CHECK_EQ(thread_quota(t1), 0);                        /* no quota: a fill */
	CHECK_EQ(cn_cpu_transfer_quota(own.name, c.cpu, 100000, &moved), 0);
	CHECK_EQ(thread_quota(t1), 100000);
	CHECK_EQ(cn_cpu_create_thread(c.cpu.name, c.pd, "second", 0, &t2), 0);
	CHECK_EQ(thread_quota(t1), 50000);
	CHECK_EQ(thread_quota(t2), 50000);
	CHECK_EQ(cn_thread_weight(t2.name, 30), 0);
	CHECK_EQ(cn_thread_weight(t2.name, 0), CN_ERR_INVALID);
	CHECK_EQ(thread_quota(t1), 25000);
	CHECK_EQ(thread_quota(t2), 75000);
	CHECK_EQ(cn_cpu_kill_thread(c.cpu.name, t2), 0);
	cn_sys_cap_drop(t2.name);
	CHECK_EQ(thread_quota(t1), 100000);
	CHECK_EQ(cn_cpu_kill_thread(c.cpu.name, t1), 0);
	cn_sys_cap_drop(t1.name);
	ct_child_destroy(&c);
	CHECK_EQ(cpu_info(own, CN_CPU_INFO_QUOTA), 500000);   /* back on close */
	/* closing a gives its rest back; b will return its part to us */
	close(a);
	CHECK_EQ(cpu_info(own, CN_CPU_INFO_QUOTA), 750000);
	close(b);
	CHECK_EQ(cpu_info(own, CN_CPU_INFO_QUOTA), CN_CPU_QUOTA_MAX);
	return 0;
}

int ct_cpu_affinity(void)
{
	cn_cap_t s, own = { ct.si->cpu };
	uint32_t cpus = cpu_info(own, CN_CPU_INFO_SPACE_W), v = 0;
	CHECK(cpus >= 1);
	CHECK_EQ(cpu_info(own, CN_CPU_INFO_SPACE_H), 1);
	CHECK_EQ(cpu_info(own, CN_CPU_INFO_LOC_W), cpus);         /* init: all CPUs */
	CHECK_EQ(open("CPU", "affinity_space=\"4x1\", affinity=\"4,0,1x1\", ram_quota=8K, "
	              "cap_quota=1", &s), CN_ERR_ARGS);
	CHECK_EQ(open("CPU", "affinity_space=\"0x1\", ram_quota=8K, cap_quota=1", &s),
	         CN_ERR_ARGS);
	CHECK_EQ(open("CPU", "affinity=\"x\", ram_quota=8K, cap_quota=1", &s), CN_ERR_ARGS);
	/* the last CPU of a 4x1 space: the last physical one */
	struct ct_child c;
	cn_cap_t t;
	CHECK_EQ(ct_child_create(&c, "placed", 128 * 1024, 32), 0);
	CHECK_EQ(cn_cpu_create_thread(c.cpu.name, c.pd, "placed", 0, &t), 0);
	CHECK_EQ(cn_thread_info(t.name, CN_THREAD_INFO_CPU, &v), 0);
	CHECK_EQ(v, 0);
	CHECK_EQ(cn_thread_affinity(t.name, cpus - 1, 0, &v), 0);
	CHECK_EQ(v, cpus - 1);
	CHECK_EQ(cn_thread_info(t.name, CN_THREAD_INFO_CPU, &v), 0);
	CHECK_EQ(v, cpus - 1);
	CHECK_EQ(cn_thread_affinity(t.name, cpus, 0, &v), CN_ERR_INVALID);
	CHECK_EQ(cn_thread_affinity(t.name, 0, 1, &v), CN_ERR_INVALID);
	CHECK_EQ(cn_cpu_kill_thread(c.cpu.name, t), 0);
	cn_sys_cap_drop(t.name);
	ct_child_destroy(&c);
	CHECK_EQ(open("CPU", "affinity_space=\"4x1\", affinity=\"3,0,1x1\", ram_quota=8K, "
	              "cap_quota=1", &s), 0);
	CHECK_EQ(cpu_info(s, CN_CPU_INFO_LOC_X), cpus - 1);
	CHECK_EQ(cpu_info(s, CN_CPU_INFO_LOC_W), 1);
	close(s);
	return 0;
}
