# Multi-processor kernel benchmarks (run/bench_smp.run): instruction counts
# under icount; the hand-written loops are kbench's.
TARGET := smpbench
EXTRA_SRC := test/lib/kt.c test/lib/kt_entry.S test/kbench/bench.S
