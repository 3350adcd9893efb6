# SPDX-License-Identifier: MIT
# A component exercising the runtime (log, heap, sessions, threads, mutex,
# semaphore, server library); needs core and a parent to run.
TARGET := rt_test
