/* SPDX-License-Identifier: MIT */
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
#include "route_match.h"

struct init_routes {
	struct init_rule *rules;
	unsigned n;
	bool present;
};

/* what init keeps of its own quota unless the config says otherwise */
#define INIT_PRESERVE_RAM  (64u * 1024u)
#define INIT_PRESERVE_CAPS 16u

struct init_child;

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
	bool      valid;
	bool      restart;             /* replaces a child of the previous config */
	struct init_child *ic;         /* the child made from it, or NULL */
};

/* a child of init: made from a <start> node, it outlives a
 * reconfiguration that leaves the node unchanged (children.c). It is found
 * through lib/base's list of children (cn_child_first/next/find: every
 * child there is init's, child.user points here); init keeps no other. */
struct init_child {
	struct init_start  *st;        /* its node in the current config */
	struct cn_child     child;     /* child.user points here */
	struct cn_list      roms;      /* "config" ROM sessions served to it */
	bool                alive;     /* started, not yet gone */
};

struct init_alloc;

struct init_config {
	char     **parent_services;
	unsigned   nparent_services;
	bool       parent_provides;    /* a <parent-provides> node exists */
	struct init_routes default_route;
	uint32_t   default_caps;
	uint32_t   prio_levels;
	uint32_t   preserve_ram, preserve_caps;   /* <resource name="RAM|CAP" preserve/> */
	bool       report;             /* <report/>: log the state report */
	bool       report_children;    /* <report child_ram="yes"/> */
	bool       report_ledger;      /* <report ledger="yes"/>: cn_child_ledger_log() */
	bool       verbose;
	struct cn_affinity_space affinity_space;   /* <affinity-space>, default 1x1 */
	struct init_start *starts;
	unsigned   nstarts;
	unsigned   errors;
	char      *text;               /* a copy of the document (config sub-trees
	                                  point into it) */
	const char *origin;            /* <config origin="FILE:LINE">: FILE, or NULL */
	unsigned   origin_line;        /* the line of FILE the text starts on */
	size_t     len;
	struct init_alloc *allocs;     /* everything above lives here */
};

/* parse the config text; errors are logged with their line; 0 if the
 * document could be used at all (children with errors are marked invalid) */
int init_config_parse(struct init_config *cfg, const char *text, size_t len);
/* free everything the parser allocated for cfg */
void init_config_free(struct init_config *cfg);
/* zeroed memory that lives as long as cfg (NULL: out of memory) */
void *init_alloc(struct init_config *cfg, size_t size);

/* affinity.c: the CPU session arguments that place a child: its location
 * in the config's affinity space composed into init's own CPUs */
int init_cpu_args(const struct init_config *cfg, const struct init_start *st, char *buf,
                  size_t size);

/* the routing policy for cn_child */
extern const struct cn_child_policy init_policy;
/* a child announced a service (cn_child_on_announce): a warning if its
 * <provides> does not list it */
void init_announced(struct cn_child *c, const char *service);
void init_policy_set_config(struct init_config *cfg);

/* the "config" ROM init serves to children with a <config> node; after a
 * reconfiguration changed only the <config>, its sessions get the new text */
extern const struct cn_child_local init_config_rom;
void init_config_rom_update(struct init_child *ic);
/* after the child's end (its sessions are closed): the RPC objects go */
void init_config_rom_release(struct init_child *ic);

/* the children (children.c): start the config's children, or apply a new
 * config to the running ones; the config stays in use until the next */
void init_children_apply(struct init_config *cfg);

/* state.c: the config in use (the first call also takes the figures the
 * "all children gone" line compares with); init's available quota, and
 * what children may still get of it: the available amount minus the
 * preserved */
void init_state_config(struct init_config *cfg);
void init_quota_total(uint32_t *ram, uint32_t *caps);
void init_quota_avail(uint32_t *ram, uint32_t *caps);
/* after a child's end and after each (re)configuration: the "all children
 * gone" line and the state report */
void init_state_changed(void);

/* origin.c: where the config's lines are (<config origin="FILE:LINE">, put
 * there by the run tool; else the ROM "config"), and init's messages
 * naming them: "run/x.run:20: error: ..." or "config:9: error: ..." */
void init_origin_find(struct init_config *cfg);
const char *init_origin(const struct init_config *cfg);   /* FILE or "config" */
unsigned init_line(const struct init_config *cfg, unsigned line);   /* in FILE */
void init_error(struct init_config *cfg, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void init_warning(struct init_config *cfg, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
