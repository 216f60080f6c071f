/* rules_embed.h - the default rule packs, compiled in by tools/embed.c.
 * Each rule is kept as its own JSON text plus the facts the prefilter
 * needs (tools, programs, keywords), so the hook parses and compiles only
 * the rules a call can reach.  A list is packed into one string, each item
 * NUL-terminated and an empty item at the end ("Bash\0Read\0\0"): the
 * hook is position-independent, and every pointer in these tables is
 * written at start-up (one copied page per 512 pointers), so lists hold
 * none.  Arrays end with NULL entries. */
#ifndef CV_RULES_EMBED_H
#define CV_RULES_EMBED_H

#include <stddef.h>

struct embedded_rule {
	const char *id;
	const char *pack;
	const char *tools;		/* packed lists, see above */
	const char *programs;
	const char *keywords;
	const char *subcommands;
	unsigned effect_ops, effect_classes;	/* rule_desc's */
	const char *json;		/* the rule without its examples */
	size_t json_len;
	const char *examples;		/* {"hit":[…],"miss":[…]}, for the
					 * self-test only */
	size_t examples_len;
	const unsigned char *regexes;	/* pcre2_serialize_encode() of the
					 * rule's regexes, or NULL */
	size_t regexes_len;
};

/* The program prefilter, sorted by program name at build time. */
struct embedded_prog {
	const char *program;
	unsigned rule;			/* index into embedded_rules */
};

struct embedded_pack {
	const char *name;
	const char *file;
	const char *description;
};

extern const struct embedded_rule embedded_rules[];
extern const size_t embedded_rule_count;
extern const struct embedded_prog embedded_prog_index[];
extern const size_t embedded_prog_count;
extern const unsigned embedded_programless[];	/* rules without program */
extern const size_t embedded_programless_count;
extern const struct embedded_pack embedded_packs[];

#endif
