# SPDX-License-Identifier: MIT
# virtio_net: a virtio-net driver, client of an Uplink session (doc/driver-virtio-net.md)
TARGET    := virtio_net
SRC       := main.c net.c device.c
EXTRA_SRC := drivers/virtio/virtqueue.c drivers/virtio/virtio_mmio.c drivers/virtio/virtio_platform.c
