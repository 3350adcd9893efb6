/* SPDX-License-Identifier: MIT */
/*
 * Parser for the XML configuration dialect: nested nodes, attributes with
 * double-quoted values, self-closing nodes, text content, comments, CDATA and
 * an optional <?xml ...?> prolog. No DTD, no namespaces, no allocation: the
 * tree lives in a caller-supplied arena and points into the source text,
 * which need not be NUL-terminated and is never read outside its bounds.
 */
#ifndef CN_UTIL_XML_H
#define CN_UTIL_XML_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <cn/errors.h>

#define CN_XML_MAX_DEPTH 64

/* a piece of the source text; not NUL-terminated */
struct cn_xml_str {
	const char *ptr;
	size_t      len;
};

struct cn_xml_attr {
	struct cn_xml_str   name;
	struct cn_xml_str   value;     /* raw, without quotes, entities undecoded */
	unsigned            line;
	struct cn_xml_attr *next;
};

struct cn_xml_node {
	struct cn_xml_str   name;
	unsigned            line;      /* line of the '<' of the start tag, from 1 */
	unsigned            depth;     /* root is 0 */
	struct cn_xml_node *parent;
	struct cn_xml_node *first_child, *last_child, *next;
	struct cn_xml_attr *attrs;
	size_t              num_attrs, num_children;
	struct cn_xml_str   span;      /* whole node, '<' of start tag to last '>' */
	struct cn_xml_str   content;   /* between the tags; empty for <a/> */
	bool                self_closing;
};

struct cn_xml_error {
	unsigned line, column;         /* from 1 */
	size_t   offset;               /* byte offset into the text */
	char     msg[96];              /* NUL-terminated description */
};

struct cn_xml_doc {
	const char         *text;
	size_t              len;
	struct cn_xml_node *root;
	size_t              num_nodes, num_attrs;
	size_t              arena_used;
};

/* Parse text[0..len). Returns 0, CN_ERR_INVALID for a syntax error or
 * CN_ERR_EXHAUSTED ("out of memory") when the arena is too small; on failure
 * *err (if not NULL) says where and why and doc->root is NULL. */
int cn_xml_parse(struct cn_xml_doc *doc, const char *text, size_t len,
                 void *arena, size_t arena_size, struct cn_xml_error *err);

static inline const struct cn_xml_node *cn_xml_root(const struct cn_xml_doc *doc)
{
	return doc->root;
}

/* s equals the NUL-terminated string c */
bool cn_xml_str_eq(struct cn_xml_str s, const char *c);

/* the node's name is type */
bool cn_xml_node_has_type(const struct cn_xml_node *n, const char *type);

/* first child / next sibling, of the given type unless type is NULL */
const struct cn_xml_node *cn_xml_first_child(const struct cn_xml_node *n, const char *type);
const struct cn_xml_node *cn_xml_next_sibling(const struct cn_xml_node *n, const char *type);
size_t cn_xml_num_children(const struct cn_xml_node *n, const char *type);

const struct cn_xml_attr *cn_xml_attr(const struct cn_xml_node *n, const char *name);
bool cn_xml_has_attr(const struct cn_xml_node *n, const char *name);

/* the attribute value equals the NUL-terminated string c (raw comparison) */
bool cn_xml_attr_eq(const struct cn_xml_node *n, const char *name, const char *c);

/* Decode entities (&lt; &gt; &amp; &quot; &apos; &#N; &#xH;) of src[0..len)
 * into buf (always NUL-terminated when size > 0). Returns the decoded length,
 * CN_ERR_NOSPACE if it does not fit, or CN_ERR_INVALID for a bad entity. */
int cn_xml_decode(const char *src, size_t len, char *buf, size_t size);

/* the decoded attribute value; false if missing, malformed or too long */
bool cn_xml_attr_str(const struct cn_xml_node *n, const char *name, char *buf, size_t size);

/* the attribute as a number (decimal or 0x-hex, K/M/G suffix allowed);
 * false if missing or not a number that fits */
bool cn_xml_attr_ulong(const struct cn_xml_node *n, const char *name, unsigned long *v);
bool cn_xml_attr_u64(const struct cn_xml_node *n, const char *name, uint64_t *v);

/* "yes"/"true"/"1" or "no"/"false"/"0"; def if missing or anything else */
bool cn_xml_attr_bool(const struct cn_xml_node *n, const char *name, bool def);

#endif
