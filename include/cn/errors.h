/* SPDX-License-Identifier: MIT */
/*
 * Every error value of Cairn, in one space: the kernel's system calls
 * (-1..-19), the session interfaces of core, parents and servers (-20..-39),
 * the portable library lib/util (-40..-59) and the RPC layer (-100..).
 * 0 (CN_OK) is success, every failure is negative, no two mean the same.
 * cn_strerror() names any of them (lib/util/errors.c); CN_ERRORS lists
 * them all with their names, for tables and tests. Plain #defines: the
 * kernel's assembly includes this through <cn/syscall.h>.
 */
#ifndef CN_ERRORS_H
#define CN_ERRORS_H

#define CN_OK               0

/* kernel (system calls) */
#define CN_ERR_INVALID     -1   /* bad argument, malformed input */
#define CN_ERR_CAP         -2   /* invalid, stale or foreign capability name */
#define CN_ERR_TYPE        -3   /* capability refers to an object of another type */
#define CN_ERR_DENIED      -4   /* privileged call from a non-core PD; not allowed */
#define CN_ERR_NOMEM       -5   /* object memory unusable (range, alignment, overlap) */
#define CN_ERR_NOSLOT      -6   /* capability space full */
#define CN_ERR_DEAD        -7   /* partner destroyed during the operation */
#define CN_ERR_AGAIN       -8   /* nothing pending (poll) */
#define CN_ERR_BUSY        -9   /* resource in use (IRQ taken, thread not paused, ...) */
#define CN_ERR_FAULT      -10   /* user address not mapped or not accessible */
#define CN_ERR_NOSYS      -11   /* unknown system call */
#define CN_ERR_NEED_PT    -12   /* CN_SYS_MAP needs a page table: pass one in r5 */
#define CN_ERR_STATE      -13   /* object in the wrong state for this call */
#define CN_ERR_NOREPLY    -14   /* the server waited for the next call without replying */

/* session interfaces (core, parents, servers) */
#define CN_ERR_QUOTA_RAM  -20   /* the donated or available RAM quota is too small */
#define CN_ERR_QUOTA_CAP  -21   /* the donated or available cap quota is too small */
#define CN_ERR_PENDING    -22   /* the service is not (yet) available: wait and retry */
#define CN_ERR_NO_SERVICE -23   /* no route / no such service */
#define CN_ERR_ARGS       -24   /* malformed or missing session arguments */
#define CN_ERR_EXHAUSTED  -25   /* out of resources (a server's, an allocator's arena) */
#define CN_ERR_CONFLICT   -26   /* region or resource overlaps one in use */
#define CN_ERR_NOT_FOUND  -27   /* no such region, session, module, key, element ... */
#define CN_ERR_OWNER      -28   /* the object belongs to another session or PD */

/* portable library (lib/util) */
#define CN_ERR_RANGE      -40   /* a number does not fit */
#define CN_ERR_NOSPACE    -41   /* output buffer too small */
#define CN_ERR_CORRUPT    -42   /* bad pointer, double free, corrupted allocator header */

/* RPC layer (<cn/rpc.h>) */
#define CN_RPC_ERR_UNKNOWN_OBJECT   -100  /* no object behind the capability (badge) */
#define CN_RPC_ERR_MALFORMED        -101  /* arguments or result missing */
#define CN_RPC_ERR_UNIMPLEMENTED    -102  /* the interface has the function, the server no handler */
#define CN_RPC_ERR_UNKNOWN_FUNCTION -103  /* the object's interface has no such function (opcode) */
/* the former name of CN_RPC_ERR_UNKNOWN_OBJECT (not a value of its own) */
#define CN_RPC_ERR_UNKNOWN          CN_RPC_ERR_UNKNOWN_OBJECT

#ifndef __ASSEMBLY__
/* X(value, name) for every error value */
#define CN_ERRORS(X) \
	X(CN_OK, "ok") \
	X(CN_ERR_INVALID, "invalid argument") \
	X(CN_ERR_CAP, "invalid capability") \
	X(CN_ERR_TYPE, "wrong object type") \
	X(CN_ERR_DENIED, "denied") \
	X(CN_ERR_NOMEM, "object memory unusable") \
	X(CN_ERR_NOSLOT, "capability space full") \
	X(CN_ERR_DEAD, "partner gone") \
	X(CN_ERR_AGAIN, "nothing pending") \
	X(CN_ERR_BUSY, "busy") \
	X(CN_ERR_FAULT, "bad address") \
	X(CN_ERR_NOSYS, "no such system call") \
	X(CN_ERR_NEED_PT, "page table needed") \
	X(CN_ERR_STATE, "wrong state") \
	X(CN_ERR_NOREPLY, "no reply") \
	X(CN_ERR_QUOTA_RAM, "RAM quota exceeded") \
	X(CN_ERR_QUOTA_CAP, "cap quota exceeded") \
	X(CN_ERR_PENDING, "service pending") \
	X(CN_ERR_NO_SERVICE, "no such service") \
	X(CN_ERR_ARGS, "bad session arguments") \
	X(CN_ERR_EXHAUSTED, "exhausted") \
	X(CN_ERR_CONFLICT, "conflict") \
	X(CN_ERR_NOT_FOUND, "not found") \
	X(CN_ERR_OWNER, "not the owner") \
	X(CN_ERR_RANGE, "out of range") \
	X(CN_ERR_NOSPACE, "buffer too small") \
	X(CN_ERR_CORRUPT, "corrupted or bad pointer") \
	X(CN_RPC_ERR_UNKNOWN_OBJECT, "unknown RPC object") \
	X(CN_RPC_ERR_MALFORMED, "malformed RPC message") \
	X(CN_RPC_ERR_UNIMPLEMENTED, "RPC function not implemented") \
	X(CN_RPC_ERR_UNKNOWN_FUNCTION, "unknown RPC function")

/* a short name of any error value ("unknown error" for others) */
const char *cn_strerror(int err);
#endif

#endif
