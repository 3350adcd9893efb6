# SPDX-License-Identifier: MIT
TARGET := rpc_mistake
EXTRA_CFLAGS := -Iserver/hello_server
