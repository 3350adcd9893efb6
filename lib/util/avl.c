/* SPDX-License-Identifier: MIT */
/*
 * Intrusive AVL tree (see cn/util/avl.h): iterative insert and remove with
 * rebalancing along the parent chain, in-order iteration, and a checker.
 */
#include <cn/util/avl.h>

static int h(const struct cn_avl_node *n) { return n ? n->height : 0; }

static void update(struct cn_avl_node *n)
{
	int l = h(n->left), r = h(n->right);
	n->height = 1 + (l > r ? l : r);
}

/* make child take the place of old under old's parent */
static void replace_child(struct cn_avl_tree *t, struct cn_avl_node *parent,
                          struct cn_avl_node *old, struct cn_avl_node *child)
{
	if (!parent)
		t->root = child;
	else if (parent->left == old)
		parent->left = child;
	else
		parent->right = child;
	if (child)
		child->parent = parent;
}

static struct cn_avl_node *rotate_left(struct cn_avl_tree *t, struct cn_avl_node *x)
{
	struct cn_avl_node *y = x->right;
	replace_child(t, x->parent, x, y);
	x->right = y->left;
	if (y->left)
		y->left->parent = x;
	y->left = x;
	x->parent = y;
	update(x);
	update(y);
	return y;
}

static struct cn_avl_node *rotate_right(struct cn_avl_tree *t, struct cn_avl_node *x)
{
	struct cn_avl_node *y = x->left;
	replace_child(t, x->parent, x, y);
	x->left = y->right;
	if (y->right)
		y->right->parent = x;
	y->right = x;
	x->parent = y;
	update(x);
	update(y);
	return y;
}

/* restore heights and balance from n up to the root */
static void rebalance(struct cn_avl_tree *t, struct cn_avl_node *n)
{
	while (n) {
		int bal = h(n->left) - h(n->right);
		if (bal > 1) {
			if (h(n->left->left) < h(n->left->right))
				rotate_left(t, n->left);
			n = rotate_right(t, n);
		} else if (bal < -1) {
			if (h(n->right->right) < h(n->right->left))
				rotate_right(t, n->right);
			n = rotate_left(t, n);
		} else
			update(n);
		n = n->parent;
	}
}

void cn_avl_init(struct cn_avl_tree *t, cn_avl_cmp_fn cmp)
{
	t->root = NULL;
	t->cmp = cmp;
	t->count = 0;
}

static bool insert(struct cn_avl_tree *t, struct cn_avl_node *n, bool multi)
{
	struct cn_avl_node *parent = NULL, **link = &t->root;
	while (*link) {
		parent = *link;
		int c = t->cmp(n, parent);
		if (c == 0 && !multi)
			return false;
		link = c < 0 ? &parent->left : &parent->right;
	}
	n->left = n->right = NULL;
	n->parent = parent;
	n->height = 1;
	*link = n;
	t->count++;
	rebalance(t, parent);
	return true;
}

bool cn_avl_insert(struct cn_avl_tree *t, struct cn_avl_node *n)
{
	return insert(t, n, false);
}

void cn_avl_insert_multi(struct cn_avl_tree *t, struct cn_avl_node *n)
{
	insert(t, n, true);
}

void cn_avl_remove(struct cn_avl_tree *t, struct cn_avl_node *n)
{
	struct cn_avl_node *start;
	if (n->left && n->right) {
		/* swap in the in-order successor s (leftmost of the right subtree) */
		struct cn_avl_node *s = n->right;
		while (s->left)
			s = s->left;
		if (s->parent == n) {
			start = s;
		} else {
			start = s->parent;
			start->left = s->right;
			if (s->right)
				s->right->parent = start;
			s->right = n->right;
			n->right->parent = s;
		}
		s->left = n->left;
		n->left->parent = s;
		replace_child(t, n->parent, n, s);
		s->height = n->height;
	} else {
		struct cn_avl_node *child = n->left ? n->left : n->right;
		start = n->parent;
		replace_child(t, n->parent, n, child);
	}
	n->left = n->right = n->parent = NULL;
	t->count--;
	rebalance(t, start);
}

struct cn_avl_node *cn_avl_find(const struct cn_avl_tree *t, const void *key, cn_avl_key_fn cmp)
{
	struct cn_avl_node *n = t->root;
	while (n) {
		int c = cmp(key, n);
		if (c == 0)
			return n;
		n = c < 0 ? n->left : n->right;
	}
	return NULL;
}

struct cn_avl_node *cn_avl_lower_bound(const struct cn_avl_tree *t, const void *key,
                                       cn_avl_key_fn cmp)
{
	struct cn_avl_node *n = t->root, *best = NULL;
	while (n) {
		if (cmp(key, n) <= 0) {
			best = n;
			n = n->left;
		} else
			n = n->right;
	}
	return best;
}

struct cn_avl_node *cn_avl_first(const struct cn_avl_tree *t)
{
	struct cn_avl_node *n = t->root;
	while (n && n->left)
		n = n->left;
	return n;
}

struct cn_avl_node *cn_avl_last(const struct cn_avl_tree *t)
{
	struct cn_avl_node *n = t->root;
	while (n && n->right)
		n = n->right;
	return n;
}

struct cn_avl_node *cn_avl_next(const struct cn_avl_node *n)
{
	if (n->right) {
		n = n->right;
		while (n->left)
			n = n->left;
		return (struct cn_avl_node *)n;
	}
	while (n->parent && n->parent->right == n)
		n = n->parent;
	return n->parent;
}

struct cn_avl_node *cn_avl_prev(const struct cn_avl_node *n)
{
	if (n->left) {
		n = n->left;
		while (n->right)
			n = n->right;
		return (struct cn_avl_node *)n;
	}
	while (n->parent && n->parent->left == n)
		n = n->parent;
	return n->parent;
}

int cn_avl_check(const struct cn_avl_tree *t)
{
	if (t->root && t->root->parent)
		return -1;                        /* root has a parent */
	size_t count = 0;
	const struct cn_avl_node *prev = NULL;
	for (const struct cn_avl_node *n = cn_avl_first(t); n; n = cn_avl_next(n)) {
		if (++count > t->count)
			return -2;                    /* more nodes than counted (or a cycle) */
		if ((n->left && n->left->parent != n) || (n->right && n->right->parent != n))
			return -3;                    /* broken parent link */
		int l = h(n->left), r = h(n->right);
		if (n->height != 1 + (l > r ? l : r))
			return -4;                    /* stale height */
		if (l - r > 1 || r - l > 1)
			return -5;                    /* unbalanced */
		if (prev && t->cmp(prev, n) > 0)
			return -6;                    /* out of order */
		prev = n;
	}
	return count == t->count ? 0 : -2;
}
