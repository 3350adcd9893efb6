TARGET := peer_test
EXTRA_CFLAGS := -Iserver/hello_server
