/* SPDX-License-Identifier: MIT */
/* Fixture for tool/depcheck: calls c.c (which calls back into a.c). */
int c_half(int x);
int b_twice(int x) { return c_half(2 * x); }
