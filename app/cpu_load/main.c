/* SPDX-License-Identifier: MIT */
/*
 * cpu_load: a test component for CPU quota and affinity. Its "config" ROM
 * says what to do (doc/scheduling.md, run scripts sched_*):
 *
 *   <config mode="spin" periods="2" expect="75" tolerance="5"/>
 *     spin, and measure the CPU time the kernel charged to this thread
 *     (CPU session: thread info) over 'periods' whole super periods; with
 *     'expect' (percent of the time) check it, with 'at_least' check a floor;
 *     wait="N" lets N more super periods pass first (the others start)
 *   <config mode="spin"/>                       spin for ever (a load)
 *   <config mode="claim" rounds="40" interval_us="15000" max_latency_us="500"/>
 *     wake up from a kernel timeout every interval and measure how late it
 *     runs (the scheduling latency of an interrupt-driven claim); prints
 *     "bench:" lines
 *   <config mode="report" bind="1"/>
 *     print the CPU session's quota and location, the kernel's quota of
 *     this thread, and (with 'bind') the physical CPU after binding the
 *     thread to CPU 'bind' of its location, as core reports it and as the
 *     kernel says the thread runs on (CN_SYS_TIME)
 *
 * Every mode ends with "cpu_load: ok" or "cpu_load: FAIL ..." and exits.
 */
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/cpu.h>
#include <cn/util/xml.h>

static unsigned long cfg(const struct cn_xml_node *n, const char *name, unsigned long def)
{
	unsigned long v;
	return cn_xml_attr_ulong(n, name, &v) ? v : def;
}

static uint64_t now(uint32_t *hz)
{
	struct cn_sysret r = cn_syscall(CN_SYS_TIME, 0, 0, 0, 0, 0, 0, 0);
	if (hz)
		*hz = r.r3;
	return r.r1 | (uint64_t)r.r2 << 32;
}

/* execution time of our thread, as the kernel accounts it (counter ticks) */
static uint64_t used(void)
{
	uint32_t lo = 0, hi = 0, hi2 = 1;
	struct cn_env *env = cn_env();
	while (hi != hi2) {
		cn_thread_info(env->main_thread, CN_THREAD_INFO_TIME_HI, &hi);
		cn_thread_info(env->main_thread, CN_THREAD_INFO_TIME_LO, &lo);
		cn_thread_info(env->main_thread, CN_THREAD_INFO_TIME_HI, &hi2);
	}
	return lo | (uint64_t)hi << 32;
}

static void spin_until(uint64_t t)
{
	while (now(NULL) < t)
		;
}

static void spin(const struct cn_xml_node *c)
{
	uint32_t hz;
	uint64_t t = now(&hz);
	unsigned long periods = cfg(c, "periods", 0);
	if (!periods)
		for (;;)
			spin_until(~0ull);
	/* whole super periods (they start at counter multiples of 1 s), from
	 * the next one that leaves the others 200 ms to start */
	uint64_t p = hz, start = (t / p + 1) * p;
	if (start - t < p / 5)
		start += p;
	start += cfg(c, "wait", 0) * p;
	uint64_t end = start + periods * p;
	spin_until(start);
	uint64_t u0 = used();
	spin_until(end);
	uint64_t u1 = used();
	unsigned pm = (unsigned)((u1 - u0) * 1000 / (end - start));   /* per mille */
	uint32_t q = 0;
	cn_thread_info(cn_env()->main_thread, CN_THREAD_INFO_QUOTA, &q);
	cn_log("cpu_load: used %u.%u %% of %u super periods on CPU %u (quota %u us)", pm / 10,
	       pm % 10, (unsigned)periods, (unsigned)cn_sys_current_cpu(), (unsigned)q);
	unsigned long expect = cfg(c, "expect", 0), tol = cfg(c, "tolerance", 5);
	unsigned long at_least = cfg(c, "at_least", 0);
	if (expect && (pm + tol * 10 < expect * 10 || pm > expect * 10 + tol * 10))
		cn_log("cpu_load: FAIL: expected %u +- %u %%", (unsigned)expect, (unsigned)tol);
	else if (at_least && pm < at_least * 10)
		cn_log("cpu_load: FAIL: expected at least %u %%", (unsigned)at_least);
	else
		cn_log("cpu_load: ok");
	cn_exit(0);
}

/* ------------------------------------------------------------ claim */

static struct {
	struct cn_signal_handler h;
	uint32_t ctx, hz, rounds, done, interval_us, max_us;
	uint64_t deadline, sum, max;
} cl;

static void arm(void)
{
	cl.deadline = now(NULL) + (uint64_t)cl.interval_us * cl.hz / 1000000u;
	cn_sys_timeout(cl.ctx, cl.interval_us);
}

static uint32_t ticks_to_ns(uint64_t t) { return (uint32_t)(t * 1000000000u / cl.hz); }

static void on_timeout(void *arg, uint32_t count)
{
	(void)arg; (void)count;
	uint64_t t = now(NULL), late = t > cl.deadline ? t - cl.deadline : 0;
	cl.sum += late;
	if (late > cl.max)
		cl.max = late;
	if (++cl.done < cl.rounds) {
		arm();
		return;
	}
	uint32_t avg = ticks_to_ns(cl.sum / cl.rounds), max = ticks_to_ns(cl.max);
	cn_log("cpu_load: %u timeouts, latency avg %u ns max %u ns", (unsigned)cl.rounds,
	       (unsigned)avg, (unsigned)max);
	/* under -icount shift=0 a nanosecond of virtual time is an instruction */
	cn_log("bench: sched-claim-latency-avg %u instructions", (unsigned)avg);
	cn_log("bench: sched-claim-latency-max %u instructions", (unsigned)max);
	if (max > cl.max_us * 1000u)
		cn_log("cpu_load: FAIL: latency above %u us", (unsigned)cl.max_us);
	else
		cn_log("cpu_load: ok");
	cn_exit(0);
}

static void claim(const struct cn_xml_node *c)
{
	cl.rounds = (uint32_t)cfg(c, "rounds", 40);
	cl.interval_us = (uint32_t)cfg(c, "interval_us", 15000);
	cl.max_us = (uint32_t)cfg(c, "max_latency_us", 500);
	now(&cl.hz);
	int err = cn_signal_handler(&cl.h, on_timeout, NULL, &cl.ctx);
	if (err) {
		cn_log("cpu_load: FAIL: signal handler: %s", cn_strerror(err));
		cn_exit(1);
	}
	arm();    /* the entrypoint waits for it after construct */
}

/* ------------------------------------------------------------ report */

static void report(const struct cn_xml_node *c)
{
	struct cn_env *env = cn_env();
	uint32_t q = 0, tq = 0, sw = 0, sh = 0, x = 0, y = 0, w = 0, h = 0, cpu = 0;
	int err = cn_cpu_info(env->cpu, CN_CPU_INFO_QUOTA, &q);
	if (!err) err = cn_cpu_info(env->cpu, CN_CPU_INFO_SPACE_W, &sw);
	if (!err) err = cn_cpu_info(env->cpu, CN_CPU_INFO_SPACE_H, &sh);
	if (!err) err = cn_cpu_info(env->cpu, CN_CPU_INFO_LOC_X, &x);
	if (!err) err = cn_cpu_info(env->cpu, CN_CPU_INFO_LOC_Y, &y);
	if (!err) err = cn_cpu_info(env->cpu, CN_CPU_INFO_LOC_W, &w);
	if (!err) err = cn_cpu_info(env->cpu, CN_CPU_INFO_LOC_H, &h);
	if (!err) err = cn_thread_info(env->main_thread, CN_THREAD_INFO_QUOTA, &tq);
	if (err) {
		cn_log("cpu_load: FAIL: info: %s", cn_strerror(err));
		cn_exit(1);
	}
	cn_log("cpu_load: session quota %u ppm, thread quota %u us", (unsigned)q, (unsigned)tq);
	cn_log("cpu_load: physical space %ux%u, location %u,%u,%ux%u", (unsigned)sw, (unsigned)sh,
	       (unsigned)x, (unsigned)y, (unsigned)w, (unsigned)h);
	unsigned long bind;
	if (cn_xml_attr_ulong(c, "bind", &bind)) {
		err = cn_thread_affinity(env->main_thread, (uint32_t)bind, 0, &cpu);
		if (err)
			cn_log("cpu_load: bind to %u: %s", (unsigned)bind, cn_strerror(err));
		else {
			/* where core and the kernel placed us, and where we run */
			cn_thread_info(env->main_thread, CN_THREAD_INFO_CPU, &cpu);
			cn_log("cpu_load: bound to %u: physical CPU %u, running on CPU %u",
			       (unsigned)bind, (unsigned)cpu, (unsigned)cn_sys_current_cpu());
		}
	}
	cn_log("cpu_load: ok");
	cn_exit(0);
}

void cn_component_construct(struct cn_env *env)
{
	(void)env;
	const void *data;
	uint32_t size, rom;
	static char arena[4096];
	struct cn_xml_doc doc;
	struct cn_xml_error xerr;
	if (cn_rom_attach("config", &data, &size, &rom) ||
	    cn_xml_parse(&doc, data, size, arena, sizeof(arena), &xerr)) {
		cn_log("cpu_load: FAIL: no usable config");
		cn_exit(1);
	}
	const struct cn_xml_node *c = cn_xml_root(&doc);
	if (cn_xml_attr_eq(c, "mode", "spin"))
		spin(c);
	else if (cn_xml_attr_eq(c, "mode", "claim"))
		claim(c);
	else if (cn_xml_attr_eq(c, "mode", "report"))
		report(c);
	else {
		cn_log("cpu_load: FAIL: unknown mode");
		cn_exit(1);
	}
}
