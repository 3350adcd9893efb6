/* SPDX-License-Identifier: MIT */
/*
 * Affinity spaces and locations (seed 002): CPUs seen as a grid of
 * width x height; a location is a rectangle in such a space. A parent gives
 * each child a location in its own (virtual) space, which stands for the
 * parent's own location; composing both down the tree and scaling onto the
 * physical space (core's: the board's CPUs in one row) gives the CPUs a
 * component may use. Text forms, as in session arguments:
 *   affinity_space="WxH"   affinity="X,Y,WxH"
 */
#ifndef CN_UTIL_AFFINITY_H
#define CN_UTIL_AFFINITY_H

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>

#define CN_AFFINITY_MAX 256u   /* largest width or height accepted */

struct cn_affinity_space { uint32_t w, h; };
struct cn_affinity_loc   { uint32_t x, y, w, h; };

/* "WxH" / "X,Y,WxH"; 0 or CN_ERR_INVALID (also for a zero or too large size) */
int cn_affinity_parse_space(const char *s, struct cn_affinity_space *sp);
int cn_affinity_parse_loc(const char *s, struct cn_affinity_loc *l);

/* the text forms into buf: 0 or CN_ERR_NOSPACE */
int cn_affinity_format_space(char *buf, size_t size, struct cn_affinity_space sp);
int cn_affinity_format_loc(char *buf, size_t size, struct cn_affinity_loc l);

/* non-empty and inside the space */
bool cn_affinity_valid(struct cn_affinity_space sp, struct cn_affinity_loc l);

/* the location 'l' of space 'from' in the proportionally same place of
 * space 'to' (at least one CPU wide and high; 'l' must be valid in 'from') */
struct cn_affinity_loc cn_affinity_scale(struct cn_affinity_space from, struct cn_affinity_loc l,
                                         struct cn_affinity_space to);

/* a child's location 'l' in its parent's virtual space 'vspace', where the
 * whole of 'vspace' stands for the parent's own location 'parent': the
 * child's location in the parent's coordinates */
struct cn_affinity_loc cn_affinity_compose(struct cn_affinity_loc parent,
                                           struct cn_affinity_space vspace,
                                           struct cn_affinity_loc l);

/* CPU number (x + y * width of 'sp') of the point (x, y) counted from the
 * location's corner; -1 if the point is outside the location */
int cn_affinity_cpu(struct cn_affinity_space sp, struct cn_affinity_loc l, uint32_t x, uint32_t y);

#endif
