/* SPDX-License-Identifier: MIT */
/*
 * Parsing the board's device description and the platform component's
 * policies (see devices.h): XML in, fixed tables out, every problem
 * reported with its line. No allocation, no system calls.
 */
#include <cn/util/xml.h>
#include <cn/util/format.h>
#include <cn/util/string.h>
#include "devices.h"

struct parser {
	pf_report_fn report;
	void        *ctx;
	int          problems;
};

static void problem(struct parser *p, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct parser *p, unsigned line, const char *fmt, ...)
{
	char msg[160];
	va_list ap;
	va_start(ap, fmt);
	cn_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p->problems++;
	if (p->report)
		p->report(p->ctx, line, msg);
}

static void str_of(struct cn_xml_str s, char *buf, size_t size)
{
	size_t n = s.len < size - 1 ? s.len : size - 1;
	cn_memcpy(buf, s.ptr, n);
	buf[n] = 0;
}

static bool parse_xml(struct parser *p, struct cn_xml_doc *doc, const char *text, size_t len,
                      void *arena, size_t arena_size, const char *root)
{
	struct cn_xml_error e;
	if (cn_xml_parse(doc, text, len, arena, arena_size, &e)) {
		problem(p, e.line, "%s", e.msg);
		return false;
	}
	if (!cn_xml_node_has_type(doc->root, root)) {
		char n[PF_NAME_MAX];
		str_of(doc->root->name, n, sizeof(n));
		problem(p, doc->root->line, "the top node is <%s>, expected <%s>", n, root);
		return false;
	}
	return true;
}

static void unknown_node(struct parser *p, const struct cn_xml_node *n, const char *where)
{
	char nn[PF_NAME_MAX];
	str_of(n->name, nn, sizeof(nn));
	problem(p, n->line, "unknown node <%s> in %s", nn, where);
}

/* every attribute of n is one of 'known' (NULL-terminated) */
static bool known_attrs(struct parser *p, const struct cn_xml_node *n, const char *const *known)
{
	for (const struct cn_xml_attr *a = n->attrs; a; a = a->next) {
		bool ok = false;
		for (const char *const *k = known; *k && !ok; k++)
			ok = cn_xml_str_eq(a->name, *k);
		if (!ok) {
			char an[PF_NAME_MAX], nn[PF_NAME_MAX];
			str_of(a->name, an, sizeof(an));
			str_of(n->name, nn, sizeof(nn));
			problem(p, a->line, "unknown attribute '%s' of <%s>", an, nn);
			return false;
		}
	}
	return true;
}

/* a required name-like attribute into buf (non-empty, fits) */
static bool name_attr(struct parser *p, const struct cn_xml_node *n, const char *attr,
                      char *buf, size_t size)
{
	char nn[PF_NAME_MAX];
	str_of(n->name, nn, sizeof(nn));
	if (!cn_xml_has_attr(n, attr)) {
		problem(p, n->line, "<%s> needs the attribute '%s'", nn, attr);
		return false;
	}
	if (!cn_xml_attr_str(n, attr, buf, size) || !buf[0]) {
		problem(p, cn_xml_attr(n, attr)->line, "'%s' of <%s> is empty or longer than %u bytes",
		        attr, nn, (unsigned)size - 1);
		return false;
	}
	return true;
}

static bool number_attr(struct parser *p, const struct cn_xml_node *n, const char *attr,
                        uint64_t *v)
{
	char nn[PF_NAME_MAX];
	str_of(n->name, nn, sizeof(nn));
	if (!cn_xml_has_attr(n, attr)) {
		problem(p, n->line, "<%s> needs the attribute '%s'", nn, attr);
		return false;
	}
	if (!cn_xml_attr_u64(n, attr, v)) {
		problem(p, cn_xml_attr(n, attr)->line, "'%s' of <%s> is not a number", attr, nn);
		return false;
	}
	return true;
}

static bool too_many(struct parser *p, const struct cn_xml_node *n, uint32_t have, uint32_t max)
{
	if (have < max)
		return false;
	char nn[PF_NAME_MAX];
	str_of(n->name, nn, sizeof(nn));
	problem(p, n->line, "more than %u <%s> nodes in one device", (unsigned)max, nn);
	return true;
}

static bool parse_range(struct parser *p, const struct cn_xml_node *n, struct pf_device *d)
{
	static const char *const attrs[] = { "base", "size", 0 };
	uint64_t base, size;
	if (!known_attrs(p, n, attrs) || too_many(p, n, d->nranges, PF_RANGES_MAX) ||
	    !number_attr(p, n, "base", &base) || !number_attr(p, n, "size", &size))
		return false;
	if (!size || base > 0xffffffffu || size > 0x100000000ull - base) {
		problem(p, n->line, "MMIO range base=0x%llx size=0x%llx is empty or beyond 4 GiB",
		        (unsigned long long)base, (unsigned long long)size);
		return false;
	}
	d->range[d->nranges++] = (struct pf_range){ (uint32_t)base, (uint32_t)size };
	return true;
}

static bool parse_irq(struct parser *p, const struct cn_xml_node *n, struct pf_device *d)
{
	static const char *const attrs[] = { "number", 0 };
	uint64_t irq;
	if (!known_attrs(p, n, attrs) || too_many(p, n, d->nirqs, PF_IRQS_MAX) ||
	    !number_attr(p, n, "number", &irq))
		return false;
	if (irq >= PF_IRQ_LIMIT) {
		problem(p, n->line, "interrupt %llu is not below %u", (unsigned long long)irq,
		        PF_IRQ_LIMIT);
		return false;
	}
	for (uint32_t i = 0; i < d->nirqs; i++)
		if (d->irq[i] == irq) {
			problem(p, n->line, "interrupt %u listed twice", (unsigned)irq);
			return false;
		}
	d->irq[d->nirqs++] = (uint32_t)irq;
	return true;
}

static bool parse_domain(struct parser *p, const struct cn_xml_node *n, struct pf_device *d,
                         enum pf_domain_kind kind, const char *attr)
{
	const char *const attrs[] = { attr, 0 };
	if (!known_attrs(p, n, attrs) || too_many(p, n, d->ndomains, PF_DOMAINS_MAX))
		return false;
	struct pf_domain *dom = &d->domain[d->ndomains];
	dom->kind = kind;
	if (!name_attr(p, n, attr, dom->name, sizeof(dom->name)))
		return false;
	d->ndomains++;
	return true;
}

static bool parse_device(struct parser *p, const struct cn_xml_node *n, struct pf_device *d)
{
	static const char *const attrs[] = { "name", 0 };
	cn_memset(d, 0, sizeof(*d));
	d->line = n->line;
	if (!known_attrs(p, n, attrs) || !name_attr(p, n, "name", d->name, sizeof(d->name)))
		return false;
	for (const struct cn_xml_node *c = cn_xml_first_child(n, 0); c;
	     c = cn_xml_next_sibling(c, 0)) {
		bool ok;
		if (cn_xml_node_has_type(c, "compatible")) {
			static const char *const cattrs[] = { "name", 0 };
			ok = known_attrs(p, c, cattrs) && !too_many(p, c, d->ncompat, PF_COMPAT_MAX) &&
			     name_attr(p, c, "name", d->compatible[d->ncompat], PF_NAME_MAX);
			if (ok)
				d->ncompat++;
		} else if (cn_xml_node_has_type(c, "io_mem"))
			ok = parse_range(p, c, d);
		else if (cn_xml_node_has_type(c, "irq"))
			ok = parse_irq(p, c, d);
		else if (cn_xml_node_has_type(c, "clock"))
			ok = parse_domain(p, c, d, PF_DOMAIN_CLOCK, "name");
		else if (cn_xml_node_has_type(c, "power"))
			ok = parse_domain(p, c, d, PF_DOMAIN_POWER, "domain");
		else if (cn_xml_node_has_type(c, "reset"))
			ok = parse_domain(p, c, d, PF_DOMAIN_RESET, "domain");
		else {
			char where[PF_NAME_MAX + 16];
			cn_snprintf(where, sizeof(where), "device \"%s\"", d->name);
			unknown_node(p, c, where);
			ok = false;
		}
		if (!ok)
			return false;
	}
	if (!d->ncompat) {
		problem(p, n->line, "device \"%s\" has no <compatible>", d->name);
		return false;
	}
	return true;
}

/* d (just parsed) against the devices before it: unique name, no overlap */
static bool consistent(struct parser *p, const struct pf_devices *out, const struct pf_device *d)
{
	for (uint32_t i = 0; i < out->count; i++) {
		const struct pf_device *o = &out->dev[i];
		if (!cn_strcmp(o->name, d->name)) {
			problem(p, d->line, "device name \"%s\" already used in line %u", d->name, o->line);
			return false;
		}
		for (uint32_t a = 0; a < d->nranges; a++)
			for (uint32_t b = 0; b < o->nranges; b++) {
				uint64_t ab = d->range[a].base, ae = ab + d->range[a].size;
				uint64_t bb = o->range[b].base, be = bb + o->range[b].size;
				if (ab < be && bb < ae) {
					problem(p, d->line, "MMIO range of \"%s\" overlaps one of \"%s\"",
					        d->name, o->name);
					return false;
				}
			}
		for (uint32_t a = 0; a < d->nirqs; a++)
			for (uint32_t b = 0; b < o->nirqs; b++)
				if (d->irq[a] == o->irq[b]) {
					problem(p, d->line, "interrupt %u of \"%s\" is also \"%s\"'s",
					        (unsigned)d->irq[a], d->name, o->name);
					return false;
				}
	}
	return true;
}

int pf_devices_parse(struct pf_devices *out, const char *text, size_t len, void *arena,
                     size_t arena_size, pf_report_fn report, void *ctx)
{
	static const char *const attrs[] = { "board", 0 };
	struct parser p = { report, ctx, 0 };
	struct cn_xml_doc doc;
	out->count = 0;
	out->board[0] = 0;
	if (!parse_xml(&p, &doc, text, len, arena, arena_size, "devices") ||
	    !known_attrs(&p, doc.root, attrs))
		return CN_ERR_INVALID;
	if (cn_xml_has_attr(doc.root, "board") &&
	    !name_attr(&p, doc.root, "board", out->board, sizeof(out->board)))
		return CN_ERR_INVALID;
	for (const struct cn_xml_node *n = cn_xml_first_child(doc.root, 0); n;
	     n = cn_xml_next_sibling(n, 0)) {
		if (!cn_xml_node_has_type(n, "device")) {
			unknown_node(&p, n, "<devices>");
			return CN_ERR_INVALID;
		}
		if (out->count == PF_DEVICES_MAX) {
			problem(&p, n->line, "more than %u devices", PF_DEVICES_MAX);
			return CN_ERR_INVALID;
		}
		struct pf_device *d = &out->dev[out->count];
		if (!parse_device(&p, n, d) || !consistent(&p, out, d))
			return CN_ERR_INVALID;
		out->count++;
	}
	return 0;
}

int pf_device_find(const struct pf_devices *d, const char *name)
{
	for (uint32_t i = 0; i < d->count; i++)
		if (!cn_strcmp(d->dev[i].name, name))
			return (int)i;
	return -1;
}

/* ------------------------------------------------------------ policies */
static bool parse_policy(struct parser *p, const struct pf_devices *devs,
                         const struct cn_xml_node *n, struct pf_policy *pol)
{
	static const char *const attrs[] = { "label", "label_prefix", "label_suffix", 0 };
	static const char *const keys[] = { "label", "label_prefix", "label_suffix" };
	cn_memset(pol, 0, sizeof(*pol));
	pol->line = n->line;
	if (!known_attrs(p, n, attrs))
		return false;
	int found = 0;
	for (int k = 0; k < 3; k++)
		if (cn_xml_has_attr(n, keys[k])) {
			found++;
			pol->how = (enum pf_match)k;
			if (!cn_xml_attr_str(n, keys[k], pol->label, sizeof(pol->label))) {
				problem(p, n->line, "'%s' of <policy> is longer than %u bytes", keys[k],
				        PF_LABEL_MAX - 1);
				return false;
			}
		}
	if (found != 1) {
		problem(p, n->line, "<policy> needs exactly one of label, label_prefix, label_suffix");
		return false;
	}
	bool ok = true;
	for (const struct cn_xml_node *c = cn_xml_first_child(n, 0); c;
	     c = cn_xml_next_sibling(c, 0)) {
		static const char *const dattrs[] = { "name", 0 };
		char name[PF_NAME_MAX];
		if (!cn_xml_node_has_type(c, "device")) {
			unknown_node(p, c, "<policy>");
			ok = false;
			continue;
		}
		if (!known_attrs(p, c, dattrs) || !name_attr(p, c, "name", name, sizeof(name))) {
			ok = false;
			continue;
		}
		int i = pf_device_find(devs, name);
		if (i < 0) {
			problem(p, c->line, "policy for \"%s\" names unknown device \"%s\"", pol->label,
			        name);
			ok = false;
			continue;
		}
		pol->devices |= 1ull << i;
	}
	return ok;
}

int pf_config_parse(struct pf_config *out, const struct pf_devices *devs, const char *text,
                    size_t len, void *arena, size_t arena_size, pf_report_fn report, void *ctx)
{
	struct parser p = { report, ctx, 0 };
	struct cn_xml_doc doc;
	out->count = 0;
	if (!parse_xml(&p, &doc, text, len, arena, arena_size, "config"))
		return p.problems;
	for (const struct cn_xml_node *n = cn_xml_first_child(doc.root, 0); n;
	     n = cn_xml_next_sibling(n, 0)) {
		if (!cn_xml_node_has_type(n, "policy")) {
			unknown_node(&p, n, "<config>");
			continue;
		}
		if (out->count == PF_POLICIES_MAX) {
			problem(&p, n->line, "more than %u policies", PF_POLICIES_MAX);
			break;
		}
		if (parse_policy(&p, devs, n, &out->policy[out->count]))
			out->count++;
	}
	return p.problems;
}

static bool matches(const struct pf_policy *pol, const char *label, size_t *len)
{
	size_t n = cn_strlen(pol->label), l = cn_strlen(label);
	*len = n;
	switch (pol->how) {
	case PF_MATCH_LABEL:  return !cn_strcmp(pol->label, label);
	case PF_MATCH_PREFIX: return n <= l && !cn_memcmp(pol->label, label, n);
	case PF_MATCH_SUFFIX: return n <= l && !cn_memcmp(pol->label, label + l - n, n);
	}
	return false;
}

const struct pf_policy *pf_policy_match(const struct pf_config *c, const char *label)
{
	const struct pf_policy *best = 0;
	size_t best_len = 0;
	for (uint32_t i = 0; i < c->count; i++) {
		size_t n;
		if (!matches(&c->policy[i], label, &n))
			continue;
		if (c->policy[i].how == PF_MATCH_LABEL)
			return &c->policy[i];
		if (!best || n > best_len) {
			best = &c->policy[i];
			best_len = n;
		}
	}
	return best;
}
