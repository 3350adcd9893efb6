TARGET := cpu_load
