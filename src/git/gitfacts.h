/* gitfacts.h - cheap git facts for the hook, read without libgit2.
 * The hook must not load libgit2 (start-up cost); the current branch is
 * read from HEAD by walking up from cwd, following `.git` files
 * (`gitdir: …`, worktrees).  Results are copied into the arena. */
#ifndef CV_GITFACTS_H
#define CV_GITFACTS_H

struct arena;

/* The current branch name ("main"), "" for a detached HEAD, or NULL when
 * cwd is not inside a git work tree or HEAD cannot be read. */
const char *gitfacts_current_branch(struct arena *a, const char *cwd);

/* Finds the git directory git would use from `cwd` (absolute): $GIT_DIR,
 * else walking up from realpath(cwd) to a `.git` directory, a `.git` file
 * (`gitdir: path`, linked worktrees and submodules) or a bare repository.
 * gitdir and workdir (may be NULL) are PATH_MAX buffers; workdir is ""
 * for a bare repository or $GIT_DIR.  Returns 0, or -1 when not found. */
int gitfacts_find_gitdir(char *gitdir, char *workdir, const char *cwd);

/* Whether branch `name` exists in the repository around `cwd`: 1, 0, or
 * -1 when that cannot be read (no repository, reftable, a file too big). */
int gitfacts_branch_exists(const char *cwd, const char *name);

/* Whether revisions a and b (HEAD, a ref name as git resolves a plain
 * name, or a full object id) name the same commit in the repository
 * around cwd: 1, 0, or -1 when not known (HEAD~1, a reftable, no repo). */
int gitfacts_same_commit(const char *cwd, const char *a, const char *b);

#include <stddef.h>

#include "util/diag.h"

/* The remotes of the repository around `cwd` that are local paths
 * (`url = /srv/git/app.git`, `file:///...`, `../upstream`), absolute,
 * at most GITFACTS_MAX_REMOTES, into out[] (arena strings); returns how
 * many.  Read from its config without libgit2: [remote "x"] url = ... */
size_t gitfacts_local_remotes(const char **out, struct arena *a,
			      const char *cwd);

/* What a destructive git command would throw away. */
enum gitfacts_loss {
	/* git reset --hard, git checkout -f, git switch --discard-changes,
	 * git restore --staged --worktree: staged and unstaged changes to
	 * tracked files. */
	GITFACTS_LOSS_TRACKED,
	/* git checkout -- PATH, git restore PATH: unstaged changes. */
	GITFACTS_LOSS_UNSTAGED,
	/* git clean -f (-d): untracked, not ignored files. */
	GITFACTS_LOSS_UNTRACKED,
	/* git clean -fx: untracked and ignored files. */
	GITFACTS_LOSS_UNTRACKED_IGNORED,
	/* git stash drop / clear: stash entries (read without libgit2). */
	GITFACTS_LOSS_STASH,
};

/* How much work a destructive command would destroy in the repository
 * around `cwd`.  *count is the number of files (stash entries for
 * GITFACTS_LOSS_STASH) under the `npaths` pathspecs (as the command gave
 * them, relative to `cwd`; none: the whole repository); *what (may be
 * NULL) is a phrase for the reason, in the arena: "3 uncommitted
 * changes", "1 untracked file", "2 stash entries".  A pathspec that
 * leaves the work tree or uses magic other than ":/" is unknown.
 *
 * Returns 0 when the answer is known; *count == 0 means nothing is at
 * stake.  Returns <0 when it is not known (not a repository, libgit2
 * missing, a repository too big to compare in time, unreadable index):
 * the caller must then keep its verdict as if work were at stake.
 *
 * Cost: GITFACTS_LOSS_STASH reads one file.  The others dlopen libgit2
 * and compare the work tree (stake_exec_count), ~70 M instructions
 * plus the status walk; call it only for a command a rule has already
 * matched, never on the common path. */
int gitfacts_work_at_stake(size_t *count, const char **what,
			   struct arena *a, const char *cwd,
			   enum gitfacts_loss loss, const char *const *paths,
			   size_t npaths, struct diag *d);

#endif
