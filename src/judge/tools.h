/* tools.h - every Claude Code tool ccveto knows, and what it judges of it.
 * One table for the hook (toolcall.c reads each tool as its row says),
 * `install` (the matcher is every tool that can act) and the auditor
 * (a permission rule or matcher naming no known tool is a finding).  A
 * tool missing from the table is judged by its strings only, and the
 * drift test (tests/e2e) fails when the installed client has one. */
#ifndef CV_TOOLS_H
#define CV_TOOLS_H

#include <stdbool.h>

enum tool_reading {
	TOOL_SHELL,	/* its command is parsed as shell */
	TOOL_FILE,	/* its paths are resolved; Read/Write/Edit effects */
	TOOL_WEB,	/* a URL and its host */
	TOOL_FIELDS,	/* named fields: paths it uploads, persistence,
			 * cloud triggers, destructive switches */
	TOOL_SESSION,	/* acts only inside the session (its calls, if it
			 * starts agents, are hooked one by one) */
};

struct tool_info {
	const char *name;
	enum tool_reading reading;
	const char *judged;	/* what is judged, or why nothing is */
};

extern const struct tool_info tool_table[];

/* The row of a tool, or NULL. */
const struct tool_info *tool_lookup(const char *name);

/* Whether the hook must be called for it: every reading but
 * TOOL_SESSION.  install's PreToolUse matcher is these tools joined by
 * '|' (TOOL_MATCHER, checked against the table by a unit test). */
bool tool_acts(const struct tool_info *t);

#define TOOL_MATCHER "Bash|Monitor|PowerShell|Read|Write|Edit|MultiEdit|" \
	"NotebookEdit|NotebookRead|LS|Glob|Grep|WebFetch|WebSearch|Artifact|" \
	"Projects|ClaudeDesign|CronCreate|RemoteTrigger|ExitWorktree|" \
	"PushNotification"

/* Hook events Claude Code has, and the ones ccveto judges. */
extern const char *const client_events[];
extern const char *const judged_events[];

#endif
