/* SPDX-License-Identifier: MIT */
/*
 * Affinity spaces and locations: parsing, printing, scaling between spaces
 * and composing a child's location into its parent's (see affinity.h).
 */
#include <cn/util/affinity.h>
#include <cn/errors.h>
#include <cn/util/format.h>
#include <cn/util/number.h>

/* a number up to 'stop' (or the end): its value, the rest after 'stop' */
static const char *number(const char *s, char stop, uint32_t *v)
{
	size_t n = 0;
	while (s[n] && s[n] != stop)
		n++;
	unsigned long x;
	if ((stop && s[n] != stop) || cn_parse_ulong(s, n, &x, 0) || x > 0xffffu)
		return NULL;
	*v = (uint32_t)x;
	return s + n + (s[n] ? 1 : 0);
}

static bool size_ok(uint32_t w, uint32_t h)
{
	return w && h && w <= CN_AFFINITY_MAX && h <= CN_AFFINITY_MAX;
}

int cn_affinity_parse_space(const char *s, struct cn_affinity_space *sp)
{
	uint32_t w, h;
	if (!s || !(s = number(s, 'x', &w)) || !(s = number(s, 0, &h)) || !size_ok(w, h))
		return CN_ERR_INVALID;
	sp->w = w;
	sp->h = h;
	return 0;
}

int cn_affinity_parse_loc(const char *s, struct cn_affinity_loc *l)
{
	struct cn_affinity_loc r;
	if (!s || !(s = number(s, ',', &r.x)) || !(s = number(s, ',', &r.y)) ||
	    !(s = number(s, 'x', &r.w)) || !(s = number(s, 0, &r.h)) || !size_ok(r.w, r.h))
		return CN_ERR_INVALID;
	*l = r;
	return 0;
}

int cn_affinity_format_space(char *buf, size_t size, struct cn_affinity_space sp)
{
	int n = cn_snprintf(buf, size, "%ux%u", (unsigned)sp.w, (unsigned)sp.h);
	return n < 0 || (size_t)n >= size ? CN_ERR_NOSPACE : 0;
}

int cn_affinity_format_loc(char *buf, size_t size, struct cn_affinity_loc l)
{
	int n = cn_snprintf(buf, size, "%u,%u,%ux%u", (unsigned)l.x, (unsigned)l.y, (unsigned)l.w,
	                    (unsigned)l.h);
	return n < 0 || (size_t)n >= size ? CN_ERR_NOSPACE : 0;
}

bool cn_affinity_valid(struct cn_affinity_space sp, struct cn_affinity_loc l)
{
	return size_ok(sp.w, sp.h) && l.w && l.h && l.x < sp.w && l.y < sp.h &&
	       l.w <= sp.w - l.x && l.h <= sp.h - l.y;
}

/* [from, from + len) of 'n' onto 'm': proportional, at least 1 long */
static void scale_1d(uint32_t from, uint32_t len, uint32_t n, uint32_t m, uint32_t *at,
                     uint32_t *out_len)
{
	uint32_t a = from * m / n, b = (from + len) * m / n;
	if (a >= m)
		a = m - 1;
	if (b <= a)
		b = a + 1;
	*at = a;
	*out_len = b - a;
}

struct cn_affinity_loc cn_affinity_scale(struct cn_affinity_space from, struct cn_affinity_loc l,
                                         struct cn_affinity_space to)
{
	struct cn_affinity_loc r;
	scale_1d(l.x, l.w, from.w, to.w, &r.x, &r.w);
	scale_1d(l.y, l.h, from.h, to.h, &r.y, &r.h);
	return r;
}

struct cn_affinity_loc cn_affinity_compose(struct cn_affinity_loc parent,
                                           struct cn_affinity_space vspace,
                                           struct cn_affinity_loc l)
{
	struct cn_affinity_space own = { parent.w, parent.h };
	struct cn_affinity_loc r = cn_affinity_scale(vspace, l, own);
	r.x += parent.x;
	r.y += parent.y;
	return r;
}

int cn_affinity_cpu(struct cn_affinity_space sp, struct cn_affinity_loc l, uint32_t x, uint32_t y)
{
	if (x >= l.w || y >= l.h)
		return -1;
	return (int)((l.x + x) + (l.y + y) * sp.w);
}
