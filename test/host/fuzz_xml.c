/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the XML parser: parses each input with a small and a
 * large arena, walks the whole tree and calls every accessor, and checks the
 * tree's invariants (spans inside the input, children inside parents,
 * consistent counts). Any violation traps.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cn/util/xml.h>

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static uint64_t big_arena[(1 << 20) / 8];
static uint64_t small_arena[64];

static bool inside(struct cn_xml_str s, const char *t, size_t len)
{
	return s.ptr >= t && s.ptr <= t + len && s.len <= (size_t)(t + len - s.ptr);
}

static void walk(const struct cn_xml_doc *doc, const char *t, size_t len)
{
	const struct cn_xml_node *n = cn_xml_root(doc);
	CHECK(n && n->parent == NULL && n->depth == 0);
	size_t nodes = 0, attrs = 0;
	char buf[64];
	while (n) {
		nodes++;
		CHECK(n->depth < CN_XML_MAX_DEPTH);
		CHECK(inside(n->span, t, len) && inside(n->content, t, len) && inside(n->name, t, len));
		CHECK(n->span.ptr[0] == '<' && n->span.ptr[n->span.len - 1] == '>');
		CHECK(n->content.ptr >= n->span.ptr &&
		      n->content.ptr + n->content.len <= n->span.ptr + n->span.len);
		CHECK(n->name.len > 0 && n->name.ptr == n->span.ptr + 1);
		if (n->parent) {
			CHECK(n->depth == n->parent->depth + 1);
			CHECK(n->span.ptr >= n->parent->content.ptr &&
			      n->span.ptr + n->span.len <= n->parent->content.ptr + n->parent->content.len);
		}
		size_t na = 0;
		for (const struct cn_xml_attr *a = n->attrs; a; a = a->next) {
			na++;
			CHECK(inside(a->name, t, len) && inside(a->value, t, len));
			CHECK(a->value.ptr > n->span.ptr && a->value.ptr < n->content.ptr);
			char name[32];
			size_t l = a->name.len < sizeof(name) - 1 ? a->name.len : sizeof(name) - 1;
			memcpy(name, a->name.ptr, l);
			name[l] = 0;
			CHECK(l < a->name.len || cn_xml_attr(n, name) == a);
			cn_xml_attr_str(n, name, buf, sizeof(buf));
			cn_xml_attr_str(n, name, buf, 1);
			CHECK(strlen(buf) < 1);
			unsigned long ul;
			uint64_t u64;
			(void)cn_xml_attr_ulong(n, name, &ul);
			(void)cn_xml_attr_u64(n, name, &u64);
			(void)cn_xml_attr_bool(n, name, false);
			(void)cn_xml_attr_eq(n, name, "yes");
			int d = cn_xml_decode(a->value.ptr, a->value.len, buf, sizeof(buf));
			CHECK(d == CN_ERR_NOSPACE || d == CN_ERR_INVALID || (d >= 0 && strlen(buf) <= (size_t)d));
		}
		CHECK(na == n->num_attrs);
		attrs += na;
		CHECK(cn_xml_num_children(n, NULL) == n->num_children);
		(void)cn_xml_num_children(n, "start");
		(void)cn_xml_first_child(n, "config");
		(void)cn_xml_node_has_type(n, "start");
		/* pre-order: child, else next sibling, else an ancestor's sibling */
		if (n->first_child) {
			n = cn_xml_first_child(n, NULL);
			continue;
		}
		while (n && !cn_xml_next_sibling(n, NULL))
			n = n->parent;
		if (n)
			n = cn_xml_next_sibling(n, NULL);
	}
	CHECK(nodes == doc->num_nodes && attrs == doc->num_attrs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a private copy, so that ASan catches reads beyond the end */
	char *t = size ? __builtin_malloc(size) : NULL;
	if (size)
		memcpy(t, data, size);
	struct cn_xml_doc doc;
	struct cn_xml_error err;
	int r = cn_xml_parse(&doc, t, size, big_arena, sizeof(big_arena), &err);
	CHECK(r == 0 || r == CN_ERR_INVALID || r == CN_ERR_EXHAUSTED);
	if (r == 0)
		walk(&doc, t, size);
	else
		CHECK(doc.root == NULL && err.msg[0] && err.line >= 1 && err.offset <= size);
	int r2 = cn_xml_parse(&doc, t, size, small_arena, sizeof(small_arena), &err);
	CHECK(r2 == r || (r2 == CN_ERR_EXHAUSTED && r != CN_ERR_INVALID) || r2 == CN_ERR_EXHAUSTED);
	if (r2 == 0)
		walk(&doc, t, size);
	__builtin_free(t);
	return 0;
}
