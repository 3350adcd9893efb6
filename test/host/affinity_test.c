/* SPDX-License-Identifier: MIT */
/*
 * Host tests of affinity spaces and locations (<cn/util/affinity.h>):
 * parsing and printing, validity, scaling between spaces, composing a
 * child's location into its parent's down a tree, and CPU numbers.
 */
#include <string.h>
#include <stdint.h>
#include <cn/util/affinity.h>
#include "check.h"

static void parse(void)
{
	struct cn_affinity_space sp;
	struct cn_affinity_loc l;
	CN_CHECK_EQ(cn_affinity_parse_space("4x1", &sp), 0);
	CN_CHECK(sp.w == 4 && sp.h == 1);
	CN_CHECK_EQ(cn_affinity_parse_loc("1,0,2x1", &l), 0);
	CN_CHECK(l.x == 1 && l.y == 0 && l.w == 2 && l.h == 1);
	CN_CHECK(cn_affinity_parse_space("4", &sp) < 0);
	CN_CHECK(cn_affinity_parse_space("0x1", &sp) < 0);
	CN_CHECK(cn_affinity_parse_space("4x1x", &sp) < 0);
	CN_CHECK(cn_affinity_parse_space("300x1", &sp) < 0);
	CN_CHECK(cn_affinity_parse_loc("1,0,0x1", &l) < 0);
	CN_CHECK(cn_affinity_parse_loc("1,0", &l) < 0);
	CN_CHECK(cn_affinity_parse_loc("a,0,1x1", &l) < 0);
	CN_CHECK(cn_affinity_parse_loc(NULL, &l) < 0);
	char buf[32];
	CN_CHECK_EQ(cn_affinity_format_loc(buf, sizeof(buf), (struct cn_affinity_loc){ 3, 1, 1, 2 }), 0);
	CN_CHECK_STR(buf, "3,1,1x2");
	CN_CHECK_EQ(cn_affinity_format_space(buf, sizeof(buf), (struct cn_affinity_space){ 4, 2 }), 0);
	CN_CHECK_STR(buf, "4x2");
	CN_CHECK(cn_affinity_format_loc(buf, 4, (struct cn_affinity_loc){ 3, 1, 1, 2 }) < 0);
}

static void valid(void)
{
	struct cn_affinity_space sp = { 4, 1 };
	CN_CHECK(cn_affinity_valid(sp, (struct cn_affinity_loc){ 0, 0, 4, 1 }));
	CN_CHECK(cn_affinity_valid(sp, (struct cn_affinity_loc){ 3, 0, 1, 1 }));
	CN_CHECK(!cn_affinity_valid(sp, (struct cn_affinity_loc){ 3, 0, 2, 1 }));
	CN_CHECK(!cn_affinity_valid(sp, (struct cn_affinity_loc){ 0, 1, 1, 1 }));
	CN_CHECK(!cn_affinity_valid(sp, (struct cn_affinity_loc){ 0, 0, 0, 1 }));
	CN_CHECK(!cn_affinity_valid(sp, (struct cn_affinity_loc){ 0xffffffffu, 0, 2, 1 }));
}

static void scale(void)
{
	struct cn_affinity_space v4 = { 4, 1 }, p2 = { 2, 1 }, p4 = { 4, 1 }, p1 = { 1, 1 };
	struct cn_affinity_loc r;
	/* a 4-wide virtual space on 2 CPUs: two virtual CPUs share one */
	r = cn_affinity_scale(v4, (struct cn_affinity_loc){ 1, 0, 1, 1 }, p2);
	CN_CHECK(r.x == 0 && r.w == 1);
	r = cn_affinity_scale(v4, (struct cn_affinity_loc){ 2, 0, 2, 1 }, p2);
	CN_CHECK(r.x == 1 && r.w == 1);
	r = cn_affinity_scale(v4, (struct cn_affinity_loc){ 3, 0, 1, 1 }, p4);
	CN_CHECK(r.x == 3 && r.w == 1 && r.y == 0 && r.h == 1);
	/* smaller virtual space on more CPUs: a virtual CPU covers several */
	r = cn_affinity_scale(p2, (struct cn_affinity_loc){ 1, 0, 1, 1 }, p4);
	CN_CHECK(r.x == 2 && r.w == 2);
	/* everything on one CPU */
	r = cn_affinity_scale(v4, (struct cn_affinity_loc){ 3, 0, 1, 1 }, p1);
	CN_CHECK(r.x == 0 && r.w == 1);
}

/* init on CPUs 2..3 of 4 gives its child the right half of its 2x1
 * space; a nested init there gives its child ... all end on CPU 3 */
static void compose(void)
{
	struct cn_affinity_loc init = { 0, 0, 4, 1 };
	struct cn_affinity_loc init2 = cn_affinity_compose(init, (struct cn_affinity_space){ 2, 1 },
	                                                   (struct cn_affinity_loc){ 1, 0, 1, 1 });
	CN_CHECK(init2.x == 2 && init2.w == 2 && init2.y == 0 && init2.h == 1);
	struct cn_affinity_loc child = cn_affinity_compose(init2, (struct cn_affinity_space){ 4, 1 },
	                                                   (struct cn_affinity_loc){ 3, 0, 1, 1 });
	CN_CHECK(child.x == 3 && child.w == 1);
	child = cn_affinity_compose(init2, (struct cn_affinity_space){ 4, 1 },
	                            (struct cn_affinity_loc){ 0, 0, 2, 1 });
	CN_CHECK(child.x == 2 && child.w == 1);
}

static void cpu_numbers(void)
{
	struct cn_affinity_space sp = { 4, 2 };
	struct cn_affinity_loc l = { 1, 1, 2, 1 };
	CN_CHECK_EQ(cn_affinity_cpu(sp, l, 0, 0), 5);
	CN_CHECK_EQ(cn_affinity_cpu(sp, l, 1, 0), 6);
	CN_CHECK_EQ(cn_affinity_cpu(sp, l, 2, 0), -1);
	CN_CHECK_EQ(cn_affinity_cpu(sp, l, 0, 1), -1);
}

int main(void)
{
	cn_test_program = "affinity_test";
	CN_RUN(parse);
	CN_RUN(valid);
	CN_RUN(scale);
	CN_RUN(compose);
	CN_RUN(cpu_numbers);
	return CN_TEST_RESULT();
}
