/* SPDX-License-Identifier: MIT */
/*
 * The quota ledger of a parent (see <cn/child.h>): where every byte and
 * cap it was given is right now. Our own PD account, what the runtime
 * moved to our own CPU session, each child's PD account, CPU and ROM session,
 * and the donations of children's sessions at our parent. A donation to a
 * sibling server is in that server's PD account, one kept by a service we
 * implement ourselves is in ours, so the sum does not change whatever the
 * children do. The run scripts and the host test (test/host/ledger_test.c)
 * check that.
 */
#include <cn/child.h>
#include <cn/component.h>
#include <cn/session/pd.h>
#include <cn/util/string.h>
#include "runtime.h"

static void pd_quota(uint32_t pd, uint32_t *ram, uint32_t *caps)
{
	uint32_t r = 0, c = 0;
	cn_pd_quota(pd, CN_PD_RAM_QUOTA, &r);
	cn_pd_quota(pd, CN_PD_CAP_QUOTA, &c);
	*ram += r;
	*caps += c;
}

void cn_child_ledger(struct cn_child_ledger *l)
{
	cn_memset(l, 0, sizeof(*l));
	pd_quota(cn_env()->pd, &l->own_ram, &l->own_caps);
	cn_runtime_own_upgrades(&l->own_up_ram, &l->own_up_caps);
	for (struct cn_child *c = cn_child_first(); c; c = cn_child_next(c)) {
		if (c->pd)
			pd_quota(c->pd, &l->child_ram, &l->child_caps);
		if (c->cpu) {
			l->child_ram += c->cpu_ram;
			l->child_caps += c->cpu_caps;
		}
		if (c->rom) {
			l->child_ram += c->rom_ram;
			l->child_caps += c->rom_caps;
		}
		for (struct cn_list_elem *e = cn_list_first(&c->sessions); e;
		     e = cn_list_next(&c->sessions, e)) {
			struct cn_child_session *s = cn_container_of(e, struct cn_child_session, elem);
			if (s->kind == CN_CHILD_ROUTE_PARENT) {
				l->parent_ram += s->ram;
				l->parent_caps += s->caps;
			}
		}
	}
	l->ram = l->own_ram + l->own_up_ram + l->child_ram + l->parent_ram;
	l->caps = l->own_caps + l->own_up_caps + l->child_caps + l->parent_caps;
}

void cn_child_ledger_log(void)
{
	struct cn_child_ledger l;
	cn_child_ledger(&l);
	cn_log("ledger: %u bytes, %u caps (own %u/%u, own CPU session %u/%u, children %u/%u, "
	       "at our parent %u/%u)", (unsigned)l.ram, (unsigned)l.caps, (unsigned)l.own_ram,
	       (unsigned)l.own_caps, (unsigned)l.own_up_ram, (unsigned)l.own_up_caps,
	       (unsigned)l.child_ram, (unsigned)l.child_caps, (unsigned)l.parent_ram,
	       (unsigned)l.parent_caps);
}
