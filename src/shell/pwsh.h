/* pwsh.h - read a PowerShell command by translating it to sh.
 * pwsh_translate() tokenizes and parses PowerShell text and writes a POSIX
 * sh script whose commands have the same effects (Remove-Item -Recurse ->
 * rm -r, Get-Content -> cat, irm URL | iex -> curl URL | sh, ...);
 * pwsh_parse() hands that script to shell_parse(), so every rule and the
 * effect engine judge PowerShell exactly as they judge Bash.
 * Security invariants: every word is emitted single-quoted, so sh sees
 * exactly the value; a value that cannot be known is "$CCVETO_PS_UNKNOWN"
 * (dynamic: a destructive use asks), never a guess.  Text that cannot be
 * parsed completely sets *incomplete (the judge asks).  Nesting deeper than
 * CV_MAX_SHELL_DEPTH or output beyond CV_MAX_PWSH_BYTES is CV_ETOOBIG.
 * Nothing past `len` is read; NUL bytes and invalid UTF-8 are allowed. */
#ifndef CV_PWSH_H
#define CV_PWSH_H

#include <stdbool.h>
#include <stddef.h>

#include "shell/shell.h"

struct arena;

/* Translate PowerShell text to an sh script (in the arena) with the same
 * effects. */
int pwsh_translate(struct arena *a, const struct shell_env *env,
		   const char *text, size_t len, const char **out,
		   size_t *out_len, bool *incomplete, struct diag *d);

/* Translate and parse: the subjects of `text`, like shell_parse(). */
int pwsh_parse(struct subject_list *out, struct arena *a,
	       const struct shell_env *env, const char *text, size_t len,
	       struct diag *d);

/* 0 when the static tables are consistent (aliases sorted, each naming a
 * cmdlet row); for the unit tests. */
int pwsh_self_check(void);

#endif
