/* SPDX-License-Identifier: MIT */
/*
 * Stand-in for the Raspberry Pi boot firmware when QEMU boots U-Boot from
 * an SD card image (make run/NAME BOARD=rpi2 BOOT=uboot). On a real board
 * the GPU firmware (bootcode.bin, start.elf) muxes the PL011 to GPIO 14/15
 * (enable_uart=1), loads its ARM stub at 0 and the kernel (here U-Boot
 * rpi_2) at 0x8000, starts core 0 there and parks cores 1-3, each waiting
 * for an entry address in its BCM2836 mailbox 3. QEMU's raspi2b starts
 * every core at the entry of a -kernel ELF and has no firmware, so this
 * file does the firmware's part: linked at 0 with Debian's u-boot.bin
 * (UBOOT_BIN) at 0x8000 (board/rpi2/qemu_fw.ld).
 */
	.syntax unified
	.arch armv7-a

#define GPFSEL1      0x3f200004   /* GPIO 10-19 function select */
#define GPIO1415_MASK 0x3f000     /* bits 12-17: GPIO 14 and 15 */
#define GPIO1415_ALT0 0x24000     /* ALT0: PL011 TXD0/RXD0 */
#define MBOX3_RDCLR  0x400000cc   /* core 0's mailbox 3 read/clear; +0x10 per core */

	.section .text.fw, "ax"
	.global _start
_start:
	mrc	p15, 0, r0, c0, c0, 5	/* MPIDR: core number */
	and	r0, r0, #3
	cmp	r0, #0
	bne	park
	ldr	r1, =GPFSEL1
	ldr	r2, [r1]
	bic	r2, r2, #GPIO1415_MASK
	orr	r2, r2, #GPIO1415_ALT0
	str	r2, [r1]
	mov	r0, #0			/* the firmware's ARM Linux boot protocol */
	ldr	r1, =0xc42		/* machine type BCM2709 */
	mov	r2, #0			/* no ATAGs or device tree: U-Boot has its own */
	ldr	pc, =0x8000
park:
	ldr	r1, =MBOX3_RDCLR
	add	r1, r1, r0, lsl #4
1:	wfe
	ldr	r2, [r1]
	cmp	r2, #0
	beq	1b
	str	r2, [r1]		/* clear the mailbox */
	bx	r2
	.ltorg

	.section .uboot, "ax"
	.incbin UBOOT_BIN
