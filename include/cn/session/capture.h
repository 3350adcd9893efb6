/* SPDX-License-Identifier: MIT */
/*
 * Capture session (doc/session-framebuffer.md): a display driver (the
 * client) captures the picture its peer (the GUI server, or a test peer
 * such as test/capture_peer) composes. The driver is the client so that it
 * can die and be restarted while the applications above the server keep
 * their sessions (doc/drivers.md).
 *
 *   buffer(width, height)   the driver's screen size: the server makes the
 *                           session's pixel buffer (CN_PIXEL_XRGB8888,
 *                           <cn/session/pixels.h>), paid from the session's
 *                           quota (CN_ERR_QUOTA_RAM if it does not cover
 *                           it, CN_ERR_INVALID for a side of 0 or above
 *                           CN_PIXEL_MAX_SIDE); a later call replaces it
 *   dataspace()             -> the pixel buffer (the driver maps it and reads)
 *   sigh(ctx)               the server fires ctx when the picture changed
 *   capture()               -> the packed rectangle (cn_rect_unpack) that
 *                           changed since the last capture(): the server has
 *                           written those pixels into the buffer; w = 0:
 *                           nothing changed. The first capture after
 *                           buffer() is the whole area. Without a buffer:
 *                           CN_ERR_STATE.
 * The server writes the buffer only inside capture(), so what the driver
 * reads between two calls is one consistent picture.
 *
 * Cost: CN_CAPTURE_SESSION_RAM(width, height) and CN_CAPTURE_SESSION_CAPS,
 * paid by the driver; cn_capture_connect() donates exactly that.
 */
#ifndef CN_SESSION_CAPTURE_H
#define CN_SESSION_CAPTURE_H

#include <cn/rpc.h>
#include <cn/session/pixels.h>
#include <cn/session/quota.h>
#include <cn/util/format.h>

#define CN_CAPTURE_SERVICE       "Capture"
#define CN_CAPTURE_SESSION_STATE 1024u
#define CN_CAPTURE_SESSION_RAM(w, h) \
	(CN_CAPTURE_SESSION_STATE + CN_DS_RAM_META + cn_pixel_buffer_bytes(w, h))
#define CN_CAPTURE_SESSION_CAPS  3u      /* session, buffer, the driver's signal context */

#define CN_CAPTURE_RPC(F0, F1, F2, F3, F4, F5) \
	F2(cn_capture, buffer,    void,     uint32_t, width, uint32_t, height) \
	F0(cn_capture, dataspace, cn_cap_t) \
	F1(cn_capture, sigh,      void,     cn_cap_t, ctx) \
	F0(cn_capture, capture,   uint64_t)
CN_RPC_INTERFACE(cn_capture, CN_CAPTURE_RPC)

int cn_connect(const char *service, const char *args, uint32_t *session);

/* Open a Capture session for a width x height screen (typed connect
 * helper; label may be ""). Call buffer(width, height) next. */
static inline int cn_capture_connect(const char *label, uint32_t width, uint32_t height,
                                     uint32_t *session)
{
	char args[160];
	if (!cn_pixel_buffer_bytes(width, height))
		return CN_ERR_INVALID;
	int n = cn_snprintf(args, sizeof(args), "label=\"%s\", ram_quota=%u, cap_quota=%u",
	                    label, (unsigned)CN_CAPTURE_SESSION_RAM(width, height),
	                    (unsigned)CN_CAPTURE_SESSION_CAPS);
	if (n < 0 || (size_t)n >= sizeof(args))
		return CN_ERR_ARGS;
	return cn_connect(CN_CAPTURE_SERVICE, args, session);
}

#endif
