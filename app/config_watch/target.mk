TARGET := config_watch
