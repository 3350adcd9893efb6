/* SPDX-License-Identifier: MIT */
/*
 * The first user-mode program: prints a line through the kernel's debug
 * output and stops (run/hello.run).
 */
#include <cn/sys.h>

int main(void);
int main(void)
{
	static const char msg[] = "hello: Hello from user mode\n";
	cn_sys_print(msg, sizeof(msg) - 1);
	return 0;
}
