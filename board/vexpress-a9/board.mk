# SPDX-License-Identifier: MIT
# ARM Versatile Express with a Cortex-A9 MPCore tile (the Pandaboard's CPU).
BOARD_DESC      := ARM Versatile Express A9 (QEMU vexpress-a9), Cortex-A9 MPCore, GIC, PL011
BOARD_CPU       := cortex-a9
# CPUs: the kernel supports up to BOARD_MAX_CPUS and starts every CPU the
# board has; SMP picks how many QEMU emulates (make ... SMP=4).
BOARD_MAX_CPUS  := 4
SMP             ?= 1
BOARD_NR_CPUS   := $(SMP)
BOARD_RAM_BASE  := 0x60000000
BOARD_KERNEL_PHYS := 0x60000000
BOARD_RAM_SIZE  := 0x10000000
BOARD_KERNEL_SRC := kernel/drivers/pl011.c kernel/drivers/gicv2.c kernel/drivers/gicv2_board.c \
                    kernel/drivers/a9_timer.c board/vexpress-a9/board.c
BOARD_QEMU      := qemu-system-arm
BOARD_QEMU_ARGS := -M vexpress-a9 -cpu cortex-a9 -m 256M -audiodev none,id=snd0 -global pl041.audiodev=snd0 -smp $(BOARD_NR_CPUS) \
                   -display none -serial stdio -monitor none -no-reboot
# QEMU's Cortex-A9 has no PMU: PMCCNTR reads 0, so no instruction counts.
BOARD_CYCLE_COUNTER := no
