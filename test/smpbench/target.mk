# SPDX-License-Identifier: MIT
# Multi-processor kernel benchmarks (run/bench_smp.run): instruction counts
# under icount; the hand-written loops are kbench's.
TARGET := smpbench
LIBS := kt
EXTRA_SRC := test/kbench/bench.S
