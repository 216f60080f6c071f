/* ruleset.h - loaded rule packs, queried by the hook and the auditor.
 * A set from ruleset_new() is freed with ruleset_free(); rules and strings
 * reached through it are borrowed until then.  Regexes are compiled lazily,
 * the first time a call could reach their rule (program / tool / keyword
 * prefilter), so start-up cost does not grow with the number of rules. */
#ifndef CV_RULESET_H
#define CV_RULESET_H

#include <stdbool.h>
#include <stddef.h>

#include "rules/rule.h"
#include "util/diag.h"

struct ruleset;
struct subject;

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
/* An exception from the user's config (or a trusted project's): rule
 * `rule` does not fire for a shell command whose whole normalised line
 * matches the regex `command`, or for a file-tool call whose every path
 * matches the fnmatch glob `path` (exactly one of the two).  `origin`
 * names the config file in messages; strings are copied. */
int ruleset_add_exception(struct ruleset *set, const char *rule,
			  const char *command, const char *path,
			  const char *origin, struct diag *d);
/* Does an exception exempt subject s from rule `rule_id`?  The judge
 * asks this for every rule that fires, before counting it.  A regex that
 * hits a PCRE2 limit, or any error, is "no exception". */
bool ruleset_exception_applies(struct ruleset *set, const char *rule_id,
			       const struct subject *s);

size_t ruleset_count(const struct ruleset *set);
const struct rule *ruleset_at(const struct ruleset *set, size_t i);
const struct rule *ruleset_find(const struct ruleset *set, const char *id);

/* For the judge (judge/judge.c), which reads the compiled form
 * (rules/compiled.h). */
/* Candidate rules for a program name (NULL-terminated array, borrowed). */
struct rule *const *ruleset_by_program(struct ruleset *set,
				       const char *program, size_t *n);
/* Every rule, for a program name that is computed at run time. */
struct rule *const *ruleset_all(struct ruleset *set, size_t *n);
/* Rules without a `program` condition that apply to this tool (borrowed
 * until the next call). */
struct rule *const *ruleset_programless(struct ruleset *set,
					const char *tool, size_t *n);
bool rule_applies_to_tool(const struct rule *r, const char *tool);

#endif
