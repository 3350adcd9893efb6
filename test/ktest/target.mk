# SPDX-License-Identifier: MIT
# The kernel test suite: a roottask that runs every case in fresh PDs.
TARGET := ktest
LIBS := kt
# the board's user-space timer for the IRQ test (board/<name>/board.h)
EXTRA_CFLAGS := -Iboard/$(BOARD)
