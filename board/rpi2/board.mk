# SPDX-License-Identifier: MIT
# Raspberry Pi 2 (QEMU raspi2b): BCM2836, Cortex-A7 x4, BCM2835 + BCM2836 local
# interrupt controllers, PL011 UART0, generic timer.
BOARD_DESC      := Raspberry Pi 2 B (QEMU raspi2b), BCM2836, Cortex-A7 x4
BOARD_CPU       := cortex-a7
# CPUs: QEMU's raspi2b always has its four cores (SMP cannot change that).
BOARD_MAX_CPUS  := 4
BOARD_NR_CPUS   := 4
BOARD_RAM_BASE  := 0x00000000
BOARD_KERNEL_PHYS := 0x00008000
BOARD_RAM_SIZE  := 0x3c000000
BOARD_KERNEL_SRC := kernel/drivers/pl011.c kernel/drivers/bcm2836_intc.c \
                    kernel/drivers/generic_timer.c board/rpi2/board.c
BOARD_QEMU      := qemu-system-arm
BOARD_QEMU_ARGS := -M raspi2b -m 1G -display none -serial stdio -monitor none -no-reboot
BOARD_CYCLE_COUNTER := yes
# SD card image (make image RUN=...; doc/boards.md): the Raspberry Pi
# firmware starts Debian's U-Boot rpi_2 (config.txt: kernel=u-boot.bin).
# The firmware is not free software: the user names its directory
# (FIRMWARE=dir; Debian's raspi-firmware package installs it in
# /usr/lib/raspi-firmware when non-free-firmware is configured).
BOARD_UBOOT_DIR  := /usr/lib/u-boot/rpi_2
BOARD_CARD_FAT   := $(BOARD_UBOOT_DIR)/u-boot.bin board/rpi2/config.txt
BOARD_CARD_NONFREE := fat:bootcode.bin fat:start.elf fat:fixup.dat
BOARD_CARD_NONFREE_DIRS := /usr/lib/raspi-firmware
BOARD_CARD_NONFREE_WHAT := the Raspberry Pi boot firmware (github.com/raspberrypi/firmware, folder boot/)
BOARD_UBOOT_LOAD := 0x04000000
BOARD_UBOOT_FDT  := 0x03e00000
# QEMU has no firmware: board/rpi2/qemu_fw.S does its part (UART pins,
# parking cores 1-3) and starts U-Boot, which reads the card on the SDHCI.
BOARD_QEMU_FW    := board/rpi2/qemu_fw.S board/rpi2/qemu_fw.ld
BOARD_QEMU_UBOOT = -kernel $(B)/qemu-fw.elf -drive if=sd,file=@CARD@,format=raw
