/* rules_embed.h - the default rule packs, compiled in by tools/embed.c.
 * Each rule is kept as its own JSON text plus the facts the prefilter
 * needs (tools, programs, keywords), so the hook parses and compiles only
 * the rules a call can reach.  A list is packed into one string, each item
 * NUL-terminated and an empty item at the end ("Bash\0Read\0\0").
 * The hook is position-independent: every pointer in a table is written
 * at start-up (about ten instructions each, and a copied page per 512),
 * so the rule and program tables hold none.  Their strings are offsets
 * into one block of text, embedded_text, and a rule costs nothing at
 * start-up, however many there are.  Arrays end with a zero entry. */
#ifndef CV_RULES_EMBED_H
#define CV_RULES_EMBED_H

#include <stddef.h>

/* Offsets into embedded_text. */
struct embedded_rule {
	unsigned id;
	unsigned pack;
	unsigned tools;			/* packed lists, see above */
	unsigned programs;
	unsigned keywords;
	unsigned subcommands;
	unsigned effect_ops, effect_classes;	/* rule_desc's */
	unsigned db_ops;
	unsigned json;			/* the rule without its examples */
	unsigned json_len;
	unsigned examples;		/* {"hit":[…],"miss":[…]}, for the
					 * self-test only */
	unsigned examples_len;
	unsigned regexes;		/* pcre2_serialize_encode() of the
					 * rule's regexes (8-aligned) */
	unsigned regexes_len;		/* 0: the rule has none */
};

/* The program prefilter, sorted by program name at build time. */
struct embedded_prog {
	unsigned program;		/* offset into embedded_text */
	unsigned rule;			/* index into embedded_rules */
};

/* The text the offsets above point into. */
extern const char embedded_text[];
#define EMBEDDED_TEXT(off)	(embedded_text + (off))

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
