/* source.h - where audited files come from: a work tree, the git index,
 * or a commit's tree read through libgit2 (gitrepo.c).  The auditor only
 * sees this interface, so `audit --staged` and `audit --rev` judge exactly
 * the bytes git holds, without a checkout.  Paths are relative to the
 * source's root and '/'-separated.  source_free(NULL) does nothing. */
#ifndef CV_SOURCE_H
#define CV_SOURCE_H

#include <stddef.h>

#include "util/diag.h"

struct buf;

enum source_type {
	SOURCE_FILE,
	SOURCE_DIR,
	SOURCE_LINK,	/* symlink: never followed out of the tree */
	SOURCE_OTHER,
};

struct source;

typedef int (*source_dir_fn)(void *arg, const char *name,
			     enum source_type type);

struct source_ops {
	/* Calls fn for each entry of directory `dir` ("" is the root);
	 * CV_ENOTFOUND when there is no such directory. */
	int (*list_dir)(struct source *s, const char *dir, source_dir_fn fn,
			void *arg, struct diag *d);
	/* Reads a file; CV_ENOTFOUND when absent, CV_ETOOBIG over max. */
	int (*read)(struct source *s, struct buf *out, const char *path,
		    size_t max, struct diag *d);
	/* Type of one path; CV_ENOTFOUND when absent. */
	int (*stat)(struct source *s, enum source_type *type, const char *path,
		    struct diag *d);
	void (*free)(struct source *s);
};

struct source {
	const struct source_ops *ops;
	const char *label;	/* shown in reports: "worktree", "index",
				 * "commit 1a2b3c4 (HEAD)" */
	const char *root;	/* display root for paths */
	void *impl;
};

/* A directory on disk. */
int source_worktree_new(struct source **out, const char *root,
			struct diag *d);
/* The same, but a symlink may point anywhere: for files the user named on
 * the command line and the user's own configs (dotfile links). */
int source_worktree_new_open(struct source **out, const char *root,
			     struct diag *d);
void source_free(struct source *s);

#endif
