# SPDX-License-Identifier: MIT
TARGET := hello_pair
EXTRA_CFLAGS := -Iserver/hello_server
