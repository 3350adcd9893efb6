/* SPDX-License-Identifier: MIT */
/*
 * Multi-processor support: the per-CPU data (kernel stack and struct cpu),
 * the kernel lock every kernel entry takes, inter-processor interrupts that
 * make a CPU look at its run queue, start-up of the secondary CPUs, and the
 * hand-shake that gets a thread off the CPU it runs on.
 */
#include "kernel.h"
#include "arch/arm/cpu.h"

/* crt0.S starts each CPU on cn_percpu[id].stack (its top is &cpu) */
struct percpu {
	uint8_t    stack[8192];
	struct cpu cpu;           /* the stack grows down from here */
};
_Static_assert(offsetof(struct percpu, cpu) == 8192, "crt0.S expects the stack size");
struct percpu cn_percpu[CN_NR_CPUS] __attribute__((aligned(8)));

uint32_t nr_cpus = 1;
static struct regs boot_regs[CN_NR_CPUS];  /* 'current' until a thread runs */

/* crt0.S: the secondary CPU being started takes its stack from here */
struct cpu *volatile smp_boot_cpu;
extern char secondary_entry[];   /* crt0.S, at its physical address */
extern uint32_t smp_pen[];       /* crt0.S: parked CPUs wait for their number */

struct cpu *cpu_get(uint32_t id) { return &cn_percpu[id].cpu; }

/* ------------------------------------------------------------ kernel lock */
/* One lock for the whole kernel (DESIGN.md): a test-and-set spin lock that
 * waits with WFE (under QEMU -icount a spinning CPU would burn the time of
 * the one holding it); the release wakes the waiters with SEV. (A ticket
 * lock would be fair, but under QEMU with more vCPUs than host cores a
 * preempted waiter holds up everyone behind it.) The value of a taken
 * lock is the holder's struct cpu. */
volatile uint32_t kernel_lock;      /* entry.S releases it on the way out */
/* klock(): kernel.h, inline (entry.S has its own copy, KLOCK) */

void kunlock(void)
{
	dmb();
	kernel_lock = 0;
	dsb();
	__asm__ volatile("sev" ::: "memory");
}

/* ------------------------------------------------------------ IPIs */
void cpu_kick(struct cpu *c)
{
	if (c == this_cpu())
		c->need_resched = true;
	else
		board_ipi_send(c->id);
}

/* t runs on another CPU and must stop (it is paused or being destroyed):
 * mark it paused and interrupt that CPU, whose scheduler then takes it off.
 * The caller restarts its system call, which finds t off the CPU. */
void thread_kick_off(struct thread *t)
{
	t->paused = true;
	cpu_kick(t->on_cpu);
}

/* ------------------------------------------------------------ start-up */
static void cpu_init(struct cpu *cpu, uint32_t id)
{
	cpu->id = id;
	cn_list_init(&cpu->timeouts);
}

/* CPU 0, before anything runs: start every other CPU the board has, one
 * after the other; each comes up in secondary_main() and goes idle. */
void smp_start(void)
{
	for (uint32_t id = 1; id < CN_NR_CPUS; id++) {
		struct cpu *c = cpu_get(id);
		cpu_init(c, id);
		c->current = &boot_regs[id];
		smp_boot_cpu = c;
		dsb();
		/* a CPU parked in crt0.S (QEMU starts every CPU of some boards
		 * at the kernel's entry) reads the pen with its cache off */
		volatile uint32_t *pen = phys_to_virt((uint32_t)(uintptr_t)smp_pen);
		*pen = id;
		write_dccmvac((uint32_t)(uintptr_t)pen);
		dsb();
		__asm__ volatile("sev" ::: "memory");
		/* a CPU still in the boot loader or the firmware is started the
		 * board's way */
		if (!board_cpu_start(id, (uint32_t)(uintptr_t)secondary_entry))
			break;
		uint64_t end = board_counter() + us_to_ticks(5000000);
		while (!c->online && board_counter() < end)
			__asm__ volatile("wfe" ::: "memory");
		if (!c->online) {
			kprintf("kernel: CPU %u did not come up\n", (unsigned)id);
			break;
		}
		nr_cpus = id + 1;
	}
	smp_boot_cpu = NULL;
}

void cpu0_init(void);
void cpu0_init(void)
{
	struct cpu *cpu = cpu_get(0);
	cpu_init(cpu, 0);
	cpu->online = true;
	cpu->current = &boot_regs[0];
	write_tpidrprw((uint32_t)(uintptr_t)cpu);
}

/* crt0.S: a secondary CPU with the MMU on, on its own stack */
_Noreturn void secondary_main(struct cpu *cpu);
_Noreturn void secondary_main(struct cpu *cpu)
{
	write_tpidrprw((uint32_t)(uintptr_t)cpu);
	mmu_init_cpu();
	board_init_cpu();
	pmu_init_cpu();
	cpu->online = true;
	dsb();
	__asm__ volatile("sev" ::: "memory");
	klock();
	schedule_and_return();      /* idle until there is work */
}
