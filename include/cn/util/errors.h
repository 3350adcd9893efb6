/*
 * Error values returned by the utility library (lib/util): 0 is success,
 * failures are negative. Distinct from the kernel's system-call errors.
 */
#ifndef CN_UTIL_ERRORS_H
#define CN_UTIL_ERRORS_H

enum cn_util_err {
	CN_UTIL_OK     =  0,
	CN_UTIL_EINVAL = -1,   /* malformed input */
	CN_UTIL_ERANGE = -2,   /* number does not fit */
	CN_UTIL_ENOSPC = -3,   /* output buffer too small */
	CN_UTIL_ENOENT = -4,   /* key or element not found */
	CN_UTIL_ENOMEM = -5,   /* allocator or arena exhausted */
	CN_UTIL_EFAULT = -6,   /* bad pointer, double free, corrupted header */
};

#endif
