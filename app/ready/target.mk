TARGET := ready
