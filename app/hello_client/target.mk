TARGET := hello_client
EXTRA_CFLAGS := -Iserver/hello_server
