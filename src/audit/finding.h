/* finding.h - audit findings and the check catalog (CC001-CC099, CC1xx).
 * Check ids are stable: reports, suppressions and SARIF rule ids use them,
 * so an id is never reused for a different meaning.  The catalog is a
 * static table (finding.c); findings live in the audit result's arena. */
#ifndef CV_FINDING_H
#define CV_FINDING_H

#include <stdbool.h>
#include <stddef.h>

#include "rules/severity.h"

struct check_info {
	const char *id;		/* "CC005" */
	const char *name;	/* "UnrestrictedShellAllowed" (SARIF) */
	const char *title;	/* one line */
	enum severity severity;	/* for a repository file */
	const char *why;
	const char *fix;
};

struct finding {
	const struct check_info *check;
	enum severity severity;
	const char *file;	/* display path, '/'-separated */
	const char *scope;	/* "project", "local", "user", ... */
	unsigned line, column;	/* 1-based; 0 when file-level */
	const char *pointer;	/* JSON pointer, "" for the whole file */
	const char *message;	/* secrets already redacted */
	const char *fix;
	char fingerprint[17];	/* hex of check + file + pointer */
	const char *suppressed;	/* reason when suppressed, else NULL */
};

struct finding_list {
	struct finding *v;
	size_t n, cap;
};

const struct check_info *check_find(const char *id);
/* The whole catalog, in id order; *n receives its length. */
const struct check_info *check_catalog(size_t *n);

/* Sets f->fingerprint from check id, file and pointer: stable when lines
 * move, so baselines and SARIF partialFingerprints survive edits. */
void finding_fingerprint(struct finding *f);
/* Orders by file, line, column, check id. */
int finding_cmp(const void *a, const void *b);

#endif
