/* SPDX-License-Identifier: MIT */
/*
 * What core's sessions cost (bytes of RAM quota, capabilities of cap
 * quota), charged to the quota donated with the session request
 * ('ram_quota=', 'cap_quota=') and returned exactly on close. A request
 * with less gets CN_ERR_QUOTA_RAM / CN_ERR_QUOTA_CAP; the client upgrades
 * and retries (cn_connect() does this by itself).
 */
#ifndef CN_SESSION_QUOTA_H
#define CN_SESSION_QUOTA_H

/* session meta data in core, per session */
#define CN_SESSION_RAM_META     1024u
#define CN_SESSION_CAP_META     1u      /* the session capability */

/* things created inside sessions, charged to the session's (or PD's) quota */
#define CN_PD_RAM_OBJECT        16384u  /* kernel PD object + first-level table */
#define CN_PD_CAP_SLOT_RAM      16u     /* per slot of the PD's kernel cap table */
#define CN_PD_PAGE_TABLE_RAM    1024u   /* per second-level page table */
#define CN_DS_RAM_META          128u    /* per dataspace, plus its pages */
#define CN_SIGNAL_RAM           128u    /* per signal receiver or context */
#define CN_THREAD_RAM           (4096u + 1024u)   /* UTCB page + kernel object + meta */
#define CN_REGION_RAM_META      128u    /* per attached region */
#define CN_RM_RAM_META          512u    /* per region map of an RM session */

/* What a session of each of core's services costs its client (the donated
 * quota the typed connect helpers of <cn/session/NAME.h> send, and the
 * defaults cn_connect() adds): session meta data plus what the session
 * holds from the start, and some room to work. */
#define CN_PD_SESSION_CAPS      64u     /* the new PD's cap space (cap_quota) */
#define CN_PD_SESSION_RAM(caps) (CN_PD_RAM_OBJECT + (caps) * CN_PD_CAP_SLOT_RAM + \
                                 CN_SESSION_RAM_META + 4096u)
#define CN_CPU_SESSION_RAM      (CN_SESSION_RAM_META + 2u * CN_THREAD_RAM)
#define CN_CPU_SESSION_CAPS     (CN_SESSION_CAP_META + 2u)
#define CN_RM_SESSION_RAM       (CN_SESSION_RAM_META + CN_RM_RAM_META + 8u * CN_REGION_RAM_META)
#define CN_RM_SESSION_CAPS      (CN_SESSION_CAP_META + 2u)
#define CN_ROM_SESSION_RAM      (CN_SESSION_RAM_META + CN_DS_RAM_META + CN_PD_PAGE_TABLE_RAM)
#define CN_ROM_SESSION_CAPS     (CN_SESSION_CAP_META + 1u)
#define CN_IO_MEM_SESSION_RAM   CN_ROM_SESSION_RAM
#define CN_IO_MEM_SESSION_CAPS  CN_ROM_SESSION_CAPS
#define CN_IRQ_SESSION_RAM      (CN_SESSION_RAM_META + CN_SIGNAL_RAM)
#define CN_IRQ_SESSION_CAPS     (CN_SESSION_CAP_META + 1u)
#define CN_LOG_SESSION_RAM      (CN_SESSION_RAM_META + 1024u)
#define CN_LOG_SESSION_CAPS     CN_SESSION_CAP_META
/* any other service, unless its header says otherwise */
#define CN_OTHER_SESSION_RAM    (CN_SESSION_RAM_META + 3072u)
#define CN_OTHER_SESSION_CAPS   (CN_SESSION_CAP_META + 3u)

#endif
