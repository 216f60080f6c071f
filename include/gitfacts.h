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

#endif
