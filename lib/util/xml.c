/* SPDX-License-Identifier: MIT */
/*
 * XML configuration parser (see cn/util/xml.h). Iterative: the chain of open
 * nodes is the stack, so deep nesting is a reported error, never a stack
 * overflow. Every read is checked against the text length.
 */
#include <stdarg.h>
#include <cn/util/xml.h>
#include <cn/util/format.h>
#include <cn/util/number.h>

struct parser {
	const char *t;
	size_t      len, pos;
	unsigned    line;
	size_t      line_start;
	char       *arena;
	size_t      arena_size, used;
	struct cn_xml_doc   *doc;
	struct cn_xml_error *err;
};

struct mark { size_t pos, line_start; unsigned line; };

static struct mark mark(const struct parser *p)
{
	struct mark m = { p->pos, p->line_start, p->line };
	return m;
}

static void reset(struct parser *p, struct mark m)
{
	p->pos = m.pos;
	p->line_start = m.line_start;
	p->line = m.line;
}

/* the character at pos + off, or -1 beyond the end */
static int peek(const struct parser *p, size_t off)
{
	return off < p->len - p->pos ? (unsigned char)p->t[p->pos + off] : -1;
}

static void adv(struct parser *p)
{
	if (p->t[p->pos] == '\n') {
		p->line++;
		p->line_start = p->pos + 1;
	}
	p->pos++;
}

static void adv_n(struct parser *p, size_t n)
{
	while (n-- && p->pos < p->len)
		adv(p);
}

static bool starts(const struct parser *p, const char *s)
{
	size_t i = 0;
	for (; s[i]; i++)
		if (peek(p, i) != (unsigned char)s[i])
			return false;
	return true;
}

/* skip to just after the terminator s; false (at the end) if it is missing */
static bool skip_past(struct parser *p, const char *s)
{
	while (p->pos < p->len) {
		if (starts(p, s)) {
			while (*s++)
				adv(p);
			return true;
		}
		adv(p);
	}
	return false;
}

static bool is_ws(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static bool is_name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

static bool is_name_char(int c)
{
	return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static bool skip_ws(struct parser *p)
{
	bool any = false;
	while (is_ws(peek(p, 0))) {
		adv(p);
		any = true;
	}
	return any;
}

static struct cn_xml_str scan_name(struct parser *p)
{
	struct cn_xml_str s = { p->t + p->pos, 0 };
	while (is_name_char(peek(p, 0))) {
		p->pos++;               /* names contain no newline */
		s.len++;
	}
	return s;
}

/* length of a name for an error message */
static int nl(struct cn_xml_str s) { return s.len > 40 ? 40 : (int)s.len; }

static int fail(struct parser *p, const char *fmt, ...)
{
	if (p->err) {
		p->err->line = p->line;
		p->err->column = (unsigned)(p->pos - p->line_start + 1);
		p->err->offset = p->pos;
		va_list ap;
		va_start(ap, fmt);
		cn_vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
		va_end(ap);
	}
	return CN_ERR_INVALID;
}

static void *alloc(struct parser *p, size_t size)
{
	uintptr_t a = (uintptr_t)(p->arena + p->used);
	size_t pad = (size_t)(-a & (sizeof(uint64_t) - 1));
	if (pad > p->arena_size - p->used || size > p->arena_size - p->used - pad)
		return NULL;
	void *r = p->arena + p->used + pad;
	p->used += pad + size;
	return r;
}

static int out_of_memory(struct parser *p)
{
	fail(p, "out of memory (arena of %zu bytes too small)", p->arena_size);
	return CN_ERR_EXHAUSTED;
}

/* Length of the entity at s[0..len) (which starts with '&'), its code point
 * in *cp; 0 if it is not a valid entity. */
static size_t entity(const char *s, size_t len, uint32_t *cp)
{
	static const struct { const char *name; char c; } named[] = {
		{ "lt;", '<' }, { "gt;", '>' }, { "amp;", '&' }, { "quot;", '"' }, { "apos;", '\'' },
	};
	for (unsigned i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		size_t n = 0;
		while (named[i].name[n] && 1 + n < len && s[1 + n] == named[i].name[n])
			n++;
		if (!named[i].name[n]) {
			*cp = (unsigned char)named[i].c;
			return 1 + n;
		}
	}
	if (len < 4 || s[1] != '#')
		return 0;
	size_t i = 2;
	unsigned base = 10;
	if (s[2] == 'x') {
		base = 16;
		i = 3;
	}
	uint32_t v = 0;
	size_t digits = 0;
	for (; i < len && s[i] != ';'; i++, digits++) {
		char c = s[i];
		unsigned d;
		if (c >= '0' && c <= '9') d = (unsigned)(c - '0');
		else if (base == 16 && c >= 'a' && c <= 'f') d = (unsigned)(c - 'a') + 10;
		else if (base == 16 && c >= 'A' && c <= 'F') d = (unsigned)(c - 'A') + 10;
		else return 0;
		v = v * base + d;
		if (v > 0x10ffff)
			return 0;
	}
	if (i >= len || !digits || v == 0 || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return i + 1;
}

int cn_xml_decode(const char *src, size_t len, char *buf, size_t size)
{
	size_t o = 0;
	bool fits = true;
	for (size_t i = 0; i < len;) {
		char enc[4];
		size_t n = 1;
		if (src[i] != '&') {
			enc[0] = src[i++];
		} else {
			uint32_t cp;
			size_t el = entity(src + i, len - i, &cp);
			if (!el) {
				if (size)
					buf[0] = 0;
				return CN_ERR_INVALID;
			}
			i += el;
			if (cp < 0x80) {
				enc[0] = (char)cp;
			} else if (cp < 0x800) {
				enc[0] = (char)(0xc0 | (cp >> 6));
				enc[1] = (char)(0x80 | (cp & 0x3f));
				n = 2;
			} else if (cp < 0x10000) {
				enc[0] = (char)(0xe0 | (cp >> 12));
				enc[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
				enc[2] = (char)(0x80 | (cp & 0x3f));
				n = 3;
			} else {
				enc[0] = (char)(0xf0 | (cp >> 18));
				enc[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
				enc[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
				enc[3] = (char)(0x80 | (cp & 0x3f));
				n = 4;
			}
		}
		for (size_t k = 0; k < n; k++, o++) {
			if (o + 1 < size)
				buf[o] = enc[k];
			else
				fits = false;
		}
	}
	if (size)
		buf[o < size ? o : size - 1] = 0;
	if (!fits || o > 0x7fffffff)
		return CN_ERR_NOSPACE;
	return (int)o;
}

static bool str_eq(struct cn_xml_str a, struct cn_xml_str b)
{
	if (a.len != b.len)
		return false;
	for (size_t i = 0; i < a.len; i++)
		if (a.ptr[i] != b.ptr[i])
			return false;
	return true;
}

static int parse_attr(struct parser *p, struct cn_xml_node *n)
{
	struct mark at = mark(p);
	struct cn_xml_str name = scan_name(p);
	skip_ws(p);
	if (peek(p, 0) != '=')
		return fail(p, "expected '=' after attribute name '%.*s'", nl(name), name.ptr);
	adv(p);
	skip_ws(p);
	if (peek(p, 0) != '"')
		return fail(p, "expected '\"' to start the value of attribute '%.*s'",
		            nl(name), name.ptr);
	adv(p);
	struct cn_xml_str value = { p->t + p->pos, 0 };
	for (;;) {
		int c = peek(p, 0);
		if (c < 0) {
			reset(p, at);
			return fail(p, "unterminated value of attribute '%.*s'", nl(name), name.ptr);
		}
		if (c == '"')
			break;
		if (c == '<')
			return fail(p, "'<' in value of attribute '%.*s'", nl(name), name.ptr);
		if (c == '&') {
			uint32_t cp;
			if (!entity(p->t + p->pos, p->len - p->pos, &cp))
				return fail(p, "invalid entity in value of attribute '%.*s'",
				            nl(name), name.ptr);
		}
		adv(p);
		value.len++;
	}
	adv(p);                                    /* closing quote */
	for (struct cn_xml_attr *a = n->attrs; a; a = a->next)
		if (str_eq(a->name, name)) {
			reset(p, at);
			return fail(p, "duplicate attribute '%.*s'", nl(name), name.ptr);
		}
	struct cn_xml_attr *a = alloc(p, sizeof(*a));
	if (!a)
		return out_of_memory(p);
	a->name = name;
	a->value = value;
	a->line = at.line;
	a->next = NULL;
	/* append, keeping source order */
	struct cn_xml_attr **link = &n->attrs;
	while (*link)
		link = &(*link)->next;
	*link = a;
	n->num_attrs++;
	p->doc->num_attrs++;
	return 0;
}

/* at '<' of a start tag: parse it and link the node below parent */
static int parse_start_tag(struct parser *p, struct cn_xml_node *parent,
                           struct cn_xml_node **out)
{
	unsigned depth = parent ? parent->depth + 1 : 0;
	if (depth >= CN_XML_MAX_DEPTH)
		return fail(p, "nodes nested deeper than %d levels", CN_XML_MAX_DEPTH);
	if (!is_name_start(peek(p, 1))) {
		adv(p);
		return fail(p, "expected node name after '<'");
	}
	struct cn_xml_node *n = alloc(p, sizeof(*n));
	if (!n)
		return out_of_memory(p);
	n->span.ptr = p->t + p->pos;
	n->span.len = 0;
	n->content.len = 0;
	n->first_child = n->last_child = n->next = NULL;
	n->attrs = NULL;
	n->num_attrs = n->num_children = 0;
	n->self_closing = false;
	n->line = p->line;
	n->depth = depth;
	n->parent = parent;
	adv(p);
	n->name = scan_name(p);
	for (;;) {
		bool ws = skip_ws(p);
		int c = peek(p, 0);
		if (c < 0)
			return fail(p, "unexpected end of input in start tag <%.*s",
			            nl(n->name), n->name.ptr);
		if (c == '>') {
			adv(p);
			break;
		}
		if (c == '/') {
			adv(p);
			if (peek(p, 0) != '>')
				return fail(p, "expected '>' after '/'");
			adv(p);
			n->self_closing = true;
			break;
		}
		if (is_name_start(c)) {
			if (!ws)
				return fail(p, "expected whitespace before attribute");
			int r = parse_attr(p, n);
			if (r)
				return r;
			continue;
		}
		if (n->num_attrs)
			return fail(p, "expected '>' after attribute");
		return fail(p, "expected attribute or '>' in start tag <%.*s>",
		            nl(n->name), n->name.ptr);
	}
	n->content.ptr = p->t + p->pos;
	if (n->self_closing)
		n->span.len = (size_t)(p->t + p->pos - n->span.ptr);
	if (parent) {
		if (parent->last_child)
			parent->last_child->next = n;
		else
			parent->first_child = n;
		parent->last_child = n;
		parent->num_children++;
	}
	p->doc->num_nodes++;
	*out = n;
	return 0;
}

/* comments and (before the root) processing instructions; false: none */
static int skip_misc(struct parser *p, bool allow_pi, bool *skipped)
{
	*skipped = false;
	if (starts(p, "<!--")) {
		struct mark m = mark(p);
		adv_n(p, 4);
		if (!skip_past(p, "-->")) {
			reset(p, m);
			return fail(p, "unterminated comment");
		}
		*skipped = true;
	} else if (allow_pi && starts(p, "<?")) {
		struct mark m = mark(p);
		if (!skip_past(p, "?>")) {
			reset(p, m);
			return fail(p, "unterminated processing instruction");
		}
		*skipped = true;
	}
	return 0;
}

static int parse_doc(struct parser *p)
{
	if (starts(p, "\xef\xbb\xbf"))             /* UTF-8 byte order mark */
		p->pos += 3, p->line_start = 3;
	for (;;) {
		bool skipped;
		skip_ws(p);
		int r = skip_misc(p, true, &skipped);
		if (r)
			return r;
		if (!skipped)
			break;
	}
	if (peek(p, 0) < 0)
		return fail(p, "no root node");
	if (starts(p, "<!"))
		return fail(p, "DTD and declarations are not supported");
	if (peek(p, 0) != '<')
		return fail(p, "expected '<' of the root node");

	struct cn_xml_node *root, *cur = NULL;
	int r = parse_start_tag(p, NULL, &root);
	if (r)
		return r;
	if (!root->self_closing)
		cur = root;
	while (cur) {
		while (p->pos < p->len && p->t[p->pos] != '<')
			adv(p);
		if (p->pos >= p->len)
			return fail(p, "unexpected end of input, <%.*s> from line %u is not closed",
			            nl(cur->name), cur->name.ptr, cur->line);
		bool skipped;
		r = skip_misc(p, false, &skipped);
		if (r)
			return r;
		if (skipped)
			continue;
		if (starts(p, "<![CDATA[")) {
			struct mark m = mark(p);
			if (!skip_past(p, "]]>")) {
				reset(p, m);
				return fail(p, "unterminated CDATA section");
			}
			continue;
		}
		if (starts(p, "<!"))
			return fail(p, "declarations are not supported");
		if (starts(p, "<?"))
			return fail(p, "processing instruction inside a node");
		if (starts(p, "</")) {
			struct mark m = mark(p);
			const char *end_start = p->t + p->pos;
			adv_n(p, 2);
			struct cn_xml_str name = scan_name(p);
			if (!str_eq(name, cur->name)) {
				reset(p, m);
				return fail(p, "mismatched end tag </%.*s>, expected </%.*s>",
				            nl(name), name.ptr, nl(cur->name), cur->name.ptr);
			}
			skip_ws(p);
			if (peek(p, 0) != '>')
				return fail(p, "expected '>' in end tag </%.*s>", nl(name), name.ptr);
			adv(p);
			cur->content.len = (size_t)(end_start - cur->content.ptr);
			cur->span.len = (size_t)(p->t + p->pos - cur->span.ptr);
			cur = cur->parent;
			continue;
		}
		struct cn_xml_node *n;
		r = parse_start_tag(p, cur, &n);
		if (r)
			return r;
		if (!n->self_closing)
			cur = n;
	}
	for (;;) {
		bool skipped;
		skip_ws(p);
		if (peek(p, 0) < 0)
			break;
		r = skip_misc(p, false, &skipped);
		if (r)
			return r;
		if (!skipped)
			return fail(p, "junk after root node");
	}
	p->doc->root = root;
	return 0;
}

int cn_xml_parse(struct cn_xml_doc *doc, const char *text, size_t len,
                 void *arena, size_t arena_size, struct cn_xml_error *err)
{
	struct parser p = { text, len, 0, 1, 0, arena, arena_size, 0, doc, err };
	doc->text = text;
	doc->len = len;
	doc->root = NULL;
	doc->num_nodes = doc->num_attrs = 0;
	if (err) {
		err->line = err->column = 0;
		err->offset = 0;
		err->msg[0] = 0;
	}
	int r = parse_doc(&p);
	doc->arena_used = p.used;
	if (r)
		doc->root = NULL;
	return r;
}

bool cn_xml_str_eq(struct cn_xml_str s, const char *c)
{
	size_t i = 0;
	for (; i < s.len; i++)
		if (!c[i] || c[i] != s.ptr[i])
			return false;
	return c[i] == 0;
}

bool cn_xml_node_has_type(const struct cn_xml_node *n, const char *type)
{
	return n && cn_xml_str_eq(n->name, type);
}

static const struct cn_xml_node *matching(const struct cn_xml_node *n, const char *type)
{
	while (n && type && !cn_xml_str_eq(n->name, type))
		n = n->next;
	return n;
}

const struct cn_xml_node *cn_xml_first_child(const struct cn_xml_node *n, const char *type)
{
	return n ? matching(n->first_child, type) : NULL;
}

const struct cn_xml_node *cn_xml_next_sibling(const struct cn_xml_node *n, const char *type)
{
	return n ? matching(n->next, type) : NULL;
}

size_t cn_xml_num_children(const struct cn_xml_node *n, const char *type)
{
	size_t count = 0;
	for (const struct cn_xml_node *c = cn_xml_first_child(n, type); c;
	     c = cn_xml_next_sibling(c, type))
		count++;
	return count;
}

const struct cn_xml_attr *cn_xml_attr(const struct cn_xml_node *n, const char *name)
{
	for (const struct cn_xml_attr *a = n ? n->attrs : NULL; a; a = a->next)
		if (cn_xml_str_eq(a->name, name))
			return a;
	return NULL;
}

bool cn_xml_has_attr(const struct cn_xml_node *n, const char *name)
{
	return cn_xml_attr(n, name) != NULL;
}

bool cn_xml_attr_eq(const struct cn_xml_node *n, const char *name, const char *c)
{
	const struct cn_xml_attr *a = cn_xml_attr(n, name);
	return a && cn_xml_str_eq(a->value, c);
}

bool cn_xml_attr_str(const struct cn_xml_node *n, const char *name, char *buf, size_t size)
{
	const struct cn_xml_attr *a = cn_xml_attr(n, name);
	if (!a) {
		if (size)
			buf[0] = 0;
		return false;
	}
	return cn_xml_decode(a->value.ptr, a->value.len, buf, size) >= 0;
}

bool cn_xml_attr_u64(const struct cn_xml_node *n, const char *name, uint64_t *v)
{
	const struct cn_xml_attr *a = cn_xml_attr(n, name);
	return a && cn_parse_u64(a->value.ptr, a->value.len, v, CN_NUM_SUFFIX) == 0;
}

bool cn_xml_attr_ulong(const struct cn_xml_node *n, const char *name, unsigned long *v)
{
	const struct cn_xml_attr *a = cn_xml_attr(n, name);
	return a && cn_parse_ulong(a->value.ptr, a->value.len, v, CN_NUM_SUFFIX) == 0;
}

bool cn_xml_attr_bool(const struct cn_xml_node *n, const char *name, bool def)
{
	const struct cn_xml_attr *a = cn_xml_attr(n, name);
	if (!a)
		return def;
	if (cn_xml_str_eq(a->value, "yes") || cn_xml_str_eq(a->value, "true") ||
	    cn_xml_str_eq(a->value, "1"))
		return true;
	if (cn_xml_str_eq(a->value, "no") || cn_xml_str_eq(a->value, "false") ||
	    cn_xml_str_eq(a->value, "0"))
		return false;
	return def;
}
