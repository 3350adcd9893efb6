# SPDX-License-Identifier: MIT
# timer: the Timer service (doc/session-timer.md)
TARGET := timer
