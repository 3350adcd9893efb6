TARGET := dynamic_rom
