# SPDX-License-Identifier: MIT
TARGET := cpu_load
