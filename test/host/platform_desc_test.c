/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the platform component's device description and policy
 * parser (server/platform/devices.c): the three boards' devices.xml files,
 * malformed descriptions (each error with its line), policies with unknown
 * device names, and choosing the policy for a session label. Runs from the
 * repository root (it reads board/<name>/devices.xml).
 */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include "../../server/platform/devices.h"
#include "check.h"

static uint64_t arena[32768];
static struct pf_devices devs;
static struct pf_config cfg;
static char last_msg[256];
static unsigned last_line;
static int reports;

static void report(void *ctx, unsigned line, const char *msg)
{
	(void)ctx;
	reports++;
	last_line = line;
	snprintf(last_msg, sizeof(last_msg), "%s", msg);
}

static int parse_devices(const char *text)
{
	reports = 0;
	last_msg[0] = 0;
	last_line = 0;
	return pf_devices_parse(&devs, text, strlen(text), arena, sizeof(arena), report, NULL);
}

static int parse_config(const char *text)
{
	reports = 0;
	last_msg[0] = 0;
	return pf_config_parse(&cfg, &devs, text, strlen(text), arena, sizeof(arena), report, NULL);
}

static int parse_file(const char *path)
{
	static char buf[65536];
	FILE *f = fopen(path, "r");
	if (!f)
		return -100;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	return parse_devices(buf);
}

static const struct pf_device *dev(const char *name)
{
	int i = pf_device_find(&devs, name);
	return i < 0 ? NULL : &devs.dev[i];
}

static void virt_board(void)
{
	CN_CHECK_EQ(parse_file("board/virt/devices.xml"), 0);
	CN_CHECK_EQ(reports, 0);
	CN_CHECK_STR(devs.board, "virt");
	CN_CHECK_EQ(devs.count, 4u + 32u);
	const struct pf_device *rtc = dev("rtc");
	CN_CHECK(rtc != NULL);
	if (!rtc)
		return;
	CN_CHECK_STR(rtc->compatible[0], "arm,pl031");
	CN_CHECK_STR(rtc->compatible[1], "arm,primecell");
	CN_CHECK_EQ(rtc->nranges, 1u);
	CN_CHECK_EQ(rtc->range[0].base, 0x09010000u);
	CN_CHECK_EQ(rtc->range[0].size, 0x1000u);
	CN_CHECK_EQ(rtc->nirqs, 1u);
	CN_CHECK_EQ(rtc->irq[0], 34u);
	CN_CHECK(dev("gpio") && dev("gpio")->irq[0] == 39u && dev("gpio")->range[0].base == 0x09030000u);
	CN_CHECK(dev("fw_cfg") && dev("fw_cfg")->nirqs == 0 && dev("fw_cfg")->range[0].size == 0x18u);
	for (unsigned i = 0; i < 32; i++) {
		char name[16];
		snprintf(name, sizeof(name), "virtio%u", i);
		const struct pf_device *v = dev(name);
		CN_CHECK(v != NULL);
		if (!v)
			return;
		CN_CHECK_EQ(v->range[0].base, 0x0a000000u + 0x200u * i);
		CN_CHECK_EQ(v->range[0].size, 0x200u);
		CN_CHECK_EQ(v->irq[0], 48u + i);
		CN_CHECK_STR(v->compatible[0], "virtio,mmio");
	}
}

static void other_boards(void)
{
	CN_CHECK_EQ(parse_file("board/vexpress-a9/devices.xml"), 0);
	CN_CHECK_EQ(reports, 0);
	CN_CHECK_STR(devs.board, "vexpress-a9");
	const char *va9[] = { "uart0", "uart1", "uart2", "uart3", "rtc", "lcd", "kmi0", "kmi1",
	                      "ethernet", "mmc", "timer01", "timer23" };
	for (unsigned i = 0; i < sizeof(va9) / sizeof(va9[0]); i++)
		CN_CHECK(dev(va9[i]) != NULL);
	CN_CHECK(dev("mmc") && dev("mmc")->nirqs == 2 && dev("mmc")->irq[1] == 42u);
	CN_CHECK(dev("lcd") && dev("lcd")->ndomains == 1 &&
	         dev("lcd")->domain[0].kind == PF_DOMAIN_CLOCK);

	CN_CHECK_EQ(parse_file("board/rpi2/devices.xml"), 0);
	CN_CHECK_EQ(reports, 0);
	const char *rpi[] = { "uart0", "sdhost", "sdhci", "usb", "mailbox", "systimer" };
	for (unsigned i = 0; i < sizeof(rpi) / sizeof(rpi[0]); i++)
		CN_CHECK(dev(rpi[i]) != NULL);
	CN_CHECK(dev("usb") && dev("usb")->domain[0].kind == PF_DOMAIN_POWER &&
	         !strcmp(dev("usb")->domain[0].name, "usb"));
	CN_CHECK(dev("mailbox") && dev("mailbox")->irq[0] == 65u);
}

/* each malformed description: refused, one report, its line and words */
static void malformed(void)
{
	static const struct { const char *text; unsigned line; const char *words; } bad[] = {
		{ "<devices>\n<device name=\"a\">\n</devices>", 3, "" },
		{ "<device/>", 1, "expected <devices>" },
		{ "<devices>\n <device>\n <compatible name=\"x\"/> </device></devices>", 2,
		  "needs the attribute 'name'" },
		{ "<devices>\n <device name=\"a\">\n <io_mem base=\"0x1000\"/>"
		  " <compatible name=\"x\"/> </device></devices>", 3, "needs the attribute 'size'" },
		{ "<devices>\n <device name=\"a\"> <compatible name=\"x\"/>\n"
		  " <io_mem base=\"0x1000\" size=\"lots\"/> </device></devices>", 3,
		  "'size' of <io_mem> is not a number" },
		{ "<devices> <device name=\"a\"> <compatible name=\"x\"/>\n\n"
		  " <io_mem base=\"0xfffff000\" size=\"0x2000\"/> </device></devices>", 3,
		  "beyond 4 GiB" },
		{ "<devices> <device name=\"a\"> <compatible name=\"x\"/>\n"
		  " <irq number=\"5000\"/> </device></devices>", 2, "interrupt 5000" },
		{ "<devices> <device name=\"a\"> <compatible name=\"x\"/> </device>\n"
		  " <device name=\"a\"> <compatible name=\"y\"/> </device></devices>", 2,
		  "device name \"a\" already used in line 1" },
		{ "<devices> <device name=\"a\"> <compatible name=\"x\"/>"
		  " <io_mem base=\"0x1000\" size=\"0x100\"/> </device>\n"
		  " <device name=\"b\"> <compatible name=\"y\"/>"
		  " <io_mem base=\"0x10f0\" size=\"0x100\"/> </device></devices>", 2,
		  "overlaps one of \"a\"" },
		{ "<devices> <device name=\"a\"> <compatible name=\"x\"/>\n <bogus/> </device></devices>",
		  2, "unknown node <bogus> in device \"a\"" },
		{ "<devices> <device name=\"a\" colour=\"red\"> <compatible name=\"x\"/> </device></devices>",
		  1, "unknown attribute 'colour'" },
		{ "<devices>\n <device name=\"a\"/></devices>", 2, "has no <compatible>" },
		{ "<devices> <device name=\"a\"> <compatible name=\"x\"/> <irq number=\"3\"/> </device>\n"
		  " <device name=\"b\"> <compatible name=\"y\"/> <irq number=\"3\"/> </device></devices>",
		  2, "interrupt 3 of \"b\" is also \"a\"'s" },
	};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int r = parse_devices(bad[i].text);
		CN_CHECK(r != 0);
		CN_CHECK_EQ(reports, 1);
		if (last_line != bad[i].line || !strstr(last_msg, bad[i].words)) {
			printf("(case %u: line %u '%s') ", i, last_line, last_msg);
			CN_CHECK(0);
		}
	}
}

static void policies(void)
{
	CN_CHECK_EQ(parse_file("board/virt/devices.xml"), 0);
	int rtc = pf_device_find(&devs, "rtc"), gpio = pf_device_find(&devs, "gpio");
	CN_CHECK_EQ(parse_config("<config>\n"
		"<policy label=\"drv\"> <device name=\"rtc\"/> </policy>\n"
		"<policy label_prefix=\"sup -> \"> <device name=\"rtc\"/> <device name=\"gpio\"/> </policy>\n"
		"<policy label_prefix=\"sup -> gp\"> <device name=\"gpio\"/> </policy>\n"
		"<policy label_suffix=\"-> blk\"> <device name=\"virtio3\"/> </policy>\n"
		"</config>"), 0);
	CN_CHECK_EQ(cfg.count, 4u);
	const struct pf_policy *p = pf_policy_match(&cfg, "drv");
	CN_CHECK(p && p->devices == (1ull << rtc));
	CN_CHECK(pf_policy_match(&cfg, "drv2") == NULL);
	CN_CHECK(pf_policy_match(&cfg, "dr") == NULL);
	p = pf_policy_match(&cfg, "sup -> drv1");
	CN_CHECK(p && p->devices == ((1ull << rtc) | (1ull << gpio)));
	p = pf_policy_match(&cfg, "sup -> gpio_drv");      /* the longer prefix wins */
	CN_CHECK(p && p->devices == (1ull << gpio));
	p = pf_policy_match(&cfg, "x -> blk");
	CN_CHECK(p && p->line == 5);
	CN_CHECK(pf_policy_match(&cfg, "") == NULL);

	/* unknown device names: each reported, that policy dropped, others stay */
	int n = parse_config("<config>\n"
		"<policy label=\"a\"> <device name=\"rtc\"/> </policy>\n"
		"<policy label=\"b\"> <device name=\"nosuch\"/>\n <device name=\"gpio\"/>"
		" <device name=\"other\"/> </policy>\n"
		"<policy label=\"c\"> <device name=\"gpio\"/> </policy>\n"
		"</config>");
	CN_CHECK_EQ(n, 2);
	CN_CHECK_EQ(reports, 2);
	CN_CHECK_EQ(last_line, 4u);
	CN_CHECK(strstr(last_msg, "policy for \"b\" names unknown device \"other\"") != NULL);
	CN_CHECK_EQ(cfg.count, 2u);
	CN_CHECK(pf_policy_match(&cfg, "a") != NULL);
	CN_CHECK(pf_policy_match(&cfg, "b") == NULL);
	CN_CHECK(pf_policy_match(&cfg, "c") != NULL);

	/* a policy without a label, or with two, and other nodes */
	n = parse_config("<config> <policy> <device name=\"rtc\"/> </policy>\n"
	                 "<policy label=\"x\" label_prefix=\"y\"/> <start/> </config>");
	CN_CHECK_EQ(n, 3);
	CN_CHECK_EQ(cfg.count, 0u);
	/* a broken config is reported, nothing applies */
	n = parse_config("<config> <policy label=\"x\"> </config>");
	CN_CHECK_EQ(n, 1);
	CN_CHECK_EQ(cfg.count, 0u);
}

int main(void)
{
	cn_test_program = "platform_desc";
	CN_RUN(virt_board);
	CN_RUN(other_boards);
	CN_RUN(malformed);
	CN_RUN(policies);
	return CN_TEST_RESULT();
}
