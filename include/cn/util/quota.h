/* SPDX-License-Identifier: MIT */
/*
 * Quota accounting of one session on the server side (pure arithmetic,
 * host-tested): what the client donated (ram_quota=, cap_quota= of the
 * request and later upgrades) and what the server has used for it. Used by
 * the server library (<cn/server.h>). Errors are the session errors of
 * <cn/errors.h>: CN_ERR_QUOTA_RAM / CN_ERR_QUOTA_CAP when the donation does
 * not cover a charge, CN_ERR_ARGS for malformed quota arguments.
 */
#ifndef CN_UTIL_QUOTA_H
#define CN_UTIL_QUOTA_H

#include <stdint.h>
#include <stdbool.h>

struct cn_quota {
	uint32_t ram_donated, ram_used;   /* bytes */
	uint32_t cap_donated, cap_used;   /* capabilities */
};

/* ram_quota= and cap_quota= of args (missing: 0); 0 or CN_ERR_ARGS
 * (malformed, or a value above 4 GiB - 1) */
int cn_quota_parse(const char *args, uint32_t *ram, uint32_t *caps);

/* a new account from the request's arguments that must cover a first
 * charge of (ram, caps): 0, CN_ERR_ARGS, CN_ERR_QUOTA_RAM or
 * CN_ERR_QUOTA_CAP (then *q is zeroed) */
int cn_quota_open(struct cn_quota *q, const char *args, uint32_t ram, uint32_t caps);

/* charge (ram, caps) to the account: 0, or CN_ERR_QUOTA_RAM /
 * CN_ERR_QUOTA_CAP and nothing charged */
int cn_quota_charge(struct cn_quota *q, uint32_t ram, uint32_t caps);

/* give back an earlier charge (never below 0) */
void cn_quota_release(struct cn_quota *q, uint32_t ram, uint32_t caps);

/* add an upgrade's ram_quota=/cap_quota= to the donation: 0, CN_ERR_ARGS,
 * or CN_ERR_EXHAUSTED when a sum would overflow (nothing added) */
int cn_quota_upgrade(struct cn_quota *q, const char *args);

static inline uint32_t cn_quota_ram_avail(const struct cn_quota *q)
{ return q->ram_donated - q->ram_used; }
static inline uint32_t cn_quota_cap_avail(const struct cn_quota *q)
{ return q->cap_donated - q->cap_used; }

#endif
