# SPDX-License-Identifier: MIT
TARGET := log_client
