# SPDX-License-Identifier: MIT
# psbench: packet-stream benchmark, one program in two roles (run/bench_packet_stream.run)
TARGET := psbench
