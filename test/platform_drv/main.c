/* SPDX-License-Identifier: MIT */
/*
 * A test driver of the Platform session (run/platform.run); what it does
 * depends on its name:
 *   intruder   lists its devices, acquires the one its <config device=.../>
 *              names and reads its PrimeCell ID, then asks for "rtc" and
 *              "nosuch", which its policy does not grant (must be denied)
 *   holder     acquires "rtc", reads its PrimeCell ID, allocates a 64 KiB
 *              DMA buffer and asks for 1 MiB more than its quota (must be a
 *              quota error), tells its parent through the "Ready" session
 *              and keeps everything until its parent kills it
 *   second     asks for "rtc" while the holder has it (must conflict)
 *   restarted  acquires "rtc" after the holder was killed, reads it, takes
 *              its match interrupt through the interrupt capability, releases
 *              and acquires it again, and exits
 * Every check that fails prints a line starting "FAIL".
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/io_mem.h>
#include <cn/session/irq.h>
#include <cn/session/rom.h>
#include <cn/session/pd.h>
#include <cn/session/platform.h>
#include <cn/session/rm.h>
#include <cn/util/string.h>
#include <cn/util/xml.h>

#define fail(...) do { cn_log("FAIL: " __VA_ARGS__); cn_exit(1); } while (0)

#define DMA_SIZE (64u * 1024u)

/* PL031 registers (words) */
enum { RTC_DR = 0, RTC_MR = 1, RTC_IMSC = 4, RTC_MIS = 6, RTC_ICR = 7 };

static uint32_t session;

static uint32_t reg(volatile void *base, uint32_t offset)
{
	return ((volatile uint32_t *)base)[offset / 4];
}

/* the PrimeCell peripheral and cell ID registers at 0xfe0..0xffc */
static void primecell_id(volatile void *regs, const char *name)
{
	uint32_t periph = 0, cell = 0;
	for (uint32_t i = 0; i < 4; i++) {
		periph |= (reg(regs, 0xfe0 + 4 * i) & 0xff) << (8 * i);
		cell |= (reg(regs, 0xff0 + 4 * i) & 0xff) << (8 * i);
	}
	cn_log("%s: PrimeCell peripheral ID 0x%08x, cell ID 0x%08x", name, (unsigned)periph,
	       (unsigned)cell);
}

static uint32_t acquire_map(const char *name, volatile void **regs)
{
	uint32_t dev;
	int err = cn_platform_acquire(session, name, &dev);
	if (!err)
		err = cn_platform_map(session, dev, 0, regs);
	if (err)
		fail("acquire \"%s\": %s", name, cn_strerror(err));
	return dev;
}

static void expect_refused(const char *name, int want)
{
	uint32_t dev;
	int err = cn_platform_acquire(session, name, &dev);
	if (err != want)
		fail("acquire \"%s\": %s, expected %s", name, err ? cn_strerror(err) : "granted",
		     cn_strerror(want));
	cn_log("acquire \"%s\": %s, as it must be", name, cn_strerror(err));
}

static void list_devices(void)
{
	static uint64_t arena[2048];
	struct cn_platform_list l;
	int err = cn_platform_list(session, &l, arena, sizeof(arena));
	if (err)
		fail("devices(): %s", cn_strerror(err));
	struct cn_xml_doc doc = l.doc;
	char line[160];
	uint32_t n = 0;
	line[0] = 0;
	for (const struct cn_xml_node *d = cn_xml_first_child(doc.root, "device"); d;
	     d = cn_xml_next_sibling(d, "device")) {
		char name[32];
		cn_xml_attr_str(d, "name", name, sizeof(name));
		size_t l = cn_strlen(line);
		cn_strlcpy(line + l, l ? " " : "", sizeof(line) - l);
		cn_strlcpy(line + cn_strlen(line), name, sizeof(line) - cn_strlen(line));
		n++;
	}
	cn_log("my devices (%u): %s", (unsigned)n, line);
	cn_platform_list_done(&l);
}

/* the dma_only form: no devices, DMA buffers only */
static void dma_only(const char *name)
{
	uint32_t s, dev;
	cn_cap_t ds;
	struct cn_platform_dma buf;
	int err = cn_platform_connect_dma("dma", CN_PLATFORM_DMA_RAM(4096), 1, &s);
	if (err)
		fail("dma_only session: %s", cn_strerror(err));
	if ((err = cn_platform_devices(s, &ds)) != CN_ERR_DENIED)
		fail("dma_only session: devices(): %s", err ? cn_strerror(err) : "granted");
	if ((err = cn_platform_acquire(s, name, &dev)) != CN_ERR_DENIED)
		fail("dma_only session: acquire \"%s\": %s", name,
		     err ? cn_strerror(err) : "granted");
	if ((err = cn_platform_dma(s, 4096, &buf)))
		fail("dma_only session: DMA buffer: %s", cn_strerror(err));
	cn_memset(buf.addr, 0xa5, buf.size);
	cn_log("dma_only session: devices() and acquire \"%s\" denied, DMA buffer of %u bytes "
	       "at bus address 0x%08x", name, (unsigned)buf.size, (unsigned)buf.bus);
	if ((err = cn_platform_dma_free(s, &buf)) || (err = cn_close(s)))
		fail("dma_only session: closing: %s", cn_strerror(err));
}

static void intruder(void)
{
	const void *cfg;
	uint32_t size, rom;
	char name[32] = "";
	static uint64_t arena[256];
	struct cn_xml_doc doc;
	if (!cn_rom_attach("config", &cfg, &size, &rom)) {
		if (!cn_xml_parse(&doc, cfg, size, arena, sizeof(arena), NULL))
			cn_xml_attr_str(doc.root, "device", name, sizeof(name));
		cn_rom_detach_close(cfg, rom);
	}
	if (!name[0])
		fail("no <config device=\"...\"/>");
	list_devices();
	volatile void *regs;
	uint32_t dev = acquire_map(name, &regs);
	primecell_id(regs, name);
	expect_refused("rtc", CN_ERR_DENIED);
	expect_refused("nosuch", CN_ERR_DENIED);
	cn_platform_release(session, dev);
	dma_only(name);
	cn_log("done");
	cn_exit(0);
}

static void holder(void)
{
	volatile void *regs;
	uint32_t ready;
	acquire_map("rtc", &regs);
	primecell_id(regs, "rtc");
	struct cn_platform_dma buf;
	int err = cn_platform_dma(session, DMA_SIZE, &buf);
	if (err)
		fail("DMA buffer: %s", cn_strerror(err));
	cn_memset(buf.addr, 0x5a, buf.size);
	cn_log("DMA buffer of %u bytes at bus address 0x%08x, filled", (unsigned)buf.size,
	       (unsigned)buf.bus);
	struct cn_platform_dma big;
	err = cn_platform_dma(session, 1u << 20, &big);
	if (err != CN_ERR_QUOTA_RAM)
		fail("a DMA buffer beyond the quota: %s", err ? cn_strerror(err) : "granted");
	cn_log("a DMA buffer of 1048576 bytes: %s, as it must be", cn_strerror(err));
	if ((err = cn_connect("Ready", "", &ready)) || (err = cn_sys_signal_submit(ready, 1)))
		fail("telling the parent: %s", cn_strerror(err));
	cn_log("holding \"rtc\" and the DMA buffer");
}

static void second(void)
{
	expect_refused("rtc", CN_ERR_CONFLICT);
	cn_log("done");
	cn_exit(0);
}

/* ---------------------------------------------------------- restarted */
static struct cn_signal_handler irq_h;
static volatile void *rtc;
static uint32_t rtc_dev;
static cn_cap_t irq;

static void rtc_irq(void *arg, uint32_t count)
{
	(void)arg;
	uint32_t mis = reg(rtc, RTC_MIS * 4);
	cn_log("rtc interrupt (count %u): masked status %u, time %u", (unsigned)count,
	       (unsigned)mis, (unsigned)reg(rtc, RTC_DR * 4));
	if (mis != 1)
		fail("interrupt without a match");
	((volatile uint32_t *)rtc)[RTC_IMSC] = 0;
	((volatile uint32_t *)rtc)[RTC_ICR] = 1;
	int err = cn_irq_ack(irq.name);
	if (err)
		fail("ack: %s", cn_strerror(err));
	cn_platform_release(session, rtc_dev);
	/* the device can be acquired again, and works */
	volatile void *again;
	uint32_t dev = acquire_map("rtc", &again);
	primecell_id(again, "rtc again");
	cn_platform_release(session, dev);
	/* a DMA buffer back and forth */
	struct cn_platform_dma buf;
	if ((err = cn_platform_dma(session, DMA_SIZE, &buf)) ||
	    (err = cn_platform_dma_free(session, &buf)))
		fail("DMA: %s", cn_strerror(err));
	cn_log("done");
	cn_exit(0);
}

static void restarted(void)
{
	uint32_t ctx;
	rtc_dev = acquire_map("rtc", &rtc);
	primecell_id(rtc, "rtc");
	uint32_t now = reg(rtc, RTC_DR * 4);
	if (!now)
		fail("the RTC reads 0");
	int err = cn_platform_irq(session, rtc_dev, 0, &irq);
	if (!err)
		err = cn_signal_handler(&irq_h, rtc_irq, NULL, &ctx);
	if (!err)
		err = cn_irq_sigh(irq.name, (cn_cap_t){ ctx });
	if (err)
		fail("interrupt: %s", cn_strerror(err));
	((volatile uint32_t *)rtc)[RTC_ICR] = 1;
	((volatile uint32_t *)rtc)[RTC_MR] = now + 1;
	((volatile uint32_t *)rtc)[RTC_IMSC] = 1;
	cn_log("rtc reads %u; match interrupt armed for %u", (unsigned)now, (unsigned)now + 1);
}

void cn_component_construct(struct cn_env *env)
{
	int err = cn_platform_connect(DMA_SIZE + 4096, &session);
	if (err)
		fail("Platform session: %s", cn_strerror(err));
	if (!cn_strcmp(env->name, "intruder"))
		intruder();
	else if (!cn_strcmp(env->name, "holder"))
		holder();
	else if (!cn_strcmp(env->name, "second"))
		second();
	else
		restarted();
}
