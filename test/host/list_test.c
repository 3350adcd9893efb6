/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the intrusive list (cn/util/list.h).
 */
#include <string.h>
#include <cn/util/list.h>
#include "check.h"

struct item { int v; struct cn_list_elem le; };

static int values(struct cn_list *l, int *out, int max)
{
	int n = 0;
	for (struct cn_list_elem *e = cn_list_first(l); e && n < max; e = cn_list_next(l, e))
		out[n++] = cn_container_of(e, struct item, le)->v;
	return n;
}

static void empty_list(void)
{
	struct cn_list l;
	cn_list_init(&l);
	CN_CHECK(cn_list_empty(&l));
	CN_CHECK(cn_list_first(&l) == NULL);
	CN_CHECK(cn_list_last(&l) == NULL);
	CN_CHECK(cn_list_pop_head(&l) == NULL);
	CN_CHECK_EQ(cn_list_count(&l), 0u);
}

static void head_tail_order(void)
{
	struct cn_list l;
	struct item it[4] = { {0, {0, 0}}, {1, {0, 0}}, {2, {0, 0}}, {3, {0, 0}} };
	cn_list_init(&l);
	cn_list_insert_tail(&l, &it[1].le);
	cn_list_insert_tail(&l, &it[2].le);
	cn_list_insert_head(&l, &it[0].le);
	cn_list_insert_after(&it[2].le, &it[3].le);
	int v[8];
	CN_CHECK_EQ(values(&l, v, 8), 4);
	for (int i = 0; i < 4; i++)
		CN_CHECK_EQ(v[i], i);
	CN_CHECK(cn_list_last(&l) == &it[3].le);
	CN_CHECK(cn_list_prev(&l, &it[0].le) == NULL);
	CN_CHECK(cn_list_prev(&l, &it[1].le) == &it[0].le);
	CN_CHECK(cn_list_next(&l, &it[3].le) == NULL);
	CN_CHECK(!cn_list_empty(&l));
}

static void remove_elements(void)
{
	struct cn_list l;
	struct item it[3] = { {10, {0, 0}}, {11, {0, 0}}, {12, {0, 0}} };
	cn_list_init(&l);
	for (int i = 0; i < 3; i++)
		cn_list_insert_tail(&l, &it[i].le);
	cn_list_remove(&it[1].le);
	CN_CHECK(!cn_list_elem_linked(&it[1].le));
	cn_list_remove(&it[1].le);                 /* second removal is harmless */
	int v[4];
	CN_CHECK_EQ(values(&l, v, 4), 2);
	CN_CHECK_EQ(v[0], 10);
	CN_CHECK_EQ(v[1], 12);
	CN_CHECK(cn_list_pop_head(&l) == &it[0].le);
	CN_CHECK(cn_list_pop_head(&l) == &it[2].le);
	CN_CHECK(cn_list_empty(&l));
}

/* insert before the first, a middle and the last element; an element on
 * no list has NULL links, removing it twice is harmless (the kernel's use) */
static void insert_before(void)
{
	struct cn_list l;
	struct item it[5] = { {0, {0, 0}}, {1, {0, 0}}, {2, {0, 0}}, {3, {0, 0}}, {4, {0, 0}} };
	cn_list_init(&l);
	cn_list_insert_tail(&l, &it[1].le);
	cn_list_insert_tail(&l, &it[4].le);
	cn_list_insert_before(&it[1].le, &it[0].le);   /* new first */
	cn_list_insert_before(&it[4].le, &it[2].le);   /* before the last */
	cn_list_insert_before(&it[4].le, &it[3].le);
	int v[8];
	CN_CHECK_EQ(values(&l, v, 8), 5);
	for (int i = 0; i < 5; i++)
		CN_CHECK_EQ(v[i], i);
	CN_CHECK(cn_list_first(&l) == &it[0].le);
	CN_CHECK(cn_list_last(&l) == &it[4].le);
	CN_CHECK(cn_list_prev(&l, &it[3].le) == &it[2].le);
	cn_list_remove(&it[2].le);
	CN_CHECK(!cn_list_elem_linked(&it[2].le));
	cn_list_remove(&it[2].le);
	CN_CHECK_EQ(cn_list_count(&l), 4u);
	cn_list_insert_before(&it[3].le, &it[2].le);
	CN_CHECK_EQ(values(&l, v, 8), 5);
	for (int i = 0; i < 5; i++)
		CN_CHECK_EQ(v[i], i);
}

static void safe_iteration(void)
{
	struct cn_list l;
	struct item it[6];
	cn_list_init(&l);
	for (int i = 0; i < 6; i++) {
		it[i].v = i;
		cn_list_elem_init(&it[i].le);
		cn_list_insert_tail(&l, &it[i].le);
	}
	struct cn_list_elem *e, *tmp;
	cn_list_for_each_safe(&l, e, tmp)
		if (cn_container_of(e, struct item, le)->v % 2)
			cn_list_remove(e);
	int v[8];
	CN_CHECK_EQ(values(&l, v, 8), 3);
	CN_CHECK(v[0] == 0 && v[1] == 2 && v[2] == 4);
	CN_CHECK_EQ(cn_list_count(&l), 3u);
}

int main(void)
{
	cn_test_program = "list";
	CN_RUN(empty_list);
	CN_RUN(head_tail_order);
	CN_RUN(remove_elements);
	CN_RUN(insert_before);
	CN_RUN(safe_iteration);
	return CN_TEST_RESULT();
}
