/* SPDX-License-Identifier: MIT */
/*
 * Host test of init's config parser (init/config.c) and its messages
 * (init/origin.c), compiled unchanged: the origin the run tool writes into
 * the root node (<config origin="FILE:LINE">) turns the text's lines into
 * the run script's in every error and warning, also for malformed XML; a
 * config without one names the ROM "config"; the routing warnings of
 * issue 18 (a service nobody provides, a child target that does not
 * provide it) appear at the rule's line, and only then.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cn/component.h>
#include "../../init/init.h"
#include "check.h"

/* ------------------------------------------------------------ the runtime */
static char logbuf[8192];

void cn_log(const char *fmt, ...)
{
	size_t used = strlen(logbuf);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(logbuf + used, sizeof(logbuf) - used, fmt, ap);
	va_end(ap);
	used = strlen(logbuf);
	if (used + 1 < sizeof(logbuf)) {
		logbuf[used] = '\n';
		logbuf[used + 1] = 0;
	}
}

void *cn_malloc(size_t size) { return malloc(size); }
void *cn_calloc(size_t n, size_t size) { return calloc(n, size); }
void  cn_free(void *p) { free(p); }

/* parse text, return what init logged */
static const char *parse(const char *text, int *err)
{
	static struct init_config cfg;
	logbuf[0] = 0;
	*err = init_config_parse(&cfg, text, strlen(text));
	init_config_free(&cfg);
	return logbuf;
}

#define CN_CHECK_LOGGED(log, line) CN_CHECK(strstr((log), line "\n") != NULL)

#define PARENT_PROVIDES \
	"\t<parent-provides> <service name=\"ROM\"/> <service name=\"LOG\"/> </parent-provides>\n"

/* ------------------------------------------------------------ cases */
static void origin_maps_lines(void)
{
	int err;
	const char *log = parse("\n<config origin=\"run/x.run:10\">\n"       /* lines 10, 11 */
	                        "\t<bogus/>\n"                              /* 12 */
	                        "\t<start name=\"a\"> <resource name=\"RAM\" quantum=\"1M\"/> </start>\n"
	                        "\t<start name=\"a\" caps=\"5\"> <resource name=\"RAM\" quantum=\"1M\"/> </start>\n"
	                        "</config>\n", &err);
	CN_CHECK_EQ(err, 0);
	CN_CHECK_LOGGED(log, "run/x.run:12: error: unknown node <bogus> in <config>");
	CN_CHECK_LOGGED(log, "run/x.run:14: error: duplicate child name \"a\" (first at line 13)");
	/* origin itself is no unknown attribute */
	CN_CHECK(strstr(log, "origin") == NULL);
}

static void no_origin_names_rom(void)
{
	int err;
	const char *log = parse("<config>\n\t<bogus/>\n</config>\n", &err);
	CN_CHECK_EQ(err, 0);
	CN_CHECK_LOGGED(log, "config:2: error: unknown node <bogus> in <config>");
}

static void origin_without_line(void)
{
	int err;
	const char *log = parse("<config origin=\"my.config\" verbose=\"no\">\n<bogus/>\n</config>",
	                        &err);
	CN_CHECK_EQ(err, 0);
	CN_CHECK_LOGGED(log, "my.config:2: error: unknown node <bogus> in <config>");
}

static void origin_of_malformed_xml(void)
{
	int err;
	const char *log = parse("\n<config origin=\"run/y.run:7\">\n\t<start name=\"a\">\n"
	                        "\t</strat>\n</config>\n", &err);
	CN_CHECK(err != 0);
	CN_CHECK_LOGGED(log, "run/y.run:10:2: error: malformed XML: mismatched end tag </strat>, "
	                     "expected </start>");
}

/* not the root's: a <config> of a child, or an origin elsewhere */
static void origin_only_of_the_root(void)
{
	int err;
	const char *log = parse("<config>\n<start name=\"a\"> <resource name=\"RAM\" quantum=\"1M\"/>\n"
	                        "<config origin=\"elsewhere:100\"/> </start>\n<bogus/>\n</config>\n",
	                        &err);
	CN_CHECK_EQ(err, 0);
	CN_CHECK_LOGGED(log, "config:4: error: unknown node <bogus> in <config>");
	log = parse("<config xorigin=\"f:5\">\n<bogus/>\n</config>\n", &err);
	CN_CHECK_LOGGED(log, "config:2: error: unknown node <bogus> in <config>");
}

static void warning_service_nobody_provides(void)
{
	int err;
	const char *log = parse("<config origin=\"run/r.run:3\">\n" PARENT_PROVIDES
	                        "\t<default-route> <service name=\"Helo\"> <parent/> </service>\n"
	                        "\t\t<service name=\"LOG\"> <parent/> </service>\n"
	                        "\t\t<any-service> <parent/> </any-service> </default-route>\n"
	                        "</config>\n", &err);
	CN_CHECK_EQ(err, 0);
	CN_CHECK_LOGGED(log, "run/r.run:5: warning: route to service \"Helo\", which no child "
	                     "provides and the parent does not (not in <parent-provides>)");
	/* one warning only: LOG is provided */
	CN_CHECK(strstr(log, "LOG\", which") == NULL);
	CN_CHECK(strstr(log, "error") == NULL);
}

static void no_warning_when_provided(void)
{
	int err;
	/* a child provides it, or no <parent-provides> (the parent provides all) */
	const char *log = parse("<config>\n" PARENT_PROVIDES
	                        "<start name=\"s\" caps=\"9\"> <resource name=\"RAM\" quantum=\"1M\"/>\n"
	                        "  <provides> <service name=\"Hello\"/> </provides> </start>\n"
	                        "<start name=\"c\" caps=\"9\"> <resource name=\"RAM\" quantum=\"1M\"/>\n"
	                        "  <route> <service name=\"Hello\"> <child name=\"s\"/> </service>\n"
	                        "  </route> </start>\n</config>\n", &err);
	CN_CHECK_EQ(err, 0);
	CN_CHECK_EQ(log[0], 0);
	log = parse("<config>\n<default-route> <service name=\"Any\"> <parent/> </service>\n"
	            "</default-route>\n</config>\n", &err);
	CN_CHECK_EQ(log[0], 0);
}

static void warning_child_does_not_provide(void)
{
	int err;
	const char *log = parse("<config origin=\"run/a.run:20\">\n" PARENT_PROVIDES
	                        "<start name=\"s\" caps=\"9\"> <resource name=\"RAM\" quantum=\"1M\"/>\n"
	                        "  <provides> <service name=\"Other\"/> </provides> </start>\n"
	                        "<start name=\"c\" caps=\"9\"> <resource name=\"RAM\" quantum=\"1M\"/>\n"
	                        "  <route> <service name=\"Other\">\n"
	                        "    <child name=\"c\"/> </service> </route> </start>\n"
	                        "</config>\n", &err);
	CN_CHECK_EQ(err, 0);
	CN_CHECK_LOGGED(log, "run/a.run:26: warning: route of service \"Other\" to child \"c\", "
	                     "which does not provide it (not in its <provides>)");
	CN_CHECK(strstr(log, "which no child provides") == NULL);
}

int main(void)
{
	cn_test_program = "init_config";
	CN_RUN(origin_maps_lines);
	CN_RUN(no_origin_names_rom);
	CN_RUN(origin_without_line);
	CN_RUN(origin_of_malformed_xml);
	CN_RUN(origin_only_of_the_root);
	CN_RUN(warning_service_nobody_provides);
	CN_RUN(no_warning_when_provided);
	CN_RUN(warning_child_does_not_provide);
	return CN_TEST_RESULT();
}
