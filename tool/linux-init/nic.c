/* SPDX-License-Identifier: MIT */
/*
 * /init of the Linux baseline's network initramfs (tool/linux-baseline
 * nic): the counterpart of run/bench_nic.run on Linux, a freestanding
 * static ARM program on raw Linux system calls, no libc. It loads
 * virtio_mmio.ko, failover.ko, net_failover.ko and virtio_net.ko, brings
 * eth0 up (no IP address: like Cairn's test peer it speaks raw Ethernet
 * frames, through AF_PACKET sockets), waits until an ARP request for
 * 10.0.2.2 gets QEMU user network's reply, and then measures, RUNS times
 * each, counting the whole system's instructions on the only CPU with
 * perf_event_open (PERF_COUNT_HW_INSTRUCTIONS, pid -1, cpu 0):
 *   tx-1514B, tx-60B  FRAMES broadcast frames of EtherType 0x88b5 (which
 *                     QEMU's user network ignores), one send() each
 *   arp               EXCHANGES ARP requests for 10.0.2.2, one at a time,
 *                     each until its reply is received
 * It prints
 *   linux-bench: <case> run <i>: <instructions> instructions, <n> frames|exchanges
 * and "linux-bench: done", then powers the machine off. Any error prints
 * "linux-bench: FAILED ..." and powers off, too.
 */
#include "rt.h"

#define RUNS      3u
#define FRAMES    1000u
#define EXCHANGES 200u

#define AF_INET    2
#define AF_PACKET 17
#define SOCK_DGRAM 2
#define SOCK_RAW   3
#define ETH_P_ARP  0x0806
#define SOL_SOCKET 1
#define SO_RCVTIMEO 20          /* the old 32-bit timeval */
#define SIOCGIFFLAGS  0x8913
#define SIOCSIFFLAGS  0x8914
#define SIOCGIFHWADDR 0x8927
#define SIOCGIFINDEX  0x8933
#define IFF_UP 1

struct ifreq {
	char name[16];
	union {
		short flags;
		int   index;
		struct { u16 family; u8 data[14]; } hwaddr;
		u8    pad[16];
	} u;
};

struct sockaddr_ll {
	u16 family, protocol;   /* protocol in network order */
	int ifindex;
	u16 hatype;
	u8  pkttype, halen;
	u8  addr[8];
};

static u16 be16(u16 v) { return (u16)(v >> 8 | v << 8); }

static u8 mac[6];
static u8 frame[1514] __attribute__((aligned(4)));
static u8 rxbuf[2048] __attribute__((aligned(4)));

/* an ARP request for 10.0.2.2 from 10.0.2.15 (60 bytes, as Cairn's peer) */
static unsigned arp_request(u8 *f)
{
	static const u8 head[] = { 0x08, 0x06, 0, 1, 0x08, 0x00, 6, 4, 0, 1 };
	memset(f, 0, 60);
	memset(f, 0xff, 6);
	memcpy(f + 6, mac, 6);
	memcpy(f + 12, head, sizeof(head));
	memcpy(f + 22, mac, 6);
	f[28] = 10; f[29] = 0; f[30] = 2; f[31] = 15;
	f[38] = 10; f[39] = 0; f[40] = 2; f[41] = 2;
	return 60;
}

/* wait for 10.0.2.2's ARP reply: 1, or 0 after the socket's timeout */
static int arp_reply(long s)
{
	for (;;) {
		long r = sys(SYS_recv, s, rxbuf, sizeof(rxbuf));
		if (r < 0)
			return 0;
		if (r >= 42 && rxbuf[12] == 0x08 && rxbuf[13] == 0x06 && rxbuf[20] == 0 &&
		    rxbuf[21] == 2 && rxbuf[28] == 10 && rxbuf[29] == 0 && rxbuf[30] == 2 &&
		    rxbuf[31] == 2)
			return 1;
	}
}

void init_main(void)
{
	load_module("/virtio_mmio.ko");
	load_module("/failover.ko");
	load_module("/net_failover.ko");
	load_module("/virtio_net.ko");

	long ctl = sys(SYS_socket, AF_INET, SOCK_DGRAM, 0);
	if (ctl < 0)
		fail("socket", ctl);
	struct ifreq ifr;
	long r = -1;
	for (int i = 0; i < 200 && r < 0; i++) {     /* the probe may still run */
		memset(&ifr, 0, sizeof(ifr));
		memcpy(ifr.name, "eth0", 5);
		if ((r = sys(SYS_ioctl, ctl, SIOCGIFINDEX, &ifr)) < 0)
			sleep_ms(10);
	}
	if (r < 0)
		fail("no eth0", r);
	int ifindex = ifr.u.index;
	if ((r = sys(SYS_ioctl, ctl, SIOCGIFHWADDR, &ifr)) < 0)
		fail("SIOCGIFHWADDR", r);
	memcpy(mac, ifr.u.hwaddr.data, 6);
	if ((r = sys(SYS_ioctl, ctl, SIOCGIFFLAGS, &ifr)) < 0)
		fail("SIOCGIFFLAGS", r);
	ifr.u.flags |= IFF_UP;
	if ((r = sys(SYS_ioctl, ctl, SIOCSIFFLAGS, &ifr)) < 0)
		fail("SIOCSIFFLAGS", r);

	/* tx: protocol 0 (receives nothing); arp: ARP frames only */
	struct sockaddr_ll a;
	long tx = sys(SYS_socket, AF_PACKET, SOCK_RAW, 0);
	long arp = sys(SYS_socket, AF_PACKET, SOCK_RAW, be16(ETH_P_ARP));
	if (tx < 0 || arp < 0)
		fail("socket(AF_PACKET)", tx < 0 ? tx : arp);
	memset(&a, 0, sizeof(a));
	a.family = AF_PACKET;
	a.ifindex = ifindex;
	if ((r = sys(SYS_bind, tx, &a, sizeof(a))) < 0)
		fail("bind", r);
	a.protocol = be16(ETH_P_ARP);
	if ((r = sys(SYS_bind, arp, &a, sizeof(a))) < 0)
		fail("bind", r);
	long tv[2] = { 0, 200 * 1000 };             /* 200 ms */
	if ((r = sys6(SYS_setsockopt, arp, SOL_SOCKET, SO_RCVTIMEO, (long)tv, sizeof(tv), 0)) < 0)
		fail("SO_RCVTIMEO", r);

	/* the link: until 10.0.2.2 answers (the qdisc starts with the carrier) */
	int up = 0;
	for (int i = 0; i < 50 && !up; i++) {
		sys(SYS_send, tx, frame, arp_request(frame));
		up = arp_reply(arp);
	}
	if (!up)
		fail("no ARP reply from 10.0.2.2 within 10 s", 0);
	puts_("linux-bench: eth0 up, 10.0.2.2 answers ARP\n");

	long pc = open_counter();
	if (pc < 0)
		fail("perf_event_open (no PMU in the device tree?)", pc);
	puts_("linux-bench: counting PERF_COUNT_HW_INSTRUCTIONS on cpu 0 (whole system)\n");

	static const struct { const char *name; u32 size; } txc[] = {
		{ "tx-1514B", 1514 }, { "tx-60B", 60 },
	};
	for (u32 c = 0; c < 2; c++) {
		memset(frame, 0xa5, sizeof(frame));
		memset(frame, 0xff, 6);
		memcpy(frame + 6, mac, 6);
		frame[12] = 0x88;
		frame[13] = 0xb5;
		for (u32 run = 1; run <= RUNS; run++) {
			sys(SYS_ioctl, pc, PERF_EVENT_IOC_RESET, 0);
			sys(SYS_ioctl, pc, PERF_EVENT_IOC_ENABLE, 0);
			for (u32 i = 0; i < FRAMES; i++) {
				r = sys(SYS_send, tx, frame, txc[c].size);
				if (r != (long)txc[c].size)
					fail("send", r);
			}
			report(txc[c].name, run, read_counter(pc), FRAMES, " frames");
		}
	}
	unsigned len = arp_request(frame);
	for (u32 run = 1; run <= RUNS; run++) {
		sys(SYS_ioctl, pc, PERF_EVENT_IOC_RESET, 0);
		sys(SYS_ioctl, pc, PERF_EVENT_IOC_ENABLE, 0);
		for (u32 i = 0; i < EXCHANGES; i++) {
			r = sys(SYS_send, tx, frame, len);
			if (r != (long)len)
				fail("send", r);
			if (!arp_reply(arp))
				fail("no ARP reply within 200 ms in exchange", (long)i);
		}
		report("arp", run, read_counter(pc), EXCHANGES, " exchanges");
	}
	puts_("linux-bench: done\n");
	power_off();
}
