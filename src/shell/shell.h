/* shell.h - read a shell command the way bash will execute it.
 * shell_parse() turns command text into subjects (see subject.h): every
 * simple command, including those inside $( ), ` `, <( ), >( ), here-docs
 * fed to a shell, `bash -c STRING`, `eval`, and wrappers such as sudo, env,
 * timeout, xargs and find -exec, with the program name normalised.
 * Parsing never fails open: text that cannot be parsed completely sets
 * list->parse_incomplete and still yields every command it could read;
 * nesting deeper than CV_MAX_SHELL_DEPTH or more than CV_MAX_COMMANDS
 * commands is an error (CV_ETOOBIG).  All output lives in the arena. */
#ifndef CV_SHELL_H
#define CV_SHELL_H

#include <stdbool.h>
#include <stddef.h>

#include "shell/subject.h"
#include "util/diag.h"

struct arena;

struct shell_env {
	const char *home;	/* the user's home, replaced by "~" in paths;
				 * NULL: only /root and /home/<user> forms */
	const char *cwd;	/* the session's directory, or NULL */
	const char *tool;	/* tool_name recorded in each subject */
	const char *home_alt;	/* a second home ($HOME when it differs from
				 * the passwd one), also "~"; or NULL */
	const char *tilde;	/* what "~" and "$HOME" expand to, as the
				 * shell will see them ($HOME, even one that
				 * is no home, such as /etc); NULL: home */
};

int shell_parse(struct subject_list *out, struct arena *a,
		const struct shell_env *env, const char *text, size_t len,
		struct diag *d);

/* Normalises one path as rules see it: "~" for the home directory,
 * repeated "/" and "/./" collapsed, trailing "/" dropped, "./x" -> "x".
 * Used for shell words and for file-tool paths alike. */
const char *shell_norm_path(struct arena *a, const struct shell_env *env,
			    const char *path);

/* `rel` joined to the absolute directory `base` ("~" and "~/x" against
 * env->home) and tidied lexically ("//", "/./", "a/.."); NULL when it
 * cannot be known (no base for a relative path, an unknown home) or on
 * no memory.  Symlinks are not looked at. */
const char *shell_path_join(struct arena *a, const struct shell_env *env,
			    const char *base, const char *rel);

/* Whether a glob pattern (bash syntax, normalised like a path) can name
 * `path` or something inside it or above it: the components they share
 * all match.  For asking whether `rm -rf ~/.ss?` can reach a protected
 * location without reading the disk. */
bool shell_glob_reaches(const char *pattern, const char *path);

#endif
