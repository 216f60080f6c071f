/* rulepack.h - validating a rule pack and describing its rules.
 * Shared by the run-time loader (ruleset.c) and the build-time generator
 * (tools/embed.c), so an embedded pack passed exactly the checks a user
 * pack passes.  Descriptions point into the tree given (jval.h); they
 * are valid while it lives. */
#ifndef CV_RULEPACK_H
#define CV_RULEPACK_H

#include <stddef.h>

#include "json/jval.h"
#include "util/bounds.h"
#include "util/diag.h"

struct rule_desc {
	const char *id;
	const char *pack;
	const char *tools[RULEPACK_MAX_LIST + 1];	/* NULL-terminated */
	const char *programs[RULEPACK_MAX_LIST + 1];
	const char *keywords[RULEPACK_MAX_LIST + 1];
	const char *subcommands[RULEPACK_MAX_LIST + 1];
	const struct jv *json;				/* the rule object */
	/* match.effect as bits (1 << index in rulepack_effect_ops /
	 * _classes), 0 without one: the prefilter of effect rules. */
	unsigned effect_ops, effect_classes;
	/* match.db as bits (1 << enum dbq_op, shell/dbq.h), 0 without one:
	 * the prefilter of database rules. */
	unsigned db_ops;
};

/* Checks the pack's shape and every rule in it; calls fn for each rule.
 * Messages name the origin and the rule. */
typedef int (*rulepack_fn)(void *arg, const struct rule_desc *desc,
			   struct diag *d);
int rulepack_walk(const struct jv *pack, const char *origin, rulepack_fn fn,
		  void *arg, struct diag *d);

/* Condition keys a `match`/`unless` object may use. */
extern const char *const rulepack_condition_keys[];

/* The regex conditions, in the order their compiled forms are stored:
 * for `match`, then each `unless` object, the keys present, in this order.
 * The generator precompiles them in this order and judge.c decodes them
 * in the same one. */
#define RULEPACK_NREGEX 14
extern const char *const rulepack_regex_keys[RULEPACK_NREGEX];

/* The vocabulary of the `effect` condition ({"op": [...], "class":
 * [...]}), in the order of enum effect_op and of the enum effect_class
 * bits (judge/effect.h), NULL-terminated. */
extern const char *const rulepack_effect_ops[];
extern const char *const rulepack_effect_classes[];

/* The bits of a "db" condition object ({"op": [...]}). */
unsigned rulepack_db_ops(const struct jv *db);

/* Compile options shared by the generator and the matcher. */
#define RULEPACK_PCRE2_OPTIONS (PCRE2_UTF | PCRE2_MATCH_INVALID_UTF)

#endif
