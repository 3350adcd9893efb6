# SPDX-License-Identifier: MIT
TARGET := dynamic_rom
