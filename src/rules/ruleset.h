/* ruleset.h - loaded rule packs, queried by the hook and the auditor.
 * A set from ruleset_new() is freed with ruleset_free(); rules and strings
 * reached through it are borrowed until then.  Regexes are compiled lazily,
 * the first time a call could reach their rule (program / tool / keyword
 * prefilter), so start-up cost does not grow with the number of rules. */
#ifndef CV_RULESET_H
#define CV_RULESET_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

enum decision {
	DECISION_NONE = 0,	/* no opinion: Claude Code decides */
	DECISION_ASK = 1,
	DECISION_DENY = 2,
};

enum severity {
	SEVERITY_LOW,
	SEVERITY_MEDIUM,
	SEVERITY_HIGH,
	SEVERITY_CRITICAL,
};

struct rule;
struct ruleset;

int ruleset_new(struct ruleset **out, struct diag *d);
void ruleset_free(struct ruleset *set);

/* Adds the packs compiled into the binary. */
int ruleset_load_embedded(struct ruleset *set, struct diag *d);
/* Adds one pack from JSON text; `origin` names it in messages. */
int ruleset_load_pack(struct ruleset *set, const char *json, size_t len,
		      const char *origin, struct diag *d);
/* Adds every *.json pack in a directory (sorted by name). */
int ruleset_load_dir(struct ruleset *set, const char *dir, struct diag *d);

/* Configuration: what a user (or, only to tighten, a project) changes. */
int ruleset_disable(struct ruleset *set, const char *id, struct diag *d);
int ruleset_set_decision(struct ruleset *set, const char *id,
			 enum decision dec, struct diag *d);
/* Protected branch patterns for git_push_protected (fnmatch globs);
 * replaces the default main, master and release/ globs. Strings are copied. */
int ruleset_set_protected_branches(struct ruleset *set,
				   const char *const *globs, size_t n,
				   struct diag *d);
bool ruleset_branch_is_protected(const struct ruleset *set,
				 const char *branch);

size_t ruleset_count(const struct ruleset *set);
const struct rule *ruleset_at(const struct ruleset *set, size_t i);
const struct rule *ruleset_find(const struct ruleset *set, const char *id);

/* Read-only view of a rule, for listings, docs and the self-test. */
const char *rule_id(const struct rule *r);
const char *rule_pack(const struct rule *r);
const char *rule_title(const struct rule *r);
const char *rule_why(const struct rule *r);
const char *rule_instead(const struct rule *r);
const char *rule_origin(const struct rule *r);
enum decision rule_decision(const struct rule *r);
enum severity rule_severity(const struct rule *r);
bool rule_enabled(const struct rule *r);
/* The rule's JSON object (tools, match, unless ...). */
const void *rule_json(const struct rule *r);
/* An object holding the rule's "hit" and "miss" examples. */
const void *rule_examples(const struct rule *r);

const char *decision_name(enum decision d);
const char *severity_name(enum severity s);
int severity_parse(enum severity *out, const char *name);

#endif
