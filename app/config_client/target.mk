# SPDX-License-Identifier: MIT
TARGET := config_client
