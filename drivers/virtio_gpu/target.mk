# SPDX-License-Identifier: MIT
# virtio_gpu: display driver for virtio-gpu 2D, a client of Capture (doc/driver-virtio-gpu.md)
TARGET    := virtio_gpu
SRC       := main.c gpu.c
EXTRA_SRC := drivers/virtio/virtqueue.c drivers/virtio/virtio_mmio.c drivers/virtio/virtio_platform.c
