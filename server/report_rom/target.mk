# SPDX-License-Identifier: MIT
# report_rom: serves Report sessions' reports as ROM modules (doc/session-report.md)
TARGET := report_rom
