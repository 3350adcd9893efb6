TARGET := hello_server
