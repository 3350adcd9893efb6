# SPDX-License-Identifier: MIT
# fb_pattern: a Framebuffer client that draws a known picture (run/framebuffer.run)
TARGET := fb_pattern
