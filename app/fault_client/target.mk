TARGET := fault_client
