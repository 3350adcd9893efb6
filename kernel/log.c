/* SPDX-License-Identifier: MIT */
/*
 * Kernel console output: formatted printing to the board's UART and panic.
 */
#include <stdarg.h>
#include "kernel.h"
#include <cn/util/format.h>

static void out(void *ctx, char c)
{
	(void)ctx;
	if (c == '\n')
		board_putc('\r');
	board_putc(c);
}

void kputs(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		out(NULL, s[i]);
}

void kvprintf(const char *fmt, va_list ap)
{
	cn_vformat(out, NULL, fmt, ap);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cn_vformat(out, NULL, fmt, ap);
	va_end(ap);
}

_Noreturn void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kprintf("\nkernel panic: ");
	cn_vformat(out, NULL, fmt, ap);
	kprintf("\n");
	va_end(ap);
	for (;;)
		__asm__ volatile("wfi");
}
