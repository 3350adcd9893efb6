# SPDX-License-Identifier: MIT
# Kernel benchmarks (run/bench_kernel.run): instruction counts under icount.
TARGET := kbench
LIBS := kt
