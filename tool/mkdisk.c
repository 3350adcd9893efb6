/* SPDX-License-Identifier: MIT */
/*
 * mkdisk: writes a disk image of seeded pseudo-random bytes for run
 * scripts (tool/run: disk_image, check_disk_image). The same size and seed
 * give the same bytes on every machine: xorshift64* from the seed.
 *
 *   mkdisk FILE BYTES SEED
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: mkdisk FILE BYTES SEED\n");
		return 2;
	}
	unsigned long long size = strtoull(argv[2], NULL, 0);
	uint64_t x = strtoull(argv[3], NULL, 0) * 0x9e3779b97f4a7c15ull + 1;
	FILE *f = fopen(argv[1], "wb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	static uint8_t buf[1 << 16];
	for (unsigned long long done = 0; done < size;) {
		size_t n = 0;
		for (; n < sizeof(buf); n += 8) {
			x ^= x >> 12;
			x ^= x << 25;
			x ^= x >> 27;
			uint64_t v = x * 0x2545f4914f6cdd1dull;
			for (int i = 0; i < 8; i++)
				buf[n + i] = (uint8_t)(v >> (8 * i));
		}
		if (n > size - done)
			n = (size_t)(size - done);
		if (fwrite(buf, 1, n, f) != n) {
			perror(argv[1]);
			return 1;
		}
		done += n;
	}
	return fclose(f) ? 1 : 0;
}
