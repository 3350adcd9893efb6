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
