/* SPDX-License-Identifier: MIT */
/*
 * Report session (server/report_rom, doc/session-report.md): a component
 * submits a report, a text (usually XML) that other components read as a
 * ROM module served by report_rom, which picks, by label policy in its
 * config, which report each ROM session shows.
 *
 * Session arguments: label, ram_quota, cap_quota, and
 *   buffer_size=N   the largest report in bytes (default 4 KiB, at most
 *                   CN_REPORT_BUFFER_MAX)
 *
 *   dataspace()     the buffer (buffer_size bytes rounded to pages) the
 *                   client writes its report into
 *   submit(length)  the first length bytes of the buffer are the new
 *                   report: the server copies them and every ROM session
 *                   showing this report gets the new version and its
 *                   signal. CN_ERR_INVALID if length > buffer_size.
 *
 * Cost: CN_REPORT_SESSION_RAM(buffer_size) bytes (the buffer and the
 * server's copy) and CN_REPORT_SESSION_CAPS caps; cn_report_connect()
 * donates exactly that.
 *
 * Client helper (inline below), struct cn_reporter:
 *   cn_reporter_open(&r, env, "state", 0)   connect with label "state", attach
 *   cn_reporter_submit(&r, text, len)       copy into the buffer, submit
 *   cn_reporter_close(&r)
 */
#ifndef CN_SESSION_REPORT_H
#define CN_SESSION_REPORT_H

#include <cn/component.h>
#include <cn/session/connect.h>
#include <cn/session/quota.h>
#include <cn/session/rm.h>
#include <cn/util/string.h>

#define CN_REPORT_SERVICE        "Report"
#define CN_REPORT_BUFFER_DEFAULT 4096u
#define CN_REPORT_BUFFER_MAX     (1u << 20)
#define CN_REPORT_SESSION_STATE  512u
#define CN_REPORT_PAGES(size)    (((size) + 0xfffu) & ~0xfffu)
/* the buffer's dataspace, the server's copy, the state */
#define CN_REPORT_SESSION_RAM(size) \
	(CN_REPORT_SESSION_STATE + CN_SESSION_RAM_META + CN_DS_RAM_META + \
	 CN_REPORT_PAGES(size) + (size) + 64u)
#define CN_REPORT_SESSION_CAPS   3u

#define CN_REPORT_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_report, dataspace, cn_cap_t) \
	F1(cn_report, submit,    uint32_t, uint32_t, length)
CN_RPC_INTERFACE(cn_report, CN_REPORT_RPC)

/* open a Report session labelled 'label' for reports of up to size bytes
 * (0: the default) */
static inline int cn_report_connect(struct cn_env *env, const char *label, uint32_t size,
                                    uint32_t *session)
{
	char args[32];
	if (!size)
		size = CN_REPORT_BUFFER_DEFAULT;
	if (size > CN_REPORT_BUFFER_MAX)
		return CN_ERR_INVALID;
	cn_snprintf(args, sizeof(args), "buffer_size=%u", (unsigned)size);
	return cn_session_connect(env, CN_REPORT_SERVICE, label, CN_REPORT_SESSION_RAM(size),
	                          CN_REPORT_SESSION_CAPS, args, session);
}

struct cn_reporter {
	uint32_t session;
	char    *buf;           /* the buffer, attached */
	uint32_t size;          /* the largest report */
};

static inline int cn_reporter_open(struct cn_reporter *r, struct cn_env *env, const char *label,
                                   uint32_t size)
{
	cn_cap_t ds;
	uint32_t at;
	if (!size)
		size = CN_REPORT_BUFFER_DEFAULT;
	int err = cn_report_connect(env, label, size, &r->session);
	if (err)
		return err;
	if ((err = cn_report_dataspace(r->session, &ds)) ||
	    (err = cn_rm_attach(env->rm, ds, 0, 0, 0, CN_ATTACH_WRITE, &at))) {
		cn_close(r->session);
		return err;
	}
	r->buf = (char *)(uintptr_t)at;
	r->size = size;
	return 0;
}

/* a new report: 0, CN_ERR_INVALID (longer than the buffer), or the RPC's error */
static inline int cn_reporter_submit(struct cn_reporter *r, const void *text, uint32_t len)
{
	if (len > r->size)
		return CN_ERR_INVALID;
	cn_memcpy(r->buf, text, len);
	return cn_report_submit(r->session, len, NULL);
}

static inline void cn_reporter_close(struct cn_reporter *r)
{
	cn_rm_detach(cn_env()->rm, (uint32_t)(uintptr_t)r->buf);
	cn_close(r->session);
}

#endif
