TARGET := hello
