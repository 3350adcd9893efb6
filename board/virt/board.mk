# SPDX-License-Identifier: MIT
# QEMU 'virt' board: Cortex-A15, GICv2, PL011, ARM generic timer. The default board.
BOARD_DESC      := QEMU virt, Cortex-A15, GICv2, PL011 UART, generic timer
BOARD_CPU       := cortex-a15
# CPUs: the kernel supports up to BOARD_MAX_CPUS and starts every CPU the
# board has; SMP picks how many QEMU emulates (make ... SMP=4).
BOARD_MAX_CPUS  := 4
SMP             ?= 2
BOARD_NR_CPUS   := $(SMP)
BOARD_RAM_BASE  := 0x40000000
BOARD_KERNEL_PHYS := 0x40000000
BOARD_RAM_SIZE  := 0x10000000
BOARD_KERNEL_SRC := kernel/drivers/pl011.c kernel/drivers/gicv2.c kernel/drivers/gicv2_board.c \
                    kernel/drivers/generic_timer.c kernel/drivers/psci.c board/virt/board.c
# How QEMU emulates it. The run tool appends -kernel <image> and, for
# benchmarks, -icount shift=0,sleep=off.
BOARD_QEMU      := qemu-system-arm
BOARD_QEMU_ARGS := -M virt,highmem=off -cpu cortex-a15 -m 256M -smp $(BOARD_NR_CPUS) -nic none \
                   -display none -serial stdio -monitor none -no-reboot
# PMCCNTR counts executed instructions under -icount shift=0.
BOARD_CYCLE_COUNTER := yes
# SD card image (make image RUN=...; doc/boards.md): Debian's qemu_arm U-Boot
# runs as QEMU's -bios and boots from the card as a virtio disk.
BOARD_UBOOT_DIR  := /usr/lib/u-boot/qemu_arm
BOARD_UBOOT_LOAD := 0x44000000
BOARD_UBOOT_FDT  := 0x43e00000
BOARD_QEMU_UBOOT = -bios $(BOARD_UBOOT_DIR)/u-boot.bin \
                   -drive if=none,file=@CARD@,format=raw,id=card -device virtio-blk-device,drive=card
