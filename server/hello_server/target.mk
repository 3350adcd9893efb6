# SPDX-License-Identifier: MIT
TARGET := hello_server
