/* SPDX-License-Identifier: MIT */
/*
 * init's config parser: turns the XML of the "config" ROM into struct
 * init_config. Every problem is logged with its line; a <start> node with a
 * problem is left out, the other children still start.
 */
#include <cn/component.h>
#include <cn/util/format.h>
#include <cn/util/number.h>
#include <cn/util/string.h>
#include "init.h"

#define ATTR_MAX 128

static void node_name(const struct cn_xml_node *n, char *buf, size_t size)
{
	size_t len = n->name.len < size - 1 ? n->name.len : size - 1;
	cn_memcpy(buf, n->name.ptr, len);
	buf[len] = 0;
}

/* every attribute of n must be one of the NULL-terminated list */
static bool check_attrs(struct init_config *cfg, const struct cn_xml_node *n,
                        const char *const *allowed)
{
	bool ok = true;
	for (const struct cn_xml_attr *a = n->attrs; a; a = a->next) {
		bool known = false;
		for (const char *const *p = allowed; *p && !known; p++)
			known = cn_xml_str_eq(a->name, *p);
		if (!known) {
			char nn[32], an[32];
			node_name(n, nn, sizeof(nn));
			size_t len = a->name.len < sizeof(an) - 1 ? a->name.len : sizeof(an) - 1;
			cn_memcpy(an, a->name.ptr, len);
			an[len] = 0;
			init_error(cfg, a->line, "unknown attribute '%s' of <%s>", an, nn);
			ok = false;
		}
	}
	return ok;
}

static void unknown_node(struct init_config *cfg, const struct cn_xml_node *n,
                         const char *where)
{
	char nn[32];
	node_name(n, nn, sizeof(nn));
	init_error(cfg, n->line, "unknown node <%s> in <%s>", nn, where);
}

/* a copy of the decoded attribute on the heap; NULL if missing. A present
 * but bad attribute is an error (and sets *ok false). */
static char *dup_attr(struct init_config *cfg, const struct cn_xml_node *n, const char *name,
                      bool *ok)
{
	char buf[ATTR_MAX];
	if (!cn_xml_has_attr(n, name))
		return NULL;
	if (!cn_xml_attr_str(n, name, buf, sizeof(buf))) {
		init_error(cfg, cn_xml_attr(n, name)->line, "malformed or too long attribute '%s'",
		           name);
		*ok = false;
		return NULL;
	}
	size_t len = cn_strlen(buf);
	char *s = init_alloc(cfg, len + 1);
	if (!s) {
		init_error(cfg, n->line, "out of memory");
		*ok = false;
		return NULL;
	}
	cn_memcpy(s, buf, len + 1);
	return s;
}

static char *need_attr(struct init_config *cfg, const struct cn_xml_node *n, const char *name,
                       bool *ok)
{
	char *s = dup_attr(cfg, n, name, ok);
	if (!s && *ok) {
		char nn[32];
		node_name(n, nn, sizeof(nn));
		init_error(cfg, n->line, "<%s> needs the attribute '%s'", nn, name);
		*ok = false;
	}
	return s;
}

static bool number_attr(struct init_config *cfg, const struct cn_xml_node *n, const char *name,
                        uint32_t *v, bool *ok)
{
	char buf[32];
	size_t size;
	if (!cn_xml_has_attr(n, name))
		return false;
	if (!cn_xml_attr_str(n, name, buf, sizeof(buf)) || cn_parse_size(buf, &size) ||
	    size > 0xffffffffu) {
		init_error(cfg, cn_xml_attr(n, name)->line, "attribute '%s' is not a number", name);
		*ok = false;
		return false;
	}
	*v = (uint32_t)size;
	return true;
}

/* ------------------------------------------------------------ routes */

static const char *const target_attrs[] = { "name", "label", NULL };

static void parse_target(struct init_config *cfg, struct init_rule *r,
                         const struct cn_xml_node *t, bool *ok)
{
	struct init_target tg = { INIT_TARGET_PARENT, NULL, NULL, t->line };
	if (cn_xml_node_has_type(t, "parent"))
		tg.kind = INIT_TARGET_PARENT;
	else if (cn_xml_node_has_type(t, "child"))
		tg.kind = INIT_TARGET_CHILD;
	else if (cn_xml_node_has_type(t, "any-child"))
		tg.kind = INIT_TARGET_ANY_CHILD;
	else {
		unknown_node(cfg, t, "service");
		*ok = false;
		return;
	}
	static const char *const label_only[] = { "label", NULL };
	if (!check_attrs(cfg, t, tg.kind == INIT_TARGET_CHILD ? target_attrs : label_only))
		*ok = false;
	if (tg.kind == INIT_TARGET_CHILD && !(tg.child = need_attr(cfg, t, "name", ok)))
		return;
	tg.label = dup_attr(cfg, t, "label", ok);
	if (r->ntargets == INIT_MAX_TARGETS) {
		init_error(cfg, t->line, "more than %d targets for one service", INIT_MAX_TARGETS);
		*ok = false;
		return;
	}
	r->targets[r->ntargets++] = tg;
}

/* <if-arg key="…" value="…"/>: a condition of the rule */
static void parse_cond(struct init_config *cfg, struct init_rule *r,
                       const struct cn_xml_node *t, bool *ok)
{
	bool good = check_attrs(cfg, t, (const char *const[]){ "key", "value", NULL });
	char *key = need_attr(cfg, t, "key", &good);
	char *value = key ? need_attr(cfg, t, "value", &good) : NULL;
	if (good && r->nconds == INIT_MAX_CONDS) {
		init_error(cfg, t->line, "more than %d <if-arg> for one service", INIT_MAX_CONDS);
		good = false;
	}
	if (!good) {
		*ok = false;
		return;
	}
	r->conds[r->nconds].key = key;
	r->conds[r->nconds].value = value;
	r->nconds++;
}

static bool parse_routes(struct init_config *cfg, const struct cn_xml_node *route,
                         struct init_routes *out)
{
	static const char *const service_attrs[] = { "name", "label", "label_prefix",
	                                             "label_suffix", "label_last", NULL };
	static const char *const any_attrs[] = { "label", "label_prefix", "label_suffix",
	                                         "label_last", NULL };
	bool ok = check_attrs(cfg, route, (const char *const[]){ NULL });
	size_t n = cn_xml_num_children(route, NULL);
	out->present = true;
	out->n = 0;
	out->rules = n ? init_alloc(cfg, n * sizeof(*out->rules)) : NULL;
	if (n && !out->rules) {
		init_error(cfg, route->line, "out of memory");
		return false;
	}
	for (const struct cn_xml_node *s = cn_xml_first_child(route, NULL); s;
	     s = cn_xml_next_sibling(s, NULL)) {
		struct init_rule *r = &out->rules[out->n];
		bool any = cn_xml_node_has_type(s, "any-service");
		if (!any && !cn_xml_node_has_type(s, "service")) {
			unknown_node(cfg, s, "route");
			ok = false;
			continue;
		}
		bool rule_ok = true;
		r->line = s->line;
		if (!check_attrs(cfg, s, any ? any_attrs : service_attrs))
			rule_ok = false;
		if (!any && !(r->service = need_attr(cfg, s, "name", &rule_ok)))
			rule_ok = false;
		r->label = dup_attr(cfg, s, "label", &rule_ok);
		r->label_prefix = dup_attr(cfg, s, "label_prefix", &rule_ok);
		r->label_suffix = dup_attr(cfg, s, "label_suffix", &rule_ok);
		r->label_last = dup_attr(cfg, s, "label_last", &rule_ok);
		for (const struct cn_xml_node *t = cn_xml_first_child(s, NULL); t;
		     t = cn_xml_next_sibling(t, NULL)) {
			if (cn_xml_node_has_type(t, "if-arg"))
				parse_cond(cfg, r, t, &rule_ok);
			else
				parse_target(cfg, r, t, &rule_ok);
		}
		if (!r->ntargets && rule_ok) {
			init_error(cfg, s->line, "route without a target (<parent/>, <child/>, "
			           "<any-child/>)");
			rule_ok = false;
		}
		/* a broken rule is left out: without its conditions it could
		 * match more than it says */
		if (!rule_ok) {
			cn_memset(r, 0, sizeof(*r));
			ok = false;
			continue;
		}
		out->n++;
	}
	return ok;
}

/* ------------------------------------------------------------ <start> */

static bool parse_names(struct init_config *cfg, const struct cn_xml_node *n,
                        char ***names, unsigned *count)
{
	bool ok = check_attrs(cfg, n, (const char *const[]){ NULL });
	size_t max = cn_xml_num_children(n, NULL);
	*count = 0;
	*names = max ? init_alloc(cfg, max * sizeof(char *)) : NULL;
	if (max && !*names) {
		init_error(cfg, n->line, "out of memory");
		return false;
	}
	for (const struct cn_xml_node *s = cn_xml_first_child(n, NULL); s;
	     s = cn_xml_next_sibling(s, NULL)) {
		char nn[32];
		node_name(n, nn, sizeof(nn));
		if (!cn_xml_node_has_type(s, "service")) {
			unknown_node(cfg, s, nn);
			ok = false;
			continue;
		}
		if (!check_attrs(cfg, s, (const char *const[]){ "name", NULL }))
			ok = false;
		char *name = need_attr(cfg, s, "name", &ok);
		if (name)
			(*names)[(*count)++] = name;
	}
	return ok;
}

static bool parse_resource(struct init_config *cfg, struct init_start *st,
                           const struct cn_xml_node *n, bool *have_ram)
{
	bool ok = check_attrs(cfg, n, (const char *const[]){ "name", "quantum", NULL });
	uint32_t q = 0;
	if (cn_xml_attr_eq(n, "name", "RAM")) {
		if (!number_attr(cfg, n, "quantum", &q, &ok)) {
			if (ok)
				init_error(cfg, n->line, "RAM resource without a quantum");
			return false;
		}
		st->ram = q;
		*have_ram = true;
	} else if (cn_xml_attr_eq(n, "name", "CPU")) {
		if (!number_attr(cfg, n, "quantum", &q, &ok)) {
			if (ok)
				init_error(cfg, n->line, "CPU resource without a quantum");
			return false;
		}
		if (q > 100) {
			init_error(cfg, n->line, "CPU quantum is a percentage (0..100)");
			return false;
		}
		st->cpu = q;
	} else {
		init_error(cfg, n->line, "unknown resource (RAM or CPU expected)");
		return false;
	}
	return ok;
}

/* <affinity-space width height/> or <affinity xpos ypos width height/> */
static bool parse_affinity(struct init_config *cfg, const struct cn_xml_node *n,
                           struct cn_affinity_loc *l, bool space)
{
	bool ok = check_attrs(cfg, n, space ? (const char *const[]){ "width", "height", NULL }
	                                    : (const char *const[]){ "xpos", "ypos", "width",
	                                                             "height", NULL });
	*l = (struct cn_affinity_loc){ 0, 0, 1, 1 };
	if (!space) {
		number_attr(cfg, n, "xpos", &l->x, &ok);
		number_attr(cfg, n, "ypos", &l->y, &ok);
	}
	number_attr(cfg, n, "width", &l->w, &ok);
	number_attr(cfg, n, "height", &l->h, &ok);
	if (ok && (!l->w || !l->h || l->w > CN_AFFINITY_MAX || l->h > CN_AFFINITY_MAX)) {
		init_error(cfg, n->line, "affinity width and height must be 1..%u",
		           (unsigned)CN_AFFINITY_MAX);
		ok = false;
	}
	return ok;
}

static bool parse_priority(struct init_config *cfg, const struct cn_xml_node *n, int32_t *prio)
{
	char buf[16];
	if (!cn_xml_has_attr(n, "priority"))
		return true;
	unsigned long v = 0;
	bool neg = false;
	if (cn_xml_attr_str(n, "priority", buf, sizeof(buf))) {
		neg = buf[0] == '-';
		if (!cn_parse_ulong(buf + neg, cn_strlen(buf + neg), &v, 0) && v <= 0x7fff &&
		    (neg || v == 0)) {
			*prio = -(int32_t)v;
			return true;
		}
	}
	init_error(cfg, cn_xml_attr(n, "priority")->line,
	           "priority must be 0 or negative (e.g. \"-1\")");
	return false;
}

/* does a name contain the label separator " -> "? */
static bool has_separator(const char *name)
{
	for (const char *p = name; *p; p++)
		if (p[0] == ' ' && p[1] == '-' && p[2] == '>' && p[3] == ' ')
			return true;
	return false;
}

static void parse_start(struct init_config *cfg, struct init_start *st,
                        const struct cn_xml_node *n)
{
	bool ok = check_attrs(cfg, n, (const char *const[]){ "name", "caps", "priority", NULL });
	bool have_ram = false, have_caps;
	st->line = n->line;
	st->affinity = (struct cn_affinity_loc){ 0, 0, 0, 0 };   /* 0 wide: all of the space */
	st->name = need_attr(cfg, n, "name", &ok);
	if (st->name && (!st->name[0] || cn_strlen(st->name) >= CN_CHILD_NAME_MAX ||
	                 cn_strlen(st->name) >= 64)) {
		init_error(cfg, n->line, "bad child name \"%s\"", st->name);
		ok = false;
	} else if (st->name && has_separator(st->name)) {
		/* its log lines would read like a grandchild's */
		init_error(cfg, n->line, "bad child name \"%s\": \" -> \" separates labels",
		           st->name);
		ok = false;
	}
	have_caps = number_attr(cfg, n, "caps", &st->caps, &ok);
	if (!have_caps)
		st->caps = cfg->default_caps;
	if (!parse_priority(cfg, n, &st->priority))
		ok = false;

	for (const struct cn_xml_node *c = cn_xml_first_child(n, NULL); c;
	     c = cn_xml_next_sibling(c, NULL)) {
		if (cn_xml_node_has_type(c, "binary")) {
			if (!check_attrs(cfg, c, (const char *const[]){ "name", NULL }))
				ok = false;
			st->binary = need_attr(cfg, c, "name", &ok);
		} else if (cn_xml_node_has_type(c, "resource")) {
			if (!parse_resource(cfg, st, c, &have_ram))
				ok = false;
		} else if (cn_xml_node_has_type(c, "provides")) {
			if (!parse_names(cfg, c, &st->provides, &st->nprovides))
				ok = false;
		} else if (cn_xml_node_has_type(c, "route")) {
			if (!parse_routes(cfg, c, &st->routes))
				ok = false;
		} else if (cn_xml_node_has_type(c, "affinity")) {
			if (!parse_affinity(cfg, c, &st->affinity, false))
				ok = false;
		} else if (cn_xml_node_has_type(c, "config")) {
			st->config = c->span.ptr;
			st->config_len = c->span.len;
		} else {
			unknown_node(cfg, c, "start");
			ok = false;
		}
	}
	if (st->name && !have_ram) {
		init_error(cfg, n->line, "child \"%s\" has no <resource name=\"RAM\" quantum=.../>",
		           st->name);
		ok = false;
	}
	if (st->name && !st->caps) {
		init_error(cfg, n->line, "child \"%s\" has no caps (caps=\"...\" or <default caps/>)",
		           st->name);
		ok = false;
	}
	if (st->name && !st->binary && ok) {
		size_t len = cn_strlen(st->name);
		if ((st->binary = init_alloc(cfg, len + 1)))
			cn_memcpy(st->binary, st->name, len + 1);
		else
			ok = false;
	}
	/* names are unique */
	for (struct init_start *o = cfg->starts; ok && o < st; o++) {
		if (o->name && !cn_strcmp(o->name, st->name)) {
			init_error(cfg, n->line, "duplicate child name \"%s\" (first at line %u)",
			           st->name, init_line(cfg, o->line));
			ok = false;
		}
	}
	st->valid = ok;
}

/* ------------------------------------------------------------ checks */

static struct init_start *find_start(struct init_config *cfg, const char *name)
{
	for (unsigned i = 0; i < cfg->nstarts; i++)
		if (cfg->starts[i].valid && !cn_strcmp(cfg->starts[i].name, name))
			return &cfg->starts[i];
	return NULL;
}

static bool start_provides(const struct init_start *st, const char *service)
{
	for (unsigned i = 0; i < st->nprovides; i++)
		if (!cn_strcmp(st->provides[i], service))
			return true;
	return false;
}

/* the parent provides what <parent-provides> lists (all without one) */
static bool parent_provides(const struct init_config *cfg, const char *service)
{
	if (!cfg->parent_provides)
		return true;
	for (unsigned i = 0; i < cfg->nparent_services; i++)
		if (!cn_strcmp(cfg->parent_services[i], service))
			return true;
	return false;
}

/* A rule for a named service whose targets cannot provide it is a
 * warning (the config stays usable: a request takes the next rule, or is
 * denied): a <child/> that does not list the service in its <provides>,
 * and a service that no child provides and the parent does not provide. */
static void check_providers(struct init_config *cfg, const struct init_rule *r)
{
	if (!r->service)
		return;
	bool some_child = false;
	for (unsigned i = 0; i < cfg->nstarts && !some_child; i++)
		some_child = cfg->starts[i].valid && start_provides(&cfg->starts[i], r->service);
	if (!some_child && !parent_provides(cfg, r->service)) {
		init_warning(cfg, r->line, "route to service \"%s\", which no child provides "
		             "and the parent does not (not in <parent-provides>)", r->service);
	}
	for (unsigned t = 0; t < r->ntargets; t++) {
		const struct init_target *tg = &r->targets[t];
		if (tg->kind != INIT_TARGET_CHILD)
			continue;
		struct init_start *st = find_start(cfg, tg->child);
		if (st && !start_provides(st, r->service))
			init_warning(cfg, tg->line, "route of service \"%s\" to child \"%s\", which "
			             "does not provide it (not in its <provides>)", r->service,
			             tg->child);
	}
}

/* a route to a child that is not there is an error; the target is dropped */
static void check_routes(struct init_config *cfg, struct init_routes *routes)
{
	for (unsigned i = 0; i < routes->n; i++) {
		struct init_rule *r = &routes->rules[i];
		check_providers(cfg, r);
		for (unsigned t = 0; t < r->ntargets; t++) {
			struct init_target *tg = &r->targets[t];
			if (tg->kind != INIT_TARGET_CHILD || find_start(cfg, tg->child))
				continue;
			init_error(cfg, tg->line, "route to nonexistent child \"%s\"", tg->child);
			cn_memmove(tg, tg + 1, (r->ntargets - t - 1) * sizeof(*tg));
			r->ntargets--;
			t--;
		}
	}
}

/* ------------------------------------------------------------ the document */

/* <resource name="RAM" preserve="…"/> or name="CAP": what init keeps */
static void parse_preserve(struct init_config *cfg, const struct cn_xml_node *n)
{
	bool ok = check_attrs(cfg, n, (const char *const[]){ "name", "preserve", NULL });
	uint32_t *v = cn_xml_attr_eq(n, "name", "RAM") ? &cfg->preserve_ram
	            : cn_xml_attr_eq(n, "name", "CAP") ? &cfg->preserve_caps : NULL;
	if (!v) {
		init_error(cfg, n->line, "unknown resource to preserve (RAM or CAP expected)");
		return;
	}
	if (!number_attr(cfg, n, "preserve", v, &ok) && ok)
		init_error(cfg, n->line, "<resource> in <config> needs the attribute 'preserve'");
}

/* <report child_ram="yes" ledger="yes"/>: log the state report (main.c) */
static void parse_report(struct init_config *cfg, const struct cn_xml_node *n)
{
	check_attrs(cfg, n, (const char *const[]){ "child_ram", "ledger", NULL });
	cfg->report = true;
	cfg->report_children = cn_xml_attr_eq(n, "child_ram", "yes");
	cfg->report_ledger = cn_xml_attr_eq(n, "ledger", "yes");
}

static int parse_document(struct init_config *cfg, void *arena, size_t arena_size)
{
	struct cn_xml_doc doc;
	struct cn_xml_error xerr;
	if (cn_xml_parse(&doc, cfg->text, cfg->len, arena, arena_size, &xerr)) {
		cn_log("%s:%u:%u: error: malformed XML: %s", init_origin(cfg),
		       init_line(cfg, xerr.line), xerr.column, xerr.msg);
		cfg->errors++;
		return CN_ERR_ARGS;
	}
	const struct cn_xml_node *root = cn_xml_root(&doc);
	if (!cn_xml_node_has_type(root, "config")) {
		init_error(cfg, root->line, "the root node must be <config>");
		return CN_ERR_ARGS;
	}
	check_attrs(cfg, root, (const char *const[]){ "prio_levels", "verbose", "origin", NULL });
	bool ok = true;
	number_attr(cfg, root, "prio_levels", &cfg->prio_levels, &ok);
	cfg->verbose = cn_xml_attr_eq(root, "verbose", "yes");

	size_t nstart = cn_xml_num_children(root, "start");
	cfg->starts = nstart ? init_alloc(cfg, nstart * sizeof(*cfg->starts)) : NULL;
	if (nstart && !cfg->starts) {
		init_error(cfg, root->line, "out of memory");
		return CN_ERR_EXHAUSTED;
	}
	/* <default caps> first: it applies to every <start>, wherever it is */
	for (const struct cn_xml_node *n = cn_xml_first_child(root, "default"); n;
	     n = cn_xml_next_sibling(n, "default")) {
		check_attrs(cfg, n, (const char *const[]){ "caps", NULL });
		number_attr(cfg, n, "caps", &cfg->default_caps, &ok);
	}
	cfg->affinity_space = (struct cn_affinity_space){ 1, 1 };
	for (const struct cn_xml_node *n = cn_xml_first_child(root, "affinity-space"); n;
	     n = cn_xml_next_sibling(n, "affinity-space")) {
		struct cn_affinity_loc l;
		if (parse_affinity(cfg, n, &l, true))
			cfg->affinity_space = (struct cn_affinity_space){ l.w, l.h };
	}
	for (const struct cn_xml_node *n = cn_xml_first_child(root, NULL); n;
	     n = cn_xml_next_sibling(n, NULL)) {
		if (cn_xml_node_has_type(n, "parent-provides")) {
			cfg->parent_provides = true;
			parse_names(cfg, n, &cfg->parent_services, &cfg->nparent_services);
		} else if (cn_xml_node_has_type(n, "default-route"))
			parse_routes(cfg, n, &cfg->default_route);
		else if (cn_xml_node_has_type(n, "start"))
			parse_start(cfg, &cfg->starts[cfg->nstarts++], n);
		else if (cn_xml_node_has_type(n, "resource"))
			parse_preserve(cfg, n);
		else if (cn_xml_node_has_type(n, "report"))
			parse_report(cfg, n);
		else if (!cn_xml_node_has_type(n, "default") &&
		         !cn_xml_node_has_type(n, "affinity-space"))
			unknown_node(cfg, n, "config");
	}
	for (unsigned i = 0; i < cfg->nstarts; i++) {
		struct init_start *st = &cfg->starts[i];
		if (st->valid && st->affinity.w &&
		    !cn_affinity_valid(cfg->affinity_space, st->affinity)) {
			init_error(cfg, st->line, "child \"%s\": affinity outside the %ux%u "
			           "affinity space", st->name, (unsigned)cfg->affinity_space.w,
			           (unsigned)cfg->affinity_space.h);
			st->valid = false;
		}
	}
	check_routes(cfg, &cfg->default_route);
	for (unsigned i = 0; i < cfg->nstarts; i++)
		if (cfg->starts[i].valid)
			check_routes(cfg, &cfg->starts[i].routes);
	return 0;
}

int init_config_parse(struct init_config *cfg, const char *text, size_t len)
{
	cn_memset(cfg, 0, sizeof(*cfg));
	cfg->preserve_ram = INIT_PRESERVE_RAM;
	cfg->preserve_caps = INIT_PRESERVE_CAPS;
	/* a copy: the ROM may change under us; <config> sub-trees point into it */
	if (len > 0x1000000 || !(cfg->text = init_alloc(cfg, len + 1))) {
		cn_log("config: error: out of memory for %u bytes of config", (unsigned)len);
		return CN_ERR_EXHAUSTED;
	}
	cn_memcpy(cfg->text, text, len);
	cfg->len = len;
	init_origin_find(cfg);
	/* the tree is needed only while parsing: the strings are copies */
	size_t arena_size = 64 + len * 24;
	void *arena = cn_malloc(arena_size);
	if (!arena) {
		cn_log("config: error: out of memory for %u bytes of config", (unsigned)len);
		return CN_ERR_EXHAUSTED;
	}
	int err = parse_document(cfg, arena, arena_size);
	cn_free(arena);
	return err;
}
