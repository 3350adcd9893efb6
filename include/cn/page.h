/* SPDX-License-Identifier: MIT */
/*
 * The page size of user space (components, core, the kernel tests): the
 * one constant user code rounds dataspaces, stacks and mappings to.
 */
#ifndef CN_PAGE_H
#define CN_PAGE_H

#define CN_PAGE_SIZE     4096u
#define CN_PAGES(bytes)  (((bytes) + CN_PAGE_SIZE - 1) / CN_PAGE_SIZE)   /* rounded up */
#define CN_PAGE_DOWN(a)  ((a) & ~(CN_PAGE_SIZE - 1))
#define CN_PAGE_UP(a)    (((a) + CN_PAGE_SIZE - 1) & ~(CN_PAGE_SIZE - 1))

#endif
