/* SPDX-License-Identifier: MIT */
/* Names of Linux input key codes (keys.c) */
#ifndef EVENT_PEER_KEYS_H
#define EVENT_PEER_KEYS_H
#include <stdint.h>
/* "KEY_A", "BTN_LEFT", ...; NULL for a code without a name here */
const char *key_name(uint32_t code);
#endif
