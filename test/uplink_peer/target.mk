# SPDX-License-Identifier: MIT
# uplink_peer: serves Uplink and speaks ARP and DHCP to QEMU's user network (run/nic.run)
TARGET := uplink_peer
