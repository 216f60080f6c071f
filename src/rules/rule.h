/* rule.h - one rule as the rest of ccveto sees it: its id, texts,
 * decision and severity, read-only.  Rules belong to their rule set
 * (ruleset.h) and are borrowed from it; their insides (conditions,
 * compiled regexes) are in compiled.h, for ruleset.c and the judge only. */
#ifndef CV_RULE_H
#define CV_RULE_H

#include <stdbool.h>

#include "rules/severity.h"

enum decision {
	DECISION_NONE = 0,	/* no opinion: Claude Code decides */
	DECISION_ASK = 1,
	DECISION_DENY = 2,
};

struct rule;

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

#endif
