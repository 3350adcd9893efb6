/* SPDX-License-Identifier: MIT */
/* Fixture for tool/depcheck: closes the circle a.c -> b.c -> c.c -> a.c;
 * a struct tag and a string naming a_start are no calls. */
struct a_start { int x; };
int a_end(int x);
int c_half(int x) { const char *s = "a_start("; (void)s; return a_end(x / 2); }
