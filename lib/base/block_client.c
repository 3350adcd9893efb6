/* SPDX-License-Identifier: MIT */
/*
 * The client side of a Block session (cn/session/block.h): connect, ask
 * the device's geometry, attach the packet stream's dataspace as its
 * source, and exchange signal contexts with the server; closing, also
 * waiting for the donation to come back.
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/block.h>
#include <cn/session/rm.h>
#include <cn/session/pd.h>

int cn_block_client_open(struct cn_block_client *c, const char *label, uint32_t buf_size,
                         uint32_t queue, uint32_t sigh)
{
	if (!buf_size)
		buf_size = CN_BLOCK_BUF_DEFAULT;
	if (!queue)
		queue = CN_BLOCK_QUEUE_DEFAULT;
	int err = cn_ps_layout(queue, buf_size, &c->geom);
	if (err)
		return err;
	uint32_t q0 = 0, q1 = 0;
	cn_pd_quota(cn_env()->pd, CN_PD_RAM_QUOTA, &q0);
	if ((err = cn_block_connect(label, buf_size, queue, &c->session)))
		return err;
	cn_pd_quota(cn_env()->pd, CN_PD_RAM_QUOTA, &q1);
	c->donated = q0 - q1;
	cn_cap_t ds = { 0 }, wake = { 0 };
	uint32_t addr = 0;
	if ((err = cn_block_block_size(c->session, &c->block_size)) ||
	    (err = cn_block_block_count(c->session, &c->block_count)) ||
	    (err = cn_block_writeable(c->session, &c->writeable)) ||
	    (err = cn_block_dataspace(c->session, &ds)) ||
	    (err = cn_block_wakeup(c->session, &wake)))
		goto close;
	uint32_t ds_size = 0;
	if ((err = cn_ds_size(ds.name, &ds_size)))
		goto close;
	if (ds_size < c->geom.total) {
		err = CN_ERR_INVALID;     /* the server's dataspace is too small */
		goto close;
	}
	if ((err = cn_rm_attach(cn_env()->rm, ds, 0, 0, 0, CN_ATTACH_WRITE, &addr)))
		goto close;
	c->sigh = sigh;
	if ((err = cn_block_sigh(c->session, (cn_cap_t){ sigh })))
		goto detach;
	c->shared = (void *)(uintptr_t)addr;
	c->wakeup = wake.name;
	cn_ps_source_init(&c->ps, c->shared, &c->geom, cn_ps_notify_signal,
	                  (void *)(uintptr_t)wake.name);
	return 0;
detach:
	cn_rm_detach(cn_env()->rm, addr);
close:
	cn_close(c->session);
	return err;
}

void cn_block_client_close(struct cn_block_client *c)
{
	cn_rm_detach(cn_env()->rm, (uint32_t)(uintptr_t)c->shared);
	cn_sys_cap_drop(c->wakeup);
	cn_close(c->session);
	c->shared = 0;
}

int cn_block_client_close_wait(struct cn_block_client *c, uint64_t timeout_us, uint32_t *before,
                               uint32_t *after)
{
	cn_pd_quota(cn_env()->pd, CN_PD_RAM_QUOTA, before);
	cn_block_client_close(c);
	cn_quota_wait(*before + c->donated, 0, timeout_us);
	cn_pd_quota(cn_env()->pd, CN_PD_RAM_QUOTA, after);
	return *after == *before + c->donated ? 0 : CN_ERR_AGAIN;
}
