/* SPDX-License-Identifier: MIT */
/*
 * Samsung Exynos UART (the S3C/S5P UART of every Exynos SoC), transmit
 * only: the kernel's debug console.
 */
#include "drivers/drivers.h"

#define ULCON    0x00
#define UCON     0x04
#define UTRSTAT  0x10
#define UTXH     0x20
#define ULCON_8N1       0x3
#define UCON_TX_POLL    (1u << 2)    /* transmit mode: interrupt or polling */
#define UCON_RX_POLL    (1u << 0)
#define UTRSTAT_TX_EMPTY (1u << 1)   /* transmit buffer (or FIFO) empty */

static uintptr_t uart;

void exynos_uart_init(void *base)
{
	uart = (uintptr_t)base;
	/* keep what a boot loader set up (baud rate, FIFO); only make sure
	 * the transmitter is on when nothing has touched the UART */
	if (!(mmio_read(uart, UCON) & 0xc)) {
		mmio_write(uart, ULCON, ULCON_8N1);
		mmio_write(uart, UCON, mmio_read(uart, UCON) | UCON_TX_POLL | UCON_RX_POLL);
	}
}

void exynos_uart_putc(char c)
{
	if (!uart)
		return;
	while (!(mmio_read(uart, UTRSTAT) & UTRSTAT_TX_EMPTY))
		;
	mmio_write(uart, UTXH, (uint8_t)c);
}
