/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: differential test of lib/util against the C library.
 * The input drives (1) a format string of up to four conversions drawn from
 * the grammar cn_vformat supports, with correctly typed arguments, printed
 * by cn_snprintf and snprintf into buffers of an input-chosen size, and
 * (2) cn_memmove/cn_memcpy/cn_memset on input-chosen offsets and lengths.
 * Any difference aborts (a finding).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cn/util/format.h>
#include <cn/util/string.h>
#include <stdbool.h>

struct in { const uint8_t *p; size_t n; };
static unsigned take(struct in *in, unsigned mod)
{
	if (!in->n)
		return 0;
	unsigned v = *in->p++;
	in->n--;
	return mod ? v % mod : v;
}

enum type { T_NONE, T_INT, T_LONG, T_LLONG, T_SIZE, T_STR, T_CHR };

/* One conversion spec with only the flags the C standard defines for it. */
static enum type make_spec(struct in *in, char *spec)
{
	static const char conv[] = "diuxXocs%";
	char cv = conv[take(in, 9)];
	bool is_signed = cv == 'd' || cv == 'i';
	bool is_int = is_signed || cv == 'u' || cv == 'x' || cv == 'X' || cv == 'o';
	size_t f = 0;
	spec[f++] = '%';
	if (cv == '%') {
		spec[f++] = '%';
		spec[f] = 0;
		return T_NONE;
	}
	unsigned fl = take(in, 16);
	if (fl & 1) spec[f++] = '-';
	if ((fl & 2) && is_int) spec[f++] = '0';
	if ((fl & 4) && is_signed) spec[f++] = '+';
	if ((fl & 8) && is_signed) spec[f++] = ' ';
	if (take(in, 2))
		f += (size_t)sprintf(spec + f, "%u", take(in, 24));
	if (cv != 'c' && take(in, 3) == 0)
		f += (size_t)sprintf(spec + f, ".%u", take(in, 12));
	unsigned len = is_int ? take(in, 4) : 0;
	static const char *mods[] = { "", "l", "ll", "z" };
	f += (size_t)sprintf(spec + f, "%s%c", mods[len], cv);
	spec[f] = 0;
	if (cv == 's') return T_STR;
	if (cv == 'c') return T_CHR;
	return len == 0 ? T_INT : len == 1 ? T_LONG : len == 2 ? T_LLONG : T_SIZE;
}

static void check_format(struct in *in)
{
	char wbuf[1024] = "", gbuf[1024] = "";
	unsigned pieces = 1 + take(in, 4);
	for (unsigned c = 0; c < pieces; c++) {
		char piece[96];
		size_t pl = 0;
		unsigned lit = take(in, 4);
		for (unsigned i = 0; i < lit; i++)
			piece[pl++] = (char)('a' + take(in, 26));
		enum type t = make_spec(in, piece + pl);
		unsigned long long u = 0;
		for (int i = 0; i < 8; i++)
			u = (u << 8) | take(in, 0);
		long long v = (long long)u;
		char str[16];
		unsigned sl = take(in, 15);
		for (unsigned i = 0; i < sl; i++)
			str[i] = (char)(' ' + take(in, 94));
		str[sl] = 0;
		char tw[160], tg[160];
		int w, g;
		switch (t) {
		case T_INT:   w = snprintf(tw, sizeof(tw), piece, (int)v);
		              g = cn_snprintf(tg, sizeof(tg), piece, (int)v); break;
		case T_LONG:  w = snprintf(tw, sizeof(tw), piece, (long)v);
		              g = cn_snprintf(tg, sizeof(tg), piece, (long)v); break;
		case T_LLONG: w = snprintf(tw, sizeof(tw), piece, v);
		              g = cn_snprintf(tg, sizeof(tg), piece, v); break;
		case T_SIZE:  w = snprintf(tw, sizeof(tw), piece, (size_t)v);
		              g = cn_snprintf(tg, sizeof(tg), piece, (size_t)v); break;
		case T_STR:   w = snprintf(tw, sizeof(tw), piece, str);
		              g = cn_snprintf(tg, sizeof(tg), piece, str); break;
		case T_CHR:   w = snprintf(tw, sizeof(tw), piece, ' ' + (int)(v & 63));
		              g = cn_snprintf(tg, sizeof(tg), piece, ' ' + (int)(v & 63)); break;
		default:      w = snprintf(tw, sizeof(tw), piece, 0);
		              g = cn_snprintf(tg, sizeof(tg), piece, 0); break;
		}
		if (w != g || strcmp(tw, tg)) {
			fprintf(stderr, "format \"%s\": libc \"%s\" (%d), cn \"%s\" (%d)\n",
			        piece, tw, w, tg, g);
			abort();
		}
		strcat(wbuf, tw);
		strcat(gbuf, tg);
	}
	/* truncation into an input-chosen buffer size */
	size_t size = take(in, 0) % 96;
	char want[96], got[96];
	memset(got, 0x5a, sizeof(got));
	int a1 = snprintf(want, size, "%s", wbuf);
	int a2 = cn_snprintf(size ? got : NULL, size, "%s", gbuf);
	if (a1 != a2 || (size && strcmp(want, got)))
		abort();
}

static void check_memory(struct in *in)
{
	uint8_t a[300], b[300];
	for (int i = 0; i < 300; i++)
		a[i] = b[i] = (uint8_t)(i * 31 + 7);
	size_t s = take(in, 100), d = take(in, 100), n = take(in, 0) % 200;
	switch (take(in, 3)) {
	case 0:
		memmove(a + d, a + s, n);
		cn_memmove(b + d, b + s, n);
		break;
	case 1: {
		uint8_t src[208];   /* offset (< 8) + length (< 200) */
		for (int i = 0; i < 208; i++) src[i] = (uint8_t)take(in, 0);
		memcpy(a + d, src + (s % 8), n);
		cn_memcpy(b + d, src + (s % 8), n);
		break; }
	default: {
		int c = (int)take(in, 0);
		memset(a + d, c, n);
		cn_memset(b + d, c, n);
		break; }
	}
	if (memcmp(a, b, sizeof(a)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	if (take(&in, 2))
		check_format(&in);
	else
		check_memory(&in);
	return 0;
}
