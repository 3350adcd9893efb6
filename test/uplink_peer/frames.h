/* SPDX-License-Identifier: MIT */
/*
 * The test peer's client stack (frames.c): ARP requests and DHCP
 * DISCOVER messages built byte by byte, and the replies of QEMU's user
 * network (slirp) parsed with every length checked.
 */
#ifndef UPLINK_PEER_FRAMES_H
#define UPLINK_PEER_FRAMES_H

#include <stdint.h>

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))
#define DHCP_XID 0x43a12016u

/* the frames we send; return their length (buf: at least 600 bytes) */
uint32_t arp_request(uint8_t *buf, uint64_t mac, uint32_t ip, uint32_t target);
uint32_t dhcp_discover(uint8_t *buf, uint64_t mac);

/* what a received frame is */
struct rx_info {
	enum { RX_OTHER, RX_ARP_REPLY, RX_DHCP } kind;
	uint16_t ethertype;
	uint64_t mac;          /* ARP: the sender's hardware address */
	uint32_t ip;           /* ARP: the sender's address; DHCP: the IP source */
	uint32_t target_ip;    /* ARP: the target address */
	uint32_t xid;          /* DHCP */
	uint32_t yiaddr;       /* DHCP: the address offered */
	uint32_t server;       /* DHCP: option 54 (0: none) */
	uint32_t lease;        /* DHCP: option 51 */
	uint8_t  msg_type;     /* DHCP: option 53 */
};
void parse_frame(const uint8_t *f, uint32_t len, struct rx_info *i);

#endif
