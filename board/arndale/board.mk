# SPDX-License-Identifier: MIT
# Arndale: Samsung Exynos5250, Cortex-A15 x2, 2 GiB. Not emulated by QEMU
# (its Exynos UART, MCT and combiner code runs on exynos4): built in CI; make
# image BOARD=arndale RUN=... writes its SD card image (make image-check
# checks it: doc/boards.md).
BOARD_DESC      := Arndale, Samsung Exynos5250, Cortex-A15 x2, combiner, MCT
BOARD_CPU       := cortex-a15
BOARD_MAX_CPUS  := 2
BOARD_NR_CPUS   := 2
BOARD_RAM_BASE  := 0x40000000
BOARD_KERNEL_PHYS := 0x40000000
BOARD_RAM_SIZE  := 0x10000000
include kernel/drivers/exynos.mk
BOARD_KERNEL_SRC := $(EXYNOS_KERNEL_SRC) board/arndale/board.c
BOARD_CYCLE_COUNTER := yes
# SD card image (make image RUN=...; doc/boards.md): the Exynos5250 boot ROM
# loads BL1 from sector 1; BL1 loads the U-Boot SPL (BL2) from sector 17,
# which loads U-Boot from sector 49. BL1 is Samsung's and not free software:
# the user names its directory (FIRMWARE=dir).
BOARD_UBOOT_DIR  := /usr/lib/u-boot/arndale
BOARD_CARD_RAW   := 17:$(BOARD_UBOOT_DIR)/arndale-spl.bin 49:$(BOARD_UBOOT_DIR)/u-boot.bin
BOARD_CARD_NONFREE := raw1:arndale-bl1.bin
BOARD_CARD_NONFREE_WHAT := Samsung's first-stage boot loader for the Exynos5250 (8 KiB, distributed by Linaro for the Arndale, e.g. in its u-boot-arndale/boot release archives)
BOARD_UBOOT_LOAD := 0x44000000
BOARD_UBOOT_FDT  := 0x43e00000
