/* SPDX-License-Identifier: MIT */
/*
 * Moving quota between the PD accounts of a parent and its children (see
 * <cn/child.h>): every session donation goes client -> parent -> server
 * and back the same way; a move that cannot be done is logged, never
 * silently dropped.
 */
#include <cn/child.h>
#include <cn/component.h>
#include <cn/session/pd.h>

int cn_child_quota_move(uint32_t from, uint32_t to, uint32_t ram, uint32_t caps)
{
	int err = 0;
	if (ram && (err = cn_pd_transfer_ram(from, (cn_cap_t){ to }, ram)))
		return err == CN_ERR_QUOTA_RAM ? err : CN_ERR_QUOTA_RAM;
	if (caps && (err = cn_pd_transfer_caps(from, (cn_cap_t){ to }, caps))) {
		if (ram)
			cn_pd_transfer_ram(to, (cn_cap_t){ from }, ram);
		return err == CN_ERR_QUOTA_CAP ? err : CN_ERR_QUOTA_CAP;
	}
	return 0;
}

void cn_child_quota_give_back(const char *what, uint32_t from, uint32_t to, uint32_t ram,
                              uint32_t caps)
{
	int err = cn_child_quota_move(from, to, ram, caps);
	if (err)
		cn_log("quota of a %s session (%u bytes, %u caps) not returned: %s", what,
		       (unsigned)ram, (unsigned)caps, cn_strerror(err));
}
