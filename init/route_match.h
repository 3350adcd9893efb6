/* SPDX-License-Identifier: MIT */
/*
 * The rules of init's <route> and <default-route> and their matching
 * (route_match.c): plain data, no component runtime, so that the host test
 * can build them.
 */
#ifndef INIT_ROUTE_MATCH_H
#define INIT_ROUTE_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#define INIT_MAX_TARGETS 4
#define INIT_MAX_CONDS   4
#define INIT_ARG_MAX     128

enum init_target_kind { INIT_TARGET_PARENT, INIT_TARGET_CHILD, INIT_TARGET_ANY_CHILD };

struct init_target {
	enum init_target_kind kind;
	char *child;           /* INIT_TARGET_CHILD */
	char *label;           /* replaces the session label, NULL: keep */
	unsigned line;
};

/* <if-arg key="…" value="…"/> */
struct init_cond {
	char *key, *value;
};

/* <service name=… label=… label_prefix=… label_suffix=… label_last=…> or
 * <any-service> */
struct init_rule {
	char *service;         /* NULL: any service */
	char *label, *label_prefix, *label_suffix;   /* NULL: no condition */
	char *label_last;      /* the part after the last " -> " */
	struct init_cond conds[INIT_MAX_CONDS];
	unsigned nconds;
	struct init_target targets[INIT_MAX_TARGETS];
	unsigned ntargets;
	unsigned line;
};

/* the label rules see: the client's name, then " -> " and the label the
 * client gave, if any ("app", "app -> x"); -1 if it does not fit */
int init_full_label(char *buf, size_t size, const char *client, const char *label);

/* does rule r apply to a request for 'service' with the full 'label' and
 * the client's session arguments 'args' (may be NULL: every <if-arg> on
 * another key than "label" fails)? */
bool init_rule_matches(const struct init_rule *r, const char *service, const char *label,
                       const char *args);

/* the last element of a label: "c" of "a -> b -> c" */
const char *init_label_last(const char *label);

bool init_str_ends_with(const char *s, const char *suffix);
bool init_str_starts_with(const char *s, const char *prefix);

#endif
