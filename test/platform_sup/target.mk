# SPDX-License-Identifier: MIT
# platform_sup: the parent of the test drivers of run/platform.run
TARGET := platform_sup
