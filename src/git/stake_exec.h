/* stake_exec.h - how many paths a destructive git command would lose, in
 * either program.  ccveto-full links gitrepo.c (libgit2, dlopen) and
 * counts in process; the static `ccveto` cannot load libgit2, so it asks
 * `ccveto-full worktree-stake` (see stake_exec.c).  One definition for
 * both, so gitfacts.c never depends on which program it is linked into. */
#ifndef CV_STAKE_EXEC_H
#define CV_STAKE_EXEC_H

#include <stddef.h>

#include "util/diag.h"

/* As gitrepo_count_changes() (gitrepo.h); <0 is an unknown answer, and
 * the caller then keeps its verdict as if work were at stake. */
int stake_exec_count(size_t *count, const char *workdir, unsigned flags,
		     const char *const *paths, size_t npaths,
		     struct diag *d);

#endif
