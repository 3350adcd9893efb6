TARGET := init
