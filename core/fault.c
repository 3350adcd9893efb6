/* SPDX-License-Identifier: MIT */
/*
 * Core as every thread's pager: a thread's faults and stops arrive as a
 * signal on core's entrypoint (one signal context per thread, its pager).
 * A page fault is resolved from the PD's region maps, or waits for a
 * nested region map's fault handler (rm.c wakes it), or is reported; any
 * other exception is reported; both fire the thread's exception signal.
 */
#include <cn/start.h>
#include "core.h"

static const char *const fault_names[] = {
	"none", "read", "write", "exec", "alignment", "undefined instruction", "stop", "other",
};

static void exception_signal(struct thread *t)
{
	uint32_t sigh = t->exc_sigh ? t->exc_sigh : t->grp->exc_sigh;
	if (sigh)
		cn_sys_signal_submit(sigh, 1);
}

static void report(struct thread *t, const char *what)
{
	struct cn_fault f = { 0, 0, 0, 0, 0 };
	cn_sys_thread_fault(t->kthread, &f);
	core_log("core: %s in \"%s\" thread \"%s\": pc=0x%x addr=0x%x (%s)", what, t->pd->s.label,
	         t->name, (unsigned)f.pc, (unsigned)f.addr, f.type < 8 ? fault_names[f.type] : "?");
	exception_signal(t);
}

static void resume(struct thread *t)
{
	if (t->dead)
		return;
	if (rm_resolve_fault(t->pd, &t->wait, t->fault_addr, t->fault_type)) {
		cn_sys_thread_resume(t->kthread);
		return;
	}
	if (!t->wait.rm)
		report(t, "unresolved page fault");
}

/* rm.c: something was attached where the thread waits, or the map is gone */
static void on_wake(struct rm_waiter *w, bool gone)
{
	struct thread *t = cn_container_of(w, struct thread, wait);
	if (gone)
		report(t, "region map destroyed while faulting");
	else
		resume(t);
}

static void on_fault(void *ctx, uint32_t count)
{
	(void)count;
	struct thread *t = ctx;
	struct cn_fault f;
	if (t->dead || cn_sys_thread_fault(t->kthread, &f))
		return;
	if (f.state == CN_THREAD_STOPPED) {
		exception_signal(t);
		return;
	}
	if (f.state != CN_THREAD_FAULTED)
		return;
	if (f.type >= CN_FAULT_PAGE_READ && f.type <= CN_FAULT_PAGE_EXEC) {
		t->fault_addr = f.addr;
		t->fault_type = f.type;
		resume(t);
		return;
	}
	report(t, "exception");
}

int fault_pager_create(struct thread *t)
{
	t->wait.wake = on_wake;
	t->pager_mem = kmem_alloc(64);
	if (!t->pager_mem)
		return CN_ERR_EXHAUSTED;
	int err = cn_sys_create(CN_OBJ_SIG_CTX, t->pager_mem, core_sig_recv, t->obj.rpc.badge, 0,
	                        &t->pager);
	if (err) {
		kmem_free(t->pager_mem, 64);
		t->pager_mem = 0;
		return err;
	}
	t->fault_h.imprint = t->obj.rpc.badge;
	t->fault_h.fn = on_fault;
	t->fault_h.ctx = t;
	err = cn_ep_handle_signal(&core_ep, &t->fault_h);
	if (err) {
		cn_sys_destroy(t->pager);
		t->pager = 0;
		kmem_free(t->pager_mem, 64);
		t->pager_mem = 0;
		return err;
	}
	return cn_sys_thread_pager(t->kthread, t->pager);
}

void fault_pager_destroy(struct thread *t)
{
	rm_waiter_cancel(&t->wait);
	if (!t->pager)
		return;
	cn_ep_unhandle_signal(&core_ep, &t->fault_h);
	cn_sys_destroy(t->pager);
	kmem_free(t->pager_mem, 64);
	t->pager = 0;
	t->pager_mem = 0;
}
