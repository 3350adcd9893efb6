# SPDX-License-Identifier: MIT
# PandaBoard / PandaBoard ES: TI OMAP4430 / OMAP4460, Cortex-A9 MPCore x2,
# 1 GiB. Not emulated by QEMU: built in CI; make image BOARD=panda RUN=... writes
# its SD card image (make image-check checks it: doc/boards.md).
BOARD_DESC      := PandaBoard (ES), TI OMAP4430/4460, Cortex-A9 MPCore x2
BOARD_CPU       := cortex-a9
BOARD_MAX_CPUS  := 2
BOARD_NR_CPUS   := 2
BOARD_RAM_BASE  := 0x80000000
BOARD_KERNEL_PHYS := 0x80000000
BOARD_RAM_SIZE  := 0x10000000
BOARD_KERNEL_SRC := kernel/drivers/ns16550.c kernel/drivers/gicv2.c kernel/drivers/gicv2_board.c \
                    kernel/drivers/a9_timer.c board/panda/board.c
BOARD_CYCLE_COUNTER := no
# SD card image (make image RUN=...; doc/boards.md): the OMAP4 ROM code loads
# MLO (U-Boot SPL) from the active FAT partition; MLO loads u-boot.img from
# there. Debian's u-boot-omap, omap4_panda.
BOARD_UBOOT_DIR  := /usr/lib/u-boot/omap4_panda
BOARD_CARD_FAT   := $(BOARD_UBOOT_DIR)/MLO $(BOARD_UBOOT_DIR)/u-boot.img
BOARD_UBOOT_LOAD := 0x84000000
BOARD_UBOOT_FDT  := 0x83e00000
