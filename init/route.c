/* SPDX-License-Identifier: MIT */
/*
 * init's routing policy: the <route> of the requesting child's <start>
 * node, then <default-route>; the first rule matching service and label
 * with a usable target wins. A child with a <config> node gets its "config"
 * ROM from init itself.
 */
#include <cn/component.h>
#include <cn/util/string.h>
#include "init.h"

static struct init_config *config;

void init_policy_set_config(struct init_config *cfg)
{
	config = cfg;
}

static bool provides(const struct init_start *st, const char *service)
{
	for (unsigned i = 0; i < st->nprovides; i++)
		if (!cn_strcmp(st->provides[i], service))
			return true;
	return false;
}

static bool parent_provides(const char *service)
{
	if (!config->parent_provides)
		return true;
	for (unsigned i = 0; i < config->nparent_services; i++)
		if (!cn_strcmp(config->parent_services[i], service))
			return true;
	return false;
}

static struct init_child *server_named(const char *name, const char *service)
{
	struct cn_child *c = cn_child_find(name);
	struct init_child *ic = c ? c->user : NULL;
	return ic && ic->alive && ic->st && provides(ic->st, service) ? ic : NULL;
}

/* the only started child providing service (not the client); NULL if
 * there is none or more than one */
static struct init_child *any_server(const struct init_child *client, const char *service)
{
	struct init_child *found = NULL;
	for (struct cn_child *c = cn_child_first(); c; c = cn_child_next(c)) {
		struct init_child *ic = c->user;
		if (ic == client || !ic->alive || !ic->st || !provides(ic->st, service))
			continue;
		if (found) {
			cn_log("ambiguous <any-child/> for service \"%s\": \"%s\" and \"%s\"", service,
			       found->child.name, ic->child.name);
			return NULL;
		}
		found = ic;
	}
	return found;
}

static bool try_target(const struct init_child *client, const struct init_target *t,
                       const char *service, struct cn_child_route *r)
{
	struct init_child *server = NULL;
	switch (t->kind) {
	case INIT_TARGET_PARENT:
		if (!parent_provides(service))
			return false;
		r->kind = CN_CHILD_ROUTE_PARENT;
		break;
	case INIT_TARGET_CHILD:
		server = server_named(t->child, service);
		break;
	case INIT_TARGET_ANY_CHILD:
		server = any_server(client, service);
		break;
	}
	if (t->kind != INIT_TARGET_PARENT) {
		if (!server || server->child.state != CN_CHILD_RUNNING)
			return false;
		r->kind = CN_CHILD_ROUTE_CHILD;
		r->server = &server->child;
	}
	r->label = t->label;
	return true;
}

static bool try_routes(const struct init_child *client, const struct init_routes *routes,
                       const char *service, const char *label, const char *args,
                       struct cn_child_route *r)
{
	for (unsigned i = 0; i < routes->n; i++) {
		const struct init_rule *rule = &routes->rules[i];
		if (!init_rule_matches(rule, service, label, args))
			continue;
		for (unsigned t = 0; t < rule->ntargets; t++)
			if (try_target(client, &rule->targets[t], service, r))
				return true;
	}
	return false;
}

static void route(void *ctx, struct cn_child *client, const char *service, const char *label,
                  const char *args, struct cn_child_route *r)
{
	struct init_child *ic = client->user;
	struct init_start *st = ic ? ic->st : NULL;
	char full[CN_CHILD_ARGS_MAX];
	(void)ctx;
	r->kind = CN_CHILD_ROUTE_DENY;
	if (!config || !st)
		return;
	/* the child's own "config" ROM (label as the child gave it) */
	if (st->config && !cn_strcmp(service, "ROM") && !cn_strcmp(label, "config")) {
		r->kind = CN_CHILD_ROUTE_LOCAL;
		r->local = &init_config_rom;
		return;
	}
	/* rules see the label with the client's name in front */
	if (init_full_label(full, sizeof(full), client->name, label))
		return;
	if (try_routes(ic, &st->routes, service, full, args, r))
		return;
	try_routes(ic, &config->default_route, service, full, args, r);
}

static void gone(void *ctx, struct cn_child *c)
{
	struct init_child *ic = c->user;
	(void)ctx;
	if (ic) {
		ic->alive = false;
		init_config_rom_release(ic);
	}
	init_state_changed();
}

/* a service the child's <provides> does not list is never routed to it:
 * say so where the mistake is (its clients only see "no route") */
void init_announced(struct cn_child *c, const char *service)
{
	struct init_child *ic = c->user;
	if (!config || !ic || !ic->st || provides(ic->st, service))
		return;
	init_warning(config, ic->st->line, "child \"%s\" announces service \"%s\", which is "
	             "not in its <provides>: no client is routed to it", c->name, service);
}

const struct cn_child_policy init_policy = { route, gone, NULL };
