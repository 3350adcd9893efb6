/* SPDX-License-Identifier: MIT */
/*
 * One attribute of the component's <config> node (cn/config.h): open the
 * config ROM, parse it, read the attribute, close it again.
 */
#include <cn/component.h>
#include <cn/config.h>
#include <cn/util/xml.h>

static int with_root(const char *attr, int (*get)(const struct cn_xml_node *, const char *, void *,
                                                  size_t), void *out, size_t size)
{
	const void *data;
	uint32_t len, rom;
	static uint64_t arena[512];
	if (cn_rom_attach("config", &data, &len, &rom))
		return CN_ERR_NOT_FOUND;
	struct cn_xml_doc doc;
	int err = CN_ERR_NOT_FOUND;
	if (cn_xml_parse(&doc, data, len, arena, sizeof(arena), NULL) == 0 &&
	    cn_xml_has_attr(cn_xml_root(&doc), attr))
		err = get(cn_xml_root(&doc), attr, out, size);
	cn_rom_detach_close(data, rom);
	return err;
}

static int get_ulong(const struct cn_xml_node *n, const char *attr, void *out, size_t size)
{
	(void)size;
	return cn_xml_attr_ulong(n, attr, out) ? 0 : CN_ERR_INVALID;
}

static int get_str(const struct cn_xml_node *n, const char *attr, void *out, size_t size)
{
	cn_xml_attr_str(n, attr, out, size);
	return 0;
}

int cn_config_ulong(const char *attr, unsigned long *v)
{
	return with_root(attr, get_ulong, v, 0);
}

int cn_config_str(const char *attr, char *buf, size_t size)
{
	return with_root(attr, get_str, buf, size);
}
