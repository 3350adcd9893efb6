/* SPDX-License-Identifier: MIT */
/*
 * Intrusive doubly linked list (header only). An element is embedded in the
 * containing object; cn_container_of() gets the object back.
 */
#ifndef CN_UTIL_LIST_H
#define CN_UTIL_LIST_H

#include <stddef.h>
#include <stdbool.h>

#define cn_container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

struct cn_list_elem {
	struct cn_list_elem *prev, *next;
};

/* circular list with a sentinel head */
struct cn_list {
	struct cn_list_elem head;
};

static inline void cn_list_init(struct cn_list *l)
{
	l->head.prev = l->head.next = &l->head;
}

/* an element that is not on any list has both links NULL */
static inline void cn_list_elem_init(struct cn_list_elem *e)
{
	e->prev = e->next = NULL;
}

static inline bool cn_list_elem_linked(const struct cn_list_elem *e)
{
	return e->next != NULL;
}

static inline bool cn_list_empty(const struct cn_list *l)
{
	return l->head.next == &l->head;
}

static inline void cn_list__link(struct cn_list_elem *e, struct cn_list_elem *prev,
                                 struct cn_list_elem *next)
{
	e->prev = prev;
	e->next = next;
	prev->next = e;
	next->prev = e;
}

static inline void cn_list_insert_head(struct cn_list *l, struct cn_list_elem *e)
{
	cn_list__link(e, &l->head, l->head.next);
}

static inline void cn_list_insert_tail(struct cn_list *l, struct cn_list_elem *e)
{
	cn_list__link(e, l->head.prev, &l->head);
}

/* insert e directly after pos (pos is an element of a list) */
static inline void cn_list_insert_after(struct cn_list_elem *pos, struct cn_list_elem *e)
{
	cn_list__link(e, pos, pos->next);
}

/* insert e directly before pos (pos is an element of a list) */
static inline void cn_list_insert_before(struct cn_list_elem *pos, struct cn_list_elem *e)
{
	cn_list__link(e, pos->prev, pos);
}

/* remove e from its list; removing an unlinked element does nothing */
static inline void cn_list_remove(struct cn_list_elem *e)
{
	if (!e->next)
		return;
	e->prev->next = e->next;
	e->next->prev = e->prev;
	e->prev = e->next = NULL;
}

static inline struct cn_list_elem *cn_list_first(const struct cn_list *l)
{
	return l->head.next == &l->head ? NULL : l->head.next;
}

static inline struct cn_list_elem *cn_list_last(const struct cn_list *l)
{
	return l->head.prev == &l->head ? NULL : l->head.prev;
}

static inline struct cn_list_elem *cn_list_next(const struct cn_list *l,
                                                const struct cn_list_elem *e)
{
	return e->next == &l->head ? NULL : e->next;
}

static inline struct cn_list_elem *cn_list_prev(const struct cn_list *l,
                                                const struct cn_list_elem *e)
{
	return e->prev == &l->head ? NULL : e->prev;
}

/* remove and return the first element, NULL if empty */
static inline struct cn_list_elem *cn_list_pop_head(struct cn_list *l)
{
	struct cn_list_elem *e = cn_list_first(l);
	if (e)
		cn_list_remove(e);
	return e;
}

static inline size_t cn_list_count(const struct cn_list *l)
{
	size_t n = 0;
	for (const struct cn_list_elem *e = l->head.next; e != &l->head; e = e->next)
		n++;
	return n;
}

/* for (e = first; e; e = next), safe against removal of e */
#define cn_list_for_each_safe(l, e, tmp) \
	for ((e) = cn_list_first(l), (tmp) = (e) ? cn_list_next((l), (e)) : NULL; (e); \
	     (e) = (tmp), (tmp) = (e) ? cn_list_next((l), (e)) : NULL)

#endif
