/* subject.h - one thing a rule judges.
 * A Bash command becomes one subject per simple command, found after the
 * shell is parsed, substitutions and `bash -c` strings are parsed in turn,
 * and wrappers (sudo, env, timeout, xargs, find -exec ...) are unwrapped.
 * A file, web or MCP tool call becomes one subject of its own kind.
 * Subjects and everything they point to live in the request's arena. */
#ifndef CV_SUBJECT_H
#define CV_SUBJECT_H

#include <stdbool.h>
#include <stddef.h>

struct effect_list;
struct argv_canon;

enum subject_kind {
	SUBJECT_COMMAND,	/* a simple shell command */
	SUBJECT_FILE,		/* Read, Write, Edit, NotebookEdit, Glob, Grep */
	SUBJECT_WEB,		/* WebFetch, WebSearch */
	SUBJECT_MCP,		/* mcp__<server>__<tool> */
	SUBJECT_OTHER,		/* any other tool: only tool-level rules */
};

enum redirect_op {
	REDIR_IN,		/* <  (and <> counts as both) */
	REDIR_OUT,		/* >  >|  &>  >& file  <> */
	REDIR_APPEND,		/* >>  &>> */
	REDIR_DUP,		/* 2>&1, <&3: no file involved */
};

/* What the shell left unknown in a word, for the effect resolver. */
#define ARG_DYNAMIC	1u	/* holds an unresolved $VAR, ${ }, $( ) */
#define ARG_LEAD_QUOTED	2u	/* its first character was quoted or
				 * escaped: a leading ~ is literal */
#define ARG_SINGLE	4u	/* it starts with '...' or $'...': a $
				 * there is text */
#define ARG_GLOB	8u	/* an unquoted glob pattern as written, kept
				 * whether or not it matched (rules on the
				 * pattern still match it) */
#define ARG_MATCHED	16u	/* a path the pattern before it matched on
				 * disk under the cwd, as bash passes it */

struct redirect {
	enum redirect_op op;
	unsigned char flags;	/* ARG_* of the target word */
	const char *target;	/* normalised like a path argument */
	const char *raw;	/* as written, quotes removed */
};

/* Dynamic list of strings in the arena. */
struct strlist {
	const char **v;
	size_t n, cap;
};

struct subject {
	enum subject_kind kind;
	const char *tool;		/* tool_name of the call */

	/* SUBJECT_COMMAND */
	const char *program;		/* "rm" for /bin/rm, \rm, "rm", r''m */
	bool program_dynamic;		/* program name is $VAR / $(...) */
	bool program_subst;		/* ... and comes from a $( ) or ` `:
					 * the command run there is judged */
	struct strlist args;		/* argv[1..], quotes removed, paths
					 * normalised (~, //, /./, trailing /) */
	struct strlist raw_args;	/* argv[1..], quotes removed only */
	unsigned char *arg_flags;	/* ARG_* of each raw_args word */
	const char *subcommand;		/* first operand after the program's
					 * global options (git -C x push -> push) */
	struct redirect *redirects;
	size_t nredirects, redirects_cap;
	struct strlist input_from;	/* programs feeding it: earlier pipe
					 * stages, <( ), $( ) in its words */
	struct strlist via;		/* wrappers it was found in: "sudo",
					 * "bash -c" is "bash", "find", "xargs" */
	struct strlist code;		/* inline interpreter code: python -c,
					 * node -e, a here-doc fed to python */
	/* Its stdin is a pipe: the subjects of the previous pipeline stage
	 * are [pipe_lo, pipe_hi) of the same list (what wrote its input). */
	bool piped;
	size_t pipe_lo, pipe_hi;
	bool pipe_out;			/* its stdout is a pipe */
	struct strlist env;		/* NAME=value the call itself puts in
					 * its environment: an earlier
					 * `export`, then its own prefix
					 * assignments and env/sudo ones (the
					 * last of a name wins) */
	const struct argv_canon *canon;	/* argv.h, read when a rule first
					 * asks; NULL: no grammar */
	bool canon_done;
	/* What the database statements it runs do (shell/dbq.h): bits
	 * 1 << enum dbq_op, and the first statement found doing one. */
	unsigned db_ops;
	const char *db_what;
	/* find -exec CMD {} ;, find … | xargs CMD: the find whose found
	 * names an operand "{}" stands for. */
	const struct subject *found_by;
	const char *line;		/* program + args joined by spaces;
					 * whitespace inside a word is \x1f */
	const char *text;		/* the source text of this command */

	/* SUBJECT_FILE / WEB / MCP */
	struct strlist paths;		/* normalised: ~/..., absolute or glob */
	const char *content;		/* Write content, Edit new_string, ... */
	const char *url, *host;
	const char *mcp_server, *mcp_tool;
	const char *mcp_action;		/* the tool name as lower-case words:
					 * "dropTable" -> "drop table" */
	bool holds_secret;		/* a string of tool_input holds a key
					 * in a known format (util/redact.h) */
	struct strlist strings;		/* every string leaf of tool_input */
	struct strlist true_inputs;	/* tool_input keys whose value is true */

	/* The directory the command runs in: the payload's cwd, moved by
	 * earlier cd/pushd of the same call and by git -C / make -C; NULL
	 * when unknown (cd to a computed place). */
	const char *cwd;
	/* What it does to which locations (effect.h), filled once per call
	 * when a rule first asks. */
	struct effect_list *effects;
};


struct subject_list {
	struct subject **v;
	size_t n, cap;
	bool parse_incomplete;		/* shell text that could not be fully
					 * parsed (unbalanced quote ...) */
	const char *parse_problem;
};

struct arena;
int strlist_push(struct strlist *l, struct arena *a, const char *s);
bool strlist_has(const struct strlist *l, const char *s);
struct subject *subject_new(struct subject_list *list, struct arena *a,
			    enum subject_kind kind);

#endif
