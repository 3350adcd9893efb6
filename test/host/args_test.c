/* SPDX-License-Identifier: MIT */
/*
 * Host tests of session-argument strings: lookup, decoding, numbers,
 * malformed input, bounded modification and label prefixing.
 */
#include <string.h>
#include <stdint.h>
#include <cn/util/args.h>
#include "check.h"

static const char *sample = "label=\"init -> app\", ram_quota=8K, cap_quota=4, priority=2";

static void lookup(void)
{
	char buf[64];
	CN_CHECK_EQ(cn_args_str(sample, "label", buf, sizeof(buf)), 11);
	CN_CHECK_STR(buf, "init -> app");
	unsigned long v = 0;
	CN_CHECK_EQ(cn_args_ulong(sample, "ram_quota", &v), 0);
	CN_CHECK_EQ(v, 8192u);
	CN_CHECK_EQ(cn_args_ulong(sample, "cap_quota", &v), 0);
	CN_CHECK_EQ(v, 4u);
	CN_CHECK_EQ(cn_args_ulong(sample, "priority", &v), 0);
	CN_CHECK_EQ(v, 2u);
	CN_CHECK(cn_args_has(sample, "priority"));
	CN_CHECK(!cn_args_has(sample, "prio"));                 /* no prefix match */
	CN_CHECK(!cn_args_has(sample, "quota"));                /* no suffix match */
	CN_CHECK_EQ(cn_args_ulong(sample, "missing", &v), CN_ERR_NOT_FOUND);
	CN_CHECK_EQ(cn_args_ulong(sample, "label", &v), CN_ERR_INVALID);
	const char *raw;
	size_t len;
	CN_CHECK_EQ(cn_args_raw(sample, "label", &raw, &len), 0);
	CN_CHECK(len == 13 && memcmp(raw, "\"init -> app\"", 13) == 0);
	CN_CHECK_EQ(cn_args_str("", "x", buf, sizeof(buf)), CN_ERR_NOT_FOUND);
	CN_CHECK_EQ(cn_args_check(""), 0);
	CN_CHECK_EQ(cn_args_check(sample), 0);
}

static void quoting(void)
{
	char buf[64];
	const char *a = "x = \"a, b=c\" , label=\"say \\\"hi\\\" \\\\ ok\", y=  bare value  ";
	CN_CHECK_EQ(cn_args_check(a), 0);
	CN_CHECK_EQ(cn_args_str(a, "x", buf, sizeof(buf)), 6);
	CN_CHECK_STR(buf, "a, b=c");
	CN_CHECK(cn_args_str(a, "label", buf, sizeof(buf)) > 0);
	CN_CHECK_STR(buf, "say \"hi\" \\ ok");
	CN_CHECK(cn_args_str(a, "y", buf, sizeof(buf)) == 10);
	CN_CHECK_STR(buf, "bare value");
	CN_CHECK(!cn_args_has(a, "b"));                         /* inside quotes */
	CN_CHECK_EQ(cn_args_str(a, "x", buf, 4), CN_ERR_NOSPACE);
	CN_CHECK_STR(buf, "a, ");
	/* first entry wins */
	CN_CHECK_EQ(cn_args_str("k=1, k=2", "k", buf, sizeof(buf)), 1);
	CN_CHECK_STR(buf, "1");
}

static void malformed(void)
{
	static const char *bad[] = {
		"label=\"unterminated", "key", "key value", "=5", "a=1,, b=2",
		"a=1 b=2", "a=\"x\"y", "a=x\"y", "a=\"\\", "1a=2", "a=1, =2", "a=b=c",
		"a=1,,", ", a=1",
	};
	char buf[16];
	unsigned long v;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (cn_args_check(bad[i]) != CN_ERR_INVALID)
			printf("[%s] ", bad[i]);
		CN_CHECK_EQ(cn_args_check(bad[i]), CN_ERR_INVALID);
		CN_CHECK_EQ(cn_args_str(bad[i], "a", buf, sizeof(buf)), CN_ERR_INVALID);
		CN_CHECK(!cn_args_has(bad[i], "a"));
	}
	/* a trailing comma is tolerated */
	CN_CHECK_EQ(cn_args_check("a=1,"), 0);
	CN_CHECK_EQ(cn_args_ulong("a=99999999999999999999", "a", &v), CN_ERR_RANGE);
	CN_CHECK_EQ(cn_args_ulong("a=0x10M", "a", &v), 0);
	CN_CHECK_EQ(v, 16u << 20);
	CN_CHECK_EQ(cn_args_ulong("a=\"12\"", "a", &v), 0);
	CN_CHECK_EQ(v, 12u);
	CN_CHECK_EQ(cn_args_ulong("a=", "a", &v), CN_ERR_INVALID);
}

static void set_and_replace(void)
{
	char buf[64];
	strcpy(buf, "ram_quota=8K, cap_quota=4");
	CN_CHECK_EQ(cn_args_set_ulong(buf, sizeof(buf), "ram_quota", 123456), 0);
	CN_CHECK_STR(buf, "ram_quota=123456, cap_quota=4");
	CN_CHECK_EQ(cn_args_set(buf, sizeof(buf), "cap_quota", "\"1,2\""), 0);
	CN_CHECK_STR(buf, "ram_quota=123456, cap_quota=\"1,2\"");
	CN_CHECK_EQ(cn_args_set(buf, sizeof(buf), "prio", "3"), 0);
	CN_CHECK_STR(buf, "ram_quota=123456, cap_quota=\"1,2\", prio=3");
	CN_CHECK_EQ(cn_args_set_str(buf, sizeof(buf), "x", "a\"b"), 0);
	CN_CHECK_STR(buf, "ram_quota=123456, cap_quota=\"1,2\", prio=3, x=\"a\\\"b\"");
	CN_CHECK_EQ(cn_args_check(buf), 0);
	CN_CHECK_EQ(cn_args_set(buf, sizeof(buf), "y", "a,b"), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_args_set(buf, sizeof(buf), "bad key", "1"), CN_ERR_INVALID);
	CN_CHECK_EQ(cn_args_remove(buf, "cap_quota"), 0);
	CN_CHECK_STR(buf, "ram_quota=123456, prio=3, x=\"a\\\"b\"");
	CN_CHECK_EQ(cn_args_remove(buf, "x"), 0);
	CN_CHECK_STR(buf, "ram_quota=123456, prio=3");
	CN_CHECK_EQ(cn_args_remove(buf, "ram_quota"), 0);
	CN_CHECK_STR(buf, "prio=3");
	CN_CHECK_EQ(cn_args_remove(buf, "nope"), CN_ERR_NOT_FOUND);
	CN_CHECK_EQ(cn_args_remove(buf, "prio"), 0);
	CN_CHECK_STR(buf, "");
	CN_CHECK_EQ(cn_args_set_ulong(buf, sizeof(buf), "a", 0), 0);
	CN_CHECK_STR(buf, "a=0");
}

static void bounded_buffer(void)
{
	char buf[16] = "a=1";
	/* "a=1, bb=22" is 10 chars + NUL: fits in 11, not in 10 */
	CN_CHECK_EQ(cn_args_set(buf, 10, "bb", "22"), CN_ERR_NOSPACE);
	CN_CHECK_STR(buf, "a=1");                               /* unchanged */
	CN_CHECK_EQ(cn_args_set(buf, 11, "bb", "22"), 0);
	CN_CHECK_STR(buf, "a=1, bb=22");
	CN_CHECK_EQ(cn_args_set(buf, 11, "a", "12"), CN_ERR_NOSPACE);
	CN_CHECK_STR(buf, "a=1, bb=22");
	CN_CHECK_EQ(cn_args_set(buf, 11, "bb", "3"), 0);         /* shrinking is fine */
	CN_CHECK_STR(buf, "a=1, bb=3");
	char canary[8] = "zzzzzzz";
	char small[8] = "a=1";
	CN_CHECK_EQ(cn_args_set_str(small, sizeof(small), "label", "x"), CN_ERR_NOSPACE);
	CN_CHECK_STR(small, "a=1");
	CN_CHECK_STR(canary, "zzzzzzz");
}

static void label_prefix(void)
{
	char buf[64];
	strcpy(buf, "label=\"old\", ram_quota=4K");
	CN_CHECK_EQ(cn_args_label_prefix(buf, sizeof(buf), "init"), 0);
	CN_CHECK_STR(buf, "label=\"init -> old\", ram_quota=4K");
	CN_CHECK_EQ(cn_args_label_prefix(buf, sizeof(buf), "core"), 0);
	CN_CHECK_STR(buf, "label=\"core -> init -> old\", ram_quota=4K");
	strcpy(buf, "ram_quota=4K");
	CN_CHECK_EQ(cn_args_label_prefix(buf, sizeof(buf), "init"), 0);
	CN_CHECK_STR(buf, "ram_quota=4K, label=\"init\"");
	strcpy(buf, "label=\"\"");
	CN_CHECK_EQ(cn_args_label_prefix(buf, sizeof(buf), "init"), 0);
	CN_CHECK_STR(buf, "label=\"init\"");
	strcpy(buf, "label=bare, x=1");
	CN_CHECK_EQ(cn_args_label_prefix(buf, sizeof(buf), "p\"q"), 0);
	CN_CHECK_STR(buf, "label=\"p\\\"q -> bare\", x=1");
	CN_CHECK_EQ(cn_args_str(buf, "label", buf + 40, 24), 11);
	CN_CHECK_STR(buf + 40, "p\"q -> bare");
	/* exact fit and one byte short */
	strcpy(buf, "label=\"a\"");                      /* 9 -> label="init -> a" is 17 + NUL */
	CN_CHECK_EQ(cn_args_label_prefix(buf, 17, "init"), CN_ERR_NOSPACE);
	CN_CHECK_STR(buf, "label=\"a\"");
	CN_CHECK_EQ(cn_args_label_prefix(buf, 18, "init"), 0);
	CN_CHECK_STR(buf, "label=\"init -> a\"");
	strcpy(buf, "label=\"broken");
	CN_CHECK_EQ(cn_args_label_prefix(buf, sizeof(buf), "init"), CN_ERR_INVALID);
}

int main(void)
{
	cn_test_program = "args";
	CN_RUN(lookup);
	CN_RUN(quoting);
	CN_RUN(malformed);
	CN_RUN(set_and_replace);
	CN_RUN(bounded_buffer);
	CN_RUN(label_prefix);
	return CN_TEST_RESULT();
}
