/* SPDX-License-Identifier: MIT */
/*
 * init's children: starting those of a config, and applying a new config
 * to the running ones — a child whose <start> node is gone is killed, one
 * whose binary, quanta, priority, affinity, <provides> or routes changed is
 * restarted, one whose <config> alone changed gets the new text in its
 * "config" ROM, and the rest are left alone (see doc/init.md).
 */
#include <cn/component.h>
#include <cn/session/cpu.h>
#include <cn/session/quota.h>
#include <cn/util/string.h>
#include "init.h"

static struct init_config *current;

/* ------------------------------------------------------------ comparing nodes */

static bool str_eq(const char *a, const char *b)
{
	return a && b ? !cn_strcmp(a, b) : a == b;
}

static bool names_eq(char *const *a, unsigned na, char *const *b, unsigned nb)
{
	if (na != nb)
		return false;
	for (unsigned i = 0; i < na; i++)
		if (!str_eq(a[i], b[i]))
			return false;
	return true;
}

static bool rule_eq(const struct init_rule *a, const struct init_rule *b)
{
	if (!str_eq(a->service, b->service) || !str_eq(a->label, b->label) ||
	    !str_eq(a->label_prefix, b->label_prefix) || !str_eq(a->label_suffix, b->label_suffix) ||
	    !str_eq(a->label_last, b->label_last) || a->nconds != b->nconds ||
	    a->ntargets != b->ntargets)
		return false;
	for (unsigned i = 0; i < a->nconds; i++)
		if (!str_eq(a->conds[i].key, b->conds[i].key) ||
		    !str_eq(a->conds[i].value, b->conds[i].value))
			return false;
	for (unsigned i = 0; i < a->ntargets; i++)
		if (a->targets[i].kind != b->targets[i].kind ||
		    !str_eq(a->targets[i].child, b->targets[i].child) ||
		    !str_eq(a->targets[i].label, b->targets[i].label))
			return false;
	return true;
}

static bool routes_eq(const struct init_routes *a, const struct init_routes *b)
{
	if (a->n != b->n)
		return false;
	for (unsigned i = 0; i < a->n; i++)
		if (!rule_eq(&a->rules[i], &b->rules[i]))
			return false;
	return true;
}

/* does the child have to start anew for node b (it runs as node a)? */
static bool start_same(const struct init_start *a, const struct init_start *b)
{
	return str_eq(a->binary, b->binary) && a->ram == b->ram && a->caps == b->caps &&
	       a->cpu == b->cpu && a->priority == b->priority &&
	       a->affinity.x == b->affinity.x && a->affinity.y == b->affinity.y &&
	       a->affinity.w == b->affinity.w && a->affinity.h == b->affinity.h &&
	       names_eq(a->provides, a->nprovides, b->provides, b->nprovides) &&
	       routes_eq(&a->routes, &b->routes) && !a->config == !b->config;
}

static bool config_same(const struct init_start *a, const struct init_start *b)
{
	return a->config_len == b->config_len &&
	       (!a->config || !cn_memcmp(a->config, b->config, a->config_len));
}

/* do the routes of all children stay as they were? */
static bool policy_same(const struct init_config *a, const struct init_config *b)
{
	return a->parent_provides == b->parent_provides &&
	       names_eq(a->parent_services, a->nparent_services, b->parent_services,
	                b->nparent_services) &&
	       routes_eq(&a->default_route, &b->default_route) && a->prio_levels == b->prio_levels &&
	       a->affinity_space.w == b->affinity_space.w && a->affinity_space.h == b->affinity_space.h;
}

/* ------------------------------------------------------------ start and kill */

/* RAM and caps a child costs init beyond its quanta (CPU session with its
 * threads, the session meta data of PD, CPU and ROM, the parent object) */
#define CHILD_EXTRA_RAM  (3u * CN_SESSION_RAM_META + CN_CHILD_THREADS * CN_THREAD_RAM)
#define CHILD_EXTRA_CAPS (3u * CN_SESSION_CAP_META + CN_CHILD_THREADS + 8u)

static bool affordable(struct init_config *cfg, const struct init_start *st)
{
	uint32_t ram, caps;
	init_quota_avail(&ram, &caps);
	if (st->ram > ram || ram - st->ram < CHILD_EXTRA_RAM) {
		init_error(cfg, st->line, "child \"%s\": RAM quantum of %u bytes exceeds "
		           "init's available %u bytes", st->name, (unsigned)st->ram, (unsigned)ram);
		return false;
	}
	if (st->caps > caps || caps - st->caps < CHILD_EXTRA_CAPS) {
		init_error(cfg, st->line, "child \"%s\": %u caps exceed init's available %u",
		           st->name, (unsigned)st->caps, (unsigned)caps);
		return false;
	}
	return true;
}

static bool start_child(struct init_config *cfg, struct init_start *st)
{
	struct init_child *ic = cn_calloc(1, sizeof(*ic));
	if (!ic) {
		init_error(cfg, st->line, "child \"%s\": out of memory", st->name);
		return false;
	}
	cn_list_init(&ic->roms);
	ic->st = st;
	st->ic = ic;
	char cpu_args[96];
	if (init_cpu_args(cfg, st, cpu_args, sizeof(cpu_args))) {
		init_error(cfg, st->line, "child \"%s\": no affinity arguments", st->name);
		st->ic = NULL;
		cn_free(ic);
		return false;
	}
	struct cn_child_args a = {
		.name = st->name, .binary = st->binary, .ram = st->ram, .caps = st->caps,
		.priority = -st->priority, .prio_levels = cfg->prio_levels, .user = ic,
		.cpu_quota = st->cpu * (CN_CPU_QUOTA_MAX / 100), .cpu_args = cpu_args,
	};
	ic->alive = true;   /* routes may name it from now on */
	int err = cn_child_start(&ic->child, &a, &init_policy);
	if (err) {
		if (err == CN_ERR_NOT_FOUND)
			init_error(cfg, st->line, "child \"%s\": binary \"%s\" not found", st->name,
			           st->binary);
		else if (err == CN_ERR_TYPE)
			init_error(cfg, st->line, "child \"%s\" not started: binary \"%s\" refused",
			           st->name, st->binary);
		else
			init_error(cfg, st->line, "child \"%s\" not started: %s", st->name,
			           cn_strerror(err));
		st->ic = NULL;
		cn_free(ic);
		return false;
	}
	return true;
}

/* kill (if it still runs) and forget: all its quota is back with init */
static void drop_child(struct init_child *ic)
{
	cn_child_forget(&ic->child);   /* off the list of children */
	ic->alive = false;
	init_config_rom_release(ic);
	if (ic->st)
		ic->st->ic = NULL;
	cn_free(ic);
}

static struct init_start *find_valid(struct init_config *cfg, const char *name)
{
	for (unsigned i = 0; i < cfg->nstarts; i++)
		if (cfg->starts[i].valid && !cn_strcmp(cfg->starts[i].name, name))
			return &cfg->starts[i];
	return NULL;
}

void init_children_apply(struct init_config *cfg)
{
	struct init_config *old = current;
	unsigned removed = 0, restarted = 0, updated = 0, kept = 0, started = 0;
	bool same_policy = old && policy_same(old, cfg);

	struct cn_child *next;
	for (struct cn_child *c = cn_child_first(); c; c = next) {
		struct init_child *ic = c->user;
		next = cn_child_next(c);
		struct init_start *st = find_valid(cfg, ic->child.name);
		if (!st) {
			cn_log("child \"%s\" removed", ic->child.name);
			drop_child(ic);
			removed++;
		} else if (!same_policy || !start_same(ic->st, st)) {
			cn_log("child \"%s\" changed: restarting it", ic->child.name);
			drop_child(ic);
			st->restart = true;
		} else {
			bool new_config = !config_same(ic->st, st);
			ic->st = st;
			st->ic = ic;
			if (new_config) {
				cn_log("child \"%s\" gets a new config", ic->child.name);
				init_config_rom_update(ic);
				updated++;
			} else
				kept++;
		}
	}
	current = cfg;
	init_policy_set_config(cfg);
	if (old) {
		init_config_free(old);
		cn_free(old);
	}
	for (unsigned i = 0; i < cfg->nstarts; i++) {
		struct init_start *st = &cfg->starts[i];
		if (st->valid && !st->ic && affordable(cfg, st) && start_child(cfg, st)) {
			if (st->restart)
				restarted++;
			else
				started++;
		}
	}
	if (!old)
		cn_log("started %u child%s%s", started, started == 1 ? "" : "ren",
		       cfg->errors ? " (config has errors)" : "");
	else
		cn_log("config applied: %u started, %u removed, %u restarted, %u new configs, "
		       "%u unchanged%s", started, removed, restarted, updated, kept,
		       cfg->errors ? " (config has errors)" : "");
	init_state_changed();
}
