/* suppress.h - findings a project has decided to accept.
 * Two mechanisms, both committed to the repository so CI agrees with the
 * developer: an ignore file (.ccveto-ignore.json at the root of the
 * audited tree, or --ignore-file) whose entries name a check, a path
 * (fnmatch glob), optionally a JSON pointer (the entry covers that node
 * and everything below it) and a mandatory reason; and a baseline file
 * (--baseline, written by --write-baseline) listing finding fingerprints,
 * so a tool adopted on an existing repository fails only on new findings.
 *
 *   {"ignore": [{"check": "CC030", "path": ".claude/settings.json",
 *                "pointer": "/hooks/PostToolUse", "reason": "lint only"}]}
 *
 * Suppressed findings stay in the result, marked, and are reported as
 * such; they never count for the exit code. */
#ifndef CV_SUPPRESS_H
#define CV_SUPPRESS_H

#include "util/diag.h"

struct audit_result;
struct audit_opts;
struct source;

#define SUPPRESS_FILE ".ccveto-ignore.json"

int suppress_apply(struct audit_result *r, struct source *root_src,
		   const struct audit_opts *opts, struct diag *d);

#endif
