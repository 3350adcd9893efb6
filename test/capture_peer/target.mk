# capture_peer: serves Capture with a known picture (run/framebuffer.run)
TARGET := capture_peer
