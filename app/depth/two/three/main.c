/* SPDX-License-Identifier: MIT */
/*
 * depth_three: a program at app/depth/two/three, to show that components
 * are found at any depth (run/depth.run). It returns 42 from cn_main(),
 * which its parent sees as its exit value.
 */
#include <cn/component.h>

int cn_main(void)
{
	cn_log("built and started from app/depth/two/three");
	return 42;
}
