/* SPDX-License-Identifier: MIT */
/*
 * ARP and DHCP frames for the test peer (frames.h). Network byte order
 * is written and read byte by byte; nothing is trusted about a received
 * frame's length.
 */
#include <cn/util/string.h>
#include "frames.h"

static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v); }
static void put_mac(uint8_t *p, uint64_t m)
{
	for (int i = 0; i < 6; i++)
		p[i] = (uint8_t)(m >> (8 * (5 - i)));
}
static uint32_t get16(const uint8_t *p) { return (uint32_t)p[0] << 8 | p[1]; }
static uint32_t get32(const uint8_t *p) { return get16(p) << 16 | get16(p + 2); }
static uint64_t get_mac(const uint8_t *p)
{
	uint64_t m = 0;
	for (int i = 0; i < 6; i++)
		m = m << 8 | p[i];
	return m;
}

static uint32_t eth(uint8_t *b, uint64_t dst, uint64_t src, uint32_t type)
{
	put_mac(b, dst);
	put_mac(b + 6, src);
	put16(b + 12, type);
	return 14;
}

uint32_t arp_request(uint8_t *b, uint64_t mac, uint32_t ip, uint32_t target)
{
	uint8_t *a = b + eth(b, 0xffffffffffffull, mac, 0x0806);
	put16(a, 1);            /* Ethernet */
	put16(a + 2, 0x0800);   /* IPv4 */
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, 1);        /* request */
	put_mac(a + 8, mac);
	put32(a + 14, ip);
	put_mac(a + 18, 0);
	put32(a + 24, target);
	cn_memset(a + 28, 0, 18);   /* pad to the 60-byte minimum */
	return 60;
}

static uint32_t ip_checksum(const uint8_t *p, uint32_t len)
{
	uint32_t sum = 0;
	for (uint32_t i = 0; i + 1 < len; i += 2)
		sum += get16(p + i);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

#define BOOTP_LEN (236u + 312u)   /* fixed part + options field */

uint32_t dhcp_discover(uint8_t *b, uint64_t mac)
{
	uint8_t *ip = b + eth(b, 0xffffffffffffull, mac, 0x0800);
	uint8_t *udp = ip + 20, *bp = udp + 8;
	uint32_t total = 20 + 8 + BOOTP_LEN;
	cn_memset(ip, 0, total);
	ip[0] = 0x45;
	put16(ip + 2, total);
	ip[8] = 64;             /* TTL */
	ip[9] = 17;             /* UDP */
	put32(ip + 12, 0);
	put32(ip + 16, 0xffffffffu);
	put16(ip + 10, ip_checksum(ip, 20));
	put16(udp, 68);
	put16(udp + 2, 67);
	put16(udp + 4, 8 + BOOTP_LEN);   /* checksum 0: none */
	bp[0] = 1;              /* BOOTREQUEST */
	bp[1] = 1;              /* Ethernet */
	bp[2] = 6;
	put32(bp + 4, DHCP_XID);
	put16(bp + 10, 0x8000); /* broadcast */
	put_mac(bp + 28, mac);
	uint8_t *o = bp + 236;
	put32(o, 0x63825363u);  /* magic cookie */
	o += 4;
	*o++ = 53; *o++ = 1; *o++ = 1;             /* DHCPDISCOVER */
	*o++ = 55; *o++ = 3; *o++ = 1; *o++ = 3; *o++ = 6;   /* mask, router, DNS */
	*o++ = 255;
	return 14 + total;
}

static void parse_dhcp(const uint8_t *ip, uint32_t len, struct rx_info *i)
{
	uint32_t ihl = (ip[0] & 15) * 4u;
	if (ihl < 20 || len < ihl + 8 || ip[9] != 17)
		return;
	const uint8_t *udp = ip + ihl;
	if (get16(udp) != 67 || get16(udp + 2) != 68 || len < ihl + 8 + 240)
		return;
	const uint8_t *bp = udp + 8, *end = ip + len;
	if (bp[0] != 2 || get32(bp + 236) != 0x63825363u)
		return;
	i->kind = RX_DHCP;
	i->ip = get32(ip + 12);
	i->xid = get32(bp + 4);
	i->yiaddr = get32(bp + 16);
	for (const uint8_t *o = bp + 240; o < end && *o != 255;) {
		if (*o == 0) { o++; continue; }
		if (o + 2 > end || o + 2 + o[1] > end)
			break;
		if (o[0] == 53 && o[1] == 1) i->msg_type = o[2];
		if (o[0] == 54 && o[1] == 4) i->server = get32(o + 2);
		if (o[0] == 51 && o[1] == 4) i->lease = get32(o + 2);
		o += 2 + o[1];
	}
}

void parse_frame(const uint8_t *f, uint32_t len, struct rx_info *i)
{
	cn_memset(i, 0, sizeof(*i));
	i->kind = RX_OTHER;
	if (len < 14)
		return;
	i->ethertype = (uint16_t)get16(f + 12);
	const uint8_t *p = f + 14;
	len -= 14;
	if (i->ethertype == 0x0806 && len >= 28 && get16(p) == 1 && get16(p + 2) == 0x0800 &&
	    p[4] == 6 && p[5] == 4 && get16(p + 6) == 2) {
		i->kind = RX_ARP_REPLY;
		i->mac = get_mac(p + 8);
		i->ip = get32(p + 14);
		i->target_ip = get32(p + 24);
	} else if (i->ethertype == 0x0800 && len >= 20) {
		uint32_t tot = get16(p + 2);
		if (tot <= len)
			parse_dhcp(p, tot, i);
	}
}
