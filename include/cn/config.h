/* SPDX-License-Identifier: MIT */
/*
 * Reading an attribute of the component's own <config> node (the "config"
 * ROM) in one call, for components whose configuration is a few
 * attributes (lib/base/config_attr.c).
 */
#ifndef CN_CONFIG_H
#define CN_CONFIG_H

#include <stddef.h>

/* 0 and *v; CN_ERR_NOT_FOUND (no config ROM, or no such attribute);
 * CN_ERR_INVALID (the attribute is not a number) */
int cn_config_ulong(const char *attr, unsigned long *v);
/* 0 and the value in buf (NUL-terminated, truncated to size);
 * CN_ERR_NOT_FOUND as above */
int cn_config_str(const char *attr, char *buf, size_t size);

#endif
