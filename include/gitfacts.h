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

#endif
