/* SPDX-License-Identifier: MIT */
/*
 * NS16550-compatible UART with 32-bit register spacing (the OMAP UART,
 * TI's 16C750 derivative), transmit only: the kernel's debug console. The
 * boot loader has set the baud rate and line format.
 */
#include "drivers/drivers.h"

#define THR      0x00
#define LSR      0x14          /* register 5, 4 bytes apart */
#define LSR_THRE (1u << 5)     /* transmit holding register empty */

static uintptr_t uart;

void ns16550_init(void *base) { uart = (uintptr_t)base; }

void ns16550_putc(char c)
{
	if (!uart)
		return;
	while (!(mmio_read(uart, LSR) & LSR_THRE))
		;
	mmio_write(uart, THR, (uint8_t)c);
}
