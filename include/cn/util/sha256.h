/* SPDX-License-Identifier: MIT */
/*
 * SHA-256 (FIPS 180-4), incremental: init, update with any number of
 * bytes, final. For checking data end to end (e.g. a block device's
 * content against the host's sha256sum).
 */
#ifndef CN_UTIL_SHA256_H
#define CN_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct cn_sha256 {
	uint32_t h[8];
	uint64_t bytes;
	uint8_t  block[64];
	uint32_t used;
};

void cn_sha256_init(struct cn_sha256 *s);
void cn_sha256_update(struct cn_sha256 *s, const void *data, size_t len);
void cn_sha256_final(struct cn_sha256 *s, uint8_t digest[32]);
/* the digest as 64 lower-case hex digits and a NUL */
void cn_sha256_hex(const uint8_t digest[32], char out[65]);

#endif
