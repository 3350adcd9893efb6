/* SPDX-License-Identifier: MIT */
/*
 * Core's start: take over the memory the kernel left free, make the boot
 * modules ROM dataspaces, start init from the ROM module "init" with all
 * remaining RAM, and serve every session on one entrypoint.
 */
#include <cn/util/format.h>
#include "core.h"

uint32_t core_sig_recv;
uint32_t core_nr_cpus = 1;

int main(const struct cn_bootinfo *bi);
int main(const struct cn_bootinfo *bi)
{
	if (bi->magic != CN_BOOTINFO_MAGIC) {
		cn_sys_print("core: bad boot info\n", 20);
		return 1;
	}
	cn_sys_thread_prio(CN_ROOT_CAP_THREAD, CN_PRIO_MAX);
	/* the CPUs the kernel runs: the physical affinity space */
	uint32_t n = 0;
	if (!cn_sys_kernel_info(CN_KINFO_NR_CPUS, &n) && n)
		core_nr_cpus = n;
	cn_ep_init(&core_ep);
	mem_init(bi);
	uint32_t mem = kmem_alloc(CN_OBJ_MEM_SIG_RECV);
	if (!mem || cn_sys_create(CN_OBJ_SIG_RECV, mem, 0, 0, 0, &core_sig_recv) ||
	    cn_ep_bind_signals(core_sig_recv)) {
		core_log("core: cannot create its signal receiver");
		return 1;
	}
	rom_init(bi);
	core_log("core: %u MiB RAM, %u KiB free, %u boot modules", (unsigned)(bi->ram_size >> 20),
	         (unsigned)(phys_avail() >> 10), (unsigned)bi->nr_modules);
	int err = start_init();
	if (err) {
		core_log("core: starting init failed: %s", cn_strerror(err));
		return 1;
	}
	err = cn_ep_run(&core_ep);
	core_log("core: entrypoint failed: %s", cn_strerror(err));
	return 1;
}
