/* rules_embed.h - the default rule packs, compiled in by tools/embed.c.
 * Each rule is kept as its own JSON text plus the facts the prefilter
 * needs (tools, programs, keywords), so the hook parses and compiles only
 * the rules a call can reach.  Lists and arrays end with NULL entries. */
#ifndef CV_RULES_EMBED_H
#define CV_RULES_EMBED_H

#include <stddef.h>

struct embedded_rule {
	const char *id;
	const char *pack;
	const char *const *tools;
	const char *const *programs;
	const char *const *keywords;
	const char *json;
	size_t json_len;
};

struct embedded_pack {
	const char *name;
	const char *file;
	const char *description;
};

extern const struct embedded_rule embedded_rules[];
extern const size_t embedded_rule_count;
extern const struct embedded_pack embedded_packs[];

#endif
