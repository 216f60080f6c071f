/* audit.h - the auditor's driver: which files, which checks, what found.
 *
 * An audit reads files only through a `struct source` (source.h), so the
 * same code audits a work tree, the git index or a commit:
 *
 *	struct audit_result res;
 *	struct audit_opts opts = AUDIT_OPTS_INIT;
 *	struct source *src = NULL;	(worktree, index or commit source)
 *	struct diag d = { 0 };
 *
 *	audit_result_init(&res);
 *	error = audit_run(&res, src, "", &opts, &d);	("" = the root)
 *	audit_finish(&res, &opts, &d);	(cross-file checks, sort, suppress)
 *	report_text(stdout, &res, ...) / report_json / report_sarif
 *	exit = audit_exit_code(&res, opts.fail_on);
 *	audit_result_release(&res);
 *
 * `--staged`, `--rev` and `--all-refs` therefore need nothing but a
 * different source: call audit_run() once per source (per ref), then
 * audit_finish() once.  Files that cannot be audited are recorded in
 * res.files with an error (exit 2) and the audit goes on.
 *
 * Ownership: everything reached through an audit_result (files, findings,
 * strings) lives in its arena and is freed by audit_result_release(). */
#ifndef CV_AUDIT_H
#define CV_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "audit/result.h"
#include "util/diag.h"

struct source;

void audit_result_init(struct audit_result *r);
void audit_result_release(struct audit_result *r);

/* Audits `path` inside `src`: a directory is searched for known config
 * names, a file is audited as what its name and content say (or what
 * opts->type/scope say).  Returns <0 only for fatal errors (out of memory,
 * too many files); per-file problems are recorded in r->files. */
int audit_run(struct audit_result *r, struct source *src, const char *path,
	      const struct audit_opts *opts, struct diag *d);

/* Context for a file named on its own: reads `path` of src (a project's
 * .mcp.json, for the cross-file checks of the settings file beside it)
 * without auditing it: no findings, not listed, not counted.  A missing,
 * unreadable or broken file is no context (0); <0 only when fatal. */
int audit_add_context(struct audit_result *r, struct source *src,
		      const char *path, struct diag *d);

/* Cross-file checks, sorting, fingerprints, suppressions (ignore file,
 * baseline).  Call once after every audit_run(). */
int audit_finish(struct audit_result *r, struct source *root_src,
		 const struct audit_opts *opts, struct diag *d);

/* 0: nothing at or above fail_on; 1: something is; 2: a file or a
 * directory could not be audited, or usage error (takes precedence). */
int audit_exit_code(const struct audit_result *r, enum severity fail_on);

const char *audit_kind_name(enum audit_kind k);
const char *audit_scope_name(enum audit_scope s);
int audit_scope_parse(enum audit_scope *out, const char *name);
int audit_kind_parse(enum audit_kind *out, const char *name);

/* Effective view (`--effective`): security-relevant settings merged in
 * Claude Code's precedence order (struct effective_view: result.h). */
int audit_effective(struct effective_view *out, struct audit_result *r,
		    struct diag *d);

#endif
