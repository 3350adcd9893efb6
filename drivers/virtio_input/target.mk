# SPDX-License-Identifier: MIT
# virtio_input: virtio-input keyboard/mouse/tablet driver, an Event client (doc/driver-virtio-input.md)
TARGET    := virtio_input
SRC       := main.c device.c translate.c
EXTRA_SRC := drivers/virtio/virtqueue.c drivers/virtio/virtio_mmio.c drivers/virtio/virtio_platform.c
