/* SPDX-License-Identifier: MIT */
/*
 * Session-argument strings (see cn/util/args.h): a strict tokenizer over the
 * whole string, lookups, decoding, and in-place bounded modification.
 */
#include <cn/util/args.h>
#include <cn/util/number.h>
#include <cn/util/string.h>

struct entry {
	size_t key, key_len;        /* offsets into the string */
	size_t val, val_len;        /* raw value, quotes included */
	size_t start, end;          /* whole entry: key to end of value */
	bool   quoted;
};

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static bool is_key_char(char c, bool first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (!first && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
}

/* Parse the entry at *pos. Returns 1 with *e filled, 0 at the end of the
 * string, CN_ERR_INVALID if malformed. */
static int next_entry(const char *s, size_t *pos, struct entry *e)
{
	size_t i = *pos;
	while (is_ws(s[i]))
		i++;
	if (!s[i])
		return 0;
	e->start = e->key = i;
	if (!is_key_char(s[i], true))
		return CN_ERR_INVALID;
	while (is_key_char(s[i], false))
		i++;
	e->key_len = i - e->key;
	while (is_ws(s[i]))
		i++;
	if (s[i] != '=')
		return CN_ERR_INVALID;
	i++;
	while (is_ws(s[i]))
		i++;
	e->val = i;
	e->quoted = s[i] == '"';
	if (e->quoted) {
		for (i++; s[i] != '"'; i++) {
			if (!s[i])
				return CN_ERR_INVALID;           /* unterminated quote */
			if (s[i] == '\\' && !s[++i])
				return CN_ERR_INVALID;
		}
		i++;
		e->val_len = i - e->val;
	} else {
		size_t last = i;                        /* end of the value without trailing blanks */
		for (; s[i] && s[i] != ','; i++) {
			if (s[i] == '"' || s[i] == '\\' || s[i] == '=')
				return CN_ERR_INVALID;
			if (!is_ws(s[i]))
				last = i + 1;
		}
		i = last;
		e->val_len = i - e->val;
	}
	e->end = i;
	while (is_ws(s[i]))
		i++;
	if (s[i] == ',')
		i++;
	else if (s[i])
		return CN_ERR_INVALID;                   /* garbage after a value */
	*pos = i;
	return 1;
}

static bool key_is(const char *s, const struct entry *e, const char *key)
{
	size_t n = cn_strlen(key);
	return n == e->key_len && cn_memcmp(s + e->key, key, n) == 0;
}

/* find the first entry of key, after checking the whole string */
static int find(const char *s, const char *key, struct entry *out)
{
	size_t pos = 0;
	struct entry e;
	bool found = false;
	int r;
	while ((r = next_entry(s, &pos, &e)) > 0)
		if (!found && key && key_is(s, &e, key)) {
			*out = e;
			found = true;
		}
	if (r < 0)
		return r;
	return found ? 0 : CN_ERR_NOT_FOUND;
}

int cn_args_check(const char *args)
{
	int r = find(args, NULL, NULL);
	return r == CN_ERR_NOT_FOUND ? 0 : r;
}

int cn_args_raw(const char *args, const char *key, const char **value, size_t *len)
{
	struct entry e;
	int r = find(args, key, &e);
	if (r)
		return r;
	*value = args + e.val;
	*len = e.val_len;
	return 0;
}

bool cn_args_has(const char *args, const char *key)
{
	struct entry e;
	return find(args, key, &e) == 0;
}

int cn_args_str(const char *args, const char *key, char *buf, size_t size)
{
	struct entry e;
	int r = find(args, key, &e);
	if (r) {
		if (size)
			buf[0] = 0;
		return r;
	}
	const char *v = args + e.val;
	size_t n = e.val_len, o = 0;
	if (e.quoted) {
		v++;
		n -= 2;
	}
	bool fits = true;
	for (size_t i = 0; i < n; i++) {
		char c = v[i];
		if (e.quoted && c == '\\')
			c = v[++i];
		if (o + 1 < size)
			buf[o] = c;
		else
			fits = false;
		o++;
	}
	if (size)
		buf[o < size ? o : size - 1] = 0;
	if (!fits || o > 0x7fffffff)
		return CN_ERR_NOSPACE;
	return (int)o;
}

int cn_args_u64(const char *args, const char *key, uint64_t *v)
{
	char num[40];
	int n = cn_args_str(args, key, num, sizeof(num));
	if (n == CN_ERR_NOSPACE)
		return CN_ERR_RANGE;
	if (n < 0)
		return n;
	return cn_parse_u64(num, (size_t)n, v, CN_NUM_SUFFIX);
}

int cn_args_ulong(const char *args, const char *key, unsigned long *v)
{
	uint64_t x;
	int r = cn_args_u64(args, key, &x);
	if (r)
		return r;
	if (x > (unsigned long)-1)
		return CN_ERR_RANGE;
	*v = (unsigned long)x;
	return 0;
}

static size_t escaped_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += (*s == '"' || *s == '\\') ? 2 : 1;
	return n;
}

static void write_escaped(char *d, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			*d++ = '\\';
		*d++ = *s;
	}
}

/* Make room: replace buf[at, at+old) by new bytes (uninitialised), keeping
 * the rest. Checks the size first; returns a pointer to the hole. */
static char *splice(char *buf, size_t size, size_t len, size_t at, size_t old, size_t new_len)
{
	if (len - old + new_len + 1 > size)
		return NULL;
	cn_memmove(buf + at + new_len, buf + at + old, len - at - old + 1);
	return buf + at;
}

static bool valid_key(const char *key)
{
	if (!is_key_char(key[0], true))
		return false;
	for (size_t i = 1; key[i]; i++)
		if (!is_key_char(key[i], false))
			return false;
	return true;
}

/* set key to s, as given or quoted and escaped */
static int set(char *buf, size_t size, const char *key, const char *s, bool quote)
{
	if (!valid_key(key))
		return CN_ERR_INVALID;
	size_t vlen = quote ? escaped_len(s) + 2 : cn_strlen(s);
	size_t len = cn_strlen(buf);
	struct entry e;
	int r = find(buf, key, &e);
	char *d;
	if (r == 0) {
		d = splice(buf, size, len, e.val, e.val_len, vlen);
	} else if (r == CN_ERR_NOT_FOUND) {
		size_t klen = cn_strlen(key);
		size_t sep = len ? 2 : 0;
		d = splice(buf, size, len, len, 0, sep + klen + 1 + vlen);
		if (d) {
			if (sep) {
				*d++ = ',';
				*d++ = ' ';
			}
			cn_memcpy(d, key, klen);
			d += klen;
			*d++ = '=';
		}
	} else
		return r;
	if (!d)
		return CN_ERR_NOSPACE;
	if (quote) {
		*d++ = '"';
		write_escaped(d, s);
		d[vlen - 2] = '"';
	} else
		cn_memcpy(d, s, vlen);
	return 0;
}

int cn_args_set(char *buf, size_t size, const char *key, const char *raw)
{
	/* the raw value must be one complete value on its own */
	const char *v = raw;
	size_t n = cn_strlen(v);
	if (n == 0)
		return set(buf, size, key, raw, false);
	if (v[0] == '"') {
		size_t i = 1;
		for (; i < n && v[i] != '"'; i++)
			if (v[i] == '\\')
				i++;
		if (i != n - 1)
			return CN_ERR_INVALID;
	} else {
		for (size_t i = 0; i < n; i++)
			if (v[i] == ',' || v[i] == '"' || v[i] == '\\' || v[i] == '=')
				return CN_ERR_INVALID;
		if (is_ws(v[0]) || is_ws(v[n - 1]))
			return CN_ERR_INVALID;
	}
	return set(buf, size, key, raw, false);
}

int cn_args_set_str(char *buf, size_t size, const char *key, const char *s)
{
	return set(buf, size, key, s, true);
}

int cn_args_set_ulong(char *buf, size_t size, const char *key, unsigned long v)
{
	char num[24];
	size_t n = 0;
	char tmp[24];
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (size_t i = 0; i < n; i++)
		num[i] = tmp[n - 1 - i];
	num[n] = 0;
	return set(buf, size, key, num, false);
}

int cn_args_remove(char *buf, const char *key)
{
	struct entry e;
	int r = find(buf, key, &e);
	if (r)
		return r;
	size_t len = cn_strlen(buf);
	/* remove the entry with its following separator, or, for the last
	 * entry, with the preceding one */
	size_t from = e.start, to = e.end;
	while (is_ws(buf[to]))
		to++;
	if (buf[to] == ',') {
		to++;
		while (is_ws(buf[to]))
			to++;
	} else {
		while (from > 0 && (is_ws(buf[from - 1]) || buf[from - 1] == ','))
			from--;
	}
	cn_memmove(buf + from, buf + to, len - to + 1);
	return 0;
}

int cn_args_label_prefix(char *buf, size_t size, const char *prefix)
{
	struct entry e;
	int r = find(buf, "label", &e);
	if (r == CN_ERR_NOT_FOUND || (r == 0 && (e.val_len == 0 || (e.quoted && e.val_len == 2))))
		return cn_args_set_str(buf, size, "label", prefix);
	if (r)
		return r;
	size_t len = cn_strlen(buf);
	size_t plen = escaped_len(prefix);
	size_t add = plen + 4 + (e.quoted ? 0 : 2);
	if (len + add + 1 > size)
		return CN_ERR_NOSPACE;
	size_t at = e.val + (e.quoted ? 1 : 0);
	if (!e.quoted) {                         /* bare: quote it (no escapes inside) */
		splice(buf, size, len, e.val + e.val_len, 0, 1)[0] = '"';
		len++;
	}
	char *d = splice(buf, size, len, at, 0, add - (e.quoted ? 0 : 1));
	if (!e.quoted)
		*d++ = '"';
	write_escaped(d, prefix);
	cn_memcpy(d + plen, " -> ", 4);
	return 0;
}
