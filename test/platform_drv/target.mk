# SPDX-License-Identifier: MIT
# platform_drv: a test driver of the Platform session (run/platform.run)
TARGET := platform_drv
