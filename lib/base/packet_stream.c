/* SPDX-License-Identifier: MIT */
/*
 * Packet stream in a component: the shared dataspace (allocated, attached
 * and formatted by the side that owns it, normally the server) and the
 * notify function that wakes the peer through a signal context
 * (cn/packet_stream.h; the rings themselves are lib/util/packet_stream.c).
 */
#include <cn/component.h>
#include <cn/packet_stream.h>
#include <cn/sys.h>

int cn_ps_alloc_shared(const struct cn_ps_geometry *g, uint32_t flags, uint32_t *ds, void **addr)
{
	void *a = cn_ram_alloc_attach(g->total, flags, ds);
	if (!a)
		return CN_ERR_QUOTA_RAM;
	cn_ps_format(a, g);
	*addr = a;
	return 0;
}

void cn_ps_notify_signal(void *arg)
{
	cn_sys_signal_submit((uint32_t)(uintptr_t)arg, 1);
}
