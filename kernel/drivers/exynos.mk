# SPDX-License-Identifier: MIT
# Kernel sources every Exynos board lists in BOARD_KERNEL_SRC (with its own
# board.c): UART, GIC, combiner, MCT and the board layer joining them.
EXYNOS_KERNEL_SRC := kernel/drivers/exynos_uart.c kernel/drivers/gicv2.c \
                     kernel/drivers/exynos_combiner.c kernel/drivers/exynos_mct.c \
                     kernel/drivers/exynos_board.c
