/* SPDX-License-Identifier: MIT */
/*
 * The client side of an Uplink session (cn/session/uplink.h): the typed
 * connect helper, and opening a session: attach its dataspace, exchange
 * signal contexts and set up the frame link (lib/util/nic_link.c).
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/uplink.h>
#include <cn/session/rm.h>
#include <cn/session/pd.h>
#include <cn/util/format.h>

int cn_uplink_connect(const char *label, uint64_t mac, uint32_t queue, uint32_t buf_size,
                      uint32_t mtu, uint32_t *session)
{
	char args[200], m[18];
	if (!queue)
		queue = CN_NIC_QUEUE_DEFAULT;
	if (!buf_size)
		buf_size = queue * CN_NIC_SLOT;
	if (!mtu)
		mtu = CN_NIC_MTU_DEFAULT;
	cn_nic_mac_format(mac, m);
	int n = cn_snprintf(args, sizeof(args),
	                    "label=\"%s\", mac=\"%s\", queue=%u, buf_size=%u, mtu=%u, "
	                    "ram_quota=%u, cap_quota=%u",
	                    label, m, (unsigned)queue, (unsigned)buf_size, (unsigned)mtu,
	                    (unsigned)CN_NIC_SESSION_RAM(buf_size, queue) + 4096u,
	                    (unsigned)CN_NIC_SESSION_CAPS + 2u);
	if (n < 0 || (size_t)n >= sizeof(args))
		return CN_ERR_ARGS;
	return cn_connect(CN_UPLINK_SERVICE, args, session);
}

int cn_uplink_client_open(struct cn_uplink_client *c, const char *label, uint64_t mac,
                          uint32_t queue, uint32_t mtu, uint32_t sigh)
{
	char args[64];
	struct cn_nic_geometry g;
	if (!queue)
		queue = CN_NIC_QUEUE_DEFAULT;
	if (!mtu)
		mtu = CN_NIC_MTU_DEFAULT;
	cn_snprintf(args, sizeof(args), "queue=%u, mtu=%u", (unsigned)queue, (unsigned)mtu);
	int err = cn_nic_geometry(args, &g);
	if (err)
		return err;
	if ((err = cn_uplink_connect(label, mac, queue, g.ps.buf_size, mtu, &c->session)))
		return err;
	cn_cap_t ds = { 0 }, wake = { 0 };
	uint32_t addr = 0, ds_size = 0;
	if ((err = cn_uplink_dataspace(c->session, &ds)) ||
	    (err = cn_uplink_wakeup(c->session, &wake)) ||
	    (err = cn_ds_size(ds.name, &ds_size)))
		goto close;
	if (ds_size < g.total) {
		err = CN_ERR_INVALID;                /* the server's dataspace is too small */
		goto close;
	}
	if ((err = cn_rm_attach(cn_env()->rm, ds, 0, 0, 0, CN_ATTACH_WRITE, &addr)))
		goto close;
	c->shared = (void *)(uintptr_t)addr;
	c->wakeup = wake.name;
	if ((err = cn_nic_link_init(&c->link, c->shared, &g, 0, cn_ps_notify_signal,
	                            (void *)(uintptr_t)wake.name)) ||
	    (err = cn_uplink_sigh(c->session, (cn_cap_t){ sigh })))
		goto detach;
	return 0;
detach:
	cn_rm_detach(cn_env()->rm, addr);
	c->shared = 0;
close:
	cn_close(c->session);
	return err;
}

void cn_uplink_client_close(struct cn_uplink_client *c)
{
	if (c->shared)
		cn_rm_detach(cn_env()->rm, (uint32_t)(uintptr_t)c->shared);
	cn_sys_cap_drop(c->wakeup);
	cn_close(c->session);
	c->shared = 0;
}
