/*
 * Error values of Cairn's session interfaces (core, parents, servers). The
 * kernel's CN_ERR_* (-1..-14, <cn/syscall.h>) and the RPC layer's
 * CN_RPC_ERR_* (-100..-102, <cn/rpc.h>) are used unchanged; cn_strerror()
 * names any of them.
 */
#ifndef CN_ERRORS_H
#define CN_ERRORS_H

#include <cn/syscall.h>
#include <cn/rpc.h>

#define CN_ERR_QUOTA_RAM   -20  /* the donated or available RAM quota is too small */
#define CN_ERR_QUOTA_CAP   -21  /* the donated or available cap quota is too small */
#define CN_ERR_PENDING     -22  /* the service is not (yet) available: wait and retry */
#define CN_ERR_NO_SERVICE  -23  /* no route / no such service */
#define CN_ERR_ARGS        -24  /* malformed or missing session arguments */
#define CN_ERR_EXHAUSTED   -25  /* the server itself ran out of resources */
#define CN_ERR_CONFLICT    -26  /* region or resource overlaps one in use */
#define CN_ERR_NOT_FOUND   -27  /* no such region, session, module, ... */
#define CN_ERR_OWNER       -28  /* the object belongs to another session or PD */

const char *cn_strerror(int err);

#endif
