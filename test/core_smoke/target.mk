# SPDX-License-Identifier: MIT
# core_smoke: started by core as "init"; exercises core's services with the raw RPC stubs
TARGET := core_smoke
