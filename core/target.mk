# SPDX-License-Identifier: MIT
# core: the privileged roottask (see doc/architecture.md, "Core")
TARGET := core
