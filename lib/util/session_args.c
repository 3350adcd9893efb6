/* SPDX-License-Identifier: MIT */
/*
 * Default and growing quota arguments of session requests (see
 * <cn/util/session_args.h>): pure string logic shared by cn_connect() and
 * the host tests.
 */
#include <cn/util/session_args.h>
#include <cn/util/args.h>
#include <cn/util/string.h>
#include <cn/session/quota.h>

static int is(const char *a, const char *b) { return cn_strcmp(a, b) == 0; }

void cn_session_quota_default(const char *service, unsigned long cap_quota,
                              unsigned long *ram, unsigned long *caps)
{
	unsigned long r = CN_OTHER_SESSION_RAM, c = CN_OTHER_SESSION_CAPS;
	if (!service)
		service = "";
	if (is(service, "PD")) {
		c = cap_quota ? cap_quota : CN_PD_SESSION_CAPS;
		r = CN_PD_SESSION_RAM(c);
	} else if (is(service, "CPU")) {
		r = CN_CPU_SESSION_RAM;
		c = CN_CPU_SESSION_CAPS;
	} else if (is(service, "RM")) {
		r = CN_RM_SESSION_RAM;
		c = CN_RM_SESSION_CAPS;
	} else if (is(service, "ROM") || is(service, "IO_MEM")) {
		r = CN_ROM_SESSION_RAM;
		c = CN_ROM_SESSION_CAPS;
	} else if (is(service, "IRQ")) {
		r = CN_IRQ_SESSION_RAM;
		c = CN_IRQ_SESSION_CAPS;
	} else if (is(service, "LOG")) {
		r = CN_LOG_SESSION_RAM;
		c = CN_LOG_SESSION_CAPS;
	}
	if (ram)
		*ram = r;
	if (caps)
		*caps = c;
}

/* the value of key as a number: 0 (found), ENOENT or EINVAL */
static int number(const char *buf, const char *key, unsigned long *v)
{
	int err = cn_args_ulong(buf, key, v);
	if (err == CN_ERR_RANGE)
		return CN_ERR_INVALID;
	return err;
}

int cn_session_args_defaults(char *buf, size_t size, const char *service)
{
	if (cn_args_check(buf))
		return CN_ERR_INVALID;
	unsigned long caps = 0, ram = 0, def_ram, def_caps;
	int have_caps = number(buf, "cap_quota", &caps);
	int have_ram = number(buf, "ram_quota", &ram);
	if (have_caps == CN_ERR_INVALID || have_ram == CN_ERR_INVALID)
		return CN_ERR_INVALID;
	cn_session_quota_default(service, have_caps == 0 ? caps : 0, &def_ram, &def_caps);
	int err = 0, added_ram = 0;
	if (have_ram == CN_ERR_NOT_FOUND) {
		err = cn_args_set_ulong(buf, size, "ram_quota", def_ram);
		added_ram = !err;
	}
	if (!err && have_caps == CN_ERR_NOT_FOUND)
		err = cn_args_set_ulong(buf, size, "cap_quota", def_caps);
	if (err && added_ram)           /* both or nothing */
		cn_args_remove(buf, "ram_quota");
	return err;
}

int cn_session_args_double(char *buf, size_t size, const char *key, unsigned long max,
                           unsigned long *value)
{
	unsigned long v = 0;
	int err = number(buf, key, &v);
	if (err == CN_ERR_NOT_FOUND)
		v = 1;
	else if (err)
		return err;
	if (v == 0)
		v = 1;
	if (v > max / 2)
		return CN_ERR_RANGE;
	v *= 2;
	err = cn_args_set_ulong(buf, size, key, v);
	if (!err && value)
		*value = v;
	return err;
}
