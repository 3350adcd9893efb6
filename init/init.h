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
#include <cn/util/affinity.h>
#include <cn/util/xml.h>

#define INIT_MAX_TARGETS 4

enum init_target_kind { INIT_TARGET_PARENT, INIT_TARGET_CHILD, INIT_TARGET_ANY_CHILD };

struct init_target {
	enum init_target_kind kind;
	char *child;           /* INIT_TARGET_CHILD */
	char *label;           /* replaces the session label, NULL: keep */
	unsigned line;
};

/* <service name=… label=… label_prefix=… label_suffix=…> or <any-service> */
struct init_rule {
	char *service;         /* NULL: any service */
	char *label, *label_prefix, *label_suffix;   /* NULL: no condition */
	struct init_target targets[INIT_MAX_TARGETS];
	unsigned ntargets;
	unsigned line;
};

struct init_routes {
	struct init_rule *rules;
	unsigned n;
	bool present;
};

struct init_start {
	char     *name, *binary;
	uint32_t  ram, caps, cpu;      /* quanta (cpu: percent of init's CPU quota) */
	struct cn_affinity_loc affinity;   /* in the config's affinity space */
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
	struct cn_affinity_space affinity_space;   /* <affinity-space>, default 1x1 */
	struct init_start *starts;
	unsigned   nstarts;
	unsigned   errors;
};

/* parse the config text; errors are logged with their line; 0 if the
 * document could be used at all (children with errors are marked invalid) */
int init_config_parse(struct init_config *cfg, const char *text, size_t len);

/* affinity.c: the CPU session arguments that place a child: its location
 * in the config's affinity space composed into init's own CPUs */
int init_cpu_args(const struct init_config *cfg, const struct init_start *st, char *buf,
                  size_t size);

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

bool init_str_ends_with(const char *s, const char *suffix);
bool init_str_starts_with(const char *s, const char *prefix);

#endif
