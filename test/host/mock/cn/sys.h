/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for <cn/sys.h> (the kernel calls are ARM inline assembly):
 * the few calls the child library makes, defined by the host test that
 * compiles lib/base/child*.c (test/host/ledger_test.c).
 */
#ifndef CN_SYS_H
#define CN_SYS_H

#include <stdint.h>
#include <cn/syscall.h>

int  cn_sys_signal_submit(uint32_t ctx, uint32_t count);
void cn_sys_cap_drop(uint32_t cap);
int  cn_sys_cap_identify_obj(uint32_t cap, uint32_t *type, uint32_t *badge, uint32_t *obj);

#endif
