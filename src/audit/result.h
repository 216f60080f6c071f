/* result.h - what an audit produces: the files it read, where it could
 * not look, its findings; the types the driver (audit.c), the checks
 * (audit_int.h), suppressions and the reporters share.  Types only, so
 * that none of them has to include the driver.
 * Ownership: everything reached through an audit_result (files, findings,
 * strings) lives in its arena and is freed by audit_result_release
 * (audit.h). */
#ifndef CV_AUDIT_RESULT_H
#define CV_AUDIT_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#include "audit/finding.h"
#include "json/jsonloc.h"
#include "util/arena.h"
#include "util/buf.h"

struct ruleset;

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
 * CV_MAX_AUDIT_WALK_DEPTH, a path too long to open): configs below it were
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

#endif
