/* SPDX-License-Identifier: MIT */
/*
 * Host test: the system-call tables of doc/kernel-abi.md say what the one
 * list of calls (<cn/syscalls.h>) says: every call once, with its number
 * and name, in the section of its kind (unprivileged or privileged), and
 * with exactly the argument registers (r0 ..) and result registers (r1 ..)
 * the list gives it. Run from the repository root (tool/test does); the
 * document can be named as the first argument.
 */
#include <stdlib.h>
#include <string.h>
#include <cn/syscall.h>
#include "check.h"

struct call { unsigned nr; const char *name; unsigned args, results, kind; int seen; };

#define CALL_ENTRY(nr, NAME, handler, args, results, kind) \
	{ nr, "CN_SYS_" #NAME, args, results, CN_SYSK_##kind, 0 },
static struct call calls[] = { CN_SYSCALLS(CALL_ENTRY) };
#define NCALLS (sizeof(calls) / sizeof(calls[0]))

static const char *doc_path = "doc/kernel-abi.md";
static char *doc;

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	return buf;
}

/* the registers r0-r6 a table cell names, as a bit mask: 'r3', 'r2–r5'
 * (en dash or '-') and 'r1:r2'; an 'r' inside a word does not count */
static unsigned regs_in(const char *s, size_t len)
{
	unsigned mask = 0;
	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] != 'r' || s[i + 1] < '0' || s[i + 1] > '9')
			continue;
		if (i > 0 && (s[i - 1] == '_' || (s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
		              (s[i - 1] >= 'A' && s[i - 1] <= 'Z') || (s[i - 1] >= '0' && s[i - 1] <= '9')))
			continue;
		unsigned a = (unsigned)(s[i + 1] - '0'), b = a;
		size_t j = i + 2;
		if (j < len && s[j] >= '0' && s[j] <= '9')
			continue;        /* r10 and above: not a call register */
		/* a range: '-' or the UTF-8 en dash, then r<digit> */
		size_t k = j;
		if (k < len && s[k] == '-')
			k++;
		else if (k + 2 < len && (unsigned char)s[k] == 0xe2 && (unsigned char)s[k + 1] == 0x80 &&
		         (unsigned char)s[k + 2] == 0x93)
			k += 3;
		if (k != j && k + 1 < len && s[k] == 'r' && s[k + 1] >= '0' && s[k + 1] <= '9')
			b = (unsigned)(s[k + 1] - '0');
		for (unsigned r = a; r <= b && r < 7; r++)
			mask |= 1u << r;
	}
	return mask;
}

static unsigned first_regs(unsigned from, unsigned n)
{
	unsigned m = 0;
	for (unsigned r = from; r < from + n; r++)
		m |= 1u << r;
	return m;
}

static struct call *find(unsigned nr, const char *name, size_t len)
{
	for (size_t i = 0; i < NCALLS; i++)
		if (calls[i].nr == nr && strlen(calls[i].name) == len && !strncmp(calls[i].name, name, len))
			return &calls[i];
	return NULL;
}

static int mismatches;

/* one table row '| nr | `CN_SYS_X` | arguments | results | errors |' */
static void check_row(const char *line, const char *end, unsigned section_kind)
{
	const char *cell[6];
	size_t n = 0;
	for (const char *p = line; p < end && n < 6; p++)
		if (*p == '|')
			cell[n++] = p + 1;
	if (n < 6)
		return;
	char *num_end;
	unsigned long nr = strtoul(cell[0], &num_end, 10);
	if (num_end == cell[0] || num_end > cell[1])
		return;
	const char *name = strstr(cell[1], "`CN_SYS_");
	if (!name || name > cell[2])
		return;
	name++;
	size_t len = strcspn(name, "`");
	struct call *c = find((unsigned)nr, name, len);
	if (!c) {
		printf("  doc names %.*s with number %lu: not in <cn/syscalls.h>\n", (int)len, name, nr);
		mismatches++;
		return;
	}
	c->seen++;
	unsigned args = regs_in(cell[2], (size_t)(cell[3] - cell[2]));
	unsigned results = regs_in(cell[3], (size_t)(cell[4] - cell[3])) & ~1u;
	if (args != first_regs(0, c->args) || results != first_regs(1, c->results)) {
		printf("  %s: the doc's registers (arguments 0x%x, results 0x%x) differ from the "
		       "list's (%u arguments, %u results)\n", c->name, args, results, c->args, c->results);
		mismatches++;
	}
	if ((section_kind == CN_SYSK_PRIV) != (c->kind == CN_SYSK_PRIV)) {
		printf("  %s: in the wrong section of the doc\n", c->name);
		mismatches++;
	}
}

static void scan_doc(void)
{
	unsigned section = 99;   /* not a call table */
	for (const char *p = doc; *p;) {
		const char *end = strchr(p, '\n');
		if (!end)
			end = p + strlen(p);
		if (!strncmp(p, "## ", 3))
			section = !strncmp(p, "## Unprivileged calls", 21) ? CN_SYSK_USER
			        : !strncmp(p, "## Privileged calls", 19) ? CN_SYSK_PRIV : 99;
		if (section != 99 && *p == '|')
			check_row(p, end, section);
		p = *end ? end + 1 : end;
	}
}

static void doc_found(void)
{
	CN_CHECK(doc != NULL);
}

static void every_call_once(void)
{
	CN_CHECK(doc != NULL);
	for (size_t i = 0; i < NCALLS; i++)
		CN_CHECK_EQ(calls[i].seen, 1);
}

static void rows_match_list(void)
{
	CN_CHECK(doc != NULL);
	CN_CHECK_EQ(mismatches, 0);
}

/* the parser itself: it must see what a reader sees */
static void register_parser(void)
{
	const char *s = "r0 thread cap, r1 info, r2\xe2\x80\x93r5 words 0\xe2\x80\x93" "3";
	CN_CHECK_EQ(regs_in(s, strlen(s)), 0x3fu);
	s = "r1:r2 counter (low, high), r4 the CPU";
	CN_CHECK_EQ(regs_in(s, strlen(s)), 0x16u);
	s = "r2-r4 type arguments; super period, number r10";
	CN_CHECK_EQ(regs_in(s, strlen(s)), 0x1cu);
	s = "`utcb->msg[0..16]`, CN_RW_REPLY";
	CN_CHECK_EQ(regs_in(s, strlen(s)), 0u);
}

/* the list itself: numbers rise, privileged calls are the upper block */
static void list_consistent(void)
{
	for (size_t i = 0; i < NCALLS; i++) {
		CN_CHECK(i == 0 || calls[i].nr > calls[i - 1].nr);
		CN_CHECK((calls[i].kind == CN_SYSK_PRIV) == (calls[i].nr >= CN_SYS_FIRST_PRIVILEGED));
		CN_CHECK(calls[i].nr <= CN_SYS_LAST);
		CN_CHECK(calls[i].args <= 7 && calls[i].results <= 6);
	}
	CN_CHECK_EQ(CN_SYS_NULL, 14);
	CN_CHECK_EQ(CN_SYS_PD_GROW, CN_SYS_LAST);
}

int main(int argc, char **argv)
{
	cn_test_program = "syscall_abi";
	if (argc > 1)
		doc_path = argv[1];
	doc = read_file(doc_path);
	if (doc)
		scan_doc();
	for (size_t i = 0; doc && i < NCALLS; i++)
		if (calls[i].seen != 1)
			printf("  %s: %d rows in the doc's call tables\n", calls[i].name, calls[i].seen);
	CN_RUN(doc_found);
	CN_RUN(register_parser);
	CN_RUN(list_consistent);
	CN_RUN(every_call_once);
	CN_RUN(rows_match_list);
	return CN_TEST_RESULT();
}
