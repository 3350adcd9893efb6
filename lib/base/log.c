/* SPDX-License-Identifier: MIT */
/*
 * cn_log(): one formatted line per call to the component's LOG session, or
 * to the kernel console while there is none (early start-up, or the LOG
 * write failed).
 */
#include <stdarg.h>
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/rom.h>
#include <cn/session/irq.h>
#include <cn/session/io_mem.h>
#include <cn/session/log.h>
#include <cn/util/format.h>
#include <cn/util/string.h>
#include "runtime.h"

static void print(const char *s, size_t len)
{
	while (len) {
		uint32_t n = len > CN_PRINT_MAX ? CN_PRINT_MAX : (uint32_t)len;
		cn_sys_print(s, n);
		s += n;
		len -= n;
	}
}

void cn_runtime_print(const char *prefix, const char *line)
{
	if (prefix && prefix[0]) {
		print("[", 1);
		print(prefix, cn_strlen(prefix));
		print("] ", 2);
	}
	print(line, cn_strlen(line));
	print("\n", 1);
}

void cn_log(const char *fmt, ...)
{
	char line[CN_RPC_STR_MAX + 1];
	va_list ap;
	va_start(ap, fmt);
	cn_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	size_t len = cn_strlen(line);
	if (len && line[len - 1] == '\n')
		line[--len] = 0;
	struct cn_env *env = cn_env();
	if (env->log && cn_log_session_write(env->log, line) == 0)
		return;
	cn_runtime_print(env->name, line);
}
