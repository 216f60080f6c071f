/* audit_git.h - `ccveto audit --staged | --rev REV | --all-refs
 * [--repo PATH]`, and the checks that need repository facts.
 * The sources (index, commit trees) come from gitrepo.c; the files are
 * audited by audit_run() like any other source.  A struct audit_git owns
 * the repository and its sources until audit_git_release(), which must
 * come after the report (the audit result borrows their labels). */
#ifndef CV_AUDIT_GIT_H
#define CV_AUDIT_GIT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

struct audit_result;
struct audit_opts;
struct gitrepo;
struct source;


struct audit_git_opts {
	int staged;		/* --staged: the index */
	const char *rev;	/* --rev REV: one commit */
	int all_refs;		/* --all-refs: every branch and tag head */
	const char *repo;	/* --repo PATH: default "." (discovered) */
};

struct audit_git {
	struct gitrepo *repo;
	struct source **srcs;
	size_t nsrc;
	char label[200];	/* for the report: "index", "commit ..." */
};

/* Is any git option set? */
bool audit_git_wanted(const struct audit_git_opts *go);

/* Audits `paths` (none: the whole tree) in the sources `go` names, then
 * runs the git-only checks on them.  Returns <0 for fatal errors (no
 * repository, unknown revision, libgit2 missing: CV_EUSAGE/CV_ENOTFOUND
 * with a message).  g->srcs[0], when nsrc > 0, is the source to read the
 * ignore file from (audit_finish). */
int audit_git_run(struct audit_git *g, struct audit_result *r,
		  const struct audit_git_opts *go, char **paths,
		  size_t npaths, const struct audit_opts *opts,
		  struct diag *d);
void audit_git_release(struct audit_git *g);

/* Git-aware checks for a work-tree directory that was audited:
 * CC098 (`.git` file or `.git/commondir` pointing outside the checkout,
 * read without libgit2) and CC018 (a settings.local.json that is
 * tracked; needs libgit2, skipped when it cannot be loaded).  Returns <0
 * only for fatal errors. */
int audit_git_worktree_checks(struct audit_result *r, const char *dir,
			      const struct audit_opts *opts, struct diag *d);

#endif
