TARGET := config_client
