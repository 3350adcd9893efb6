# SPDX-License-Identifier: MIT
# coretest: core's service tests; core starts it as "init" (run/core_test.run)
TARGET := coretest
