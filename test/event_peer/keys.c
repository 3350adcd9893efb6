/* SPDX-License-Identifier: MIT */
/*
 * Names of Linux input key codes (linux/input-event-codes.h) for the
 * event peer's output: letters, digits, modifiers, the keys the tests
 * inject, and mouse buttons. Others print as their number.
 */
#include "keys.h"

static const struct { uint16_t code; const char *name; } names[] = {
	{ 1, "KEY_ESC" }, { 2, "KEY_1" }, { 3, "KEY_2" }, { 4, "KEY_3" }, { 5, "KEY_4" },
	{ 6, "KEY_5" }, { 7, "KEY_6" }, { 8, "KEY_7" }, { 9, "KEY_8" }, { 10, "KEY_9" },
	{ 11, "KEY_0" }, { 14, "KEY_BACKSPACE" }, { 15, "KEY_TAB" },
	{ 16, "KEY_Q" }, { 17, "KEY_W" }, { 18, "KEY_E" }, { 19, "KEY_R" }, { 20, "KEY_T" },
	{ 21, "KEY_Y" }, { 22, "KEY_U" }, { 23, "KEY_I" }, { 24, "KEY_O" }, { 25, "KEY_P" },
	{ 28, "KEY_ENTER" }, { 29, "KEY_LEFTCTRL" },
	{ 30, "KEY_A" }, { 31, "KEY_S" }, { 32, "KEY_D" }, { 33, "KEY_F" }, { 34, "KEY_G" },
	{ 35, "KEY_H" }, { 36, "KEY_J" }, { 37, "KEY_K" }, { 38, "KEY_L" },
	{ 42, "KEY_LEFTSHIFT" }, { 44, "KEY_Z" }, { 45, "KEY_X" }, { 46, "KEY_C" },
	{ 47, "KEY_V" }, { 48, "KEY_B" }, { 49, "KEY_N" }, { 50, "KEY_M" },
	{ 54, "KEY_RIGHTSHIFT" }, { 56, "KEY_LEFTALT" }, { 57, "KEY_SPACE" },
	{ 58, "KEY_CAPSLOCK" }, { 59, "KEY_F1" }, { 60, "KEY_F2" }, { 97, "KEY_RIGHTCTRL" },
	{ 100, "KEY_RIGHTALT" }, { 102, "KEY_HOME" }, { 103, "KEY_UP" }, { 105, "KEY_LEFT" },
	{ 106, "KEY_RIGHT" }, { 108, "KEY_DOWN" }, { 111, "KEY_DELETE" }, { 125, "KEY_LEFTMETA" },
	{ 0x110, "BTN_LEFT" }, { 0x111, "BTN_RIGHT" }, { 0x112, "BTN_MIDDLE" },
	{ 0x113, "BTN_SIDE" }, { 0x114, "BTN_EXTRA" }, { 0x14a, "BTN_TOUCH" },
};

const char *key_name(uint32_t code)
{
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].code == code)
			return names[i].name;
	return 0;
}
