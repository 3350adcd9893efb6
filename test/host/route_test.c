/* SPDX-License-Identifier: MIT */
/*
 * Host tests of init's route matching (init/route_match.c): service names,
 * label, label_prefix and label_suffix, <if-arg> conditions on the label
 * and on session arguments, full labels, and malformed or hostile input
 * (bad argument strings, missing keys, overlong labels, NULL strings).
 */
#include <string.h>
#include "../../init/route_match.h"
#include "check.h"

static struct init_rule rule(char *service, char *label, char *prefix, char *suffix)
{
	struct init_rule r;
	memset(&r, 0, sizeof(r));
	r.service = service;
	r.label = label;
	r.label_prefix = prefix;
	r.label_suffix = suffix;
	return r;
}

static void add_cond(struct init_rule *r, char *key, char *value)
{
	r->conds[r->nconds].key = key;
	r->conds[r->nconds].value = value;
	r->nconds++;
}

static void service_names(void)
{
	struct init_rule any = rule(NULL, NULL, NULL, NULL);
	struct init_rule log = rule("LOG", NULL, NULL, NULL);
	CN_CHECK(init_rule_matches(&any, "LOG", "app", ""));
	CN_CHECK(init_rule_matches(&any, "ROM", "", NULL));
	CN_CHECK(init_rule_matches(&log, "LOG", "app", ""));
	CN_CHECK(!init_rule_matches(&log, "ROM", "app", ""));
	CN_CHECK(!init_rule_matches(&log, "LO", "app", ""));     /* no prefix match */
	CN_CHECK(!init_rule_matches(&log, "LOGX", "app", ""));   /* no extension */
	CN_CHECK(!init_rule_matches(&log, "log", "app", ""));    /* case matters */
	CN_CHECK(!init_rule_matches(&log, "", "app", ""));
	CN_CHECK(!init_rule_matches(&log, NULL, "app", ""));
	CN_CHECK(!init_rule_matches(&any, "LOG", NULL, ""));
}

static void labels(void)
{
	struct init_rule eq = rule("Hello", "client_a", NULL, NULL);
	CN_CHECK(init_rule_matches(&eq, "Hello", "client_a", ""));
	CN_CHECK(!init_rule_matches(&eq, "Hello", "client_a -> x", ""));
	CN_CHECK(!init_rule_matches(&eq, "Hello", "client_", ""));
	CN_CHECK(!init_rule_matches(&eq, "Hello", "", ""));
	CN_CHECK(!init_rule_matches(&eq, "ROM", "client_a", ""));

	struct init_rule pre = rule("Hello", NULL, "client_b", NULL);
	CN_CHECK(init_rule_matches(&pre, "Hello", "client_b", ""));
	CN_CHECK(init_rule_matches(&pre, "Hello", "client_b -> x", ""));
	CN_CHECK(init_rule_matches(&pre, "Hello", "client_bb", ""));
	CN_CHECK(!init_rule_matches(&pre, "Hello", "client_", ""));
	CN_CHECK(!init_rule_matches(&pre, "Hello", "xclient_b", ""));

	struct init_rule suf = rule(NULL, NULL, NULL, "config");
	CN_CHECK(init_rule_matches(&suf, "ROM", "app -> config", ""));
	CN_CHECK(init_rule_matches(&suf, "ROM", "config", ""));
	CN_CHECK(!init_rule_matches(&suf, "ROM", "app -> config2", ""));
	CN_CHECK(!init_rule_matches(&suf, "ROM", "onfig", ""));

	struct init_rule empty_pre = rule(NULL, NULL, "", "");   /* matches everything */
	CN_CHECK(init_rule_matches(&empty_pre, "ROM", "", ""));
	CN_CHECK(init_rule_matches(&empty_pre, "ROM", "x", ""));

	/* all conditions at once */
	struct init_rule all = rule("LOG", "a -> b -> c", "a ->", "-> c");
	CN_CHECK(init_rule_matches(&all, "LOG", "a -> b -> c", ""));
	CN_CHECK(!init_rule_matches(&all, "LOG", "a -> b -> c ", ""));
	struct init_rule clash = rule("LOG", NULL, "abc", "xyz");
	CN_CHECK(!init_rule_matches(&clash, "LOG", "abc", ""));
	CN_CHECK(init_rule_matches(&clash, "LOG", "abcxyz", ""));
	CN_CHECK(!init_rule_matches(&clash, "LOG", "abxyz", ""));   /* prefix, suffix overlap */
}

static void if_args(void)
{
	struct init_rule r = rule("Hello", NULL, NULL, NULL);
	add_cond(&r, "ram_quota", "4K");
	CN_CHECK(init_rule_matches(&r, "Hello", "c", "ram_quota=4K"));
	CN_CHECK(init_rule_matches(&r, "Hello", "c", "label=\"x\", ram_quota=4K, cap_quota=2"));
	CN_CHECK(!init_rule_matches(&r, "Hello", "c", "ram_quota=4096"));   /* strings */
	CN_CHECK(!init_rule_matches(&r, "Hello", "c", "ram_quota=8K"));
	CN_CHECK(!init_rule_matches(&r, "Hello", "c", ""));
	CN_CHECK(!init_rule_matches(&r, "Hello", "c", NULL));
	CN_CHECK(!init_rule_matches(&r, "Hello", "c", "ram_quota"));          /* malformed */
	CN_CHECK(!init_rule_matches(&r, "Hello", "c", "ram_quota=4K, x=\"open"));
	CN_CHECK(!init_rule_matches(&r, "Hello", "c", "ram_quota==4K"));
	CN_CHECK(!init_rule_matches(&r, "Hello", "c", "xram_quota=4K"));
	CN_CHECK(init_rule_matches(&r, "Hello", "c", "ram_quota=\"4K\""));    /* quoted: decoded */

	add_cond(&r, "mode", "fast, really");
	CN_CHECK(init_rule_matches(&r, "Hello", "c", "ram_quota=4K, mode=\"fast, really\""));
	CN_CHECK(!init_rule_matches(&r, "Hello", "c", "ram_quota=4K, mode=fast"));
	CN_CHECK(!init_rule_matches(&r, "Hello", "c", "mode=\"fast, really\""));

	/* key "label" is the full label, not the client's argument */
	struct init_rule l = rule(NULL, NULL, NULL, NULL);
	add_cond(&l, "label", "app -> log");
	CN_CHECK(init_rule_matches(&l, "LOG", "app -> log", "label=\"log\""));
	CN_CHECK(!init_rule_matches(&l, "LOG", "app", "label=\"app -> log\""));
	CN_CHECK(init_rule_matches(&l, "LOG", "app -> log", NULL));

	/* a value too long for the matcher's buffer never matches */
	char args[300], value[200];
	memset(value, 'v', sizeof(value) - 1);
	value[sizeof(value) - 1] = 0;
	snprintf(args, sizeof(args), "k=%s", value);
	struct init_rule big = rule(NULL, NULL, NULL, NULL);
	add_cond(&big, "k", value);
	CN_CHECK(!init_rule_matches(&big, "X", "c", args));
}

static void full_labels(void)
{
	char buf[32];
	CN_CHECK_EQ(init_full_label(buf, sizeof(buf), "app", ""), 0);
	CN_CHECK_STR(buf, "app");
	CN_CHECK_EQ(init_full_label(buf, sizeof(buf), "app", "log"), 0);
	CN_CHECK_STR(buf, "app -> log");
	CN_CHECK_EQ(init_full_label(buf, sizeof(buf), "app", "x -> y"), 0);
	CN_CHECK_STR(buf, "app -> x -> y");
	CN_CHECK_EQ(init_full_label(buf, 11, "app", "log"), 0);   /* exactly fits */
	CN_CHECK_STR(buf, "app -> log");
	CN_CHECK_EQ(init_full_label(buf, 10, "app", "log"), -1);  /* one short */
	CN_CHECK_EQ(init_full_label(buf, 0, "app", ""), -1);
	CN_CHECK_EQ(init_full_label(buf, 4, "app", ""), 0);
	CN_CHECK_EQ(init_full_label(buf, 3, "app", ""), -1);
}

static void label_last(void)
{
	CN_CHECK_STR(init_label_last("a -> b -> c"), "c");
	CN_CHECK_STR(init_label_last("abc"), "abc");
	CN_CHECK_STR(init_label_last(""), "");
	CN_CHECK_STR(init_label_last("a -> "), "");
	CN_CHECK_STR(init_label_last("a->b"), "a->b");      /* not a separator */
	CN_CHECK_STR(init_label_last("a ->  b"), " b");
	struct init_rule r = rule("ROM", NULL, NULL, NULL);
	r.label_last = "config";
	CN_CHECK(init_rule_matches(&r, "ROM", "init2 -> config", ""));
	CN_CHECK(init_rule_matches(&r, "ROM", "config", ""));
	CN_CHECK(!init_rule_matches(&r, "ROM", "init2 -> my config", ""));
	CN_CHECK(!init_rule_matches(&r, "ROM", "config -> x", ""));
	CN_CHECK(!init_rule_matches(&r, "ROM", "init2 -> config ", ""));
}

static void helpers(void)
{
	CN_CHECK(init_str_starts_with("abc", ""));
	CN_CHECK(init_str_starts_with("abc", "abc"));
	CN_CHECK(!init_str_starts_with("ab", "abc"));
	CN_CHECK(init_str_ends_with("abc", ""));
	CN_CHECK(init_str_ends_with("abc", "bc"));
	CN_CHECK(!init_str_ends_with("bc", "abc"));
	CN_CHECK(!init_str_ends_with("", "a"));
}

int main(void)
{
	cn_test_program = "route";
	CN_RUN(service_names);
	CN_RUN(labels);
	CN_RUN(if_args);
	CN_RUN(full_labels);
	CN_RUN(label_last);
	CN_RUN(helpers);
	return CN_TEST_RESULT();
}
