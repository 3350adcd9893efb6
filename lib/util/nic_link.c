/* SPDX-License-Identifier: MIT */
/*
 * One side of a Nic or Uplink session (cn/session/nic.h): the session
 * geometry from its arguments, MAC addresses as text, and sending and
 * receiving Ethernet frames over the session's two packet streams with the
 * frame-size checks on both ends. Portable: host-tested
 * (test/host/nic_link_test.c).
 */
#include <cn/session/nic.h>
#include <cn/util/args.h>
#include <cn/util/string.h>

static int hex(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

int cn_nic_mac_parse(const char *s, uint64_t *mac)
{
	uint64_t m = 0;
	for (int i = 0; i < 6; i++) {
		int hi = hex(s[0]), lo = hi < 0 ? -1 : hex(s[1]);
		if (lo < 0 || (i < 5 ? s[2] != ':' : s[2] != 0))
			return CN_ERR_INVALID;
		m = m << 8 | (uint64_t)(hi << 4 | lo);
		s += 3;
	}
	*mac = m;
	return 0;
}

void cn_nic_mac_format(uint64_t mac, char *buf)
{
	static const char digit[] = "0123456789abcdef";
	for (int i = 0; i < 6; i++) {
		unsigned b = (unsigned)(mac >> (8 * (5 - i))) & 0xff;
		buf[3 * i] = digit[b >> 4];
		buf[3 * i + 1] = digit[b & 15];
		buf[3 * i + 2] = i < 5 ? ':' : 0;
	}
}

static int arg(const char *args, const char *key, unsigned long *v)
{
	if (!args)
		return 0;
	int err = cn_args_ulong(args, key, v);
	return err == CN_ERR_NOT_FOUND ? 0 : err;
}

int cn_nic_geometry(const char *args, struct cn_nic_geometry *g)
{
	unsigned long queue = CN_NIC_QUEUE_DEFAULT, buf = 0, mtu = CN_NIC_MTU_DEFAULT;
	if (arg(args, "queue", &queue) || arg(args, "buf_size", &buf) || arg(args, "mtu", &mtu))
		return CN_ERR_ARGS;
	if (queue > CN_PS_QUEUE_MAX || mtu < CN_NIC_MTU_MIN || mtu > CN_NIC_MTU_MAX)
		return CN_ERR_ARGS;
	if (!buf)
		buf = queue * CN_NIC_SLOT;
	if (buf < CN_NIC_SLOT || buf > CN_PS_BUF_MAX ||
	    cn_ps_layout((uint32_t)queue, (uint32_t)buf, &g->ps))
		return CN_ERR_ARGS;
	g->mtu = (uint32_t)mtu;
	g->total = 2 * g->ps.total;
	return 0;
}

void cn_nic_link_format(void *shared, const struct cn_nic_geometry *g)
{
	cn_ps_format(shared, &g->ps);
	cn_ps_format((uint8_t *)shared + g->ps.total, &g->ps);
}

int cn_nic_link_init(struct cn_nic_link *l, void *shared, const struct cn_nic_geometry *g,
                     int server, void (*notify)(void *), void *arg)
{
	uint8_t *first = shared, *second = first + g->ps.total;
	cn_memset(l, 0, sizeof(*l));
	l->g = *g;
	cn_ps_source_init(&l->send, server ? second : first, &g->ps, notify, arg);
	cn_ps_sink_init(&l->recv, server ? first : second, &g->ps, notify, arg);
	return cn_ps_slots_init(&l->slots, CN_NIC_SLOT, g->ps.buf_size, l->slot_storage,
	                        CN_NIC_SLOTS_MAX);
}

int cn_nic_link_reclaim(struct cn_nic_link *l)
{
	struct cn_packet p;
	int n = 0, r;
	while ((r = cn_ps_get_ack(&l->send, &p)) != CN_ERR_AGAIN) {
		if (r == CN_ERR_STATE)
			return r;
		if (r)
			continue;                      /* outside the buffer: dropped */
		if (cn_ps_slot_free(&l->slots, p.offset))
			continue;                      /* not one of ours: ignored */
		if (p.status)
			l->acked_refused++;
		l->acked++;
		n++;
	}
	return n;
}

int cn_nic_link_send(struct cn_nic_link *l, const void *frame, uint32_t size)
{
	if (cn_nic_frame_check(size, l->g.mtu)) {
		l->send_refused++;
		return CN_ERR_INVALID;
	}
	if (l->send.broken)
		return CN_ERR_STATE;
	uint32_t off;
	if (cn_ps_slot_alloc(&l->slots, &off)) {
		int r = cn_nic_link_reclaim(l);
		if (r < 0)
			return r;
		if (cn_ps_slot_alloc(&l->slots, &off))
			return CN_ERR_AGAIN;
	}
	struct cn_packet p = { .offset = off, .size = size };
	cn_memcpy(cn_ps_payload(&l->send, &p), frame, size);
	int r = cn_ps_submit(&l->send, &p);
	if (r) {
		cn_ps_slot_free(&l->slots, off);
		return r;
	}
	l->sent++;
	return 0;
}

int cn_nic_link_recv(struct cn_nic_link *l, struct cn_packet *p, const void **frame)
{
	for (;;) {
		if (!cn_ps_room(&l->recv))
			return l->recv.broken ? CN_ERR_STATE : CN_ERR_AGAIN;
		int r = cn_ps_get(&l->recv, p);
		if (r == CN_ERR_INVALID)
			continue;                      /* outside the buffer: dropped, counted */
		if (r)
			return r;
		if (cn_nic_frame_check(p->size, l->g.mtu)) {
			l->recv_refused++;
			p->status = CN_ERR_INVALID;
			cn_ps_ack(&l->recv, p);        /* room checked above */
			return CN_ERR_INVALID;
		}
		*frame = cn_ps_payload(&l->recv, p);
		l->received++;
		return 0;
	}
}

int cn_nic_link_recv_done(struct cn_nic_link *l, struct cn_packet *p)
{
	p->status = 0;
	return cn_ps_ack(&l->recv, p);
}

int cn_nic_link_commit(struct cn_nic_link *l)
{
	int a = cn_ps_commit(&l->send), b = cn_ps_commit(&l->recv);
	if (a == CN_ERR_STATE || b == CN_ERR_STATE)
		return CN_ERR_STATE;
	return a == 1 || b == 1;
}
