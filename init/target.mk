# SPDX-License-Identifier: MIT
TARGET := init
