/* SPDX-License-Identifier: MIT */
/*
 * Interrupts: the kernel timer and the inter-processor interrupt are handled
 * here, every other interrupt line can be bound to one signal context by an
 * IRQ object. An interrupt is masked
 * when it arrives and stays masked until its owner acknowledges it, so a
 * level-triggered device cannot flood the system.
 */
#include "syscall.h"

#define MAX_IRQS 1024

static struct irq *irq_table[MAX_IRQS];

int irq_create(struct irq *irq, uint32_t number, struct sig_ctx *ctx)
{
	if (number >= MAX_IRQS || !board_irq_valid(number) || number == board_timer_irq())
		return CN_ERR_INVALID;
	if (irq_table[number])
		return CN_ERR_BUSY;
	irq->obj.type = CN_OBJ_IRQ;
	irq->obj.caps = NULL;
	irq->number = number;
	irq->ctx = ctx;
	irq->masked = false;
	cn_list_insert_tail(&ctx->irqs, &irq->ctx_elem);
	irq_table[number] = irq;
	board_irq_unmask(number);
	return CN_OK;
}

void irq_destroy(struct irq *irq)
{
	kobj_revoke(&irq->obj);
	board_irq_mask(irq->number);
	irq_table[irq->number] = NULL;
	cn_list_remove(&irq->ctx_elem);
	irq->ctx = NULL;
	irq->obj.type = CN_OBJ_NONE;
}

void irq_ctx_gone(struct sig_ctx *c)
{
	while (!cn_list_empty(&c->irqs)) {
		struct irq *irq = cn_container_of(cn_list_first(&c->irqs), struct irq, ctx_elem);
		cn_list_remove(&irq->ctx_elem);
		irq->ctx = NULL;
		board_irq_mask(irq->number);
	}
}

int irq_ack(struct irq *irq)
{
	if (!irq->ctx)
		return CN_ERR_DEAD;
	if (irq->masked) {
		irq->masked = false;
		board_irq_unmask(irq->number);
	}
	return CN_OK;
}

int sys_irq_ack(struct thread *cur)
{
	int err;
	struct irq *irq = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_IRQ, NULL, &err);
	return irq ? irq_ack(irq) : err;
}

/* the numbers asked for on every interrupt, read once from the board */
static uint32_t timer_irq, ipi_irq;

void irq_init(void)
{
	timer_irq = board_timer_irq();
	ipi_irq = board_ipi_irq();
}

/* handle the highest pending interrupt; another one that is pending as well
 * interrupts again as soon as interrupts are unmasked (on the way to user
 * mode, or at once out of an idle CPU's WFI), so there is no second look */
void irq_handle(void)
{
	uint32_t n = board_irq_pending();
	if (n == ipi_irq) {
		/* another CPU made a thread of ours ready, paused or moved
		 * one: kernel_irq() reschedules anyway */
		board_irq_eoi(n);
		this_cpu()->need_resched = true;
		return;
	}
	if (n == timer_irq) {
		board_irq_eoi(n);
		timeout_check();
		return;
	}
	if (n == BOARD_IRQ_NONE)
		return;
	struct irq *irq = n < MAX_IRQS ? irq_table[n] : NULL;
	board_irq_mask(n);
	board_irq_eoi(n);
	if (!irq || !irq->ctx)
		return;
	irq->masked = true;
	sig_submit(irq->ctx, 1);
}

/* entry.S: an interrupt, the lock taken */
_Noreturn void kernel_irq(void)
{
	irq_handle();
	schedule_and_return();
}
