/* a file without a license line: tool/spdxcheck must report it */
int spdx_missing;
