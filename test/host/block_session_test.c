/* SPDX-License-Identifier: MIT */
/*
 * Host test of the Block session header: the RAM quota a client donates
 * (CN_BLOCK_SESSION_RAM) covers the stream's dataspace as a DMA buffer in a
 * dma_only Platform session (its cost, the buffer's meta data) and the
 * session state for every geometry the server accepts; the server's
 * request check (sizes, blocks past the end, overflow, read-only, ops).
 */
#include <stdint.h>
#include <cn/session/block.h>
#include "check.h"

static void quota_covers_layout(void)
{
	for (uint32_t q = CN_PS_QUEUE_MIN; q <= CN_PS_QUEUE_MAX; q *= 2)
		for (uint32_t buf = 512; buf <= CN_PS_BUF_MAX; buf = buf * 3 + 1) {
			struct cn_ps_geometry g;
			CN_CHECK_EQ(cn_ps_layout(q, buf, &g), 0);
			CN_CHECK(CN_BLOCK_SESSION_RAM(buf, q) >=
			         CN_PLATFORM_DMA_SESSION_RAM + CN_PLATFORM_DMA_RAM(g.total) +
			         CN_BLOCK_SESSION_STATE);
		}
}

static struct cn_packet req(uint32_t op, uint64_t first, uint32_t count, uint32_t size)
{
	struct cn_packet p = { 0, size, 1, op, first, count, 0 };
	return p;
}

static void request_checks(void)
{
	struct cn_packet p;
	const uint64_t n = 131072;                     /* 64 MiB of 512-byte blocks */
	p = req(CN_BLOCK_OP_READ, 0, 8, 4096);         CN_CHECK_EQ(cn_block_check(&p, 512, n, 1), 0);
	p = req(CN_BLOCK_OP_READ, n - 8, 8, 4096);     CN_CHECK_EQ(cn_block_check(&p, 512, n, 1), 0);
	p = req(CN_BLOCK_OP_READ, n - 7, 8, 4096);     CN_CHECK_EQ(cn_block_check(&p, 512, n, 1), CN_ERR_INVALID);
	p = req(CN_BLOCK_OP_READ, n, 1, 512);          CN_CHECK_EQ(cn_block_check(&p, 512, n, 1), CN_ERR_INVALID);
	p = req(CN_BLOCK_OP_READ, ~0ull, 2, 1024);     CN_CHECK_EQ(cn_block_check(&p, 512, n, 1), CN_ERR_INVALID);
	p = req(CN_BLOCK_OP_READ, 0, 8, 4095);         CN_CHECK_EQ(cn_block_check(&p, 512, n, 1), CN_ERR_INVALID);
	p = req(CN_BLOCK_OP_READ, 0, 0, 0);            CN_CHECK_EQ(cn_block_check(&p, 512, n, 1), CN_ERR_INVALID);
	/* count * block_size overflows 32 bits but not the 64-bit product */
	p = req(CN_BLOCK_OP_READ, 0, 0x800000u, 0);    CN_CHECK_EQ(cn_block_check(&p, 512, ~0ull, 1), CN_ERR_INVALID);
	p = req(CN_BLOCK_OP_WRITE, 0, 1, 512);         CN_CHECK_EQ(cn_block_check(&p, 512, n, 1), 0);
	p = req(CN_BLOCK_OP_WRITE, 0, 1, 512);         CN_CHECK_EQ(cn_block_check(&p, 512, n, 0), CN_ERR_DENIED);
	p = req(CN_BLOCK_OP_READ, 0, 1, 512);          CN_CHECK_EQ(cn_block_check(&p, 512, n, 0), 0);
	p = req(CN_BLOCK_OP_SYNC, 0, 0, 0);            CN_CHECK_EQ(cn_block_check(&p, 512, n, 0), 0);
	p = req(7, 0, 1, 512);                         CN_CHECK_EQ(cn_block_check(&p, 512, n, 1), CN_ERR_INVALID);
	p = req(0, 0, 1, 512);                         CN_CHECK_EQ(cn_block_check(&p, 512, n, 1), CN_ERR_INVALID);
}

int main(void)
{
	cn_test_program = "block_session";
	CN_RUN(quota_covers_layout);
	CN_RUN(request_checks);
	return CN_TEST_RESULT();
}
