# SPDX-License-Identifier: MIT
# example_counter: the tutorial's server (doc/c-api.md)
TARGET := example_counter
