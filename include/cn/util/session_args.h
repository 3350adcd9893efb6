/* SPDX-License-Identifier: MIT */
/*
 * Quota arguments of session requests, as pure string logic (no system
 * calls, host-tested): the default ram_quota/cap_quota a client donates per
 * service, and the doubling cn_connect() applies when a server answers
 * CN_ERR_QUOTA_RAM or CN_ERR_QUOTA_CAP.
 *
 * Defaults (bytes of RAM quota / capabilities; from <cn/session/quota.h>):
 *   PD      CN_PD_RAM_OBJECT + cap_quota * CN_PD_CAP_SLOT_RAM
 *           + CN_SESSION_RAM_META + 4 KiB margin (page tables, dataspaces);
 *           cap_quota 64 (the size of the new PD's cap space)
 *   CPU     CN_SESSION_RAM_META + 2 * CN_THREAD_RAM;  caps 1 + 2
 *   RM      CN_SESSION_RAM_META + CN_RM_RAM_META + 8 * CN_REGION_RAM_META;
 *           caps 1 + 2
 *   ROM, IO_MEM  CN_SESSION_RAM_META + CN_DS_RAM_META + CN_PD_PAGE_TABLE_RAM;
 *           caps 1 + 1
 *   IRQ     CN_SESSION_RAM_META + CN_SIGNAL_RAM;  caps 1 + 1
 *   LOG     CN_SESSION_RAM_META + 1 KiB;  caps 1
 *   other   CN_SESSION_RAM_META + 3 KiB = 4 KiB;  caps 1 + 3
 * A PD request with a cap_quota but no ram_quota gets the RAM its cap space
 * needs for that cap_quota.
 */
#ifndef CN_UTIL_SESSION_ARGS_H
#define CN_UTIL_SESSION_ARGS_H

#include <stddef.h>
#include <cn/errors.h>

#include <cn/session/quota.h>

#define CN_SESSION_DEFAULT_PD_CAPS ((unsigned long)CN_PD_SESSION_CAPS)

/* the default quota for 'service'; cap_quota is what the request carries
 * (0: none), it only matters for PD */
void cn_session_quota_default(const char *service, unsigned long cap_quota,
                              unsigned long *ram, unsigned long *caps);

/* add ram_quota= and cap_quota= to buf (a session-argument string of at most
 * size bytes incl. NUL) where missing, with the service's defaults.
 * 0, CN_ERR_INVALID (malformed args or quota value) or CN_ERR_NOSPACE. */
int cn_session_args_defaults(char *buf, size_t size, const char *service);

/* double the numeric value of key in buf (a missing key counts as 1);
 * CN_ERR_RANGE when the result would exceed max (buf unchanged),
 * else like cn_args_set_ulong. The new value goes to *value if not NULL. */
int cn_session_args_double(char *buf, size_t size, const char *key, unsigned long max,
                           unsigned long *value);

#endif
