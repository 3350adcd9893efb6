/* SPDX-License-Identifier: MIT */
/*
 * ARM PL011 UART, transmit only (the kernel's debug console).
 */
#include "drivers/drivers.h"

#define UARTDR   0x00
#define UARTFR   0x18
#define UARTCR   0x30
#define FR_TXFF  (1u << 5)

static uintptr_t uart;

void pl011_init(void *base)
{
	uart = (uintptr_t)base;
	/* keep the boot loader's baud rate; make sure UART and TX are on */
	mmio_write(uart, UARTCR, mmio_read(uart, UARTCR) | 0x101);
}

void pl011_putc(char c)
{
	if (!uart)
		return;
	while (mmio_read(uart, UARTFR) & FR_TXFF)
		;
	mmio_write(uart, UARTDR, (uint8_t)c);
}
