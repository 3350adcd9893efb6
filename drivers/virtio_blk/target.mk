# SPDX-License-Identifier: MIT
TARGET    := virtio_blk
SRC       := main.c requests.c
EXTRA_SRC := drivers/virtio/virtqueue.c drivers/virtio/virtio_mmio.c drivers/virtio/virtio_platform.c
