# SPDX-License-Identifier: MIT
# The kernel syscall fuzzer: a roottask that lets a child PD issue random
# system calls while an echo server in a sibling PD must keep answering.
TARGET := kfuzz
LIBS := kt
