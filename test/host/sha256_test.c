/* SPDX-License-Identifier: MIT */
/*
 * Host tests of SHA-256 (lib/util/sha256.c): the FIPS 180-4 example
 * vectors, one million 'a' fed in uneven pieces, and agreement between
 * one-shot and byte-by-byte updates across the padding boundaries
 * (lengths 0..200).
 */
#include <string.h>
#include <stdint.h>
#include <cn/util/sha256.h>
#include "check.h"

static void hex_of(const void *d, size_t n, char out[65])
{
	struct cn_sha256 s;
	uint8_t dg[32];
	cn_sha256_init(&s);
	cn_sha256_update(&s, d, n);
	cn_sha256_final(&s, dg);
	cn_sha256_hex(dg, out);
}

static void vectors(void)
{
	char h[65];
	hex_of("", 0, h);
	CN_CHECK_STR(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hex_of("abc", 3, h);
	CN_CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	hex_of(m, strlen(m), h);
	CN_CHECK_STR(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void million_a(void)
{
	static uint8_t a[1000];
	memset(a, 'a', sizeof(a));
	struct cn_sha256 s;
	uint8_t dg[32];
	char h[65];
	cn_sha256_init(&s);
	size_t left = 1000000, step = 1;
	while (left) {
		size_t n = step < left ? step : left;
		cn_sha256_update(&s, a, n);
		left -= n;
		step = step % 987 + 13;      /* 13..999 bytes */
	}
	cn_sha256_final(&s, dg);
	cn_sha256_hex(dg, h);
	CN_CHECK_STR(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void pieces_agree(void)
{
	uint8_t d[200];
	for (int i = 0; i < 200; i++)
		d[i] = (uint8_t)(i * 37 + 1);
	for (size_t n = 0; n <= 200; n++) {
		char one[65], bytes[65];
		hex_of(d, n, one);
		struct cn_sha256 s;
		uint8_t dg[32];
		cn_sha256_init(&s);
		for (size_t i = 0; i < n; i++)
			cn_sha256_update(&s, d + i, 1);
		cn_sha256_final(&s, dg);
		cn_sha256_hex(dg, bytes);
		CN_CHECK_STR(one, bytes);
	}
}

int main(void)
{
	cn_test_program = "sha256";
	CN_RUN(vectors);
	CN_RUN(million_a);
	CN_RUN(pieces_agree);
	return CN_TEST_RESULT();
}
