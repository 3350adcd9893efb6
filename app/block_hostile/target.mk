TARGET := block_hostile
