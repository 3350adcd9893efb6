/* SPDX-License-Identifier: MIT */
/*
 * dynamic_rom: a ROM server whose modules change over time, for testing
 * components that watch a ROM (init's live reconfiguration). Its config
 * lists the versions of each module:
 *
 *   <config period_ms="500">
 *     <rom name="config">                  <!-- the last element of the label -->
 *       <inline> <config> ... </config> </inline>   <!-- version 1 -->
 *       <inline> ... </inline>                       <!-- version 2, ... -->
 *     </rom>
 *   </config>
 *
 * A session gets the first version; then every period_ms (counted from the
 * module's first session) the next one, written into the session's
 * dataspace, and the session's signal fires. After the last version the
 * module stays as it is. Each step is logged: 'module "config" version N'.
 */
#include <cn/component.h>
#include <cn/rom_content.h>
#include <cn/server.h>
#include <cn/sys.h>
#include <cn/session/rom.h>
#include <cn/session/irq.h>
#include <cn/session/io_mem.h>
#include <cn/session/log.h>
#include <cn/session/quota.h>
#include <cn/util/string.h>
#include <cn/util/xml.h>

#define MAX_MODULES  4
#define MAX_VERSIONS 16

struct version { const char *text; uint32_t len; };

struct module {
	char      name[32];
	struct version versions[MAX_VERSIONS];
	unsigned  nversions, current;
	uint32_t  max_len;
	struct cn_signal_handler tick;
	uint32_t  tick_ctx;
	bool      ticking;
};

struct rom_state {
	struct cn_rom_content content;   /* first: the ROM interface's ctx */
	struct module *module;
	uint32_t charged;
};

static struct module modules[MAX_MODULES];
static unsigned nmodules;
static uint64_t period_us = 500000;
static struct cn_service rom_service;

static const char *label_last(const char *label)
{
	const char *last = label;
	for (const char *p = label; *p; p++)
		if (!cn_strncmp(p, " -> ", 4))
			last = p + 4;
	return last;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void each_session(struct module *m, void (*fn)(struct rom_state *))
{
	for (struct cn_server_session *s = rom_service.sessions; s; s = s->next) {
		struct rom_state *r = (struct rom_state *)s->state;
		if (r->module == m)
			fn(r);
	}
}

static void update(struct rom_state *r)
{
	const struct version *v = &r->module->versions[r->module->current];
	if (cn_rom_content_set(&r->content, v->text, v->len, 0))
		cn_log("module \"%s\": no memory for version %u", r->module->name,
		       r->module->current + 1);
}

static void on_tick(void *arg, uint32_t count)
{
	struct module *m = arg;
	(void)count;
	if (m->current + 1 >= m->nversions)
		return;
	m->current++;
	cn_log("module \"%s\" version %u", m->name, m->current + 1);
	each_session(m, update);
	if (m->current + 1 < m->nversions)
		cn_sys_timeout(m->tick_ctx, period_us);
}

static int create(void *ctx, const char *args, void *state)
{
	struct rom_state *r = state;
	const char *name = label_last(cn_server_session_of(state)->label);
	(void)ctx; (void)args;
	for (unsigned i = 0; i < nmodules && !r->module; i++)
		if (!cn_strcmp(modules[i].name, name))
			r->module = &modules[i];
	if (!r->module)
		return CN_ERR_NOT_FOUND;
	struct module *m = r->module;
	/* room for the largest version: later ones are written in place */
	uint32_t cost = cn_rom_content_cost(m->max_len);
	int err = cn_server_charge(state, cost, 0);
	if (err)
		return err;
	const struct version *v = &m->versions[m->current];
	if ((err = cn_rom_content_set(&r->content, v->text, v->len, cost - CN_DS_RAM_META))) {
		cn_server_release(state, cost, 0);
		return err;
	}
	r->charged = cost;
	if (!m->ticking && m->nversions > 1) {
		m->ticking = true;
		cn_sys_timeout(m->tick_ctx, period_us);
	}
	return 0;
}

static void close_session(void *ctx, void *state)
{
	struct rom_state *r = state;
	(void)ctx;
	cn_rom_content_free(&r->content);
	cn_server_release(state, r->charged, 0);
}

static struct cn_service rom_service = {
	.name = CN_ROM_SERVICE, .session_size = sizeof(struct rom_state),
	.dispatch = cn_rom_dispatch_any, .ops = &cn_rom_content_ops,
	.create = create, .close = close_session,
};

static bool parse_module(struct module *m, const struct cn_xml_node *n)
{
	if (!cn_xml_attr_str(n, "name", m->name, sizeof(m->name))) {
		cn_log("config: <rom> without a name (line %u)", n->line);
		return false;
	}
	for (const struct cn_xml_node *v = cn_xml_first_child(n, "inline"); v;
	     v = cn_xml_next_sibling(v, "inline")) {
		if (m->nversions == MAX_VERSIONS) {
			cn_log("config: more than %d versions of \"%s\"", MAX_VERSIONS, m->name);
			return false;
		}
		const char *p = v->content.ptr;
		size_t len = v->content.len;
		while (len && is_space(*p)) { p++; len--; }
		while (len && is_space(p[len - 1])) len--;
		m->versions[m->nversions].text = p;
		m->versions[m->nversions].len = (uint32_t)len;
		if (len > m->max_len)
			m->max_len = (uint32_t)len;
		m->nversions++;
	}
	if (!m->nversions) {
		cn_log("config: module \"%s\" has no <inline> version", m->name);
		return false;
	}
	return cn_signal_handler(&m->tick, on_tick, m, &m->tick_ctx) == 0;
}

void cn_component_construct(struct cn_env *env)
{
	const void *data;
	uint32_t size, rom;
	(void)env;
	/* stays attached: the versions point into it */
	int err = cn_rom_attach("config", &data, &size, &rom);
	if (err) {
		cn_log("no config: %s", cn_strerror(err));
		cn_exit(1);
	}
	/* the tree lives as long as we do (the versions point into the text) */
	size_t arena_size = 64 + (size_t)size * 24;
	void *arena = cn_malloc(arena_size);
	struct cn_xml_doc doc;
	struct cn_xml_error xerr;
	if (!arena) {
		cn_log("config: out of memory");
		cn_exit(1);
	}
	if (cn_xml_parse(&doc, data, size, arena, arena_size, &xerr)) {
		cn_log("config:%u:%u: malformed XML: %s", xerr.line, xerr.column, xerr.msg);
		cn_exit(1);
	}
	const struct cn_xml_node *root = cn_xml_root(&doc);
	unsigned long ms;
	if (cn_xml_attr_ulong(root, "period_ms", &ms) && ms)
		period_us = (uint64_t)ms * 1000;
	for (const struct cn_xml_node *n = cn_xml_first_child(root, "rom"); n;
	     n = cn_xml_next_sibling(n, "rom")) {
		if (nmodules == MAX_MODULES) {
			cn_log("config: more than %d modules", MAX_MODULES);
			break;
		}
		if (parse_module(&modules[nmodules], n))
			nmodules++;
	}
	if ((err = cn_server_announce(&rom_service))) {
		cn_log("cannot announce: %s", cn_strerror(err));
		cn_exit(1);
	}
	cn_log("%u module%s, a new version every %u ms", nmodules, nmodules == 1 ? "" : "s",
	       (unsigned)(period_us / 1000));
}
