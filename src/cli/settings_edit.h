/* settings_edit.h - ccveto's registration in a Claude Code settings.json.
 * The file is edited as text: only the bytes of ccveto's own entries (and
 * the separators next to them) change; every other key, the key order, the
 * indentation and the line endings stay as they were.  The text is checked
 * with json_parse() (strict) before and after every edit, so an invalid
 * file is refused and an edit can never produce one.  Output goes to
 * caller-owned bufs; `changes` gets one human-readable line per edit. */
#ifndef CV_SETTINGS_EDIT_H
#define CV_SETTINGS_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

struct buf;

/* Seconds Claude Code waits for the hook; a timeout blocks the call
 * because of onFailure "block", so this only bounds the wait. */
#define SETTINGS_HOOK_TIMEOUT 5
/* After a call the output can be megabytes; the hook's own watchdog
 * (CV_WATCHDOG_SECONDS) still answers long before this. */
#define SETTINGS_POST_TIMEOUT 10

/* The tools whose output PostToolUse scans: every built-in tool that
 * returns text from outside the conversation (files, commands, the web,
 * a subagent's report); MCP tools have their own group. */
#define POST_TOOL_MATCHER "Bash|PowerShell|Monitor|Read|Grep|Glob|LS|" \
	"NotebookRead|WebFetch|WebSearch|Task|Agent"

/* The matcher groups install writes, in order, ending with { NULL }:
 * for PreToolUse an exact tool-name list first (spec 1.2: letters and |
 * are compared exactly), then an anchored regex for every MCP tool; for
 * PreSkillShellCommand (a skill's inline shell line, spec 7) every
 * shell; for PostToolUse the tools that bring outside text in, and every
 * MCP tool. */
struct settings_entry {
	const char *event;	/* the key under "hooks" */
	const char *matcher;
	unsigned timeout;	/* seconds */
};
extern const struct settings_entry settings_entries[];

/* Is `command` a registration of ccveto's hook?  True for our exact
 * command and for any command whose last two words are a program named
 * ccveto (any directory, optionally quoted) and "hook". */
bool settings_command_is_ours(const char *command, const char *ours);

/* `exe` shell-quoted where needed, followed by " hook". */
int settings_hook_command(struct buf *out, const char *exe);

/* Containers install created (settings_install()'s *made), which are the
 * ones uninstall may remove once they are empty (settings_uninstall()'s
 * `made`): an empty "hooks" or event array the user wrote stays.  Bit
 * SETTINGS_MADE_HOOKS is the "hooks" object; settings_made_event(EVENT)
 * the bit of the "hooks.EVENT" array of an event of settings_entries (0
 * for any other).  settings_made_name() names a bit ("hooks",
 * "hooks.PreToolUse"; NULL when it is none), as installs.json keeps it. */
#define SETTINGS_MADE_HOOKS	1u
unsigned settings_made_event(const char *event);
const char *settings_made_name(unsigned bit);

/* Registers `command` in text[0..len): out receives the new text (equal
 * to the input when nothing had to change), *made (may be NULL) the
 * containers it had to create.  Empty or whitespace-only text counts as
 * "{}".  CV_EINVAL with a message for invalid JSON or a settings shape we
 * must not touch (hooks not an object ...). */
int settings_install(struct buf *out, struct buf *changes, const char *text,
		     size_t len, const char *command, unsigned *made,
		     struct diag *d);

/* Removes every ccveto handler (see settings_command_is_ours) from the
 * events of settings_entries, and the groups that become empty because of
 * that; an event array and the hooks object only when they become empty
 * and `made` says install created them.  Other events are left alone. */
int settings_uninstall(struct buf *out, struct buf *changes,
		       const char *text, size_t len, const char *command,
		       unsigned made, struct diag *d);

/* Who a rewritten file belongs to: the owner, group and mode of the file
 * it replaces (uid/gid -1: as created, i.e. us). */
struct settings_owner {
	unsigned mode;
	long uid, gid;
};

/* Writes data to a new file next to `path`, created exclusively (O_EXCL:
 * never through a planted name or link), with `own`'s owner and mode,
 * flushed (fsync).  *tmp receives its name, for settings_commit(). */
int settings_write_temp(char **tmp, const char *path, const char *data,
			size_t len, const struct settings_owner *own,
			struct diag *d);

/* Renames tmp over path and flushes the directory; frees tmp (removing
 * the file on failure).  A symlink at `path` is replaced, not followed:
 * callers that mean to keep a symlink pass its target. */
int settings_commit(char *tmp, const char *path, struct diag *d);

/* settings_write_temp() + settings_commit(). */
int settings_write_atomic(const char *path, const char *data, size_t len,
			  const struct settings_owner *own, struct diag *d);

/* The install/uninstall command line (cmd_install.c); prints. */
int settings_cmd(int argc, char **argv, int uninstall);

#endif
