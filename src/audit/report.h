/* report.h - the auditor's output formats: text (grouped by file,
 * colour only on a terminal and never with NO_COLOR), JSON and SARIF
 * 2.1.0 for GitHub code scanning.  Output is deterministic: findings and
 * files sorted, paths as given, no timestamps.  Messages were redacted
 * when findings were made; reports add no values of their own. */
#ifndef CV_REPORT_H
#define CV_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "audit/audit.h"

struct report_opts {
	bool color;
	bool verbose;		/* also list suppressed findings */
	enum severity fail_on;
	int exit_code;
	const char *label;	/* "worktree", "index", ... */
	const char *srcroot;	/* SARIF %SRCROOT%: the work-tree top,
				 * absolute, '/'-terminated; NULL unknown */
};

void report_text(FILE *out, const struct audit_result *r,
		 const struct report_opts *o);
void report_json(FILE *out, const struct audit_result *r,
		 const struct report_opts *o);
void report_sarif(FILE *out, const struct audit_result *r,
		  const struct report_opts *o);
void report_effective(FILE *out, const struct effective_view *v,
		      const struct report_opts *o);
/* {"version":1,"fingerprints":[...]}: every current finding. */
void report_baseline(FILE *out, const struct audit_result *r);

/* Writes s as a quoted JSON string (NULL as ""); shared by the JSON and
 * SARIF reports. */
void report_json_string(FILE *out, const char *s);

#endif
