/* gitrepo.h - repositories read through libgit2, loaded with dlopen().
 * The only module that knows libgit2: `audit --staged` / `--rev` /
 * `--all-refs` read the index and commit trees through it, and the hook's
 * few destructive git commands (gitfacts_work_at_stake) count what they
 * would lose.  Nothing else pays libgit2's start-up cost.
 *
 * A repository from gitrepo_open() is freed with gitrepo_free(); sources
 * made from it (gitrepo_source_*) borrow it and must be freed first.
 * Strings returned through out-parameters are heap copies the caller
 * frees, unless stated.  gitrepo_free(NULL) does nothing. */
#ifndef CV_GITREPO_H
#define CV_GITREPO_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

struct source;
struct gitrepo;

/* Loads libgit2 (CV_GIT2_SONAME) once; CV_ENOTFOUND with a message naming
 * the library when it is not installed. */
int gitrepo_load(struct diag *d);

/* Opens the repository containing `path` (searching upwards from a
 * subdirectory; a bare repository, a linked worktree or a `.git` file
 * all work).  NULL path means ".". */
int gitrepo_open(struct gitrepo **out, const char *path, struct diag *d);

/* Opens the repository git's environment describes, as git does for a
 * hook (githooks(5)): $GIT_DIR names the git directory (no search), else
 * the repository is found from the current directory; $GIT_WORK_TREE
 * replaces the work tree; $GIT_COMMON_DIR must be the common directory
 * the git directory names (libgit2 cannot read a repository split
 * otherwise: CV_EUSAGE); $GIT_INDEX_FILE is the index
 * gitrepo_source_index() reads (`commit -a`, `commit PATH`, `--only`,
 * `--amend` point it at a temporary index).  Relative values are
 * relative to the current directory, which git sets to the top of the
 * work tree for hooks.  Empty variables count as unset. */
int gitrepo_open_env(struct gitrepo **out, struct diag *d);

/* For a repository opened by path (`--repo`): takes $GIT_INDEX_FILE too
 * when the environment describes this same repository, and ignores it
 * otherwise (it is another repository's index). */
int gitrepo_adopt_env_index(struct gitrepo *repo, struct diag *d);
void gitrepo_free(struct gitrepo *repo);

bool gitrepo_is_bare(const struct gitrepo *repo);
/* The work tree root ("/abs/path/", with a slash) or NULL when bare. */
const char *gitrepo_workdir(const struct gitrepo *repo);
/* The git directory ("/abs/path/.git/"). */
const char *gitrepo_gitdir(const struct gitrepo *repo);

/* The index (what is staged): paths relative to the repository root.  A
 * repository with no commits yet works; a bare one is CV_EUSAGE.  The
 * index file must be a regular file (a FIFO is CV_EINVAL, never a
 * blocking read). */
int gitrepo_source_index(struct source **out, struct gitrepo *repo,
			 struct diag *d);

/* The tree of a commit: REV is anything git rev-parse accepts (a branch,
 * tag, sha, HEAD~2); tags are peeled to their commit.  The source's
 * label is "commit 1a2b3c4 (REV)". */
int gitrepo_source_rev(struct source **out, struct gitrepo *repo,
		       const char *rev, struct diag *d);

/* Every branch and tag head (under refs/heads/ and refs/tags/) that
 * peels to a commit, sorted by name.  *names is a heap array of heap strings; free
 * it with gitrepo_names_free(). */
int gitrepo_list_refs(char ***names, size_t *n, struct gitrepo *repo,
		      struct diag *d);
void gitrepo_names_free(char **names, size_t n);

/* Is `path` (relative to the root) in the index? */
int gitrepo_is_tracked(bool *out, struct gitrepo *repo, const char *path,
		       struct diag *d);

/* For the hook: how many files a destructive command would lose. */
enum {
	GITREPO_CHANGES_TRACKED = 1 << 0,	/* staged or not, vs HEAD */
	GITREPO_CHANGES_UNSTAGED = 1 << 1,	/* work tree vs index */
	GITREPO_CHANGES_UNTRACKED = 1 << 2,	/* not ignored */
	GITREPO_CHANGES_IGNORED = 1 << 3,
};

/* Counts paths of `workdir`'s repository in the given classes, limited
 * to `npaths` pathspecs relative to the work tree's top (none: all of
 * it).  An ignored path that is regenerable build output (node_modules/,
 * build/, *.pyc, ...) does not count: `git clean -x` of it loses nothing.
 * Refuses (CV_ETOOBIG) a repository whose index holds more entries than
 * the hook can afford to compare, rather than risk the watchdog. */
int gitrepo_count_changes(size_t *count, const char *workdir,
			  unsigned flags, const char *const *paths,
			  size_t npaths, struct diag *d);

#endif
