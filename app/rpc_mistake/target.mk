TARGET := rpc_mistake
EXTRA_CFLAGS := -Iserver/hello_server
