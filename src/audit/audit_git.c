/* audit_git.c - the auditor's git options and git-only checks, see
 * audit_git.h.  Security invariant: an untrusted repository is only read
 * (objects through gitrepo.c, a few small metadata files here); nothing
 * is checked out and nothing it configures runs. */
#include "audit/audit_git.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit/audit.h"
#include "audit/audit_int.h"
#include "git/gitrepo.h"
#include "git/source.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/buf.h"
#include "util/safefile.h"

#define NOMEM(d) diag_nomem((d))

bool audit_git_wanted(const struct audit_git_opts *go)
{
	return go->staged || go->rev || go->all_refs || go->repo;
}

static int add_source(struct audit_git *g, struct source *s, struct diag *d)
{
	struct source **v = realloc(g->srcs, (g->nsrc + 1) * sizeof(*v));

	if (!v) {
		source_free(s);
		return NOMEM(d);
	}
	g->srcs = v;
	g->srcs[g->nsrc++] = s;
	return 0;
}

/* A pseudo-file for findings about the repository itself (CC098), so
 * reports list them like any other file's. */
static int meta_file(struct audit_file **out, struct audit_result *r,
		     const char *path, struct diag *d)
{
	struct audit_file *f, **v;
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		if (!strcmp(r->files[i]->path, path)) {
			*out = r->files[i];
			return 0;
		}
	v = arena_grow(&r->arena, r->files, &r->filecap, sizeof(*v),
		       r->nfiles + 1);
	f = arena_calloc(&r->arena, 1, sizeof(*f));
	if (!v || !f)
		return NOMEM(d);
	r->files = v;
	f->path = f->rel = arena_strdup(&r->arena, path);
	if (!f->path)
		return NOMEM(d);
	f->source = "git";
	f->dir = "";
	f->kind = AK_UNKNOWN;
	f->scope = SCOPE_PROJECT;
	buf_init(&f->text);
	r->files[r->nfiles++] = f;
	*out = f;
	return 0;
}

static bool has_finding(const struct audit_result *r, const char *check,
			const char *path)
{
	size_t i;

	for (i = 0; i < r->findings.n; i++)
		if (!strcmp(r->findings.v[i].check->id, check) &&
		    !strcmp(r->findings.v[i].file, path))
			return true;
	return false;
}

static bool is_local_settings(const char *rel)
{
	static const char name[] = ".claude/settings.local.json";
	size_t n = strlen(rel), k = sizeof(name) - 1;

	return n >= k && !strcmp(rel + n - k, name) &&
		(n == k || rel[n - k - 1] == '/');
}

/* CC018 for files that come from the index or a commit: they are
 * committed (or about to be) by construction. */
static int check_tracked_in(struct audit_result *r, const char *label,
			    const struct audit_opts *opts, struct diag *d)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++) {
		struct audit_file *f = r->files[i];
		struct audit_ctx c = { r, f, opts, d, 0 };

		if (strcmp(f->source, label) || !is_local_settings(f->rel) ||
		    has_finding(r, "CC018", f->path))
			continue;
		audit_emit(&c, "CC018", -1, NULL, false, "'%s' is %s in "
			   "git: personal approvals travel to every clone",
			   f->rel, !strcmp(label, "index") ? "staged" :
			   "committed");
		if (c.error)
			return c.error;
	}
	return 0;
}

static int audit_one(struct audit_git *g, struct audit_result *r,
		     struct source *src, char **paths, size_t npaths,
		     const struct audit_opts *opts, struct diag *d)
{
	size_t i;
	int error;

	if ((error = add_source(g, src, d)) < 0)
		return error;
	if (!npaths)
		return audit_run(r, src, "", opts, d);
	for (i = 0; i < npaths; i++) {
		const char *p = paths[i];

		while (p[0] == '.' && p[1] == '/')
			p += 2;
		if (!strcmp(p, "."))
			p = "";
		if ((error = audit_run(r, src, p, opts, d)) < 0)
			return error;
	}
	return 0;
}

int audit_git_run(struct audit_git *g, struct audit_result *r,
		  const struct audit_git_opts *go, char **paths,
		  size_t npaths, const struct audit_opts *opts,
		  struct diag *d)
{
	struct source *src = NULL;
	char **refs = NULL;
	size_t nrefs = 0, i;
	int error;

	memset(g, 0, sizeof(*g));
	if (!!go->staged + !!go->rev + !!go->all_refs > 1)
		return diag_set(d, CV_EUSAGE, "--staged, --rev and --all-refs "
				"exclude each other");
	/* Without --repo, the repository git's environment describes: a
	 * pre-commit hook under `git commit -a` must audit the temporary
	 * index git is about to commit, not .git/index. */
	if (go->repo)
		error = gitrepo_open(&g->repo, go->repo, d);
	else
		error = gitrepo_open_env(&g->repo, d);
	if (error < 0 || (go->repo &&
			  (error = gitrepo_adopt_env_index(g->repo, d)) < 0))
		return error;
	if (go->all_refs) {
		if ((error = gitrepo_list_refs(&refs, &nrefs, g->repo,
					       d)) < 0)
			return error;
		if (nrefs > AUDIT_GIT_MAX_REFS) {
			error = diag_set(d, CV_ETOOBIG, "%zu branches and tags"
					 " (max %d): name them with --rev",
					 nrefs, AUDIT_GIT_MAX_REFS);
			goto done;
		}
		snprintf(g->label, sizeof(g->label), "%zu branch and tag "
			 "head%s", nrefs, nrefs == 1 ? "" : "s");
		for (i = 0; i < nrefs; i++) {
			const char *shortname = refs[i] + (strncmp(refs[i],
				"refs/heads/", 11) ? 5 : 11);
			char *root;

			if ((error = gitrepo_source_rev(&src, g->repo, refs[i],
							d)) < 0)
				goto done;
			/* Paths as "main:.claude/settings.json" would read
			 * best; the auditor joins root and path with '/'. */
			root = arena_alloc(&r->arena, strlen(shortname) + 2);
			if (!root) {
				source_free(src);
				error = NOMEM(d);
				goto done;
			}
			sprintf(root, "%s:", shortname);
			src->root = root;
			if ((error = audit_one(g, r, src, paths, npaths, opts,
					       d)) < 0 ||
			    (error = check_tracked_in(r, src->label, opts,
						      d)) < 0)
				goto done;
		}
		goto done;
	}
	if (go->rev || !go->staged) {
		const char *rev = go->rev ? go->rev : "HEAD";

		if ((error = gitrepo_source_rev(&src, g->repo, rev, d)) < 0)
			goto done;
	} else if ((error = gitrepo_source_index(&src, g->repo, d)) < 0) {
		goto done;
	}
	snprintf(g->label, sizeof(g->label), "%s", src->label);
	if ((error = audit_one(g, r, src, paths, npaths, opts, d)) < 0)
		goto done;
	error = check_tracked_in(r, src->label, opts, d);
done:
	gitrepo_names_free(refs, nrefs);
	return error;
}

void audit_git_release(struct audit_git *g)
{
	size_t i;

	for (i = 0; i < g->nsrc; i++)
		source_free(g->srcs[i]);
	free(g->srcs);
	gitrepo_free(g->repo);
	memset(g, 0, sizeof(*g));
}

/* ---- checks on a work tree ---- */

/* Reads the first line of a small regular file ("gitdir: x", a commondir
 * path) into a heap string without its newline; NULL if unreadable. */
static char *first_line(const char *path)
{
	struct buf b = BUF_INIT;
	char *s = NULL;

	if (safefile_read(&b, path, PATH_MAX + 64, SAFEFILE_NOFOLLOW,
			  NULL) < 0)
		goto done;
	if (memchr(b.data, '\0', b.len))
		goto done;
	b.data[strcspn(b.data, "\r\n")] = '\0';
	s = strdup(b.data);
done:
	buf_release(&b);
	return s;
}

/* realpath of `p` taken relative to `base` unless absolute. */
static char *resolve(const char *base, const char *p)
{
	char tmp[PATH_MAX * 2 + 2];

	if (p[0] == '/')
		return realpath(p, NULL);
	if (snprintf(tmp, sizeof(tmp), "%s/%s", base, p) >= (int)sizeof(tmp))
		return NULL;
	return realpath(tmp, NULL);
}

static bool inside(const char *root, const char *p)
{
	size_t n = strlen(root);

	return !strncmp(p, root, n) && (p[n] == '/' || p[n] == '\0');
}

/* Is `target` (a resolved gitdir outside the checkout `root`) an honest
 * linked worktree or submodule git directory that belongs to it? */
static bool honest_pointer(const char *root, const char *target)
{
	char p[PATH_MAX + 16], *back, *res = NULL, *dotgit = NULL;
	const char *mod;
	bool ok = false;

	/* Linked worktree: <common>/worktrees/<id>/gitdir points back at
	 * <root>/.git. */
	if (snprintf(p, sizeof(p), "%s/gitdir", target) < (int)sizeof(p) &&
	    (back = first_line(p))) {
		res = resolve(target, back);
		free(back);
		if (res && snprintf(p, sizeof(p), "%s/.git", root) <
		    (int)sizeof(p) && (dotgit = realpath(p, NULL)))
			ok = !strcmp(res, dotgit);
		free(res);
		free(dotgit);
		if (ok)
			return true;
	}
	/* Submodule: <super>/.git/modules/<name>, with the checkout inside
	 * <super>. */
	if ((mod = strstr(target, "/.git/modules/"))) {
		size_t n = (size_t)(mod - target);

		return !strncmp(root, target, n) && root[n] == '/';
	}
	return false;
}

static int emit_meta(struct audit_result *r, const char *dir,
		     const char *name, const struct audit_opts *opts,
		     struct diag *d, const char *msg)
{
	struct audit_file *f = NULL;
	char path[PATH_MAX + 32];
	int error;

	if (!strcmp(dir, ".") || !*dir)
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "%s%s%s", dir,
			 dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	if ((error = meta_file(&f, r, path, d)) < 0)
		return error;
	{
		struct audit_ctx c = { r, f, opts, d, 0 };

		audit_emit(&c, "CC098", -1, NULL, false, "%s", msg);
		return c.error;
	}
}

static int check_pointers(struct audit_result *r, const char *dir,
			  const struct audit_opts *opts, struct diag *d)
{
	char p[PATH_MAX + 16], *root = NULL, *line = NULL, *target = NULL;
	char msg[400];
	struct stat st;
	int error = 0;

	if (!(root = realpath(dir, NULL)))
		return 0;
	if (snprintf(p, sizeof(p), "%s/.git", root) >= (int)sizeof(p) ||
	    lstat(p, &st) < 0)
		goto done;
	if (S_ISDIR(st.st_mode)) {
		/* A checkout's own .git never has a commondir: only linked
		 * worktrees' git directories do (CVE-2026-40068). */
		snprintf(p, sizeof(p), "%s/.git/commondir", root);
		if (!(line = first_line(p)))
			goto done;
		snprintf(p, sizeof(p), "%s/.git", root);
		target = resolve(p, line);
		if (!target || !inside(root, target)) {
			snprintf(msg, sizeof(msg), "'.git/commondir' points "
				 "to '%.*s'%s: this checkout borrows another "
				 "repository's refs, config and trust", 200,
				 line, target ? "" : " (missing)");
			error = emit_meta(r, dir, ".git/commondir", opts, d,
					  msg);
		}
	} else if (S_ISREG(st.st_mode)) {
		if (!(line = first_line(p)) || strncmp(line, "gitdir:", 7))
			goto done;
		{
			const char *g = line + 7;

			while (*g == ' ')
				g++;
			target = resolve(root, g);
			if (target && (inside(root, target) ||
				       honest_pointer(root, target)))
				goto done;
			snprintf(msg, sizeof(msg), "'.git' points to '%.*s'%s,"
				 " outside the checkout, and that directory "
				 "does not point back to it", 200, g,
				 target ? "" : " (missing)");
			error = emit_meta(r, dir, ".git", opts, d, msg);
		}
	}
done:
	free(root);
	free(line);
	free(target);
	return error;
}

/* Did f come from the work-tree source rooted at dir? */
static bool from_dir(const struct audit_file *f, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(f->source, "worktree"))
		return false;
	if (!strcmp(dir, "."))
		return f->path == f->rel || !strcmp(f->path, f->rel);
	return !strncmp(f->path, dir, n);
}

/* CC018 for a work tree: is an audited settings.local.json tracked? */
static int check_tracked_worktree(struct audit_result *r, const char *dir,
				  const struct audit_opts *opts,
				  struct diag *d)
{
	struct gitrepo *repo = NULL;
	struct diag ld = { 0, "" };
	const char *wd;
	size_t i;
	int error = 0;

	for (i = 0; i < r->nfiles; i++)
		if (is_local_settings(r->files[i]->rel) &&
		    !has_finding(r, "CC018", r->files[i]->path))
			break;
	if (i == r->nfiles)
		return 0;
	/* No libgit2 or no repository: this check needs both. */
	if (gitrepo_open(&repo, dir, &ld) < 0 || gitrepo_is_bare(repo) ||
	    !(wd = gitrepo_workdir(repo)))
		goto done;
	for (; i < r->nfiles; i++) {
		struct audit_file *f = r->files[i];
		char p[PATH_MAX * 2 + 2], *res;
		size_t wl = strlen(wd);
		bool tracked = false;

		if (!is_local_settings(f->rel) ||
		    has_finding(r, "CC018", f->path) ||
		    !from_dir(f, dir))
			continue;
		if (snprintf(p, sizeof(p), "%s/%s", dir, f->rel) >=
		    (int)sizeof(p) || !(res = realpath(p, NULL)))
			continue;
		/* workdir ends with '/'. */
		if (!strncmp(res, wd, wl) &&
		    gitrepo_is_tracked(&tracked, repo, res + wl, &ld) == 0 &&
		    tracked) {
			struct audit_ctx c = { r, f, opts, d, 0 };

			audit_emit(&c, "CC018", -1, NULL, false, "'%s' is "
				   "tracked by git: personal approvals travel "
				   "to every clone", res + wl);
			error = c.error;
		}
		free(res);
		if (error)
			break;
	}
done:
	gitrepo_free(repo);
	return error;
}

int audit_git_worktree_checks(struct audit_result *r, const char *dir,
			      const struct audit_opts *opts, struct diag *d)
{
	int error;

	if ((error = check_pointers(r, dir, opts, d)) < 0)
		return error;
	return check_tracked_worktree(r, dir, opts, d);
}
