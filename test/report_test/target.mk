# SPDX-License-Identifier: MIT
# report_test: reporter and reader of run/report_rom.run
TARGET := report_test
