# SPDX-License-Identifier: MIT
TARGET := peer_test
EXTRA_CFLAGS := -Iserver/hello_server
