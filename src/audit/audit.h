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

#include "audit/finding.h"
#include "json/jsonloc.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"

struct source;
struct ruleset;

/* Limits of the auditor (see also JL_MAX_* in jsonloc.h).  Real configs
 * are a few KB; a settings file over 4 MB is hostile or not a config. */
#define AUDIT_MAX_FILE_BYTES	(4u * 1024 * 1024)
/* Files audited in one run, directories entered while discovering, and
 * directory depth: a huge or looping tree must not hang the auditor. */
#define AUDIT_MAX_FILES		10000
#define AUDIT_MAX_WALK_ENTRIES	500000
#define AUDIT_MAX_WALK_DEPTH	40

enum audit_kind {
	AK_UNKNOWN,
	AK_SETTINGS,		/* Claude Code settings (any scope) */
	AK_CLAUDE_JSON,		/* ~/.claude.json: user state + projects */
	AK_MCP,			/* {"mcpServers": {...}}: .mcp.json, Cursor,
				 * managed-mcp.json, desktop app */
	AK_VSCODE_MCP,		/* .vscode/mcp.json: {"servers": {...}} */
	AK_DEVCONTAINER,	/* devcontainer.json (JSONC) */
	AK_YARNRC,		/* .yarnrc.yml (CC099) */
};

enum audit_scope {
	SCOPE_MANAGED,
	SCOPE_FLAG,
	SCOPE_LOCAL,
	SCOPE_PROJECT,
	SCOPE_USER,
};

struct audit_file {
	const char *path;	/* display path */
	const char *rel;	/* path inside its source */
	const char *source;	/* source label */
	const char *dir;	/* project directory it belongs to */
	enum audit_kind kind;
	enum audit_scope scope;
	bool explicit;		/* named on the command line */
	bool error;		/* could not be audited (exit 2) */
	const char *problem;	/* why, when error */
	/* Where SARIF places the file, set by the command before it reports
	 * (NULL: not placed): uri relative to the base id uri_base,
	 * "%SRCROOT%" (the repository's work-tree top) or "ROOT" (/). */
	const char *uri, *uri_base;
	size_t nfindings;
	struct jl_doc doc;
	struct buf text;
};

struct audit_opts {
	const char *type;	/* --type: settings, mcp, devcontainer, ... */
	const char *scope;	/* --scope: managed, local, project, user */
	enum severity fail_on;	/* exit 1 at or above this */
	const char *ignore_file;	/* NULL: .ccveto-ignore.json at the
					 * root of the first source, if any */
	const char *baseline;	/* file of fingerprints to suppress */
	const char *home;	/* for ~ in commands; NULL: $HOME */
	bool no_rules;		/* do not judge commands with rule packs */
};

#define AUDIT_OPTS_INIT { NULL, NULL, SEVERITY_HIGH, NULL, NULL, NULL, false }

/* A place the walk could not search (unreadable directory, deeper than
 * AUDIT_MAX_WALK_DEPTH, a path too long to open): configs below it were
 * not audited, so the audit is incomplete (exit 2). */
struct audit_skip {
	const char *path;	/* display path of the directory */
	const char *why;
	const char *uri, *uri_base;	/* as in struct audit_file */
};

struct audit_result {
	struct arena arena;
	struct audit_file **files;
	size_t nfiles, filecap;
	struct audit_skip *skipped;
	size_t nskipped, skipcap;
	struct audit_file **ctx;	/* context only (audit_add_context) */
	size_t nctx, ctxcap;
	struct finding_list findings;
	size_t nsuppressed;
	bool usage_error;		/* set by the command */
	struct ruleset *rules;		/* loaded on first use */
	bool rules_failed;
	const char *rules_problem;
};

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
 * Claude Code's precedence order. */
struct effective_entry {
	const char *key;	/* "permissions.defaultMode" */
	const char *value;	/* JSON text, secrets redacted */
	const char *file;	/* where it was set ("" = default) */
	unsigned line;
};

struct effective_view {
	struct effective_entry *v;
	size_t n, cap;
};

int audit_effective(struct effective_view *out, struct audit_result *r,
		    struct diag *d);

#endif
