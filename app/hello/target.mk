# SPDX-License-Identifier: MIT
TARGET := hello
