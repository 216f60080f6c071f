/* rules_embed.h - the default rule packs, compiled in by tools/embed.c.
 * The array ends with an entry whose name is NULL. */
#ifndef CV_RULES_EMBED_H
#define CV_RULES_EMBED_H

#include <stddef.h>

struct embedded_pack {
	const char *name;	/* file name, e.g. "filesystem.json" */
	const char *json;
	size_t len;
};

extern const struct embedded_pack embedded_packs[];

#endif
