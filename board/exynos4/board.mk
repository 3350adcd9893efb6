# SPDX-License-Identifier: MIT
# QEMU smdkc210: Samsung Exynos4210, Cortex-A9 x2. Runs the Exynos UART, MCT
# and interrupt-combiner code that the Arndale (Exynos5250) shares.
BOARD_DESC      := Samsung SMDKC210 (QEMU smdkc210), Exynos4210, Cortex-A9 x2, combiner, MCT
BOARD_CPU       := cortex-a9
# CPUs: QEMU's Exynos4210 always has its two cores.
BOARD_MAX_CPUS  := 2
BOARD_NR_CPUS   := 2
BOARD_RAM_BASE  := 0x40000000
BOARD_KERNEL_PHYS := 0x40000000
BOARD_RAM_SIZE  := 0x10000000
include kernel/drivers/exynos.mk
BOARD_KERNEL_SRC := $(EXYNOS_KERNEL_SRC) board/exynos4/board.c
BOARD_QEMU      := qemu-system-arm
BOARD_QEMU_ARGS := -M smdkc210 -display none -serial stdio -monitor none -no-reboot
# QEMU's Cortex-A9 has no PMU: PMCCNTR reads 0, so no instruction counts.
BOARD_CYCLE_COUNTER := no
