/* SPDX-License-Identifier: MIT */
/*
 * Host tests of per-session quota accounting (<cn/util/quota.h>): parsing
 * donations, refusing sessions that do not pay their cost, charges,
 * releases and overflow-safe upgrades.
 */
#include <string.h>
#include <stdint.h>
#include <cn/util/quota.h>
#include <cn/errors.h>
#include "check.h"

static void parse(void)
{
	uint32_t r = 1, c = 1;
	CN_CHECK_EQ(cn_quota_parse("label=\"x\", ram_quota=8K, cap_quota=3", &r, &c), 0);
	CN_CHECK_EQ(r, 8192u);
	CN_CHECK_EQ(c, 3u);
	CN_CHECK_EQ(cn_quota_parse("", &r, &c), 0);
	CN_CHECK_EQ(r, 0u);
	CN_CHECK_EQ(c, 0u);
	CN_CHECK_EQ(cn_quota_parse("ram_quota=4G", &r, &c), CN_ERR_ARGS);
	CN_CHECK_EQ(cn_quota_parse("ram_quota=x", &r, &c), CN_ERR_ARGS);
	CN_CHECK_EQ(cn_quota_parse("label=\"x", &r, &c), CN_ERR_ARGS);
	CN_CHECK_EQ(cn_quota_parse(NULL, &r, &c), CN_ERR_ARGS);
}

static void open_session(void)
{
	struct cn_quota q;
	CN_CHECK_EQ(cn_quota_open(&q, "ram_quota=1000, cap_quota=2", 1000, 2), 0);
	CN_CHECK_EQ(cn_quota_ram_avail(&q), 0u);
	CN_CHECK_EQ(cn_quota_cap_avail(&q), 0u);
	CN_CHECK_EQ(cn_quota_open(&q, "ram_quota=999, cap_quota=2", 1000, 2), CN_ERR_QUOTA_RAM);
	CN_CHECK_EQ(q.ram_donated, 0u);
	CN_CHECK_EQ(q.ram_used, 0u);
	CN_CHECK_EQ(cn_quota_open(&q, "ram_quota=2000, cap_quota=1", 1000, 2), CN_ERR_QUOTA_CAP);
	CN_CHECK_EQ(cn_quota_open(&q, "cap_quota=1", 0, 1), 0);
	CN_CHECK_EQ(cn_quota_open(&q, "ram_quota=-1", 0, 0), CN_ERR_ARGS);
}

static void charge_release(void)
{
	struct cn_quota q;
	CN_CHECK_EQ(cn_quota_open(&q, "ram_quota=4K, cap_quota=4", 1024, 1), 0);
	CN_CHECK_EQ(cn_quota_charge(&q, 3072, 1), 0);
	CN_CHECK_EQ(cn_quota_charge(&q, 1, 0), CN_ERR_QUOTA_RAM);
	CN_CHECK_EQ(cn_quota_charge(&q, 0, 3), CN_ERR_QUOTA_CAP);
	CN_CHECK_EQ(q.ram_used, 4096u);
	CN_CHECK_EQ(q.cap_used, 2u);
	cn_quota_release(&q, 3072, 1);
	CN_CHECK_EQ(q.ram_used, 1024u);
	CN_CHECK_EQ(q.cap_used, 1u);
	cn_quota_release(&q, 1u << 20, 10);           /* never below zero */
	CN_CHECK_EQ(q.ram_used, 0u);
	CN_CHECK_EQ(q.cap_used, 0u);
	/* a huge charge must not wrap around */
	CN_CHECK_EQ(cn_quota_charge(&q, UINT32_MAX, 0), CN_ERR_QUOTA_RAM);
}

static void upgrade(void)
{
	struct cn_quota q;
	CN_CHECK_EQ(cn_quota_open(&q, "ram_quota=1K, cap_quota=1", 1024, 1), 0);
	CN_CHECK_EQ(cn_quota_charge(&q, 512, 0), CN_ERR_QUOTA_RAM);
	CN_CHECK_EQ(cn_quota_upgrade(&q, "ram_quota=512"), 0);
	CN_CHECK_EQ(cn_quota_charge(&q, 512, 0), 0);
	CN_CHECK_EQ(cn_quota_upgrade(&q, "cap_quota=2"), 0);
	CN_CHECK_EQ(q.cap_donated, 3u);
	CN_CHECK_EQ(cn_quota_upgrade(&q, "ram_quota=nope"), CN_ERR_ARGS);
	CN_CHECK_EQ(cn_quota_upgrade(&q, "ram_quota=4294967295"), CN_ERR_EXHAUSTED);
	CN_CHECK_EQ(q.ram_donated, 1536u);
}

int main(void)
{
	cn_test_program = "quota";
	CN_RUN(parse);
	CN_RUN(open_session);
	CN_RUN(charge_release);
	CN_RUN(upgrade);
	return CN_TEST_RESULT();
}
