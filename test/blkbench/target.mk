# SPDX-License-Identifier: MIT
# blkbench: sequential Block-session reads counted with the PMU (run/bench_block.run)
TARGET := blkbench
