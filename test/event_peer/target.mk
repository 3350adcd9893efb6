# SPDX-License-Identifier: MIT
# event_peer: serves Event and prints every event (run/input.run)
TARGET := event_peer
