/* SPDX-License-Identifier: MIT */
/*
 * Where a line of init's config comes from, and init's messages about it.
 * The run tool writes the config's origin into its root node:
 * <config origin="run/x.run:12"> says that line 1 of the text is line 12 of
 * run/x.run (doc/init.md). Errors and warnings then name that file and
 * line ("run/x.run:20: error: ..."); a config without an origin names the
 * ROM ("config:9: error: ..."). The origin is read from the raw text, so
 * even a document that is not well-formed XML gets it.
 */
#include <stdarg.h>
#include <cn/component.h>
#include <cn/util/format.h>
#include <cn/util/number.h>
#include <cn/util/string.h>
#include "init.h"

/* the first occurrence of s in [p, end), or NULL */
static const char *find(const char *p, const char *end, const char *s)
{
	size_t n = cn_strlen(s);
	for (; p + n <= end; p++)
		if (!cn_memcmp(p, s, n))
			return p;
	return NULL;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void init_origin_find(struct init_config *cfg)
{
	const char *end = cfg->text + cfg->len;
	const char *p = find(cfg->text, end, "<config");
	cfg->origin = NULL;
	cfg->origin_line = 1;
	if (!p || p + 7 >= end || !is_space(p[7]))
		return;
	const char *gt = find(p, end, ">");
	const char *a = find(p + 7, gt ? gt : end, "origin=\"");
	if (!a || !is_space(a[-1]))
		return;
	a += 8;
	const char *q = find(a, gt ? gt : end, "\"");
	if (!q || q == a || q - a > 200)
		return;
	size_t len = (size_t)(q - a);
	/* "FILE:LINE" names the line the text starts on; "FILE" alone line 1 */
	const char *colon = NULL;
	for (const char *c = a; c < q; c++)
		if (*c == ':')
			colon = c;
	unsigned long line = 0;
	if (colon && colon + 1 < q && colon > a &&
	    !cn_parse_ulong(colon + 1, (size_t)(q - colon - 1), &line, 0) && line > 0 &&
	    line < 0x10000000) {
		len = (size_t)(colon - a);
		cfg->origin_line = (unsigned)line;
	}
	char *s = init_alloc(cfg, len + 1);
	if (!s)
		return;
	cn_memcpy(s, a, len);
	s[len] = 0;
	cfg->origin = s;
}

unsigned init_line(const struct init_config *cfg, unsigned line)
{
	return cfg->origin ? cfg->origin_line + line - 1 : line;
}

const char *init_origin(const struct init_config *cfg)
{
	return cfg->origin ? cfg->origin : "config";
}

static void message(struct init_config *cfg, unsigned line, const char *kind, const char *fmt,
                    va_list ap)
{
	char buf[200];
	cn_vsnprintf(buf, sizeof(buf), fmt, ap);
	cn_log("%s:%u: %s: %s", init_origin(cfg), init_line(cfg, line), kind, buf);
}

void init_error(struct init_config *cfg, unsigned line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message(cfg, line, "error", fmt, ap);
	va_end(ap);
	cfg->errors++;
}

void init_warning(struct init_config *cfg, unsigned line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message(cfg, line, "warning", fmt, ap);
	va_end(ap);
}
