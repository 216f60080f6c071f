/* gitrepo.c - repositories through libgit2, loaded with dlopen().
 *
 * The one file that includes git2.h.  libgit2 is not linked: linking it
 * costs every `ccveto hook` start ~7 M instructions and initialising it
 * ~65 M, so it is loaded here, on first use, by the auditor's git options
 * and by the hook's few destructive git commands only.  Each libgit2
 * function is reached through a pointer typed `__typeof__(git_x) *`, so
 * the compiler still checks every call against the real prototype.
 *
 * Security invariants (audit of an untrusted clone, "vet before you
 * open"):
 * - Nothing is checked out or written: blobs are read from the object
 *   database into memory, up to the caller's size limit.
 * - Nothing the repository configures is executed.  libgit2 runs no hooks,
 *   no fsmonitor, no clean/smudge filter drivers (only its built-in CRLF
 *   and ident filters, which we do not even ask for: blobs are read raw).
 *   This is why libgit2, not the `git` program, answers the hook's
 *   status question: `git status` in a hostile checkout can run
 *   core.fsmonitor.
 * - Owner validation (safe.directory) is turned off for the same reason:
 *   it protects a git that would execute configured commands, and an
 *   auditor must be able to read a clone someone else owns (CI runners).
 * - Tree entry names that could not come from an honest git (empty, ".",
 *   "..", containing '/') are skipped, so a crafted tree cannot make a
 *   displayed path lie about where a file lives. */
#include "git/gitrepo.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <git2.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "git/source.h"
#include "util/bounds.h"
#include "util/buf.h"


/* Every libgit2 function used, each loaded with dlsym(). */
#define GIT2_FUNCTIONS(X) \
	X(git_libgit2_init) \
	X(git_libgit2_shutdown) \
	X(git_libgit2_opts) \
	X(git_error_last) \
	X(git_repository_open_ext) \
	X(git_repository_free) \
	X(git_repository_is_bare) \
	X(git_repository_workdir) \
	X(git_repository_path) \
	X(git_repository_commondir) \
	X(git_repository_set_workdir) \
	X(git_repository_index) \
	X(git_index_open) \
	X(git_index_new) \
	X(git_index_free) \
	X(git_index_entrycount) \
	X(git_index_get_byindex) \
	X(git_blob_lookup) \
	X(git_blob_free) \
	X(git_blob_rawsize) \
	X(git_blob_rawcontent) \
	X(git_revparse_single) \
	X(git_object_free) \
	X(git_object_peel) \
	X(git_object_id) \
	X(git_commit_tree) \
	X(git_tree_free) \
	X(git_tree_lookup) \
	X(git_tree_entrycount) \
	X(git_tree_entry_byindex) \
	X(git_tree_entry_bypath) \
	X(git_tree_entry_free) \
	X(git_tree_entry_name) \
	X(git_tree_entry_id) \
	X(git_tree_entry_filemode) \
	X(git_oid_tostr) \
	X(git_reference_iterator_new) \
	X(git_reference_next) \
	X(git_reference_iterator_free) \
	X(git_reference_name) \
	X(git_reference_peel) \
	X(git_reference_free) \
	X(git_status_list_new) \
	X(git_status_list_entrycount) \
	X(git_status_byindex) \
	X(git_status_list_free)

static struct {
#define X(fn) __typeof__(fn) *fn;
	GIT2_FUNCTIONS(X)
#undef X
} g2;

static void *g2_handle;

int gitrepo_load(struct diag *d)
{
	void *h;

	if (g2_handle)
		return 0;
	h = dlopen(CV_GIT2_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return diag_set(d, CV_ENOTFOUND, "cannot load libgit2 ('%s'): "
				"git features need it installed (Debian: "
				"libgit2-1.5)", CV_GIT2_SONAME);
	/* Object pointers from dlsym() to function pointers: POSIX
	 * guarantees this works; memcpy keeps -Wpedantic quiet. */
#define X(fn) { void *p = dlsym(h, #fn); \
		if (!p) { dlclose(h); memset(&g2, 0, sizeof(g2)); \
			return diag_set(d, CV_ENOTFOUND, "'%s' has no '%s'", \
					CV_GIT2_SONAME, #fn); } \
		memcpy(&g2.fn, &p, sizeof(p)); }
	GIT2_FUNCTIONS(X)
#undef X
	g2_handle = h;
	return 0;
}

/* Records libgit2's last error after a call that returned `rc` < 0. */
static int git_fail(struct diag *d, int rc, const char *what, const char *s)
{
	const git_error *e = g2.git_error_last();
	int code = rc == GIT_ENOTFOUND ? CV_ENOTFOUND : CV_EIO;

	return diag_set(d, code, "%s '%s': %s", what, s,
			e && e->message ? e->message : "libgit2 error");
}

struct gitrepo {
	git_repository *repo;
	char *index_file;	/* $GIT_INDEX_FILE as given, or NULL */
};

static int repo_open(struct gitrepo **out, const char *path, unsigned flags,
		     const char *what, struct diag *d)
{
	struct gitrepo *r = NULL;
	int rc, error;

	*out = NULL;
	if ((error = gitrepo_load(d)) < 0)
		return error;
	if ((rc = g2.git_libgit2_init()) < 0)
		return diag_set(d, CV_EIO, "cannot initialise libgit2");
	g2.git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
	if (!(r = calloc(1, sizeof(*r)))) {
		g2.git_libgit2_shutdown();
		return diag_nomem(d);
	}
	rc = g2.git_repository_open_ext(&r->repo, path, flags, NULL);
	if (rc < 0) {
		if (rc == GIT_ENOTFOUND)
			error = diag_set(d, CV_ENOTFOUND, "'%s'%s is not %s "
					 "git repository", path, what,
					 *what ? "a" : "in a");
		else
			error = git_fail(d, rc, "cannot open repository",
					 path);
		free(r);
		g2.git_libgit2_shutdown();
		return error;
	}
	*out = r;
	return 0;
}

int gitrepo_open(struct gitrepo **out, const char *path, struct diag *d)
{
	return repo_open(out, path ? path : ".", 0, "", d);
}

/* A GIT_* variable as git reads it: unset and empty are the same. */
static const char *git_env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

/* Do two directories name the same place? */
static bool same_dir(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];

	return realpath(a, ra) && realpath(b, rb) && !strcmp(ra, rb);
}

int gitrepo_open_env(struct gitrepo **out, struct diag *d)
{
	const char *gitdir = git_env("GIT_DIR"), *wt = git_env("GIT_WORK_TREE");
	const char *common = git_env("GIT_COMMON_DIR");
	const char *index = git_env("GIT_INDEX_FILE");
	struct gitrepo *r = NULL;
	char abs[PATH_MAX];
	struct stat st;
	int rc, error;

	*out = NULL;
	/* $GIT_DIR is the git directory itself, as for git: no search
	 * upwards and no ".git" appended. */
	error = gitdir ? repo_open(&r, gitdir, GIT_REPOSITORY_OPEN_NO_SEARCH |
				   GIT_REPOSITORY_OPEN_NO_DOTGIT,
				   " (GIT_DIR)", d) :
		repo_open(&r, ".", 0, "", d);
	if (error < 0)
		return error;
	if (wt) {
		if (!realpath(wt, abs) || stat(abs, &st) < 0 ||
		    !S_ISDIR(st.st_mode)) {
			error = diag_set(d, CV_EUSAGE, "GIT_WORK_TREE '%s' is "
					 "not a directory", wt);
			goto fail;
		}
		if ((rc = g2.git_repository_set_workdir(r->repo, abs, 0)) < 0) {
			error = git_fail(d, rc, "cannot use the work tree",
					 abs);
			goto fail;
		}
	}
	/* libgit2 1.5 takes the common directory only from the git
	 * directory's `commondir` file.  One that agrees is honoured by
	 * construction; reading objects and refs from anywhere else would
	 * audit another repository's history, so that is refused. */
	if (common && !same_dir(common, g2.git_repository_commondir(r->repo))) {
		error = diag_set(d, CV_EUSAGE, "GIT_COMMON_DIR '%s' is not the "
				 "common directory of '%s' ('%s'): ccveto "
				 "cannot read a repository split that way",
				 common, gitrepo_gitdir(r),
				 g2.git_repository_commondir(r->repo));
		goto fail;
	}
	/* Relative to the current directory, which git sets to the top of
	 * the work tree before it runs a hook. */
	if (index && !(r->index_file = strdup(index))) {
		error = diag_nomem(d);
		goto fail;
	}
	*out = r;
	return 0;
fail:
	gitrepo_free(r);
	return error;
}

int gitrepo_adopt_env_index(struct gitrepo *r, struct diag *d)
{
	struct gitrepo *env = NULL;
	struct diag ed = { 0, "" };
	int error = 0;

	if (!git_env("GIT_INDEX_FILE") || r->index_file)
		return 0;
	/* Not a repository here, or not this one: the variable describes
	 * another repository's index. */
	if (gitrepo_open_env(&env, &ed) < 0)
		return 0;
	if (same_dir(gitrepo_gitdir(env), gitrepo_gitdir(r)) &&
	    !(r->index_file = strdup(env->index_file)))
		error = diag_nomem(d);
	gitrepo_free(env);
	return error;
}

void gitrepo_free(struct gitrepo *r)
{
	if (!r)
		return;
	g2.git_repository_free(r->repo);
	free(r->index_file);
	free(r);
	g2.git_libgit2_shutdown();
}

bool gitrepo_is_bare(const struct gitrepo *r)
{
	return g2.git_repository_is_bare(r->repo) == 1;
}

const char *gitrepo_workdir(const struct gitrepo *r)
{
	return g2.git_repository_workdir(r->repo);
}

const char *gitrepo_gitdir(const struct gitrepo *r)
{
	return g2.git_repository_path(r->repo);
}

static enum source_type mode_type(unsigned mode)
{
	switch (mode) {
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		return SOURCE_FILE;
	case GIT_FILEMODE_TREE:
		return SOURCE_DIR;
	case GIT_FILEMODE_LINK:
		return SOURCE_LINK;
	default:
		return SOURCE_OTHER;	/* submodule (gitlink) */
	}
}

/* Reads blob `id` into out, refusing more than max bytes. */
static int read_blob(struct buf *out, git_repository *repo,
		     const git_oid *id, const char *path, size_t max,
		     struct diag *d)
{
	git_blob *blob = NULL;
	git_object_size_t size;
	int rc, error;

	if ((rc = g2.git_blob_lookup(&blob, repo, id)) < 0)
		return git_fail(d, rc, "cannot read", path);
	size = g2.git_blob_rawsize(blob);
	if (size > (git_object_size_t)max) {
		error = diag_set(d, CV_ETOOBIG, "'%s' is too large (%llu "
				 "bytes)", path, (unsigned long long)size);
		goto done;
	}
	error = buf_put(out, g2.git_blob_rawcontent(blob), (size_t)size);
	if (error < 0)
		diag_set(d, error, "out of memory");
done:
	g2.git_blob_free(blob);
	return error;
}

static bool has_dir_prefix(const char *path, const char *dir, size_t dl)
{
	return !dl || (!strncmp(path, dir, dl) && path[dl] == '/');
}

/* ---- the index: `audit --staged` ---- */

struct ientry {
	char *path;
	git_oid id;
	unsigned mode;
};

struct isrc {
	struct source src;
	git_repository *repo;	/* borrowed */
	struct ientry *v;	/* sorted by path, one per path */
	size_t n;
};

static int ientry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ientry *)a)->path,
		      ((const struct ientry *)b)->path);
}

/* First entry with path >= key. */
static size_t isrc_lower(const struct isrc *s, const char *key)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(s->v[mid].path, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct ientry *isrc_find(const struct isrc *s, const char *p)
{
	size_t i = isrc_lower(s, p);

	return i < s->n && !strcmp(s->v[i].path, p) ? &s->v[i] : NULL;
}

static bool isrc_is_dir(const struct isrc *s, const char *dir)
{
	size_t dl = strlen(dir), i;

	if (!dl)
		return true;
	/* Entries under "dir/" sort after "dir/" and before "dir0". */
	i = isrc_lower(s, dir);
	for (; i < s->n && !strncmp(s->v[i].path, dir, dl); i++)
		if (s->v[i].path[dl] == '/')
			return true;
		else if (s->v[i].path[dl] > '/')
			break;
	return false;
}

static int isrc_list_dir(struct source *src, const char *dir,
			 source_dir_fn fn, void *arg, struct diag *d)
{
	struct isrc *s = src->impl;
	size_t dl = strlen(dir), i, last_len = 0;
	const char *last = NULL;
	char *name = NULL;
	int error = 0;

	if (!isrc_is_dir(s, dir))
		return diag_set(d, CV_ENOTFOUND, "no directory '%s' in the "
				"index", dir);
	for (i = dl ? isrc_lower(s, dir) : 0; i < s->n; i++) {
		const char *p = s->v[i].path, *rest, *slash;
		size_t len;

		if (dl && strncmp(p, dir, dl))
			break;
		if (!has_dir_prefix(p, dir, dl))
			continue;	/* "dir.x" between "dir" and "dir/" */
		rest = dl ? p + dl + 1 : p;
		slash = strchr(rest, '/');
		len = slash ? (size_t)(slash - rest) : strlen(rest);
		if (slash && last && last_len == len &&
		    !strncmp(last, rest, len))
			continue;	/* same subdirectory, already sent */
		free(name);
		if (!(name = strndup(rest, len))) {
			error = diag_nomem(d);
			break;
		}
		if (slash) {
			last = rest;
			last_len = len;
		}
		if ((error = fn(arg, name, slash ? SOURCE_DIR :
				mode_type(s->v[i].mode))) < 0)
			break;
	}
	free(name);
	return error;
}

static int isrc_read(struct source *src, struct buf *out, const char *path,
		     size_t max, struct diag *d)
{
	struct isrc *s = src->impl;
	const struct ientry *e = isrc_find(s, path);

	if (!e)
		return diag_set(d, CV_ENOTFOUND, "'%s' is not in the index",
				path);
	if (mode_type(e->mode) != SOURCE_FILE)
		return diag_set(d, CV_EINVAL, "'%s' is not a regular file in "
				"the index", path);
	return read_blob(out, s->repo, &e->id, path, max, d);
}

static int isrc_stat(struct source *src, enum source_type *type,
		     const char *path, struct diag *d)
{
	struct isrc *s = src->impl;
	const struct ientry *e = isrc_find(s, path);

	if (e) {
		*type = mode_type(e->mode);
		return 0;
	}
	if (isrc_is_dir(s, path)) {
		*type = SOURCE_DIR;
		return 0;
	}
	return diag_set(d, CV_ENOTFOUND, "'%s' is not in the index", path);
}

static void isrc_free(struct source *src)
{
	struct isrc *s = src->impl;
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].path);
	free(s->v);
	free(s);
}

static const struct source_ops isrc_ops = {
	isrc_list_dir, isrc_read, isrc_stat, isrc_free,
};

/* The index a commit would be made from: $GIT_INDEX_FILE or the git
 * directory's `index`.  libgit2 opens it with a blocking open(), so a
 * FIFO there would hang the audit forever: it is opened here first,
 * non-blocking, and must be a regular file; libgit2 then reads that very
 * file through /proc/self/fd, so it cannot be swapped in between. */
static int index_open(git_index **out, struct gitrepo *r, struct diag *d)
{
	char def[PATH_MAX], fdpath[64];
	const char *path = r->index_file;
	struct stat st;
	int fd, rc, error = 0;

	*out = NULL;
	if (!path) {
		if (snprintf(def, sizeof(def), "%sindex", gitrepo_gitdir(r)) >=
		    (int)sizeof(def))
			return diag_set(d, CV_ETOOBIG, "the index path of '%s' "
					"is too long", gitrepo_gitdir(r));
		path = def;
	}
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY |
		       O_CLOEXEC)) < 0) {
		/* No index yet: nothing is staged, as for git. */
		if (errno == ENOENT)
			return (rc = g2.git_index_new(out)) < 0 ?
				git_fail(d, rc, "cannot read the index", path) :
				0;
		return diag_set(d, CV_EIO, "cannot read the index '%s': %s",
				path, strerror(errno));
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		error = diag_set(d, CV_EINVAL, "the index '%s' is not a "
				 "regular file: not read", path);
		goto done;
	}
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
	if ((rc = g2.git_index_open(out, access(fdpath, R_OK) == 0 ?
				    fdpath : path)) < 0)
		error = git_fail(d, rc, "cannot read the index", path);
done:
	close(fd);
	return error;
}

int gitrepo_source_index(struct source **out, struct gitrepo *r,
			 struct diag *d)
{
	git_index *idx = NULL;
	struct isrc *s = NULL;
	size_t n, i, k;
	int error = 0;

	*out = NULL;
	if (gitrepo_is_bare(r))
		return diag_set(d, CV_EUSAGE, "'%s' is a bare repository: "
				"nothing is staged (use --rev)",
				gitrepo_gitdir(r));
	if ((error = index_open(&idx, r, d)) < 0)
		return error;
	n = g2.git_index_entrycount(idx);
	if (!(s = calloc(1, sizeof(*s))) ||
	    (n && !(s->v = calloc(n, sizeof(*s->v))))) {
		error = diag_nomem(d);
		goto done;
	}
	s->repo = r->repo;
	for (i = 0; i < n; i++) {
		const git_index_entry *e = g2.git_index_get_byindex(idx, i);
		int stage;

		if (!e || !e->path)
			continue;
		/* Stage 0 is what will be committed; in a conflict keep
		 * "ours" (stage 2), the version the user resolves from. */
		stage = GIT_INDEX_ENTRY_STAGE(e);
		if (stage != 0 && stage != 2)
			continue;
		if (!(s->v[s->n].path = strdup(e->path))) {
			error = diag_nomem(d);
			goto done;
		}
		s->v[s->n].id = e->id;
		s->v[s->n].mode = e->mode;
		s->n++;
	}
	if (s->n > 1)	/* qsort(NULL, 0, ...) is undefined */
		qsort(s->v, s->n, sizeof(*s->v), ientry_cmp);
	/* One entry per path (stage 0 and 2 cannot both exist, but a
	 * corrupt index could say so). */
	for (i = k = 0; i < s->n; i++) {
		if (k && !strcmp(s->v[k - 1].path, s->v[i].path)) {
			free(s->v[i].path);
			continue;
		}
		s->v[k++] = s->v[i];
	}
	s->n = k;
	s->src.ops = &isrc_ops;
	s->src.label = "index";
	s->src.root = NULL;
	s->src.impl = s;
	*out = &s->src;
	s = NULL;
done:
	if (s)
		isrc_free(&s->src);
	g2.git_index_free(idx);
	return error;
}

int gitrepo_is_tracked(bool *out, struct gitrepo *r, const char *path,
		       struct diag *d)
{
	struct source *src = NULL;
	int error;

	*out = false;
	if (gitrepo_is_bare(r))
		return 0;
	if ((error = gitrepo_source_index(&src, r, d)) < 0)
		return error;
	*out = isrc_find(src->impl, path) != NULL;
	source_free(src);
	return 0;
}

/* ---- a commit's tree: `audit --rev REV` ---- */

struct tsrc {
	struct source src;
	git_repository *repo;	/* borrowed */
	git_tree *root;
	char label[160];
};

static bool honest_name(const char *name)
{
	return *name && strcmp(name, ".") && strcmp(name, "..") &&
		!strchr(name, '/');
}

/* The tree at `dir` ("" = root): *out is root itself or a new tree that
 * the caller frees (*owned). */
static int tsrc_tree(git_tree **out, bool *owned, struct tsrc *s,
		     const char *dir, struct diag *d)
{
	git_tree_entry *e = NULL;
	int rc, error = 0;

	*owned = false;
	if (!*dir) {
		*out = s->root;
		return 0;
	}
	if ((rc = g2.git_tree_entry_bypath(&e, s->root, dir)) < 0)
		return diag_set(d, CV_ENOTFOUND, "no directory '%s' in %s",
				dir, s->label);
	if (g2.git_tree_entry_filemode(e) != GIT_FILEMODE_TREE)
		error = diag_set(d, CV_ENOTFOUND, "'%s' is not a directory "
				 "in %s", dir, s->label);
	else if ((rc = g2.git_tree_lookup(out, s->repo,
					  g2.git_tree_entry_id(e))) < 0)
		error = git_fail(d, rc, "cannot read tree", dir);
	else
		*owned = true;
	g2.git_tree_entry_free(e);
	return error;
}

static int tsrc_list_dir(struct source *src, const char *dir,
			 source_dir_fn fn, void *arg, struct diag *d)
{
	struct tsrc *s = src->impl;
	git_tree *tree = NULL;
	bool owned;
	size_t n, i;
	int error;

	if ((error = tsrc_tree(&tree, &owned, s, dir, d)) < 0)
		return error;
	n = g2.git_tree_entrycount(tree);
	for (i = 0; i < n && !error; i++) {
		const git_tree_entry *e = g2.git_tree_entry_byindex(tree, i);
		const char *name = e ? g2.git_tree_entry_name(e) : NULL;

		if (!name || !honest_name(name))
			continue;
		error = fn(arg, name,
			   mode_type(g2.git_tree_entry_filemode(e)));
	}
	if (owned)
		g2.git_tree_free(tree);
	return error;
}

static int tsrc_entry(git_tree_entry **e, struct tsrc *s, const char *path,
		      struct diag *d)
{
	if (!*path || g2.git_tree_entry_bypath(e, s->root, path) < 0)
		return diag_set(d, CV_ENOTFOUND, "'%s' is not in %s", path,
				s->label);
	return 0;
}

static int tsrc_read(struct source *src, struct buf *out, const char *path,
		     size_t max, struct diag *d)
{
	struct tsrc *s = src->impl;
	git_tree_entry *e = NULL;
	int error;

	if ((error = tsrc_entry(&e, s, path, d)) < 0)
		return error;
	if (mode_type(g2.git_tree_entry_filemode(e)) != SOURCE_FILE)
		error = diag_set(d, CV_EINVAL, "'%s' is not a regular file "
				 "in %s", path, s->label);
	else
		error = read_blob(out, s->repo, g2.git_tree_entry_id(e), path,
				  max, d);
	g2.git_tree_entry_free(e);
	return error;
}

static int tsrc_stat(struct source *src, enum source_type *type,
		     const char *path, struct diag *d)
{
	struct tsrc *s = src->impl;
	git_tree_entry *e = NULL;
	int error;

	if (!*path) {
		*type = SOURCE_DIR;
		return 0;
	}
	if ((error = tsrc_entry(&e, s, path, d)) < 0)
		return error;
	*type = mode_type(g2.git_tree_entry_filemode(e));
	g2.git_tree_entry_free(e);
	return 0;
}

static void tsrc_free(struct source *src)
{
	struct tsrc *s = src->impl;

	g2.git_tree_free(s->root);
	free(s);
}

static const struct source_ops tsrc_ops = {
	tsrc_list_dir, tsrc_read, tsrc_stat, tsrc_free,
};

int gitrepo_source_rev(struct source **out, struct gitrepo *r,
		       const char *rev, struct diag *d)
{
	git_object *obj = NULL, *commit = NULL;
	struct tsrc *s = NULL;
	char hex[8];
	int rc, error = 0;

	*out = NULL;
	if ((rc = g2.git_revparse_single(&obj, r->repo, rev)) < 0) {
		error = rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS ||
			rc == GIT_EINVALIDSPEC ?
			diag_set(d, CV_ENOTFOUND, "unknown revision '%s' in "
				 "'%s'", rev, gitrepo_gitdir(r)) :
			git_fail(d, rc, "cannot resolve revision", rev);
		goto done;
	}
	if ((rc = g2.git_object_peel(&commit, obj, GIT_OBJECT_COMMIT)) < 0) {
		error = diag_set(d, CV_EINVAL, "'%s' is not a commit", rev);
		goto done;
	}
	if (!(s = calloc(1, sizeof(*s)))) {
		error = diag_nomem(d);
		goto done;
	}
	s->repo = r->repo;
	if ((rc = g2.git_commit_tree(&s->root, (git_commit *)commit)) < 0) {
		error = git_fail(d, rc, "cannot read the tree of", rev);
		goto done;
	}
	g2.git_oid_tostr(hex, sizeof(hex), g2.git_object_id(commit));
	snprintf(s->label, sizeof(s->label), "commit %s (%.100s)", hex, rev);
	s->src.ops = &tsrc_ops;
	s->src.label = s->label;
	s->src.root = NULL;
	s->src.impl = s;
	*out = &s->src;
	s = NULL;
done:
	if (s) {
		if (s->root)
			g2.git_tree_free(s->root);
		free(s);
	}
	g2.git_object_free(commit);
	g2.git_object_free(obj);
	return error;
}

/* ---- refs: `audit --all-refs` ---- */

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void gitrepo_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int gitrepo_list_refs(char ***names, size_t *n, struct gitrepo *r,
		      struct diag *d)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	char **v = NULL, **nv;
	size_t cnt = 0, cap = 0;
	int rc, error = 0;

	*names = NULL;
	*n = 0;
	if ((rc = g2.git_reference_iterator_new(&it, r->repo)) < 0)
		return git_fail(d, rc, "cannot list the refs of",
				gitrepo_gitdir(r));
	while ((rc = g2.git_reference_next(&ref, it)) == 0) {
		const char *name = g2.git_reference_name(ref);
		git_object *obj = NULL;

		if ((!strncmp(name, "refs/heads/", 11) ||
		     !strncmp(name, "refs/tags/", 10)) &&
		    g2.git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) == 0) {
			g2.git_object_free(obj);
			if (cnt == cap) {
				cap = cap ? cap * 2 : 16;
				if (!(nv = realloc(v, cap * sizeof(*v)))) {
					error = CV_ENOMEM;
					goto done;
				}
				v = nv;
			}
			if (!(v[cnt] = strdup(name))) {
				error = CV_ENOMEM;
				goto done;
			}
			cnt++;
		}
		g2.git_reference_free(ref);
		ref = NULL;
	}
	if (rc != GIT_ITEROVER) {
		error = git_fail(d, rc, "cannot list the refs of",
				 gitrepo_gitdir(r));
		goto done;
	}
	if (cnt)
		qsort(v, cnt, sizeof(*v), name_cmp);
	*names = v;
	*n = cnt;
	v = NULL;
	cnt = 0;
done:
	if (error == CV_ENOMEM)
		diag_set(d, error, "out of memory");
	g2.git_reference_free(ref);
	g2.git_reference_iterator_free(it);
	gitrepo_names_free(v, cnt);
	return error;
}

/* ---- the hook: what would a destructive command lose? ---- */

/* The hook's question is answered by a helper the hook waits for: the
 * index libgit2 is about to read by path (blocking) must be a regular
 * file and of a size an honest repository below the entry limit has.  A
 * FIFO swapped in after this check is left to the helper's time bound. */
static int index_check(struct gitrepo *r, struct diag *d)
{
	char def[PATH_MAX];
	const char *path = r->index_file;
	struct stat st;
	int fd, error = 0;

	if (!path) {
		if (snprintf(def, sizeof(def), "%sindex", gitrepo_gitdir(r)) >=
		    (int)sizeof(def))
			return diag_set(d, CV_ETOOBIG, "the index path of '%s' "
					"is too long", gitrepo_gitdir(r));
		path = def;
	}
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY |
		       O_CLOEXEC)) < 0)
		return errno == ENOENT ? 0 : diag_set(d, CV_EIO, "cannot read "
				"the index '%s': %s", path, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		error = diag_set(d, CV_EINVAL, "the index '%s' is not a "
				 "regular file: not read", path);
	else if (st.st_size > (off_t)GITREPO_MAX_INDEX_BYTES)
		error = diag_set(d, CV_ETOOBIG, "the index '%s' has %lld "
				 "bytes: too large to compare in the hook",
				 path, (long long)st.st_size);
	close(fd);
	return error;
}

/* Ignored output a build makes again: removing it (git clean -x) costs
 * a rebuild, no work.  Matched against every component of the path. */
static const char *const regenerable[] = {
	"node_modules", "build", "dist", "out", "target", "coverage",
	"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".tox",
	".nox", ".next", ".nuxt", ".svelte-kit", ".parcel-cache", ".turbo",
	".gradle", ".cache", ".eggs", "*.egg-info", "*.pyc", "*.pyo", "*.o",
	"*.obj", "*.a", "*.so", "*.class", "*.log", ".DS_Store", NULL,
};

static bool regenerable_path(const char *path)
{
	char comp[256];
	const char *s = path, *e;
	const char *const *g;
	size_t n;

	while (*s) {
		e = s + strcspn(s, "/");
		n = (size_t)(e - s);
		if (n && n < sizeof(comp)) {
			memcpy(comp, s, n);
			comp[n] = '\0';
			for (g = regenerable; *g; g++)
				if (!fnmatch(*g, comp, 0))
					return true;
		}
		s = *e ? e + 1 : e;
	}
	return false;
}

int gitrepo_count_changes(size_t *count, const char *workdir,
			  unsigned flags, const char *const *paths,
			  size_t npaths, struct diag *d)
{
	struct gitrepo *r = NULL;
	git_status_list *list = NULL;
	git_status_options so;
	git_index *idx = NULL;
	unsigned want = 0;
	size_t n, i;
	int rc, error;

	*count = 0;
	if ((error = gitrepo_open(&r, workdir, d)) < 0)
		return error;
	if (gitrepo_is_bare(r)) {
		error = diag_set(d, CV_EINVAL, "'%s' has no work tree",
				 workdir);
		goto done;
	}
	if ((error = index_check(r, d)) < 0)
		goto done;
	if ((rc = g2.git_repository_index(&idx, r->repo)) < 0) {
		error = git_fail(d, rc, "cannot read the index of", workdir);
		goto done;
	}
	n = g2.git_index_entrycount(idx);
	g2.git_index_free(idx);
	if (n > GITREPO_MAX_STATUS_ENTRIES) {
		error = diag_set(d, CV_ETOOBIG, "'%s' tracks %zu files: too "
				 "many to compare in the hook", workdir, n);
		goto done;
	}
	memset(&so, 0, sizeof(so));
	so.version = GIT_STATUS_OPTIONS_VERSION;
	so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	/* No refresh written back: the hook must not modify the index. */
	so.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (flags & GITREPO_CHANGES_TRACKED)
		want |= GIT_STATUS_INDEX_NEW | GIT_STATUS_INDEX_MODIFIED |
			GIT_STATUS_INDEX_DELETED | GIT_STATUS_INDEX_RENAMED |
			GIT_STATUS_INDEX_TYPECHANGE;
	if (flags & (GITREPO_CHANGES_TRACKED | GITREPO_CHANGES_UNSTAGED))
		want |= GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_DELETED |
			GIT_STATUS_WT_RENAMED | GIT_STATUS_WT_TYPECHANGE;
	if (flags & GITREPO_CHANGES_UNTRACKED) {
		so.flags |= GIT_STATUS_OPT_INCLUDE_UNTRACKED |
			GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
		want |= GIT_STATUS_WT_NEW;
	}
	/* An ignored directory is one entry (not recursed: node_modules
	 * can hold 100,000 files), judged by its name. */
	if (flags & GITREPO_CHANGES_IGNORED) {
		so.flags |= GIT_STATUS_OPT_INCLUDE_IGNORED;
		want |= GIT_STATUS_IGNORED;
	}
	so.pathspec.strings = (char **)paths;
	so.pathspec.count = npaths;
	if ((rc = g2.git_status_list_new(&list, r->repo, &so)) < 0) {
		error = git_fail(d, rc, "cannot compare the work tree of",
				 workdir);
		goto done;
	}
	n = g2.git_status_list_entrycount(list);
	for (i = 0; i < n; i++) {
		const git_status_entry *e = g2.git_status_byindex(list, i);
		const git_diff_delta *wd;

		if (!e || !(e->status & want))
			continue;
		wd = e->index_to_workdir;
		if (e->status == GIT_STATUS_IGNORED && wd &&
		    wd->new_file.path && regenerable_path(wd->new_file.path))
			continue;
		(*count)++;
	}
done:
	g2.git_status_list_free(list);
	gitrepo_free(r);
	return error;
}
