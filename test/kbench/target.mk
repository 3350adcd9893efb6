# Kernel benchmarks (run/bench_kernel.run): instruction counts under icount.
TARGET := kbench
EXTRA_SRC := test/lib/kt.c test/lib/kt_entry.S
