/* SPDX-License-Identifier: MIT */
/* Fixture for tool/depcheck (make depcheck): a.c and b.c call each other
 * through c.c, a circle the check must find. Never compiled. */
int b_twice(int x);
static int a_local(int x) { return x + 1; }
int a_start(int x) { return b_twice(a_local(x)); }
int a_end(int x) { return x; }
