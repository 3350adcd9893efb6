/* SPDX-License-Identifier: MIT */
/*
 * Intrusive AVL tree: nodes are embedded in the containing objects, ordered
 * by a caller-supplied compare callback. No allocation, no recursion.
 */
#ifndef CN_UTIL_AVL_H
#define CN_UTIL_AVL_H

#include <stddef.h>
#include <stdbool.h>

struct cn_avl_node {
	struct cn_avl_node *left, *right, *parent;
	int height;                       /* 1 for a leaf */
};

/* <0, 0, >0 like memcmp: a before, equal to, after b */
typedef int (*cn_avl_cmp_fn)(const struct cn_avl_node *a, const struct cn_avl_node *b);
/* compare a search key with a node */
typedef int (*cn_avl_key_fn)(const void *key, const struct cn_avl_node *n);

struct cn_avl_tree {
	struct cn_avl_node *root;
	cn_avl_cmp_fn cmp;
	size_t count;
};

void cn_avl_init(struct cn_avl_tree *t, cn_avl_cmp_fn cmp);

/* insert n; returns false (tree unchanged) if an equal node is present */
bool cn_avl_insert(struct cn_avl_tree *t, struct cn_avl_node *n);

/* insert n even if equal nodes exist (after them in order) */
void cn_avl_insert_multi(struct cn_avl_tree *t, struct cn_avl_node *n);

/* remove n, which must be in t */
void cn_avl_remove(struct cn_avl_tree *t, struct cn_avl_node *n);

/* a node equal to key, NULL if none */
struct cn_avl_node *cn_avl_find(const struct cn_avl_tree *t, const void *key, cn_avl_key_fn cmp);

/* the first node not ordered before key (lower bound), NULL if none */
struct cn_avl_node *cn_avl_lower_bound(const struct cn_avl_tree *t, const void *key,
                                       cn_avl_key_fn cmp);

struct cn_avl_node *cn_avl_first(const struct cn_avl_tree *t);
struct cn_avl_node *cn_avl_last(const struct cn_avl_tree *t);
struct cn_avl_node *cn_avl_next(const struct cn_avl_node *n);
struct cn_avl_node *cn_avl_prev(const struct cn_avl_node *n);

/* Verify parent links, heights, balance, order and count. Returns 0 if the
 * tree is consistent, otherwise a negative code saying what is wrong. */
int cn_avl_check(const struct cn_avl_tree *t);

#endif
