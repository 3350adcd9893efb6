/* SPDX-License-Identifier: MIT */
/*
 * Sessions of core's services: created from an argument string with the
 * quota the requester donates (moved from the payer's account into the
 * session's own account, which pays core's meta data and everything the
 * session creates), upgraded with more, and closed, which returns the
 * session's whole quota to the payer.
 */
#include <cn/util/args.h>
#include <cn/util/string.h>
#include "core.h"

static const struct service *const services[] = {
	&svc_pd, &svc_cpu, &svc_rm, &svc_rom, &svc_irq, &svc_io_mem, &svc_log,
};

const char *label_last(const char *label)
{
	const char *last = label;
	for (const char *p = label; *p; p++)
		if (p[0] == ' ' && p[1] == '-' && p[2] == '>' && p[3] == ' ')
			last = p + 4;
	return last;
}

int session_create(const char *service, const char *args, struct account *payer,
                   struct session **out)
{
	const struct service *svc = 0;
	for (unsigned i = 0; i < sizeof(services) / sizeof(services[0]); i++)
		if (!cn_strcmp(services[i]->name, service))
			svc = services[i];
	if (!svc)
		return CN_ERR_NO_SERVICE;
	if (cn_args_check(args))
		return CN_ERR_ARGS;
	uint32_t ram, caps;
	if (cn_quota_parse(args, &ram, &caps))
		return CN_ERR_ARGS;
	if (payer->ram_donated - payer->ram_used < ram)
		return CN_ERR_QUOTA_RAM;
	if (payer->cap_donated - payer->cap_used < caps)
		return CN_ERR_QUOTA_CAP;
	struct session *s = core_alloc(svc->size);
	if (!s)
		return CN_ERR_EXHAUSTED;
	s->svc = svc;
	s->payer = payer;
	s->acc.ram_donated = ram;
	s->acc.cap_donated = caps;
	if (cn_args_str(args, "label", s->label, sizeof(s->label)) < 0)
		s->label[0] = 0;
	int err = cn_quota_charge(&s->acc, CN_SESSION_RAM_META, CN_SESSION_CAP_META);
	if (!err)
		err = svc->create(s, args);
	if (err) {
		core_free(s);
		return err;
	}
	err = obj_register(&s->obj, K_SESSION, svc->dispatch, svc->ops, s);
	if (err) {
		svc->destroy(s);
		core_free(s);
		return err;
	}
	payer->ram_donated -= ram;
	payer->cap_donated -= caps;
	*out = s;
	return CN_OK;
}

void session_destroy(struct session *s)
{
	obj_unregister(&s->obj);
	s->svc->destroy(s);
	s->payer->ram_donated += s->acc.ram_donated;
	s->payer->cap_donated += s->acc.cap_donated;
	core_free(s);
}

int session_upgrade(struct session *s, const char *args)
{
	uint32_t ram, caps;
	if (cn_args_check(args) || cn_quota_parse(args, &ram, &caps))
		return CN_ERR_ARGS;
	int err = acc_transfer(s->payer, &s->acc, ram, caps);
	if (!err && caps && s->svc == &svc_pd)
		err = pd_session_upgraded(s, ram, caps);
	return err;
}
