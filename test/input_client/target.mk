# SPDX-License-Identifier: MIT
# input_client: an application of the Input session (run/input.run)
TARGET    := input_client
EXTRA_SRC := test/event_peer/keys.c
