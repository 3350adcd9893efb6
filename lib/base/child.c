/* SPDX-License-Identifier: MIT */
/*
 * A child's life (see <cn/child.h>): the core sessions it is made of (PD,
 * CPU, ROM of the binary), its start, its exit or fault, and giving every
 * resource back afterwards. Session bookkeeping is in child_session.c, the
 * parent interface in child_parent.c, ELF loading in child_load.c, the list
 * of all children in child_list.c (files depend on each other one way:
 * child.c -> child_parent.c -> child_session.c -> child_sibling.c ->
 * child_worker.c, and all of them -> child_list.c, child_quota.c).
 */
#include <cn/child.h>
#include <cn/component.h>
#include <cn/start.h>
#include <cn/sys.h>
#include <cn/session/pd.h>
#include <cn/session/cpu.h>
#include <cn/session/quota.h>
#include <cn/util/args.h>
#include <cn/util/session_args.h>
#include <cn/util/string.h>

/* ------------------------------------------------------------ sessions at core */

static int open_core_session(struct cn_child *c, const char *service, const char *label,
                             uint32_t ram, uint32_t caps, int32_t prio, uint32_t levels,
                             const char *more, uint32_t *cap)
{
	char args[CN_CHILD_ARGS_MAX];
	args[0] = 0;
	if (more && (cn_strlcpy(args, more, sizeof(args)) >= sizeof(args) || cn_args_check(args))) {
		cn_log("child \"%s\": bad %s session arguments", c->name, service);
		return CN_ERR_ARGS;
	}
	int err = cn_args_set_str(args, sizeof(args), "label", label);
	if (!err && ram)
		err = cn_args_set_ulong(args, sizeof(args), "ram_quota", ram);
	if (!err && caps)
		err = cn_args_set_ulong(args, sizeof(args), "cap_quota", caps);
	if (!err && prio)
		err = cn_args_set_ulong(args, sizeof(args), "priority", (unsigned long)prio);
	if (!err && levels)
		err = cn_args_set_ulong(args, sizeof(args), "prio_levels", levels);
	if (err)
		return CN_ERR_ARGS;
	err = cn_connect(service, args, cap);
	if (err)
		cn_log("child \"%s\": %s session (%s) refused: %s", c->name, service, args,
		       cn_strerror(err));
	return err;
}

static void close_core_session(uint32_t *cap)
{
	if (*cap)
		cn_close(*cap);
	*cap = 0;
}

/* ------------------------------------------------------------ end of life */

static void cleanup(void *arg, uint32_t count)
{
	struct cn_child *c = arg;
	(void)count;
	if (c->state == CN_CHILD_GONE)
		return;
	if (c->state == CN_CHILD_FAULTED)
		cn_log("child \"%s\" faulted", c->name);
	else
		cn_log("child \"%s\" exited with exit value %d", c->name, (int)c->exit_value);
	const struct cn_child_policy *p = c->policy;
	c->ended = c->state;
	cn_child_destroy(c);
	if (p && p->gone)
		p->gone(p->ctx, c);
}

static void on_exception(void *arg, uint32_t count)
{
	struct cn_child *c = arg;
	uint32_t state = 0, addr = 0, pc = 0, value = 0;
	(void)count;
	if (c->state != CN_CHILD_RUNNING || cn_thread_info(c->thread, CN_THREAD_INFO_STATE, &state))
		return;
	if (state == CN_THREAD_FAULTED) {
		cn_thread_info(c->thread, CN_THREAD_INFO_FAULT_ADDR, &addr);
		cn_thread_info(c->thread, CN_THREAD_INFO_FAULT_PC, &pc);
		cn_log("child \"%s\": fault at 0x%x (pc 0x%x)", c->name, (unsigned)addr,
		       (unsigned)pc);
		c->state = CN_CHILD_FAULTED;
	} else if (state == CN_THREAD_STOPPED) {
		cn_thread_reg(c->thread, 0, &value);   /* crt0 stops with main's value in r0 */
		c->exit_value = (int32_t)value;
		c->state = CN_CHILD_EXITED;
	} else
		return;
	cleanup(c, 1);
}

static void free_signal(struct cn_signal_handler *h, uint32_t *ctx)
{
	struct cn_env *env = cn_env();
	if (!*ctx)
		return;
	cn_ep_unhandle_signal(env->ep, h);
	cn_pd_free_signal(env->pd, (cn_cap_t){ *ctx });
	cn_sys_cap_drop(*ctx);
	*ctx = 0;
}

void cn_child_destroy(struct cn_child *c)
{
	if (c->state == CN_CHILD_GONE)
		return;
	c->state = CN_CHILD_GONE;
	if (c->parent_cap) {
		cn_rpc_object_dissolve(&c->parent_obj, c->parent_cap);   /* cap quota back */
		c->parent_cap = 0;
	}
	cn_child_sessions_close_all(c);

	struct cn_list_elem *e;
	while ((e = cn_list_pop_head(&c->services))) {
		struct cn_child_service *s = cn_container_of(e, struct cn_child_service, elem);
		cn_sys_cap_drop(s->root);
		cn_free(s);
	}
	if (c->session_sigh)
		cn_sys_cap_drop(c->session_sigh);
	c->session_sigh = 0;

	/* the CPU session takes the threads with it, the PD session the
	 * dataspaces (stack, start info, segments); the quota comes back to us */
	if (c->thread)
		cn_sys_cap_drop(c->thread);
	if (c->start_ds)
		cn_sys_cap_drop(c->start_ds);
	if (c->stack_ds)
		cn_sys_cap_drop(c->stack_ds);
	if (c->rm)
		cn_sys_cap_drop(c->rm);
	c->thread = c->start_ds = c->stack_ds = c->rm = 0;
	close_core_session(&c->cpu);
	close_core_session(&c->rom);
	close_core_session(&c->pd);

	/* sessions other children had with this one: their quota went to its
	 * PD, which is back with us now; give it to the clients */
	cn_child_served_revoke(c);

	free_signal(&c->fault_sigh, &c->fault_ctx);
	free_signal(&c->cleanup_sigh, &c->cleanup_ctx);

	/* the last child gone: nothing of ours can be pending at our parent */
	struct cn_child *o = cn_child_first();
	while (o && o->state == CN_CHILD_GONE)
		o = cn_child_next(o);
	if (!o)
		cn_child_parent_unwatch();
}

void cn_child_forget(struct cn_child *c)
{
	cn_child_destroy(c);
	cn_child_list_remove(c);
}

/* ------------------------------------------------------------ start */

int cn_child_start(struct cn_child *c, const struct cn_child_args *a,
                   const struct cn_child_policy *policy)
{
	if (cn_list_elem_linked(&c->elem))   /* a child destroyed before, started anew */
		cn_child_list_remove(c);
	cn_memset(c, 0, sizeof(*c));
	cn_strlcpy(c->name, a->name, sizeof(c->name));
	cn_strlcpy(c->binary, a->binary ? a->binary : a->name, sizeof(c->binary));
	c->ram = a->ram;
	c->caps = a->caps;
	c->user = a->user;
	c->policy = policy;
	c->state = CN_CHILD_NEW;
	cn_list_init(&c->sessions);
	cn_list_init(&c->served);
	cn_list_init(&c->services);
	cn_child_list_add(c);

	uint32_t cpu_ram = CN_SESSION_RAM_META + CN_CHILD_THREADS * CN_THREAD_RAM;
	c->cpu_ram = cpu_ram;
	c->cpu_caps = CN_SESSION_CAP_META + CN_CHILD_THREADS;
	unsigned long rom_ram, rom_caps;       /* the default, stated (for the ledger) */
	cn_session_quota_default("ROM", 0, &rom_ram, &rom_caps);
	c->rom_ram = (uint32_t)rom_ram;
	c->rom_caps = (uint32_t)rom_caps;
	uint32_t entry = 0, sp = 0;
	cn_cap_t rm, thread;
	int err = open_core_session(c, "PD", c->name, c->ram, c->caps, 0, 0, NULL, &c->pd);
	if (!err)
		err = open_core_session(c, "CPU", c->name, cpu_ram, c->cpu_caps, a->priority, a->prio_levels, a->cpu_args,
		                        &c->cpu);
	if (!err)
		err = open_core_session(c, "ROM", c->binary, c->rom_ram, c->rom_caps, 0, 0, NULL,
		                        &c->rom);
	if (err)
		goto fail;
	/* CPU quota, like RAM, is the parent's to give; it comes back on close */
	if (a->cpu_quota &&
	    (err = cn_cpu_transfer_quota(cn_env()->cpu, (cn_cap_t){ c->cpu }, a->cpu_quota, NULL))) {
		cn_log("child \"%s\": CPU quota: %s", c->name, cn_strerror(err));
		goto fail;
	}
	if ((err = cn_pd_address_space(c->pd, &rm))) {
		cn_log("child \"%s\": no address space: %s", c->name, cn_strerror(err));
		goto fail;
	}
	c->rm = rm.name;
	if ((err = cn_child_load(c, &entry)))
		goto fail;

	if ((err = cn_rpc_object(&c->parent_obj, cn_parent_dispatch_any, &cn_child_parent_ops, c,
	                         &c->parent_cap)) ||
	    (err = cn_signal_handler(&c->fault_sigh, on_exception, c, &c->fault_ctx)) ||
	    (err = cn_signal_handler(&c->cleanup_sigh, cleanup, c, &c->cleanup_ctx))) {
		cn_log("child \"%s\": parent interface: %s", c->name, cn_strerror(err));
		goto fail;
	}
	if ((err = cn_cpu_create_thread(c->cpu, (cn_cap_t){ c->pd }, "main", 0, &thread))) {
		cn_log("child \"%s\": no main thread: %s", c->name, cn_strerror(err));
		goto fail;
	}
	c->thread = thread.name;
	if ((err = cn_cpu_exception_sigh(c->cpu, (cn_cap_t){ c->fault_ctx }))) {
		cn_log("child \"%s\": exception signal: %s", c->name, cn_strerror(err));
		goto fail;
	}
	if ((err = cn_child_prepare_start(c, &sp)))
		goto fail;
	c->state = CN_CHILD_RUNNING;
	if ((err = cn_thread_start(c->thread, entry, sp, CN_START_INFO_ADDR))) {
		cn_log("child \"%s\": start failed: %s", c->name, cn_strerror(err));
		goto fail;
	}
	return 0;
fail:
	c->state = CN_CHILD_NEW;
	cn_child_forget(c);
	return err;
}
