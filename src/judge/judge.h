/* judge.h - the judgement: subjects in, verdict out.
 * judge_call() runs every rule a subject can reach and collects the
 * matches; deny beats ask.  A PCRE2 limit or the evaluation time budget
 * makes the verdict a deny naming the rule (fail closed), never a miss.
 * A verdict's strings live in the arena passed in. */
#ifndef CV_JUDGE_H
#define CV_JUDGE_H

#include <stddef.h>

#include "rules/ruleset.h"
#include "shell/subject.h"
#include "util/bounds.h"
#include "util/diag.h"

struct arena;
struct toolcall;

struct verdict_hit {
	const struct rule *rule;
	const struct subject *subject;	/* what it matched */
	enum decision decision;		/* after configuration */
};

struct verdict {
	enum decision decision;
	struct verdict_hit hits[VERDICT_MAX_HITS];
	size_t nhits;			/* deny hits first */
	const char *reason;		/* one line for Claude Code; set for
					 * every ASK/DENY, including errors */
	int error;			/* <0 when the verdict is fail-closed */
};

int judge_call(struct verdict *out, struct arena *a, struct ruleset *set,
	       const struct toolcall *call, struct diag *d);

/* Fail-closed verdict for an error that happened before judging. */
void judge_fail_closed(struct verdict *out, struct arena *a, int error,
		       const char *what);

/* Does one rule match one call?  For the self-test and `ccveto check`.
 * Returns 1 for a match, 0 for none, <0 for an error (limit hit). */
int judge_rule_matches(struct ruleset *set, const struct rule *r,
		       const struct toolcall *call, struct diag *d);

/* Compiles every regex of a rule now: the self-test's proof that a rule
 * is usable before any call reaches it. */
int judge_rule_compile(const struct rule *r, struct diag *d);

#endif
