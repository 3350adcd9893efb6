# SPDX-License-Identifier: MIT
# corebench: benchmarks of core and the C API; core starts it as "init" (run/bench_core.run)
TARGET := corebench
