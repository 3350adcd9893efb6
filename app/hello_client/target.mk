# SPDX-License-Identifier: MIT
TARGET := hello_client
EXTRA_CFLAGS := -Iserver/hello_server
