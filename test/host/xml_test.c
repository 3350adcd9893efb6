/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the XML parser: the example init config, spans, entities,
 * error messages and positions, arena exhaustion, depth limit, and input
 * that is not NUL-terminated.
 */
#include <string.h>
#include <stdint.h>
#include <cn/util/xml.h>
#include "check.h"

static uint64_t arena[16384];

static const char init_config[] =
"<config verbose=\"yes\">\n"
"\t<parent-provides>\n"
"\t\t<service name=\"ROM\"/>\n"
"\t\t<service name=\"LOG\"/>\n"
"\t</parent-provides>\n"
"\t<default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>\n"
"\t<default caps=\"100\"/>\n"
"\t<start name=\"timer\" caps=\"120\" priority=\"0\">\n"
"\t\t<resource name=\"RAM\" quantum=\"1M\"/>\n"
"\t\t<resource name=\"CPU\" quantum=\"10\"/>\n"
"\t\t<provides><service name=\"Timer\"/></provides>\n"
"\t\t<route> <service name=\"LOG\" label_prefix=\"app\"> <child name=\"log\"/> </service> <any-service> <parent/> </any-service> </route>\n"
"\t\t<config> <tick ms=\"10\"/> text &amp; more </config>\n"
"\t</start>\n"
"</config>\n";

static int parse(struct cn_xml_doc *doc, const char *s, struct cn_xml_error *err)
{
	return cn_xml_parse(doc, s, strlen(s), arena, sizeof(arena), err);
}

static bool span_is(struct cn_xml_str s, const char *c)
{
	return s.len == strlen(c) && memcmp(s.ptr, c, s.len) == 0;
}

static void init_config_tree(void)
{
	struct cn_xml_doc doc;
	struct cn_xml_error err;
	CN_CHECK_EQ(parse(&doc, init_config, &err), 0);
	const struct cn_xml_node *root = cn_xml_root(&doc);
	CN_CHECK(cn_xml_node_has_type(root, "config"));
	CN_CHECK(cn_xml_attr_bool(root, "verbose", false));
	CN_CHECK_EQ(root->num_children, 4u);
	CN_CHECK_EQ(doc.num_nodes, 21u);
	const struct cn_xml_node *pp = cn_xml_first_child(root, "parent-provides");
	CN_CHECK_EQ(cn_xml_num_children(pp, "service"), 2u);
	char buf[32];
	CN_CHECK(cn_xml_attr_str(cn_xml_first_child(pp, NULL), "name", buf, sizeof(buf)));
	CN_CHECK_STR(buf, "ROM");
	const struct cn_xml_node *start = cn_xml_first_child(root, "start");
	CN_CHECK(start && start->line == 8);
	CN_CHECK(cn_xml_attr_eq(start, "name", "timer"));
	unsigned long caps = 0, prio = 99, q = 0;
	CN_CHECK(cn_xml_attr_ulong(start, "caps", &caps) && caps == 120);
	CN_CHECK(cn_xml_attr_ulong(start, "priority", &prio) && prio == 0);
	CN_CHECK(!cn_xml_attr_ulong(start, "name", &q));          /* not a number */
	CN_CHECK(!cn_xml_attr_ulong(start, "missing", &q));
	const struct cn_xml_node *res = cn_xml_first_child(start, "resource");
	CN_CHECK(cn_xml_attr_ulong(res, "quantum", &q) && q == 1024 * 1024);
	res = cn_xml_next_sibling(res, "resource");
	CN_CHECK(cn_xml_attr_ulong(res, "quantum", &q) && q == 10);
	CN_CHECK(cn_xml_next_sibling(res, "resource") == NULL);
	CN_CHECK(res->parent == start && res->depth == 2);
	const struct cn_xml_node *route = cn_xml_first_child(start, "route");
	const struct cn_xml_node *svc = cn_xml_first_child(route, "service");
	CN_CHECK(cn_xml_attr_eq(svc, "label_prefix", "app"));
	CN_CHECK(cn_xml_node_has_type(cn_xml_first_child(svc, NULL), "child"));
	const struct cn_xml_node *cfg = cn_xml_first_child(start, "config");
	CN_CHECK(span_is(cfg->span, "<config> <tick ms=\"10\"/> text &amp; more </config>"));
	CN_CHECK(span_is(cfg->content, " <tick ms=\"10\"/> text &amp; more "));
	CN_CHECK(cfg->line == 13);
	/* the start node's attributes are in source order with their lines */
	const struct cn_xml_attr *a = start->attrs;
	CN_CHECK(a && span_is(a->name, "name") && a->line == 8);
	CN_CHECK(a->next && span_is(a->next->name, "caps"));
	CN_CHECK_EQ(start->num_attrs, 3u);
	/* the root's span is the whole document except the final newline */
	CN_CHECK(root->span.ptr == init_config && root->span.len == strlen(init_config) - 1);
}

static void subtree_reparse(void)
{
	/* init hands a <config> span verbatim to a child, which parses it again */
	struct cn_xml_doc doc, sub;
	static uint64_t arena2[512];
	CN_CHECK_EQ(parse(&doc, init_config, NULL), 0);
	const struct cn_xml_node *cfg =
		cn_xml_first_child(cn_xml_first_child(cn_xml_root(&doc), "start"), "config");
	CN_CHECK_EQ(cn_xml_parse(&sub, cfg->span.ptr, cfg->span.len, arena2, sizeof(arena2), NULL), 0);
	const struct cn_xml_node *tick = cn_xml_first_child(cn_xml_root(&sub), "tick");
	unsigned long ms = 0;
	CN_CHECK(cn_xml_attr_ulong(tick, "ms", &ms) && ms == 10);
}

static void entities(void)
{
	struct cn_xml_doc doc;
	const char *s = "<a v=\"&lt;x&gt; &amp; &quot;q&quot; &apos;&#65;&#x42;&#xe9;\"/>";
	CN_CHECK_EQ(parse(&doc, s, NULL), 0);
	char buf[64];
	const struct cn_xml_node *a = cn_xml_root(&doc);
	CN_CHECK(span_is(cn_xml_attr(a, "v")->value,
	                 "&lt;x&gt; &amp; &quot;q&quot; &apos;&#65;&#x42;&#xe9;"));
	CN_CHECK(cn_xml_attr_str(a, "v", buf, sizeof(buf)));
	CN_CHECK_STR(buf, "<x> & \"q\" 'AB\xc3\xa9");
	CN_CHECK(!cn_xml_attr_str(a, "v", buf, 5));               /* too small */
	CN_CHECK_STR(buf, "<x> ");                                /* but terminated */
	CN_CHECK_EQ(cn_xml_decode("a&amp;b", 7, buf, 4), 3);
	CN_CHECK_EQ(cn_xml_decode("a&amp;b", 7, buf, 3), CN_ERR_NOSPACE);
	CN_CHECK_EQ(cn_xml_decode("&amp", 4, buf, sizeof(buf)), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_xml_decode("&#0;", 4, buf, sizeof(buf)), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_xml_decode("&#x110000;", 10, buf, sizeof(buf)), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_xml_decode("", 0, buf, sizeof(buf)), 0);
}

struct bad { const char *text; unsigned line, column; const char *msg; };

static void error_messages(void)
{
	static const struct bad cases[] = {
		{ "<a b=\"1\" c>", 1, 11, "expected '=' after attribute name 'c'" },
		{ "<a b=\"1\"/ >", 1, 10, "expected '>' after '/'" },
		{ "<a b=\"1\" !>", 1, 10, "expected '>' after attribute" },
		{ "<a\n b=\"1\"c=\"2\"/>", 2, 7, "expected whitespace before attribute" },
		{ "<a><b></a>", 1, 7, "mismatched end tag </a>, expected </b>" },
		{ "<a>\n<!-- x </a>", 2, 1, "unterminated comment" },
		{ "<a x=\"1\" x=\"2\"/>", 1, 10, "duplicate attribute 'x'" },
		{ "<a/>\n<b/>", 2, 1, "junk after root node" },
		{ "<a/> text", 1, 6, "junk after root node" },
		{ "", 1, 1, "no root node" },
		{ "  <!-- only -->  ", 1, 18, "no root node" },
		{ "<a b='1'/>", 1, 6, "expected '\"' to start the value of attribute 'b'" },
		{ "<a b=\"1/>", 1, 4, "unterminated value of attribute 'b'" },
		{ "<a b=\"&x;\"/>", 1, 7, "invalid entity in value of attribute 'b'" },
		{ "<a b=\"<\"/>", 1, 7, "'<' in value of attribute 'b'" },
		{ "<a>\n  <b>\n", 3, 1, "unexpected end of input, <b> from line 2 is not closed" },
		{ "<a>< b/></a>", 1, 5, "expected node name after '<'" },
		{ "<!DOCTYPE a><a/>", 1, 1, "DTD and declarations are not supported" },
		{ "<a><?pi?></a>", 1, 4, "processing instruction inside a node" },
		{ "<a></a x>", 1, 8, "expected '>' in end tag </a>" },
		{ "<a", 1, 3, "unexpected end of input in start tag <a" },
		{ "text<a/>", 1, 1, "expected '<' of the root node" },
		{ "<a><![CDATA[ x </a>", 1, 4, "unterminated CDATA section" },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cn_xml_doc doc;
		struct cn_xml_error err;
		int r = parse(&doc, cases[i].text, &err);
		CN_CHECK_EQ(r, CN_ERR_INVALID);
		CN_CHECK(doc.root == NULL);
		if (strcmp(err.msg, cases[i].msg) || err.line != cases[i].line ||
		    err.column != cases[i].column) {
			printf("[case %u: %u:%u '%s'] ", i, err.line, err.column, err.msg);
			CN_CHECK(!"error message or position");
		}
	}
}

static void prolog_comments_cdata(void)
{
	struct cn_xml_doc doc;
	struct cn_xml_error err;
	const char *s = "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- c -->\n<a>"
	                "<!-- <b/> --><![CDATA[<c/>]]><d/></a>\n<!-- end -->\n";
	CN_CHECK_EQ(parse(&doc, s, &err), 0);
	CN_CHECK_EQ(cn_xml_root(&doc)->num_children, 1u);       /* only <d/> */
	CN_CHECK(cn_xml_node_has_type(cn_xml_first_child(cn_xml_root(&doc), NULL), "d"));
	CN_CHECK_EQ(cn_xml_root(&doc)->line, 3u);
}

static void out_of_memory(void)
{
	struct cn_xml_doc doc;
	struct cn_xml_error err;
	uint64_t small[8];
	int r = cn_xml_parse(&doc, init_config, strlen(init_config), small, sizeof(small), &err);
	CN_CHECK_EQ(r, CN_ERR_EXHAUSTED);
	CN_CHECK(strncmp(err.msg, "out of memory", 13) == 0);
	CN_CHECK(doc.root == NULL);
	/* the arena the full parse needed is enough, one byte less is not */
	CN_CHECK_EQ(parse(&doc, init_config, NULL), 0);
	size_t need = doc.arena_used;
	char *a = (char *)arena;
	CN_CHECK_EQ(cn_xml_parse(&doc, init_config, strlen(init_config), a, need, NULL), 0);
	CN_CHECK_EQ(cn_xml_parse(&doc, init_config, strlen(init_config), a, need - 1, NULL),
	            CN_ERR_EXHAUSTED);
	CN_CHECK_EQ(cn_xml_parse(&doc, init_config, strlen(init_config), a, 0, NULL),
	            CN_ERR_EXHAUSTED);
}

static void depth_limit(void)
{
	static char text[2 * 4 * 100];
	struct cn_xml_doc doc;
	struct cn_xml_error err;
	for (int depth = 63; depth <= 65; depth++) {
		size_t n = 0;
		for (int i = 0; i < depth; i++) n += (size_t)sprintf(text + n, "<a>");
		for (int i = 0; i < depth; i++) n += (size_t)sprintf(text + n, "</a>");
		int r = cn_xml_parse(&doc, text, n, arena, sizeof(arena), &err);
		if (depth <= CN_XML_MAX_DEPTH)
			CN_CHECK_EQ(r, 0);
		else {
			CN_CHECK_EQ(r, CN_ERR_INVALID);
			CN_CHECK_STR(err.msg, "nodes nested deeper than 64 levels");
			CN_CHECK_EQ(err.column, 193u);
		}
	}
}

static void not_nul_terminated(void)
{
	struct cn_xml_doc doc;
	struct cn_xml_error err;
	/* the parser must stop at len, whatever follows in memory */
	const char text[] = "<a x=\"1\"/><junk";
	CN_CHECK_EQ(cn_xml_parse(&doc, text, 10, arena, sizeof(arena), &err), 0);
	CN_CHECK_EQ(cn_xml_parse(&doc, text, 9, arena, sizeof(arena), &err), CN_ERR_INVALID);
	CN_CHECK_STR(err.msg, "expected '>' after '/'");
	const char t2[] = "<a>text</a>>>";
	CN_CHECK_EQ(cn_xml_parse(&doc, t2, 11, arena, sizeof(arena), &err), 0);
	CN_CHECK(span_is(cn_xml_root(&doc)->content, "text"));
	CN_CHECK_EQ(cn_xml_parse(&doc, t2, 10, arena, sizeof(arena), &err), CN_ERR_INVALID);
}

static void name_helpers(void)
{
	struct cn_xml_doc doc;
	CN_CHECK_EQ(parse(&doc, "<start-x a.b=\"no\" c:d=\"maybe\"><start/></start-x>", NULL), 0);
	const struct cn_xml_node *r = cn_xml_root(&doc);
	CN_CHECK(cn_xml_node_has_type(r, "start-x"));
	CN_CHECK(!cn_xml_node_has_type(r, "start"));             /* prefix is not equal */
	CN_CHECK(!cn_xml_node_has_type(r, "start-xy"));
	CN_CHECK(!cn_xml_attr_bool(r, "a.b", true));
	CN_CHECK(cn_xml_attr_bool(r, "c:d", true));               /* unknown: default */
	CN_CHECK(!cn_xml_has_attr(r, "a"));
	CN_CHECK(cn_xml_first_child(r, "start") != NULL);
	CN_CHECK(cn_xml_first_child(r, "start-x") == NULL);
	char buf[4] = "zzz";
	CN_CHECK(!cn_xml_attr_str(r, "nope", buf, sizeof(buf)));
	CN_CHECK_STR(buf, "");
}

int main(void)
{
	cn_test_program = "xml";
	CN_RUN(init_config_tree);
	CN_RUN(subtree_reparse);
	CN_RUN(entities);
	CN_RUN(error_messages);
	CN_RUN(prolog_comments_cdata);
	CN_RUN(out_of_memory);
	CN_RUN(depth_limit);
	CN_RUN(not_nul_terminated);
	CN_RUN(name_helpers);
	return CN_TEST_RESULT();
}
