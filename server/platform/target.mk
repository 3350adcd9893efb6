# SPDX-License-Identifier: MIT
# platform: the Platform service (doc/platform.md). The board's hooks come
# from board/<name>/platform.c (server/platform/board_none/ without one); the
# board's device description becomes the boot module 'devices' (Makefile,
# section 'board device description').
TARGET := platform
SRC := main.c session.c device.c devices.c stop.c
EXTRA_SRC := $(or $(wildcard board/$(BOARD)/platform.c),server/platform/board_none/platform.c)
