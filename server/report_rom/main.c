/* SPDX-License-Identifier: MIT */
/*
 * report_rom: serves the Report session (<cn/session/report.h>) and the ROM
 * session: each ROM session shows the report its config's policy names,
 * and gets a new version and a signal whenever that report changes.
 *
 *   <config verbose="yes">
 *     <policy label="reader -> state" report="reporter -> state"/>
 *   </config>
 *
 * 'label' is a ROM session's label as it arrives (the reader's name, " ->
 * ", the module name it asked for), 'report' a Report session's label
 * (the reporter's name, " -> ", the label it gave). A ROM session without
 * a policy is refused (CN_ERR_DENIED); before its report exists, or after
 * its reporter is gone, a ROM shows an empty module (size 0) or the last
 * version it had. Two Report sessions with the same label: the second is
 * refused (CN_ERR_CONFLICT). A ROM client pays for its copy of the report:
 * a version larger than its session quota allows is not delivered (logged),
 * the old one stays.
 */
#include <cn/component.h>
#include <cn/rom_content.h>
#include <cn/server.h>
#include <cn/sys.h>
#include <cn/session/report.h>
#include <cn/session/rom.h>
#include <cn/util/args.h>
#include <cn/util/string.h>
#include <cn/util/xml.h>

#define MAX_POLICIES 16

struct policy { char label[96]; char report[96]; };

struct report {                 /* a Report session */
	uint32_t ds;
	char    *buf;               /* the client's buffer */
	uint32_t size, pages;
	char    *copy;              /* the current report */
	uint32_t len;
	int      valid;
	uint32_t charged;
};

struct rom {                    /* a ROM session */
	struct cn_rom_content content;   /* first: the ROM interface's ctx */
	const char *report;               /* the policy's report label */
	uint32_t    charged;
};

static struct policy policies[MAX_POLICIES];
static unsigned npolicies;
static int verbose;
static struct cn_service report_service, rom_service;

static const char *label_of(void *state) { return cn_server_session_of(state)->label; }

static struct report *find_report(const char *name)
{
	for (struct cn_server_session *s = report_service.sessions; s; s = s->next)
		if (!cn_strcmp(s->label, name))
			return (struct report *)s->state;
	return 0;
}

/* give a ROM session the report's current version (or an empty one);
 * quiet: the session is being created (its client retries with more quota) */
static int show(struct rom *r, const struct report *rep, int quiet)
{
	const char *data = rep && rep->valid ? rep->copy : "";
	uint32_t len = rep && rep->valid ? rep->len : 0;
	uint32_t cost = cn_rom_content_cost(len);
	if (len >= r->content.capacity && cost > r->charged) {
		int err = cn_server_charge(r, cost - r->charged, 0);
		if (err && !quiet) {
			cn_log("ROM \"%s\": a version of %u bytes exceeds its session quota: not delivered",
			       label_of(r), (unsigned)len);
		}
		if (err)
			return err;
		r->charged = cost;
	}
	int err = cn_rom_content_set(&r->content, data, len, 0);
	if (err)
		cn_log("ROM \"%s\": no memory for a version of %u bytes", label_of(r), (unsigned)len);
	return err;
}

static unsigned update_readers(const char *name, const struct report *rep)
{
	unsigned n = 0;
	for (struct cn_server_session *s = rom_service.sessions; s; s = s->next) {
		struct rom *r = (struct rom *)s->state;
		if (!cn_strcmp(r->report, name) && !show(r, rep, 0))
			n++;
	}
	return n;
}

/* ------------------------------------------------------------ Report */
static int rpc_dataspace(void *ctx, cn_cap_t *res)
{
	struct report *rep = ctx;
	res->name = rep->ds;
	return 0;
}

static int rpc_submit(void *ctx, uint32_t length, uint32_t *res)
{
	struct report *rep = ctx;
	(void)res;
	if (length > rep->size)
		return CN_ERR_INVALID;
	cn_memcpy(rep->copy, rep->buf, length);   /* the client may change its buffer meanwhile */
	rep->len = length;
	rep->valid = 1;
	unsigned n = update_readers(label_of(rep), rep);
	if (verbose)
		cn_log("report \"%s\": %u bytes, %u ROM session%s updated", label_of(rep),
		       (unsigned)length, n, n == 1 ? "" : "s");
	return 0;
}

static const struct cn_report_ops report_ops = { .dataspace = rpc_dataspace, .submit = rpc_submit };

static int report_create(void *ctx, const char *args, void *state)
{
	struct report *rep = state;
	unsigned long size = CN_REPORT_BUFFER_DEFAULT;
	(void)ctx;
	int err = cn_args_ulong(args, "buffer_size", &size);
	if ((err && err != CN_ERR_NOT_FOUND) || size == 0 || size > CN_REPORT_BUFFER_MAX)
		return CN_ERR_ARGS;
	for (struct cn_server_session *s = report_service.sessions; s; s = s->next)
		if ((void *)s->state != state && !cn_strcmp(s->label, label_of(rep))) {
			cn_log("a second report \"%s\": refused", label_of(rep));
			return CN_ERR_CONFLICT;
		}
	rep->size = (uint32_t)size;
	rep->pages = CN_REPORT_PAGES(rep->size);
	uint32_t cost = rep->pages + CN_DS_RAM_META + rep->size + 64u;
	if ((err = cn_server_charge(rep, cost, 1)))
		return err;
	rep->charged = cost;
	rep->buf = cn_ram_alloc_attach(rep->pages, 0, &rep->ds);
	rep->copy = rep->buf ? cn_malloc(rep->size) : 0;
	if (!rep->copy) {
		if (rep->buf)
			cn_ram_detach_free(rep->buf, rep->ds);
		cn_server_release(rep, cost, 1);
		return CN_ERR_EXHAUSTED;
	}
	if (verbose)
		cn_log("report \"%s\" opened (%u bytes)", label_of(rep), (unsigned)rep->size);
	return 0;
}

static void report_close(void *ctx, void *state)
{
	struct report *rep = state;
	(void)ctx;
	if (verbose)
		cn_log("report \"%s\" closed", label_of(rep));
	cn_ram_detach_free(rep->buf, rep->ds);
	cn_free(rep->copy);
	cn_server_release(rep, rep->charged, 1);
}

static struct cn_service report_service = {
	.name = CN_REPORT_SERVICE, .session_size = sizeof(struct report),
	.ram_cost = CN_REPORT_SESSION_STATE, .cap_cost = 0,
	.dispatch = cn_report_dispatch_any, .ops = &report_ops,
	.create = report_create, .close = report_close,
};

/* ------------------------------------------------------------ ROM */
static int rom_create(void *ctx, const char *args, void *state)
{
	struct rom *r = state;
	(void)ctx; (void)args;
	for (unsigned i = 0; i < npolicies && !r->report; i++)
		if (!cn_strcmp(policies[i].label, label_of(r)))
			r->report = policies[i].report;
	if (!r->report) {
		cn_log("no policy for ROM \"%s\": refused", label_of(r));
		return CN_ERR_DENIED;
	}
	int err = show(r, find_report(r->report), 1);
	if (err)
		cn_server_release(r, r->charged, 0);
	else if (verbose)
		cn_log("ROM \"%s\" shows report \"%s\"", label_of(r), r->report);
	return err;
}

static void rom_close(void *ctx, void *state)
{
	struct rom *r = state;
	(void)ctx;
	cn_rom_content_free(&r->content);
	cn_server_release(r, r->charged, 0);
}

static struct cn_service rom_service = {
	.name = CN_ROM_SERVICE, .session_size = sizeof(struct rom),
	.dispatch = cn_rom_dispatch_any, .ops = &cn_rom_content_ops,
	.create = rom_create, .close = rom_close,
};

/* ------------------------------------------------------------ start-up */
static void read_config(void)
{
	const void *data;
	uint32_t size, rom;
	static uint64_t arena[2048];
	struct cn_xml_doc doc;
	struct cn_xml_error xerr;
	int err = cn_rom_attach("config", &data, &size, &rom);
	if (err) {
		cn_log("no config: %s", cn_strerror(err));
		cn_exit(1);
	}
	if (cn_xml_parse(&doc, data, size, arena, sizeof(arena), &xerr)) {
		cn_log("config:%u:%u: error: malformed XML: %s", xerr.line, xerr.column, xerr.msg);
		cn_exit(1);
	}
	const struct cn_xml_node *root = cn_xml_root(&doc);
	char yes[8];
	verbose = cn_xml_attr_str(root, "verbose", yes, sizeof(yes)) && !cn_strcmp(yes, "yes");
	for (const struct cn_xml_node *n = cn_xml_first_child(root, "policy"); n;
	     n = cn_xml_next_sibling(n, "policy")) {
		struct policy *p = &policies[npolicies];
		if (npolicies == MAX_POLICIES) {
			cn_log("config:%u: error: more than %d policies", n->line, MAX_POLICIES);
			break;
		}
		if (!cn_xml_attr_str(n, "label", p->label, sizeof(p->label)) ||
		    !cn_xml_attr_str(n, "report", p->report, sizeof(p->report))) {
			cn_log("config:%u: error: <policy> needs the attributes 'label' and 'report'",
			       n->line);
			continue;
		}
		npolicies++;
	}
	cn_rom_detach_close(data, rom);
}

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	read_config();
	int err = cn_server_announce(&report_service);
	if (!err)
		err = cn_server_announce(&rom_service);
	if (err) {
		cn_log("cannot announce: %s", cn_strerror(err));
		cn_exit(1);
	}
	cn_log("%u polic%s; serving Report and ROM", npolicies, npolicies == 1 ? "y" : "ies");
}
