# SPDX-License-Identifier: MIT
# depth_three: a component three folders below app/ (run/depth.run)
TARGET := depth_three
