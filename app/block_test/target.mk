# SPDX-License-Identifier: MIT
TARGET := block_test
