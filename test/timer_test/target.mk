# SPDX-License-Identifier: MIT
# timer_test: client of the Timer service for run/timer.run
TARGET := timer_test
