TARGET := block_test
