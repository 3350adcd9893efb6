/* SPDX-License-Identifier: MIT */
/*
 * Framebuffer session (doc/session-framebuffer.md): an application draws
 * into a pixel buffer and tells the server which rectangle it changed.
 * Served by the GUI server (a later issue), not by a driver: the display
 * driver is a client of the Capture session (<cn/session/capture.h>) and
 * shows what the server composes from its Framebuffer clients.
 *
 *   mode()                  -> cn_mode_pack(width, height, format): the
 *                           buffer's size and pixel format (CN_PIXEL_*,
 *                           <cn/session/pixels.h>)
 *   dataspace()             -> the pixel buffer of mode() (the client maps
 *                           it writeable); after a mode change, ask again
 *   refresh(x, y, w, h)     the client changed these pixels (clipped to the
 *                           mode; an empty rectangle is ignored)
 *   mode_sigh(ctx)          fired when the mode changed (e.g. another
 *                           screen): ask mode() and dataspace() again
 *   sync_sigh(ctx)          fired once per displayed frame, for drawing in
 *                           step with the screen
 *
 * Session argument: width=W, height=H the size the client would like (0 or
 * absent: the server's choice). Cost: CN_FRAMEBUFFER_SESSION_RAM(w, h) and
 * CN_FRAMEBUFFER_SESSION_CAPS, paid by the client; cn_framebuffer_connect()
 * donates that.
 */
#ifndef CN_SESSION_FRAMEBUFFER_H
#define CN_SESSION_FRAMEBUFFER_H

#include <cn/rpc.h>
#include <cn/session/pixels.h>
#include <cn/session/quota.h>
#include <cn/util/format.h>

#define CN_FRAMEBUFFER_SERVICE       "Framebuffer"
#define CN_FRAMEBUFFER_SESSION_STATE 1024u
#define CN_FRAMEBUFFER_SESSION_RAM(w, h) \
	(CN_FRAMEBUFFER_SESSION_STATE + CN_DS_RAM_META + cn_pixel_buffer_bytes(w, h))
/* session, buffer, the client's two signal contexts */
#define CN_FRAMEBUFFER_SESSION_CAPS  4u

#define CN_FRAMEBUFFER_RPC(F0, F1, F2, F3, F4, F5) \
	F0(cn_framebuffer, mode,      uint64_t) \
	F0(cn_framebuffer, dataspace, cn_cap_t) \
	F4(cn_framebuffer, refresh,   void, uint32_t, x, uint32_t, y, uint32_t, w, uint32_t, h) \
	F1(cn_framebuffer, mode_sigh, void, cn_cap_t, ctx) \
	F1(cn_framebuffer, sync_sigh, void, cn_cap_t, ctx)
CN_RPC_INTERFACE(cn_framebuffer, CN_FRAMEBUFFER_RPC)

int cn_connect(const char *service, const char *args, uint32_t *session);

/* Open a Framebuffer session of width x height (typed connect helper;
 * label may be ""). */
static inline int cn_framebuffer_connect(const char *label, uint32_t width, uint32_t height,
                                         uint32_t *session)
{
	char args[192];
	if (!cn_pixel_buffer_bytes(width, height))
		return CN_ERR_INVALID;
	int n = cn_snprintf(args, sizeof(args),
	                    "label=\"%s\", width=%u, height=%u, ram_quota=%u, cap_quota=%u",
	                    label, (unsigned)width, (unsigned)height,
	                    (unsigned)CN_FRAMEBUFFER_SESSION_RAM(width, height),
	                    (unsigned)CN_FRAMEBUFFER_SESSION_CAPS);
	if (n < 0 || (size_t)n >= sizeof(args))
		return CN_ERR_ARGS;
	return cn_connect(CN_FRAMEBUFFER_SERVICE, args, session);
}

#endif
