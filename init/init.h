/*
 * init: starts the children its config ROM describes and routes their
 * session requests (see doc/init.md). The parsed config, shared by the
 * parser (config.c), the router (route.c), the "config" ROM it serves to
 * children (config_rom.c) and the start-up (main.c).
 */
#ifndef INIT_INIT_H
#define INIT_INIT_H

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <cn/child.h>
#include <cn/util/xml.h>
#include "route_match.h"

struct init_routes {
	struct init_rule *rules;
	unsigned n;
	bool present;
};

struct init_start {
	char     *name, *binary;
	uint32_t  ram, caps, cpu;      /* quanta (cpu: percent, stored only) */
	int32_t   priority;            /* 0 or negative, as in the config */
	char    **provides;
	unsigned  nprovides;
	struct init_routes routes;
	const char *config;            /* the <config> sub-tree's text, or NULL */
	size_t    config_len;
	unsigned  line;
	bool      valid, started;
	struct cn_child child;
};

struct init_config {
	char     **parent_services;
	unsigned   nparent_services;
	bool       parent_provides;    /* a <parent-provides> node exists */
	struct init_routes default_route;
	uint32_t   default_caps;
	uint32_t   prio_levels;
	struct init_start *starts;
	unsigned   nstarts;
	unsigned   errors;
};

/* parse the config text; errors are logged with their line; 0 if the
 * document could be used at all (children with errors are marked invalid) */
int init_config_parse(struct init_config *cfg, const char *text, size_t len);

/* the routing policy for cn_child */
extern const struct cn_child_policy init_policy;
void init_policy_set_config(struct init_config *cfg);

/* the "config" ROM init serves to children with a <config> node */
extern const struct cn_child_local init_config_rom;

/* called after a child's end (main.c) */
void init_child_gone(void);

/* "config:LINE: error: ..." */
void init_error(struct init_config *cfg, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
