# SPDX-License-Identifier: MIT
# event_hostile: an Event client that breaks the ring, then a good one (run/input.run)
TARGET := event_hostile
