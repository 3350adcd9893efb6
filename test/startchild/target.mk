# SPDX-License-Identifier: MIT
# startchild: the trivial child of the component-start benchmark (run/bench_core)
TARGET := startchild
