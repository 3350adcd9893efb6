/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the intrusive AVL tree: ordered insertion, duplicates,
 * removal of every shape of node, and a long random run against a reference
 * array with the consistency check after every step.
 */
#include <string.h>
#include <stdint.h>
#include <cn/util/avl.h>
#include "check.h"

struct obj { int key; struct cn_avl_node n; };

#define OBJ(p) cn_avl_obj(p)
static struct obj *cn_avl_obj(const struct cn_avl_node *p)
{
	return (struct obj *)(void *)((char *)(uintptr_t)p - offsetof(struct obj, n));
}

static int cmp(const struct cn_avl_node *a, const struct cn_avl_node *b)
{
	int x = OBJ(a)->key, y = OBJ(b)->key;
	return x < y ? -1 : x > y;
}

static int key_cmp(const void *k, const struct cn_avl_node *b)
{
	int x = *(const int *)k, y = OBJ(b)->key;
	return x < y ? -1 : x > y;
}

static struct obj objs[2000];

static void ascending_insert(void)
{
	struct cn_avl_tree t;
	cn_avl_init(&t, cmp);
	CN_CHECK(cn_avl_first(&t) == NULL);
	for (int i = 0; i < 1000; i++) {
		objs[i].key = i;
		CN_CHECK(cn_avl_insert(&t, &objs[i].n));
	}
	CN_CHECK_EQ(cn_avl_check(&t), 0);
	CN_CHECK(t.root->height <= 15);          /* 1.44 log2(1000) */
	int k = 0;
	for (struct cn_avl_node *n = cn_avl_first(&t); n; n = cn_avl_next(n))
		CN_CHECK_EQ(OBJ(n)->key, k++);
	CN_CHECK_EQ(k, 1000);
	for (struct cn_avl_node *n = cn_avl_last(&t); n; n = cn_avl_prev(n))
		CN_CHECK_EQ(OBJ(n)->key, --k);
	int key = 577, miss = 1000;
	CN_CHECK(cn_avl_find(&t, &key, key_cmp) == &objs[577].n);
	CN_CHECK(cn_avl_find(&t, &miss, key_cmp) == NULL);
}

static void duplicates(void)
{
	struct cn_avl_tree t;
	cn_avl_init(&t, cmp);
	objs[0].key = 5; objs[1].key = 5; objs[2].key = 5;
	CN_CHECK(cn_avl_insert(&t, &objs[0].n));
	CN_CHECK(!cn_avl_insert(&t, &objs[1].n));
	CN_CHECK_EQ(t.count, 1u);
	cn_avl_insert_multi(&t, &objs[1].n);
	cn_avl_insert_multi(&t, &objs[2].n);
	CN_CHECK_EQ(t.count, 3u);
	CN_CHECK_EQ(cn_avl_check(&t), 0);
	CN_CHECK(cn_avl_first(&t) == &objs[0].n);   /* equal keys keep insertion order */
	CN_CHECK(cn_avl_last(&t) == &objs[2].n);
}

static void lower_bound(void)
{
	struct cn_avl_tree t;
	cn_avl_init(&t, cmp);
	for (int i = 0; i < 10; i++) {
		objs[i].key = i * 10;
		cn_avl_insert(&t, &objs[i].n);
	}
	int k = 35;
	CN_CHECK(cn_avl_lower_bound(&t, &k, key_cmp) == &objs[4].n);
	k = 40;
	CN_CHECK(cn_avl_lower_bound(&t, &k, key_cmp) == &objs[4].n);
	k = 91;
	CN_CHECK(cn_avl_lower_bound(&t, &k, key_cmp) == NULL);
	k = -5;
	CN_CHECK(cn_avl_lower_bound(&t, &k, key_cmp) == &objs[0].n);
}

static void remove_shapes(void)
{
	struct cn_avl_tree t;
	cn_avl_init(&t, cmp);
	for (int i = 0; i < 15; i++) {
		objs[i].key = i;
		cn_avl_insert(&t, &objs[i].n);
	}
	/* root (two children), inner nodes, leaves, down to empty */
	int order[15] = { 7, 3, 11, 0, 14, 5, 9, 1, 2, 13, 12, 4, 6, 8, 10 };
	for (int i = 0; i < 15; i++) {
		cn_avl_remove(&t, &objs[order[i]].n);
		CN_CHECK_EQ(cn_avl_check(&t), 0);
		CN_CHECK(cn_avl_find(&t, &order[i], key_cmp) == NULL);
		CN_CHECK_EQ(t.count, (size_t)(14 - i));
	}
	CN_CHECK(t.root == NULL);
}

static unsigned rnd_state = 12345;
static unsigned rnd(void) { rnd_state = rnd_state * 1103515245u + 12345u; return rnd_state >> 8; }

static void random_ops(void)
{
	static bool in[2000];
	struct cn_avl_tree t;
	cn_avl_init(&t, cmp);
	memset(in, 0, sizeof(in));
	for (int i = 0; i < 2000; i++)
		objs[i].key = i;
	size_t count = 0;
	for (int step = 0; step < 20000; step++) {
		int i = (int)(rnd() % 2000);
		if (in[i]) {
			cn_avl_remove(&t, &objs[i].n);
			count--;
		} else {
			CN_CHECK(cn_avl_insert(&t, &objs[i].n));
			count++;
		}
		in[i] = !in[i];
		if (step % 97 == 0)
			CN_CHECK_EQ(cn_avl_check(&t), 0);
	}
	CN_CHECK_EQ(cn_avl_check(&t), 0);
	CN_CHECK_EQ(t.count, count);
	int prev = -1;
	size_t seen = 0;
	for (struct cn_avl_node *n = cn_avl_first(&t); n; n = cn_avl_next(n)) {
		CN_CHECK(OBJ(n)->key > prev && in[OBJ(n)->key]);
		prev = OBJ(n)->key;
		seen++;
	}
	CN_CHECK_EQ(seen, count);
}

static void check_detects_corruption(void)
{
	struct cn_avl_tree t;
	cn_avl_init(&t, cmp);
	for (int i = 0; i < 7; i++) {
		objs[i].key = i;
		cn_avl_insert(&t, &objs[i].n);
	}
	CN_CHECK_EQ(cn_avl_check(&t), 0);
	objs[3].key = 100;                           /* order broken behind its back */
	CN_CHECK(cn_avl_check(&t) < 0);
	objs[3].key = 3;
	t.root->height++;
	CN_CHECK(cn_avl_check(&t) < 0);
	t.root->height--;
	t.count++;
	CN_CHECK(cn_avl_check(&t) < 0);
	t.count--;
	CN_CHECK_EQ(cn_avl_check(&t), 0);
}

int main(void)
{
	cn_test_program = "avl";
	CN_RUN(ascending_insert);
	CN_RUN(duplicates);
	CN_RUN(lower_bound);
	CN_RUN(remove_shapes);
	CN_RUN(random_ops);
	CN_RUN(check_detects_corruption);
	return CN_TEST_RESULT();
}
