/* SPDX-License-Identifier: MIT */
/*
 * What the typed connect helpers of the session headers share
 * (<cn/session/rom.h>: cn_rom_connect(env, "config", &rom), ...): the
 * request with the service's name and cost, so that no client spells a
 * service name or a quota by hand (lib/base/connect.c).
 */
#ifndef CN_SESSION_CONNECT_H
#define CN_SESSION_CONNECT_H

#include <stdint.h>
#include <stdbool.h>
#include <cn/session/quota.h>
#include <cn/util/format.h>

struct cn_env;

/* Ask env's parent for a session of 'service' labelled 'label' (appended
 * to the component's label by its parents; NULL: no label), donating ram bytes and caps capabilities,
 * with more session arguments in 'args' ("key=value, ..." or ""); the
 * request reads 'label="..", ram_quota=4K, cap_quota=4, args' (RAM in K
 * where it is a multiple of 1 KiB, as run scripts' <if-arg> spell it). Like
 * cn_connect(): retried with more quota if the server asks for it, waits
 * while the service is pending. */
int cn_session_connect(struct cn_env *env, const char *service, const char *label,
                       uint32_t ram, uint32_t caps, const char *args, uint32_t *session);

#endif
