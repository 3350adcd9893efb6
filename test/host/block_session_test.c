/*
 * Host test of the Block session header: the RAM quota a client donates
 * (CN_BLOCK_SESSION_RAM) covers the stream's dataspace, its meta data and
 * the session state for every geometry the server accepts.
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
			         g.total + CN_DS_RAM_META + CN_BLOCK_SESSION_STATE);
		}
}

int main(void)
{
	cn_test_program = "block_session";
	CN_RUN(quota_covers_layout);
	return CN_TEST_RESULT();
}
