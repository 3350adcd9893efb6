/* SPDX-License-Identifier: MIT */
/*
 * A first client of core, started as "init" without the component runtime:
 * LOG, PD (dataspace + attach), and exit, through the generated stubs.
 */
#include <cn/sys.h>
#include <cn/start.h>
#include <cn/session/parent.h>
#include <cn/session/pd.h>
#include <cn/session/rm.h>
#include <cn/session/rom.h>
#include <cn/session/irq.h>
#include <cn/session/io_mem.h>
#include <cn/session/log.h>

static void say(const char *s)
{
	uint32_t n = 0;
	while (s[n]) n++;
	cn_sys_print(s, n);
}

int main(const struct cn_start_info *si);
int main(const struct cn_start_info *si)
{
	if (si->magic != CN_START_MAGIC) {
		say("smoke: bad start info\n");
		return 1;
	}
	cn_cap_t log;
	int err = cn_parent_session(si->parent, "LOG", "label=\"\", ram_quota=4096, cap_quota=2", &log);
	if (err) {
		say("smoke: no LOG\n");
		return 1;
	}
	cn_log_session_write(log.name, "hello from the smoke test");
	cn_cap_t ds;
	uint32_t addr = 0;
	err = cn_pd_alloc(si->pd, 8192, 0, &ds);
	if (!err)
		err = cn_rm_attach(si->rm, ds, 0, 0, 0, CN_ATTACH_WRITE, &addr);
	if (err || !addr) {
		cn_log_session_write(log.name, "alloc/attach failed");
		return 1;
	}
	volatile uint32_t *p = (uint32_t *)addr;
	p[0] = 42;
	p[2047] = 43;
	cn_log_session_write(log.name, p[0] == 42 && p[2047] == 43 ? "memory ok" : "memory bad");
	cn_parent_exit(si->parent, 0);
	return 0;
}
