/* SPDX-License-Identifier: MIT */
/*
 * Synchronous IPC: call and reply-and-wait, no timeouts. A call goes to a
 * thread (the server's entrypoint) through a capability whose badge tells the
 * server which object was invoked. Words 0-3 travel in registers r2-r5, the
 * rest is copied from UTCB to UTCB; up to four capabilities are translated
 * into the receiver's cap space. fastpath.c handles the common short case.
 */
#include "syscall.h"
#include <cn/util/string.h>

/* copy the message that 'src' sends (its registers and UTCB) to 'dst' */
static void transfer(struct thread *src, struct thread *dst, uint32_t badge)
{
	uint32_t info = msg_info(src);
	uint32_t words = CN_MSG_INFO_WORDS(info);
	uint32_t ncaps = CN_MSG_INFO_CAPS(info);
	if (words > CN_MSG_WORDS_MAX)
		words = CN_MSG_WORDS_MAX;
	if (ncaps > CN_MSG_CAPS_MAX)
		ncaps = CN_MSG_CAPS_MAX;
	if (words > MSG_REG_WORDS)
		cn_memcpy(&dst->utcb->msg[MSG_REG_WORDS], &src->utcb->msg[MSG_REG_WORDS],
		          (words - MSG_REG_WORDS) * 4);
	uint32_t out = CN_MSG_INFO(words, ncaps);
	for (uint32_t i = 0; i < ncaps; i++) {
		uint32_t b;
		struct kobj *o = cap_lookup(src->pd, src->utcb->caps[i], CN_OBJ_NONE, &b);
		int name = 0;
		if (o) {
			name = cap_insert(dst->pd, o, b);
			if (name < 0) {
				name = 0;
				out |= CN_MSG_INFO_CAP_LOST;
			}
		}
		dst->utcb->caps[i] = (uint32_t)name;
	}
	msg_deliver(dst, src, out, badge);
}

int sys_call(struct thread *cur)
{
	uint32_t badge;
	int err;
	struct thread *dst = cap_arg(cur, sys_arg(cur, 0), CN_OBJ_THREAD, &badge, &err);
	if (!dst)
		return err;
	if (dst == cur)
		return REFUSE(cur, CN_ERR_INVALID, "object", "a call to oneself");
	cur->callee = dst;
	if (dst->state == TS_RECV) {
		transfer(cur, dst, badge);
		dst->caller = cur;
		thread_block(cur, TS_REPLY);
		thread_wake(dst);
	} else {
		cur->send_badge = badge;
		thread_block(cur, TS_SEND);
		cn_list_insert_tail(&dst->senders, &cur->rq);
	}
	return SYS_DONE;
}

int sys_reply_wait(struct thread *cur)
{
	uint32_t flags = sys_arg(cur, 0);
	if (flags & CN_RW_REPLY) {
		struct thread *c = cur->caller;
		if (c) {
			transfer(cur, c, 0);
			c->callee = NULL;
			cur->caller = NULL;
			thread_wake(c);
		}
		/* no caller (it was destroyed meanwhile): the reply is dropped */
	} else if (cur->caller) {
		/* waiting again without replying: the caller is released with an
		 * error instead of waiting forever */
		struct thread *c = cur->caller;
		c->callee = NULL;
		thread_set_return(c, CN_ERR_NOREPLY);
		thread_wake(c);
	}
	cur->caller = NULL;
	if (flags & CN_RW_NOWAIT) {
		msg_deliver_empty(cur);
		return SYS_DONE;
	}
	if (sig_deliver_bound(cur))
		return SYS_DONE;
	if (!cn_list_empty(&cur->senders)) {
		struct thread *s = cn_container_of(cn_list_first(&cur->senders), struct thread, rq);
		cn_list_remove(&s->rq);
		transfer(s, cur, s->send_badge);
		s->state = TS_REPLY;
		cur->caller = s;
		return SYS_DONE;
	}
	thread_block(cur, TS_RECV);
	return SYS_DONE;
}

/* t is being destroyed: release everyone who waits on it, forget its waits */
void ipc_thread_gone(struct thread *t)
{
	if (t->state == TS_SEND)
		cn_list_remove(&t->rq);
	if ((t->state == TS_SEND || t->state == TS_REPLY) && t->callee &&
	    t->callee->caller == t)
		t->callee->caller = NULL;
	t->callee = NULL;
	if (t->caller) {
		struct thread *c = t->caller;
		t->caller = NULL;
		c->callee = NULL;
		thread_set_return(c, CN_ERR_DEAD);
		thread_wake(c);
	}
	while (!cn_list_empty(&t->senders)) {
		struct thread *s = cn_container_of(cn_list_first(&t->senders), struct thread, rq);
		cn_list_remove(&s->rq);
		s->callee = NULL;
		thread_set_return(s, CN_ERR_DEAD);
		s->state = TS_INACTIVE;
		thread_wake(s);
	}
	if (t->state == TS_SEND || t->state == TS_REPLY || t->state == TS_RECV)
		t->state = TS_INACTIVE;
}
