# The kernel test suite: a roottask that runs every case in fresh PDs.
TARGET := ktest
EXTRA_SRC := test/lib/kt.c test/lib/kt_entry.S
