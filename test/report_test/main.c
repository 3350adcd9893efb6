/* SPDX-License-Identifier: MIT */
/*
 * A test of report_rom (run/report_rom.run), two roles by name that play
 * ping-pong through two reports, so that every version is seen:
 *   reporter  reports "state" (<state count="N"/>) and reads the ROM "ack";
 *             it reports N+1 once the ack says N, up to ROUNDS
 *   reader    reads the ROM "state" and reports "ack" (<ack count="N"/>)
 *             for each version it sees; first it asks for a ROM no policy
 *             names, which must be refused
 * Both first submit a report longer than their buffer (must be refused).
 * Each ROM version is logged as it arrives ('ROM "state" version: ...').
 * Every check that fails prints a line starting "FAIL".
 */
#include <cn/attached_rom.h>
#include <cn/component.h>
#include <cn/session/report.h>
#include <cn/session/rom.h>
#include <cn/util/format.h>
#include <cn/util/string.h>

#define ROUNDS 5
#define fail(...) do { cn_log("FAIL: " __VA_ARGS__); cn_exit(1); } while (0)

static struct cn_reporter report;
static struct cn_attached_rom rom;
static unsigned count;          /* reporter: the count reported; reader: the last seen */
static int reporter;

/* count="N" of the ROM's text; 0 for an empty ROM */
static unsigned parse_count(const char *text, uint32_t size)
{
	char buf[128];
	uint32_t n = size < sizeof(buf) - 1 ? size : sizeof(buf) - 1;
	cn_memcpy(buf, text, n);
	buf[n] = 0;
	const char *p = buf;
	unsigned v = 0;
	while (*p && cn_strncmp(p, "count=\"", 7))
		p++;
	if (!*p)
		return 0;
	for (p += 7; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (unsigned)(*p - '0');
	return v;
}

static void submit(const char *what, unsigned n)
{
	char text[64];
	int len = cn_snprintf(text, sizeof(text), "<%s count=\"%u\"/>", what, n);
	int err = cn_reporter_submit(&report, text, (uint32_t)len);
	if (err)
		fail("report %s: %s", text, cn_strerror(err));
}

static void seen(struct cn_attached_rom *r)
{
	const char *name = reporter ? "ack" : "state";
	if (!r->data)
		fail("ROM \"%s\" unreadable: %s", name, cn_strerror(r->error));
	if (!r->size) {
		cn_log("ROM \"%s\" is empty", name);
		return;
	}
	cn_log("ROM \"%s\" version: %.*s", name, (int)r->size, (const char *)r->data);
	unsigned n = parse_count(r->data, r->size);
	if (reporter) {
		if (n != count)
			fail("ack %u, expected %u", n, count);
		if (count == ROUNDS) {
			cn_log("done: %u rounds", ROUNDS);
			cn_exit(0);
		}
		submit("state", ++count);
	} else {
		if (n != count + 1)
			fail("state %u after %u: a version was lost", n, count);
		count = n;
		submit("ack", n);
		if (n == ROUNDS) {
			cn_log("done: %u rounds", ROUNDS);
			cn_exit(0);
		}
	}
}

static void changed(struct cn_attached_rom *r, void *arg)
{
	(void)arg;
	seen(r);
}

void cn_component_construct(struct cn_env *env)
{
	int err;
	reporter = !cn_strcmp(env->name, "reporter");
	if (!reporter) {
		uint32_t s;
		err = cn_rom_connect(env, "nosuch", &s);
		if (err != CN_ERR_DENIED)
			fail("ROM \"nosuch\": %s, expected denied", err ? cn_strerror(err) : "granted");
		cn_log("ROM \"nosuch\": %s, as it must be", cn_strerror(err));
	}
	if ((err = cn_reporter_open(&report, env, reporter ? "state" : "ack", 0)))
		fail("Report session: %s", cn_strerror(err));
	/* the server checks the length itself (the helper would refuse it first) */
	err = cn_report_submit(report.session, report.size + 1, NULL);
	if (err != CN_ERR_INVALID)
		fail("a report longer than the buffer: %s", err ? cn_strerror(err) : "accepted");
	cn_log("a report longer than the buffer: %s, as it must be", cn_strerror(err));
	if ((err = cn_attached_rom_open(&rom, env, reporter ? "ack" : "state", changed, NULL)))
		fail("ROM session: %s", cn_strerror(err));
	if (reporter) {
		seen(&rom);                       /* empty: no ack yet */
		submit("state", ++count);
	} else {
		seen(&rom);                       /* empty, or the first state */
	}
}
