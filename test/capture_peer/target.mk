# SPDX-License-Identifier: MIT
# capture_peer: serves Framebuffer to an application and Capture to a display driver (run/framebuffer.run)
TARGET := capture_peer
