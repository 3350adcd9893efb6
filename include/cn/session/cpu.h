/* SPDX-License-Identifier: MIT */
/*
 * CPU session (core): threads, CPU quota and affinity (doc/scheduling.md).
 * A thread runs in a PD (given by its PD session capability) at a priority
 * scaled into the session's band of kernel priorities (which matter for
 * claims only: threads without CPU quota are fills). The user band is
 * 0..14 (15 is core's); session
 * arguments 'prio_levels=L' (default 1) cut it into L equal bands and
 * 'priority=k' (default 0) picks the k-th from the top (init passes its
 * <start priority="-k"> and prio_levels this way). Thread priority p (0
 * lowest .. 15 highest) runs at  lo + p * band_size / 16. Bands are relative
 * to the whole user band; a nested init does not narrow them further yet.
 *
 *   create_thread(pd, name, prio) -> thread capability (below); the thread
 *                                    has a UTCB and is not started yet
 *   kill_thread(thread)           -> gone, quota back
 *   exception_sigh(ctx)           -> default signal for faults and stops of
 *                                    this session's threads
 *   transfer_quota(to, ppm)       -> move ppm millionths of all the CPU
 *                                    quota this session was given to the
 *                                    CPU session 'to' (returns the amount
 *                                    moved, in ppm of one CPU;
 *                                    CN_ERR_EXHAUSTED if that much is not
 *                                    left); 'to' gives it back when closed
 *   info(what)                    -> CN_CPU_INFO_QUOTA: the session's CPU
 *                                    quota in ppm of one CPU (= micro-
 *                                    seconds per super period of 1 s,
 *                                    each thread's part spent on the CPU
 *                                    it is placed on);
 *                                    _SPACE_W/_H: the physical affinity
 *                                    space (CPUs); _LOC_X/_Y/_W/_H: the
 *                                    session's CPUs in it
 *
 * Session arguments: 'affinity_space="WxH"' and 'affinity="X,Y,WxH"' (a
 * location in that space; default: the whole space) choose the session's
 * CPUs, scaled onto the physical space. A thread's CPU quota is the
 * session's quota split by the threads' weights (10 each unless set).
 *
 * Thread capability:
 *   start(ip, sp, arg)   first instruction, stack pointer, r0
 *   pause() / resume()
 *   reg(idx) / set_reg(idx, v)   r0..r12, sp, lr, pc, cpsr (0..16) of a
 *                                paused, stopped or faulted thread
 *   info(what)           CN_THREAD_INFO_STATE (CN_THREAD_* of the kernel),
 *                        _FAULT_TYPE (CN_FAULT_*), _FAULT_ADDR, _FAULT_PC,
 *                        _UTCB (its virtual address)
 *   exception_sigh(ctx)  signal for this thread's faults and stop
 *   affinity(x, y)       run on CPU (x, y) of the session's location
 *                        (counted from its corner); returns the physical
 *                        CPU number
 *   weight(w)            the thread's weight (1..1000) in the split of the
 *                        session's quota
 *   info(what) also gives _CPU (physical CPU the kernel placed it on), _QUOTA (microseconds per
 *                        super period), _TIME_LO/_HI (execution time so far
 *                        in counter ticks) and _TIME_HZ (counter frequency)
 */
#ifndef CN_SESSION_CPU_H
#define CN_SESSION_CPU_H

#include <cn/rpc.h>
#include <cn/session/connect.h>

#define CN_THREAD_INFO_STATE      0u
#define CN_THREAD_INFO_FAULT_TYPE 1u
#define CN_THREAD_INFO_FAULT_ADDR 2u
#define CN_THREAD_INFO_FAULT_PC   3u
#define CN_THREAD_INFO_UTCB       4u
#define CN_THREAD_INFO_CPU        5u
#define CN_THREAD_INFO_QUOTA      6u
#define CN_THREAD_INFO_TIME_LO    7u
#define CN_THREAD_INFO_TIME_HI    8u
#define CN_THREAD_INFO_TIME_HZ    9u

#define CN_CPU_INFO_QUOTA   0u
#define CN_CPU_INFO_SPACE_W 1u
#define CN_CPU_INFO_SPACE_H 2u
#define CN_CPU_INFO_LOC_X   3u
#define CN_CPU_INFO_LOC_Y   4u
#define CN_CPU_INFO_LOC_W   5u
#define CN_CPU_INFO_LOC_H   6u

#define CN_CPU_QUOTA_MAX      1000000u   /* ppm: all of a CPU (init's quota) */
#define CN_THREAD_WEIGHT      10u        /* default weight of a thread */
#define CN_THREAD_WEIGHT_MAX  1000u

#define CN_CPU_RPC(F0, F1, F2, F3, F4, F5) \
	F3(cn_cpu, create_thread,  cn_cap_t, cn_cap_t, pd, const char *, name, uint32_t, prio) \
	F1(cn_cpu, kill_thread,    void,     cn_cap_t, thread) \
	F1(cn_cpu, exception_sigh, void,     cn_cap_t, ctx) \
	F2(cn_cpu, transfer_quota, uint32_t, cn_cap_t, to, uint32_t, ppm) \
	F1(cn_cpu, info,           uint32_t, uint32_t, what)
CN_RPC_INTERFACE(cn_cpu, CN_CPU_RPC)

#define CN_THREAD_RPC(F0, F1, F2, F3, F4, F5) \
	F3(cn_thread, start,   void,     uint32_t, ip, uint32_t, sp, uint32_t, arg) \
	F0(cn_thread, pause,   void) \
	F0(cn_thread, resume,  void) \
	F1(cn_thread, reg,     uint32_t, uint32_t, idx) \
	F2(cn_thread, set_reg, void,     uint32_t, idx, uint32_t, value) \
	F1(cn_thread, info,    uint32_t, uint32_t, what) \
	F1(cn_thread, exception_sigh, void,     cn_cap_t, ctx) \
	F2(cn_thread, affinity, uint32_t, uint32_t, x, uint32_t, y) \
	F1(cn_thread, weight,  void,     uint32_t, w)
CN_RPC_INTERFACE(cn_thread, CN_THREAD_RPC)

#define CN_CPU_SERVICE "CPU"

/* args: more session arguments ("priority=1, prio_levels=2", affinity, or "") */
static inline int cn_cpu_connect(struct cn_env *env, const char *label, const char *args,
                                 uint32_t *session)
{
	return cn_session_connect(env, CN_CPU_SERVICE, label, CN_CPU_SESSION_RAM,
	                          CN_CPU_SESSION_CAPS, args, session);
}

#endif
