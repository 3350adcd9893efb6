# SPDX-License-Identifier: MIT
# kt: the toolkit of the test roottasks (ktest, kfuzz, kbench, smpbench)
LIB := kt
