/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the quota arguments cn_connect() sends: per-service
 * defaults, keeping what the caller gave, bounded doubling after
 * CN_ERR_QUOTA_RAM / CN_ERR_QUOTA_CAP, and overflow of the buffer.
 */
#include <string.h>
#include <cn/util/session_args.h>
#include <cn/util/args.h>
#include <cn/session/quota.h>
#include "check.h"

static unsigned long num(const char *args, const char *key)
{
	unsigned long v = 0;
	if (cn_args_ulong(args, key, &v))
		return (unsigned long)-1;
	return v;
}

static void defaults(void)
{
	char buf[128] = "label=\"x\"";
	CN_CHECK_EQ(cn_session_args_defaults(buf, sizeof(buf), "LOG"), 0);
	CN_CHECK_EQ(num(buf, "ram_quota"), CN_SESSION_RAM_META + 1024ul);
	CN_CHECK_EQ(num(buf, "cap_quota"), (unsigned long)CN_SESSION_CAP_META);
	char label[8];
	CN_CHECK_EQ(cn_args_str(buf, "label", label, sizeof(label)), 1);

	strcpy(buf, "");
	CN_CHECK_EQ(cn_session_args_defaults(buf, sizeof(buf), "Timer"), 0);
	CN_CHECK_EQ(num(buf, "ram_quota"), 4096ul);
	CN_CHECK_EQ(num(buf, "cap_quota"), 4ul);
	CN_CHECK_EQ(cn_args_check(buf), 0);

	strcpy(buf, "label=\"\"");
	CN_CHECK_EQ(cn_session_args_defaults(buf, sizeof(buf), "PD"), 0);
	CN_CHECK_EQ(num(buf, "cap_quota"), CN_SESSION_DEFAULT_PD_CAPS);
	CN_CHECK_EQ(num(buf, "ram_quota"), CN_PD_RAM_OBJECT + 64ul * CN_PD_CAP_SLOT_RAM +
	            CN_SESSION_RAM_META + 4096ul);
}

static void keeps_given(void)
{
	char buf[128] = "ram_quota=1M, label=\"a\"";
	CN_CHECK_EQ(cn_session_args_defaults(buf, sizeof(buf), "ROM"), 0);
	CN_CHECK_EQ(num(buf, "ram_quota"), 1024ul * 1024);
	CN_CHECK_EQ(num(buf, "cap_quota"), CN_SESSION_CAP_META + 1ul);

	/* a PD with its own cap_quota gets RAM for that many slots */
	strcpy(buf, "cap_quota=1000");
	CN_CHECK_EQ(cn_session_args_defaults(buf, sizeof(buf), "PD"), 0);
	CN_CHECK_EQ(num(buf, "cap_quota"), 1000ul);
	CN_CHECK_EQ(num(buf, "ram_quota"), CN_PD_RAM_OBJECT + 1000ul * CN_PD_CAP_SLOT_RAM +
	            CN_SESSION_RAM_META + 4096ul);

	/* both present: unchanged */
	strcpy(buf, "cap_quota=2, ram_quota=3");
	CN_CHECK_EQ(cn_session_args_defaults(buf, sizeof(buf), "PD"), 0);
	CN_CHECK_STR(buf, "cap_quota=2, ram_quota=3");
}

static void bad_input(void)
{
	char buf[64] = "label=\"x";
	CN_CHECK_EQ(cn_session_args_defaults(buf, sizeof(buf), "LOG"), CN_ERR_INVALID);
	strcpy(buf, "ram_quota=lots");
	CN_CHECK_EQ(cn_session_args_defaults(buf, sizeof(buf), "LOG"), CN_ERR_INVALID);
	strcpy(buf, "ram_quota=99999999999999999999999");
	CN_CHECK_EQ(cn_session_args_defaults(buf, sizeof(buf), "LOG"), CN_ERR_INVALID);
	/* room for ram_quota but not for cap_quota: unchanged */
	char small[40] = "label=\"abcdefghijk\"";
	CN_CHECK_EQ(cn_session_args_defaults(small, sizeof(small), "LOG"), CN_ERR_NOSPACE);
	CN_CHECK_STR(small, "label=\"abcdefghijk\"");
	char tiny[24] = "label=\"abcdefghijk\"";
	CN_CHECK_EQ(cn_session_args_defaults(tiny, sizeof(tiny), "LOG"), CN_ERR_NOSPACE);
	CN_CHECK_STR(tiny, "label=\"abcdefghijk\"");
}

static void doubling(void)
{
	char buf[128] = "label=\"x\", ram_quota=4K, cap_quota=3";
	unsigned long v = 0;
	CN_CHECK_EQ(cn_session_args_double(buf, sizeof(buf), "ram_quota", 1ul << 30, &v), 0);
	CN_CHECK_EQ(v, 8192ul);
	CN_CHECK_EQ(num(buf, "ram_quota"), 8192ul);
	CN_CHECK_EQ(cn_session_args_double(buf, sizeof(buf), "cap_quota", 100, &v), 0);
	CN_CHECK_EQ(num(buf, "cap_quota"), 6ul);
	/* bounded */
	CN_CHECK_EQ(cn_session_args_double(buf, sizeof(buf), "ram_quota", 10000, &v),
	            CN_ERR_RANGE);
	CN_CHECK_EQ(num(buf, "ram_quota"), 8192ul);
	/* missing or zero counts as 1 */
	CN_CHECK_EQ(cn_session_args_double(buf, sizeof(buf), "other", 100, &v), 0);
	CN_CHECK_EQ(v, 2ul);
	strcpy(buf, "cap_quota=0");
	CN_CHECK_EQ(cn_session_args_double(buf, sizeof(buf), "cap_quota", 100, NULL), 0);
	CN_CHECK_EQ(num(buf, "cap_quota"), 2ul);
	CN_CHECK_EQ(cn_args_check(buf), 0);
	/* eight doublings of the LOG default stay within a 256-byte argument */
	strcpy(buf, "label=\"\"");
	CN_CHECK_EQ(cn_session_args_defaults(buf, sizeof(buf), "LOG"), 0);
	for (int i = 0; i < 8; i++)
		CN_CHECK_EQ(cn_session_args_double(buf, sizeof(buf), "ram_quota", 1ul << 30, NULL), 0);
	CN_CHECK_EQ(num(buf, "ram_quota"), (CN_SESSION_RAM_META + 1024ul) << 8);
}

int main(void)
{
	cn_test_program = "session_args";
	CN_RUN(defaults);
	CN_RUN(keeps_given);
	CN_RUN(bad_input);
	CN_RUN(doubling);
	return CN_TEST_RESULT();
}
