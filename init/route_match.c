/* SPDX-License-Identifier: MIT */
/*
 * init's rule matching (see doc/init.md, "Routing"): does a <service> or
 * <any-service> rule of a <route> apply to a session request? Pure
 * functions over strings, also built for the host test
 * (test/host/route_test.c).
 */
#include <cn/util/args.h>
#include <cn/util/string.h>
#include "route_match.h"

bool init_str_ends_with(const char *s, const char *suffix)
{
	size_t a = cn_strlen(s), b = cn_strlen(suffix);
	return a >= b && !cn_strcmp(s + a - b, suffix);
}

bool init_str_starts_with(const char *s, const char *prefix)
{
	return !cn_strncmp(s, prefix, cn_strlen(prefix));
}

const char *init_label_last(const char *label)
{
	const char *last = label;
	for (const char *p = label; *p; p++)
		if (!cn_strncmp(p, " -> ", 4))
			last = p + 4;
	return last;
}

int init_full_label(char *buf, size_t size, const char *client, const char *label)
{
	size_t c = cn_strlen(client), l = cn_strlen(label);
	size_t need = c + (l ? 4 + l : 0) + 1;
	if (!size || need > size)
		return -1;
	cn_memcpy(buf, client, c);
	if (l) {
		cn_memcpy(buf + c, " -> ", 4);
		cn_memcpy(buf + c + 4, label, l);
	}
	buf[need - 1] = 0;
	return 0;
}

/* <if-arg key value>: "label" is the full label, any other key a session
 * argument as the client gave it (decoded, compared as a string) */
static bool cond_holds(const struct init_cond *c, const char *label, const char *args)
{
	char buf[INIT_ARG_MAX];
	if (!cn_strcmp(c->key, "label"))
		return !cn_strcmp(label, c->value);
	if (!args || cn_args_str(args, c->key, buf, sizeof(buf)) < 0)
		return false;
	return !cn_strcmp(buf, c->value);
}

bool init_rule_matches(const struct init_rule *r, const char *service, const char *label,
                       const char *args)
{
	if (!service || !label)
		return false;
	if (r->service && cn_strcmp(r->service, service))
		return false;
	if (r->label && cn_strcmp(r->label, label))
		return false;
	if (r->label_prefix && !init_str_starts_with(label, r->label_prefix))
		return false;
	if (r->label_suffix && !init_str_ends_with(label, r->label_suffix))
		return false;
	if (r->label_last && cn_strcmp(init_label_last(label), r->label_last))
		return false;
	for (unsigned i = 0; i < r->nconds; i++)
		if (!cond_holds(&r->conds[i], label, args))
			return false;
	return true;
}
