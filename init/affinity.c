/* SPDX-License-Identifier: MIT */
/*
 * Where init's children run: a child's <affinity> location in the config's
 * <affinity-space> stands for a part of init's own CPUs (the location of
 * init's CPU session, in physical coordinates, as core reports it). The
 * composed location goes into the child's CPU session arguments, so every
 * level of a nested init narrows the CPUs down further.
 */
#include <cn/component.h>
#include <cn/session/cpu.h>
#include <cn/util/affinity.h>
#include <cn/util/args.h>
#include "init.h"

/* our own CPUs and the physical space, from our CPU session */
static int own_location(struct cn_affinity_space *phys, struct cn_affinity_loc *own)
{
	uint32_t cpu = cn_env()->cpu;
	int err = cn_cpu_info(cpu, CN_CPU_INFO_SPACE_W, &phys->w);
	if (!err) err = cn_cpu_info(cpu, CN_CPU_INFO_SPACE_H, &phys->h);
	if (!err) err = cn_cpu_info(cpu, CN_CPU_INFO_LOC_X, &own->x);
	if (!err) err = cn_cpu_info(cpu, CN_CPU_INFO_LOC_Y, &own->y);
	if (!err) err = cn_cpu_info(cpu, CN_CPU_INFO_LOC_W, &own->w);
	if (!err) err = cn_cpu_info(cpu, CN_CPU_INFO_LOC_H, &own->h);
	return err;
}

int init_cpu_args(const struct init_config *cfg, const struct init_start *st, char *buf,
                  size_t size)
{
	buf[0] = 0;
	if (!st->affinity.w)
		return 0;                       /* no <affinity>: all of init's CPUs */
	struct cn_affinity_space phys;
	struct cn_affinity_loc own, l;
	int err = own_location(&phys, &own);
	if (err)
		return err;
	l = cn_affinity_compose(own, cfg->affinity_space, st->affinity);
	char sp[24], loc[40];
	if (cn_affinity_format_space(sp, sizeof(sp), phys) ||
	    cn_affinity_format_loc(loc, sizeof(loc), l) ||
	    cn_args_set_str(buf, size, "affinity_space", sp) ||
	    cn_args_set_str(buf, size, "affinity", loc))
		return CN_ERR_ARGS;
	return 0;
}
