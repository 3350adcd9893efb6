# SPDX-License-Identifier: MIT
# example_client: the tutorial's client (doc/c-api.md)
TARGET := example_client
EXTRA_CFLAGS := -Iserver/example_counter
