# SPDX-License-Identifier: MIT
TARGET := fault_client
