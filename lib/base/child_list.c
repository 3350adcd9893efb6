/* SPDX-License-Identifier: MIT */
/*
 * All children of this parent (see <cn/child.h>): the one list of them, by
 * which the parent finds a child by name, wakes children with pending
 * requests and keeps its quota ledger; and each child's announced
 * services. Depends on nothing else of the child library.
 */
#include <cn/child.h>
#include <cn/util/string.h>

static struct cn_list children = { { &children.head, &children.head } };

struct cn_child *cn_child_first(void)
{
	struct cn_list_elem *e = cn_list_first(&children);
	return e ? cn_container_of(e, struct cn_child, elem) : NULL;
}

struct cn_child *cn_child_next(struct cn_child *c)
{
	struct cn_list_elem *e = cn_list_next(&children, &c->elem);
	return e ? cn_container_of(e, struct cn_child, elem) : NULL;
}

struct cn_child *cn_child_find(const char *name)
{
	for (struct cn_child *c = cn_child_first(); c; c = cn_child_next(c))
		if (!cn_strcmp(c->name, name))
			return c;
	return NULL;
}

struct cn_child_service *cn_child_service(struct cn_child *c, const char *name)
{
	for (struct cn_list_elem *e = cn_list_first(&c->services); e;
	     e = cn_list_next(&c->services, e)) {
		struct cn_child_service *s = cn_container_of(e, struct cn_child_service, elem);
		if (!cn_strcmp(s->name, name))
			return s;
	}
	return NULL;
}

void cn_child_list_add(struct cn_child *c)
{
	cn_list_elem_init(&c->elem);
	cn_list_insert_tail(&children, &c->elem);
}

void cn_child_list_remove(struct cn_child *c)
{
	cn_list_remove(&c->elem);
}
