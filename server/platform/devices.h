/* SPDX-License-Identifier: MIT */
/*
 * The board's device description and the platform component's policy:
 * parsed from XML (lib/util/xml) into fixed tables. Portable C, also
 * compiled into the host tests (test/host/platform_desc_test.c).
 *
 * Description (boot module "devices", from board/<name>/devices.xml):
 *   <devices board="virt">
 *     <device name="rtc">
 *       <compatible name="arm,pl031"/>            one or more
 *       <io_mem base="0x09010000" size="0x1000"/> MMIO ranges
 *       <irq number="34"/>                        interrupts
 *       <clock name="..."/> <power domain="..."/> <reset domain="..."/>
 *     </device> ...
 *   </devices>
 * Policy (the platform component's config):
 *   <config> <policy label="drv"> <device name="rtc"/> </policy> </config>
 *   with label=, label_prefix= or label_suffix=.
 */
#ifndef PLATFORM_DEVICES_H
#define PLATFORM_DEVICES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define PF_NAME_MAX     32    /* device, compatible and domain names incl. NUL */
#define PF_LABEL_MAX    96
#define PF_COMPAT_MAX   4
#define PF_RANGES_MAX   4
#define PF_IRQS_MAX     4
#define PF_DOMAINS_MAX  4     /* clocks, power and reset domains together */
#define PF_DEVICES_MAX  64
#define PF_POLICIES_MAX 32
#define PF_IRQ_LIMIT    1024  /* interrupt numbers are below this */

enum pf_domain_kind { PF_DOMAIN_CLOCK, PF_DOMAIN_POWER, PF_DOMAIN_RESET };

struct pf_domain {
	enum pf_domain_kind kind;
	char                name[PF_NAME_MAX];
};

struct pf_range { uint32_t base, size; };

struct pf_device {
	char             name[PF_NAME_MAX];
	char             compatible[PF_COMPAT_MAX][PF_NAME_MAX];
	struct pf_range  range[PF_RANGES_MAX];
	uint32_t         irq[PF_IRQS_MAX];
	struct pf_domain domain[PF_DOMAINS_MAX];
	uint32_t         ncompat, nranges, nirqs, ndomains;
	unsigned         line;
};

struct pf_devices {
	char             board[PF_NAME_MAX];
	struct pf_device dev[PF_DEVICES_MAX];
	uint32_t         count;
};

enum pf_match { PF_MATCH_LABEL, PF_MATCH_PREFIX, PF_MATCH_SUFFIX };

struct pf_policy {
	enum pf_match how;
	char          label[PF_LABEL_MAX];
	uint64_t      devices;          /* bit i: pf_devices.dev[i] */
	unsigned      line;
};

struct pf_config {
	struct pf_policy policy[PF_POLICIES_MAX];
	uint32_t         count;
};

/* one problem, with the line it is on (from 1) */
typedef void (*pf_report_fn)(void *ctx, unsigned line, const char *msg);

/* Parse a description. 0, or CN_ERR_INVALID after reporting the first
 * problem (syntax, unknown node or attribute, missing or bad value, too
 * many of something, a name used twice, overlapping ranges). */
int pf_devices_parse(struct pf_devices *out, const char *text, size_t len, void *arena,
                     size_t arena_size, pf_report_fn report, void *ctx);

/* index of the device 'name', or -1 */
int pf_device_find(const struct pf_devices *d, const char *name);

/* Parse the policies of a config against the description. Every problem
 * is reported; a <policy> with a problem (e.g. an unknown device name) is
 * left out, the others apply. Returns the number of problems. */
int pf_config_parse(struct pf_config *out, const struct pf_devices *devs, const char *text,
                    size_t len, void *arena, size_t arena_size, pf_report_fn report, void *ctx);

/* The policy for a session label: an equal label= wins, else the longest
 * matching label_prefix= or label_suffix=; NULL if none matches. */
const struct pf_policy *pf_policy_match(const struct pf_config *c, const char *label);

#endif
