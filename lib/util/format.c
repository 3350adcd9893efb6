/* SPDX-License-Identifier: MIT */
/*
 * printf-style formatting (no floating point) to a callback or a buffer.
 */
#include <stdint.h>
#include <stdbool.h>
#include <cn/util/format.h>

struct fmt_out {
	void (*out)(void *ctx, char c);
	void *ctx;
	int   count;
};

static void put(struct fmt_out *o, char c)
{
	o->out(o->ctx, c);
	o->count++;
}

static void pad(struct fmt_out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void emit_number(struct fmt_out *o, unsigned long long v, bool neg, unsigned base,
                        bool upper, int width, int prec, bool left, bool zero, char sign)
{
	char tmp[24];
	int n = 0;
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	while (v) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	if (prec < 0 && n == 0)
		tmp[n++] = '0';
	int zeros = prec > n ? prec - n : 0;
	char s = neg ? '-' : sign;
	int len = n + zeros + (s ? 1 : 0);
	if (zero && !left && prec < 0) {
		zeros += width > len ? width - len : 0;
		len = width > len ? width : len;
	}
	if (!left)
		pad(o, ' ', width - len);
	if (s)
		put(o, s);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (left)
		pad(o, ' ', width - len);
}

int cn_vformat(void (*out)(void *ctx, char c), void *ctx, const char *fmt, va_list ap)
{
	struct fmt_out o = { out, ctx, 0 };
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		const char *start = fmt++;
		bool left = false, zero = false;
		char sign = 0;
		for (;; fmt++) {
			if (*fmt == '-') left = true;
			else if (*fmt == '0') zero = true;
			else if (*fmt == '+') sign = '+';
			else if (*fmt == ' ') { if (!sign) sign = ' '; }
			else break;
		}
		int width = 0, prec = -1;
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) { left = true; width = -width; }
			fmt++;
		} else
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt++ - '0');
		}
		int lng = 0;   /* -2 hh, -1 h, 1 l, 2 ll, 3 z/t, 4 j */
		for (;; fmt++) {
			if (*fmt == 'h') lng = lng == -1 ? -2 : -1;
			else if (*fmt == 'l') lng = lng == 1 ? 2 : 1;
			else if (*fmt == 'z' || *fmt == 't') lng = 3;
			else if (*fmt == 'j') lng = 4;
			else break;
		}
		char c = *fmt;
		if (!c)
			break;
		switch (c) {
		case 'd': case 'i': {
			long long v;
			switch (lng) {
			case 1:  v = va_arg(ap, long); break;
			case 2: case 4: v = va_arg(ap, long long); break;
			case 3:  v = (long long)va_arg(ap, ptrdiff_t); break;
			default: v = va_arg(ap, int);
				if (lng == -1) v = (short)v;
				if (lng == -2) v = (signed char)v;
			}
			unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
			emit_number(&o, u, v < 0, 10, false, width, prec, left, zero, sign);
			break; }
		case 'u': case 'x': case 'X': case 'o': case 'p': {
			unsigned long long v;
			if (c == 'p') {
				v = (uintptr_t)va_arg(ap, void *);
				put(&o, '0'); put(&o, 'x');
				width -= 2;
			} else switch (lng) {
			case 1:  v = va_arg(ap, unsigned long); break;
			case 2: case 4: v = va_arg(ap, unsigned long long); break;
			case 3:  v = va_arg(ap, size_t); break;
			default: v = va_arg(ap, unsigned);
				if (lng == -1) v = (unsigned short)v;
				if (lng == -2) v = (unsigned char)v;
			}
			unsigned base = c == 'o' ? 8 : c == 'u' ? 10 : 16;
			emit_number(&o, v, false, base, c == 'X', width, prec, left, zero, 0);
			break; }
		case 'c': {
			char ch = (char)va_arg(ap, int);
			if (!left) pad(&o, ' ', width - 1);
			put(&o, ch);
			if (left) pad(&o, ' ', width - 1);
			break; }
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			int n = 0;
			while ((prec < 0 || n < prec) && s[n])   /* never read past prec */
				n++;
			if (!left) pad(&o, ' ', width - n);
			for (int i = 0; i < n; i++)
				put(&o, s[i]);
			if (left) pad(&o, ' ', width - n);
			break; }
		case '%':
			put(&o, '%');
			break;
		default:   /* unknown conversion: emit it as written */
			for (const char *p = start; p <= fmt; p++)
				put(&o, *p);
			break;
		}
	}
	return o.count;
}

struct buf_out { char *buf; size_t size, pos; };

static void buf_put(void *ctx, char c)
{
	struct buf_out *b = ctx;
	if (b->pos + 1 < b->size)
		b->buf[b->pos] = c;
	b->pos++;
}

int cn_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_out b = { buf, size, 0 };
	int n = cn_vformat(buf_put, &b, fmt, ap);
	if (size)
		buf[b.pos < size ? b.pos : size - 1] = 0;
	return n;
}

int cn_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = cn_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
