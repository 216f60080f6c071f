/* toolcall.h - a hook payload read into a tool call.
 * toolcall_parse() reads the hook's stdin JSON (strictly, see jval.h) and
 * turns it into subjects (subject.h): Bash and Monitor commands are parsed
 * as shell, file tools carry normalised paths, WebFetch a URL and host, MCP
 * tools their server, tool name and every string of their input.  Two
 * events are judged: PreToolUse, and PreSkillShellCommand (the inline
 * !`cmd` line of a skill or custom command, a Bash or PowerShell command
 * judged exactly like that tool's call); any other event is no tool call.
 * Subjects and the parsed payload live in the arena given. */
#ifndef CV_TOOLCALL_H
#define CV_TOOLCALL_H

#include <stdbool.h>
#include <stddef.h>

#include "shell/subject.h"
#include "util/diag.h"

struct arena;
struct jv;

struct toolcall {
	const struct jv *root;		/* the whole payload (toolcall_parse
					 * only): PostToolUse reads its
					 * tool_response */
	const char *event;		/* hook_event_name */
	bool judged;			/* event is PreToolUse or
					 * PreSkillShellCommand: a verdict is
					 * wanted (tool is set) */
	const char *tool;		/* tool_name */
	const char *cwd;		/* payload cwd, or NULL */
	const char *session_id;
	const char *home;		/* --home, the passwd entry, else
					 * $HOME or transcript_path */
	const char *home_alt;		/* $HOME as a second home, or NULL
					 * (userhome.h) */
	const char *tilde;		/* what "~" expands to: $HOME when
					 * absolute, else NULL (home) */
	const char *summary;		/* short text for logs and messages:
					 * the command, the path, the URL */
	const char *branch;		/* current git branch when known in
					 * advance (tests); NULL: read it from
					 * cwd when a rule needs it */
	struct subject_list subjects;
	bool lexical;			/* judge paths without looking at the
					 * filesystem (rule examples describe
					 * a world, not this machine) */
};

/* Options a caller may set; NULL means the hook's defaults. */
struct toolcall_opts {
	const char *home;		/* overrides the passwd home */
	const char *cwd;		/* used when the payload has none */
	const char *branch;		/* pretend this is the current branch */
	bool env_home;			/* $HOME is a home too (the hook and
					 * `check`; examples leave it off,
					 * to be reproducible) */
};

/* Parses the payload json[0..len) in place: json is modified and must
 * stay alive as long as the call (strings point into it). */
int toolcall_parse(struct toolcall *out, struct arena *a,
		   char *json, size_t len,
		   const struct toolcall_opts *opts, struct diag *d);

/* Builds a call from a tool name and its tool_input object (as JSON text):
 * for `ccveto check`, the rule self-test and the auditor. */
int toolcall_from_input(struct toolcall *out, struct arena *a,
			const char *tool, const char *input_json,
			size_t input_len, const struct toolcall_opts *opts,
			struct diag *d);

/* The same from a parsed tool_input (a rule example's "input"). */
int toolcall_from_tree(struct toolcall *out, struct arena *a,
		       const char *tool, const struct jv *input,
		       const struct toolcall_opts *opts, struct diag *d);

/* A Bash call for `command`: the common case of the above. */
int toolcall_from_command(struct toolcall *out, struct arena *a,
			  const char *command, size_t len,
			  const struct toolcall_opts *opts, struct diag *d);

#endif
