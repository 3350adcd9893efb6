TARGET := log_client
