/*
 * cn_strerror(): a short name for every error value of the kernel
 * (<cn/syscall.h>), the RPC layer (<cn/rpc.h>) and the session interfaces
 * (<cn/errors.h>).
 */
#include <cn/errors.h>

const char *cn_strerror(int err)
{
	switch (err) {
	case CN_OK:                    return "ok";
	case CN_ERR_INVALID:           return "invalid argument";
	case CN_ERR_CAP:               return "invalid capability";
	case CN_ERR_TYPE:              return "wrong object type";
	case CN_ERR_DENIED:            return "denied";
	case CN_ERR_NOMEM:             return "object memory unusable";
	case CN_ERR_NOSLOT:            return "capability space full";
	case CN_ERR_DEAD:              return "partner gone";
	case CN_ERR_AGAIN:             return "nothing pending";
	case CN_ERR_BUSY:              return "busy";
	case CN_ERR_FAULT:             return "bad address";
	case CN_ERR_NOSYS:             return "no such system call";
	case CN_ERR_NEED_PT:           return "page table needed";
	case CN_ERR_STATE:             return "wrong state";
	case CN_ERR_NOREPLY:           return "no reply";
	case CN_ERR_QUOTA_RAM:         return "RAM quota exceeded";
	case CN_ERR_QUOTA_CAP:         return "cap quota exceeded";
	case CN_ERR_PENDING:           return "service pending";
	case CN_ERR_NO_SERVICE:        return "no such service";
	case CN_ERR_ARGS:              return "bad session arguments";
	case CN_ERR_EXHAUSTED:         return "server exhausted";
	case CN_ERR_CONFLICT:          return "conflict";
	case CN_ERR_NOT_FOUND:         return "not found";
	case CN_ERR_OWNER:             return "not the owner";
	case CN_RPC_ERR_UNKNOWN:       return "unknown RPC function or object";
	case CN_RPC_ERR_MALFORMED:     return "malformed RPC message";
	case CN_RPC_ERR_UNIMPLEMENTED: return "RPC function not implemented";
	default:                       return "unknown error";
	}
}
