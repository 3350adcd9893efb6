/* SPDX-License-Identifier: MIT */
/*
 * Per-session quota accounting for servers (<cn/util/quota.h>): parsing the
 * donated quota from session arguments and charging against it, with every
 * sum checked for overflow.
 */
#include <cn/util/quota.h>
#include <cn/util/args.h>
#include <cn/errors.h>

static int get(const char *args, const char *key, uint32_t *v)
{
	uint64_t x = 0;
	int err = cn_args_u64(args, key, &x);
	if (err == CN_ERR_NOT_FOUND)
		x = 0;
	else if (err || x > UINT32_MAX)
		return CN_ERR_ARGS;
	*v = (uint32_t)x;
	return 0;
}

int cn_quota_parse(const char *args, uint32_t *ram, uint32_t *caps)
{
	uint32_t r = 0, c = 0;
	if (!args || cn_args_check(args) || get(args, "ram_quota", &r) ||
	    get(args, "cap_quota", &c))
		return CN_ERR_ARGS;
	*ram = r;
	*caps = c;
	return 0;
}

int cn_quota_open(struct cn_quota *q, const char *args, uint32_t ram, uint32_t caps)
{
	q->ram_donated = q->ram_used = q->cap_donated = q->cap_used = 0;
	uint32_t r, c;
	int err = cn_quota_parse(args, &r, &c);
	if (err)
		return err;
	q->ram_donated = r;
	q->cap_donated = c;
	err = cn_quota_charge(q, ram, caps);
	if (err)
		q->ram_donated = q->cap_donated = 0;
	return err;
}

int cn_quota_charge(struct cn_quota *q, uint32_t ram, uint32_t caps)
{
	if (ram > cn_quota_ram_avail(q))
		return CN_ERR_QUOTA_RAM;
	if (caps > cn_quota_cap_avail(q))
		return CN_ERR_QUOTA_CAP;
	q->ram_used += ram;
	q->cap_used += caps;
	return 0;
}

void cn_quota_release(struct cn_quota *q, uint32_t ram, uint32_t caps)
{
	q->ram_used -= ram < q->ram_used ? ram : q->ram_used;
	q->cap_used -= caps < q->cap_used ? caps : q->cap_used;
}

int cn_quota_upgrade(struct cn_quota *q, const char *args)
{
	uint32_t r, c;
	int err = cn_quota_parse(args, &r, &c);
	if (err)
		return err;
	if (r > UINT32_MAX - q->ram_donated || c > UINT32_MAX - q->cap_donated)
		return CN_ERR_EXHAUSTED;
	q->ram_donated += r;
	q->cap_donated += c;
	return 0;
}
