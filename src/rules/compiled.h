/* compiled.h - a rule's insides: built by rule.c, stored by ruleset.c,
 * matched by judge/judge.c.  Nothing else includes it: everyone else
 * sees a rule through rule.h.  A rule's conditions are built on its first
 * evaluation (rule_build) and freed with its set (rule_release_conds). */
#ifndef CV_COMPILED_H
#define CV_COMPILED_H

#include <stdbool.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "json/jval.h"
#include "rules/rule.h"

/* A regex condition, compiled the first time it is evaluated. */
struct rx {
	const char *pattern;		/* NULL: no such condition */
	pcre2_code *code;
};

struct flagspec {
	char shorts[32];		/* "rR" for "-r|-R|--recursive" */
	const char *longs[8];		/* "recursive" */
	size_t nlongs;
};

struct cond {
	const struct jv *program, *subcommand, *input_from, *via, *keywords,
		*input_true;
	struct flagspec *flags;
	size_t nflags;
	bool git_push_protected, git_ref_protected, git_reset_moves;
	bool holds_secret;		/* a string holds a known key format */
	/* "effect": any effect with one of these ops on one of these
	 * classes (bits of 1 << enum effect_op, enum effect_class). */
	unsigned effect_ops, effect_classes;
	/* "db": the subject's statements do one of these (1 << dbq_op) */
	unsigned db_ops;
	struct rx args, path, line, redirect, code, content, url, host,
		mcp_server, mcp_tool, strings;
	/* On the canonical argv (shell/argv.h): some option as
	 * "--name[=value]", and the canonical line. */
	struct rx option, canon;
	/* The MCP tool name as words ("drop table"). */
	struct rx mcp_action;
};

struct rule {
	const char *id, *pack, *origin;
	/* Prefilter facts as packed lists ("a\0b\0\0", rules_embed.h). */
	const char *tools, *programs, *keywords, *subcommands;
	unsigned effect_ops, effect_classes;	/* effect prefilter, 0: none */
	unsigned db_ops;			/* db prefilter, 0: none */
	const char *examples_text;	/* embedded: hit/miss, self-test only */
	size_t examples_len;
	struct jv *examples;		/* parsed examples_text */
	bool in_block;			/* embedded: in the block or the set's
					 * arena, not freed on its own */
	const unsigned char *regexes;	/* embedded: precompiled regexes */
	size_t regexes_len;
	const char *json_text;		/* embedded: parsed on first use */
	size_t json_len;
	struct jv *json;		/* the rule object */
	struct arena *trees;		/* the set's: where json_text and
					 * examples_text are parsed */
	bool enabled;
	bool replaced;			/* a later pack redefined this id */
	bool decision_set;		/* configuration changed the decision */
	enum decision decision;
	enum severity severity;
	const char *title, *why, *instead;
	/* Conditions, built by judge.c on first evaluation. */
	int built;			/* 0 not yet, 1 built, <0 failed */
	struct cond *match;		/* allocated when first built */
	struct cond *unless;
	size_t nunless;
	/* Storage for lists of user-pack rules (embedded: static). */
	char *owned_lists;
};

/* Each item of a packed list. */
#define packed_for_each(item, list) \
	for ((item) = (list); *(item); (item) += strlen(item) + 1)

/* Parses the rule's JSON if needed and reads its scalar fields. */
int rule_load(struct rule *r, struct diag *d);
/* Builds the rule's conditions (and decodes its precompiled regexes) the
 * first time; a rule that fails once stays unusable. */
int rule_build(struct rule *r, struct diag *d);
/* rule_build(), then every regex compiled: the self-test's check. */
int rule_compile(struct rule *r, struct diag *d);
/* Frees what rule_build() made. */
void rule_release_conds(struct rule *r);

/* The regex slots of a condition, k < RULEPACK_NREGEX, in
 * rulepack_regex_keys order. */
struct rx *rule_rx(struct cond *c, size_t k);
/* Compiles a regex that did not arrive precompiled (user packs, or a
 * PCRE2 that could not decode the embedded codes). */
int rule_rx_compile(struct rx *x, const char *id, struct diag *d);

#endif
