# SPDX-License-Identifier: MIT
TARGET := ready
