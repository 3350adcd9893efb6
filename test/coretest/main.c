/* SPDX-License-Identifier: MIT */
/*
 * Core's test suite: runs each case, checks afterwards that init's quota
 * account is exactly as before (nothing leaked, nothing lost), and prints
 * one line per case and a summary.
 */
#include <stdarg.h>
#include <cn/util/format.h>
#include "coretest.h"

struct ct_env ct;

void ct_log(const char *fmt, ...)
{
	char buf[CN_RPC_STR_MAX];
	va_list ap;
	va_start(ap, fmt);
	cn_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	cn_log_session_write(ct.log, buf);
}

/* A timeout signal can be left over from an earlier wait (its timer fired
 * just as another signal ended that wait): a timeout before our time is up
 * is such a stale one and is waited past. */
uint32_t ct_wait(uint32_t ms)
{
	uint32_t hz = 0;
	uint64_t now = cn_sys_time(&hz);
	uint32_t per_ms = hz / 1000 ? hz / 1000 : 1;
	uint64_t end = now + (uint64_t)ms * per_ms;
	for (;;) {
		uint32_t imprint = 0, count;
		uint32_t left_ms = (uint32_t)((end - now) / per_ms);
		cn_sys_timeout(ct.tmo, (uint64_t)(left_ms ? left_ms : 1) * 1000);
		if (cn_sys_signal_wait(ct.recv, &imprint, &count))
			return CT_TIMEOUT;
		if (imprint != CT_TIMEOUT) {
			cn_sys_timeout(ct.tmo, 0);
			return imprint;
		}
		now = cn_sys_time(&hz);
		if (now >= end)
			return CT_TIMEOUT;
	}
}

void ct_quota(struct ct_quota *q)
{
	uint32_t pd = ct.si->pd;
	cn_pd_quota(pd, CN_PD_RAM_QUOTA, &q->ram);
	cn_pd_quota(pd, CN_PD_RAM_USED, &q->ram_used);
	cn_pd_quota(pd, CN_PD_CAP_QUOTA, &q->caps);
	cn_pd_quota(pd, CN_PD_CAP_USED, &q->caps_used);
}

static cn_cap_t ctx(uint32_t imprint)
{
	cn_cap_t c = { 0 };
	cn_pd_signal_context(ct.si->pd, (cn_cap_t){ ct.recv }, imprint, &c);
	return c;
}

int main(const struct cn_start_info *si);
int main(const struct cn_start_info *si)
{
	ct.si = si;
	cn_cap_t log, recv;
	if (si->magic != CN_START_MAGIC ||
	    cn_parent_session(si->parent, "LOG", "label=\"\", ram_quota=4K, cap_quota=1", &log) ||
	    cn_pd_signal_receiver(si->pd, &recv)) {
		cn_sys_print("coretest: no environment\n", 25);
		return 1;
	}
	ct.log = log.name;
	ct.recv = recv.name;
	ct.tmo = ctx(CT_TIMEOUT).name;
	ct.exc = ctx(CT_EXC).name;
	ct.rmfault = ctx(CT_RMFAULT).name;
	static const struct { const char *name; int (*fn)(void); } cases[] = {
#define CT_ENTRY(n) { #n, ct_##n },
		CT_CASES(CT_ENTRY)
	};
	unsigned passed = 0, failed = 0;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ct_quota before, after;
		ct_quota(&before);
		int line = cases[i].fn();
		ct_quota(&after);
		if (!line && (before.ram != after.ram || before.ram_used != after.ram_used ||
		              before.caps != after.caps || before.caps_used != after.caps_used)) {
			ct_log("  init's quota changed: ram %u/%u -> %u/%u, caps %u/%u -> %u/%u",
			       (unsigned)before.ram_used, (unsigned)before.ram, (unsigned)after.ram_used,
			       (unsigned)after.ram, (unsigned)before.caps_used, (unsigned)before.caps,
			       (unsigned)after.caps_used, (unsigned)after.caps);
			line = -1;
		}
		ct_log("%s %s", cases[i].name, line ? "FAIL" : "ok");
		if (line)
			failed++;
		else
			passed++;
	}
	ct_log("done, %u passed, %u failed", passed, failed);
	cn_parent_exit(si->parent, (int32_t)failed);
	return 0;
}
