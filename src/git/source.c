/* source.c - the work-tree source, see source.h.
 *
 * Security invariants: reading never blocks and never leaves the tree.
 * A path is resolved (realpath) and, for a confined source, must stay
 * under the resolved root, so a committed symlink to ~/.ssh/id_rsa or
 * /etc/shadow is reported, not read.  Files are opened O_NONBLOCK and
 * checked to be regular, so a FIFO or device named like a config cannot
 * hang the audit.  Reads stop at the caller's size limit. */
#include "git/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/safefile.h"

struct worktree {
	struct source src;
	char *root;		/* as given */
	char *realroot;		/* resolved; NULL when unconfined */
};

static char *join(const struct worktree *w, const char *rel)
{
	size_t rl = strlen(w->root), pl = strlen(rel);
	bool slash = rl && w->root[rl - 1] != '/';
	char *p;

	while (*rel == '/' && rl && w->root[rl - 1] == '/') {
		rel++;
		pl--;
	}
	if (!*rel)
		return strdup(w->root);
	if (!(p = malloc(rl + pl + 2)))
		return NULL;
	memcpy(p, w->root, rl);
	if (slash)
		p[rl++] = '/';
	memcpy(p + rl, rel, pl + 1);
	return p;
}

static bool inside(const char *realroot, const char *resolved)
{
	size_t n = strlen(realroot);

	if (!strcmp(realroot, "/"))
		return true;
	return !strncmp(resolved, realroot, n) &&
		(resolved[n] == '/' || resolved[n] == '\0');
}

static int wt_list_dir(struct source *s, const char *dir, source_dir_fn fn,
		       void *arg, struct diag *d)
{
	struct worktree *w = s->impl;
	char *full = join(w, dir);
	struct dirent *e;
	DIR *dh = NULL;
	int error = 0;

	if (!full)
		return diag_nomem(d);
	if (!(dh = opendir(full))) {
		error = errno == ENOENT || errno == ENOTDIR ?
			diag_set(d, CV_ENOTFOUND, "directory vanished while "
				 "it was searched") :
			errno == ENAMETOOLONG ?
			diag_set(d, CV_EIO, "path longer than %d bytes "
				 "(PATH_MAX): cannot be opened", PATH_MAX) :
			diag_set(d, CV_EIO, "cannot read the directory: %s",
				 strerror(errno));
		goto done;
	}
	for (;;) {
		enum source_type type = SOURCE_OTHER;
		struct stat st;

		errno = 0;
		if (!(e = readdir(dh))) {
			/* A listing cut short is not a complete one. */
			if (errno)
				error = diag_set(d, CV_EIO, "cannot read the "
						 "directory: %s",
						 strerror(errno));
			break;
		}

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		switch (e->d_type) {
		case DT_REG: type = SOURCE_FILE; break;
		case DT_DIR: type = SOURCE_DIR; break;
		case DT_LNK: type = SOURCE_LINK; break;
		case DT_UNKNOWN:
			if (fstatat(dirfd(dh), e->d_name, &st,
				    AT_SYMLINK_NOFOLLOW) == 0)
				type = S_ISREG(st.st_mode) ? SOURCE_FILE :
					S_ISDIR(st.st_mode) ? SOURCE_DIR :
					S_ISLNK(st.st_mode) ? SOURCE_LINK :
					SOURCE_OTHER;
			break;
		default: break;
		}
		if ((error = fn(arg, e->d_name, type)) < 0)
			break;
	}
done:
	if (dh)
		closedir(dh);
	free(full);
	return error;
}

static int wt_read(struct source *s, struct buf *out, const char *path,
		   size_t max, struct diag *d)
{
	struct worktree *w = s->impl;
	char *full = join(w, path), *res = NULL;
	struct stat st;
	int error = 0;

	if (!full)
		return diag_nomem(d);
	if (lstat(full, &st) < 0) {
		error = errno == ENOENT || errno == ENOTDIR ?
			diag_set(d, CV_ENOTFOUND, "no such file '%s'", path) :
			diag_set(d, CV_EIO, "cannot read '%s': %s", path,
				 strerror(errno));
		goto done;
	}
	if (!(res = realpath(full, NULL))) {
		error = diag_set(d, CV_ENOTFOUND, "'%s' is a dangling "
				 "symlink", path);
		goto done;
	}
	if (w->realroot && !inside(w->realroot, res)) {
		error = diag_set(d, CV_EINVAL, "'%s' is a symlink pointing "
				 "outside the tree: not read", path);
		goto done;
	}
	/* res is resolved: nothing is left to follow. */
	if ((error = safefile_read(out, res, max, SAFEFILE_NOFOLLOW,
				   d)) < 0) {
		if (error == CV_ENOTFOUND)
			error = diag_set(d, error, "no such file '%s'", path);
		else
			error = diag_set(d, error, "'%s' %s", path, d->msg);
	}
done:
	free(res);
	free(full);
	return error;
}

static int wt_stat(struct source *s, enum source_type *type,
		   const char *path, struct diag *d)
{
	struct worktree *w = s->impl;
	char *full = join(w, path);
	struct stat st;
	int error = 0;

	if (!full)
		return diag_nomem(d);
	if (lstat(full, &st) < 0)
		error = diag_set(d, CV_ENOTFOUND, "no such file '%s'", path);
	else
		*type = S_ISREG(st.st_mode) ? SOURCE_FILE :
			S_ISDIR(st.st_mode) ? SOURCE_DIR :
			S_ISLNK(st.st_mode) ? SOURCE_LINK : SOURCE_OTHER;
	free(full);
	return error;
}

static void wt_free(struct source *s)
{
	struct worktree *w = s->impl;

	free(w->root);
	free(w->realroot);
	free(w);
}

static const struct source_ops worktree_ops = {
	wt_list_dir, wt_read, wt_stat, wt_free,
};

static int worktree_new(struct source **out, const char *root, bool confine,
			struct diag *d)
{
	struct worktree *w;

	*out = NULL;
	if (!(w = calloc(1, sizeof(*w))) || !(w->root = strdup(root))) {
		free(w);
		return diag_nomem(d);
	}
	if (confine && !(w->realroot = realpath(root, NULL))) {
		int e = errno;

		free(w->root);
		free(w);
		return diag_set(d, e == ENOENT ? CV_ENOTFOUND : CV_EIO,
				"cannot open '%s': %s", root, strerror(e));
	}
	w->src.ops = &worktree_ops;
	w->src.label = "worktree";
	w->src.root = w->root;
	w->src.impl = w;
	*out = &w->src;
	return 0;
}

int source_worktree_new(struct source **out, const char *root,
			struct diag *d)
{
	return worktree_new(out, root, true, d);
}

int source_worktree_new_open(struct source **out, const char *root,
			     struct diag *d)
{
	return worktree_new(out, root, false, d);
}

void source_free(struct source *s)
{
	if (s && s->ops && s->ops->free)
		s->ops->free(s);
}
