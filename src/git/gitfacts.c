/* gitfacts.c - cheap git facts for the hook, read without libgit2.
 *
 * Security invariants (this file runs on every `git push` the hook sees,
 * inside repositories we do not trust):
 * - Files are only ever opened with O_NONBLOCK and read when fstat() says
 *   they are regular files, up to a fixed bound: a `.git` or HEAD that is
 *   a FIFO, a device or /dev/zero can neither block nor exhaust memory.
 * - HEAD is opened with O_NOFOLLOW: a symlinked HEAD (ancient git) is
 *   "unknown", never a surprise read of another file.
 * - The walk starts from realpath(cwd), as git's own discovery starts from
 *   the physical getcwd(), so a symlinked cwd finds the repository git
 *   would find.
 * - Nothing here executes anything, and unknown is reported as unknown
 *   (NULL / an error), never as "not protected" or "clean": the caller
 *   decides how to fail closed. */
#include "git/gitfacts.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "git/gitrepo.h"
#include "git/stake_exec.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/buf.h"
#include "util/safefile.h"


/* Reads a small regular file into a NUL-terminated heap string.  Returns
 * its length, or -1 when absent, not a regular file, too big or unreadable.
 * `nofollow` refuses a symlink as the last component.  safefile.c opens
 * it non-blocking and checks the type on the descriptor. */
static ssize_t read_small(char **out, const char *path, size_t max,
			  bool nofollow)
{
	struct buf b = BUF_INIT;

	*out = NULL;
	if (safefile_read(&b, path, max, nofollow ? SAFEFILE_NOFOLLOW : 0,
			  NULL) < 0 || !b.data) {
		buf_release(&b);
		return -1;
	}
	*out = b.data;
	return (ssize_t)b.len;
}

/* Joins dir and name with one '/' into buf of PATH_MAX; false if too long. */
static bool join(char *buf, const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);

	if (dl && dir[dl - 1] == '/')
		dl--;
	if (dl + 1 + nl + 1 > PATH_MAX)
		return false;
	memcpy(buf, dir, dl);
	buf[dl] = '/';
	memcpy(buf + dl + 1, name, nl + 1);
	return true;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Does dir look like a git directory (bare, or cwd inside .git)?  The
 * same three tests git's discovery makes. */
static bool looks_like_gitdir(const char *dir)
{
	char p[PATH_MAX];
	struct stat st;

	if (!join(p, dir, "HEAD") || lstat(p, &st) < 0 ||
	    !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)))
		return false;
	if (!join(p, dir, "objects") || !is_dir(p))
		return false;
	return join(p, dir, "refs") && is_dir(p);
}

/* Parses a `.git` file ("gitdir: <path>"), resolving a relative path
 * against the directory holding the file.  Result in out[PATH_MAX]. */
static bool parse_dotgit_file(char *out, const char *dotgit, const char *dir)
{
	static const char prefix[] = "gitdir:";
	char *data = NULL, *p, *end;
	ssize_t len;
	bool ok = false;

	if ((len = read_small(&data, dotgit, GITFACTS_MAX_DOTGIT, false)) < 0)
		return false;
	if (memchr(data, '\0', (size_t)len) ||
	    strncmp(data, prefix, sizeof(prefix) - 1))
		goto done;
	p = data + sizeof(prefix) - 1;
	while (*p == ' ' || *p == '\t')
		p++;
	end = p + strcspn(p, "\r\n");
	/* Only trailing whitespace may follow the first line. */
	if (end[strspn(end, " \t\r\n")] != '\0')
		goto done;
	*end = '\0';
	if (!*p)
		goto done;
	if (*p == '/') {
		if (strlen(p) >= PATH_MAX)
			goto done;
		strcpy(out, p);
		ok = true;
	} else {
		ok = join(out, dir, p);
	}
done:
	free(data);
	return ok;
}

int gitfacts_find_gitdir(char *gitdir, char *workdir, const char *cwd)
{
	char dir[PATH_MAX], p[PATH_MAX];
	const char *env;
	struct stat st;
	char *slash;

	if (!cwd || cwd[0] != '/' || !realpath(cwd, dir))
		return -1;
	/* GIT_DIR in the environment is what the tool call's git would
	 * use too (Claude Code passes its environment to Bash). */
	env = getenv("GIT_DIR");
	if (env && *env) {
		if (env[0] == '/') {
			if (strlen(env) >= PATH_MAX)
				return -1;
			strcpy(p, env);
		} else if (!join(p, dir, env)) {
			return -1;
		}
		if (!is_dir(p))
			return -1;
		strcpy(gitdir, p);
		if (workdir)
			workdir[0] = '\0';	/* GIT_WORK_TREE: unknown */
		return 0;
	}
	for (;;) {
		if (!join(p, dir, ".git"))
			return -1;
		if (stat(p, &st) == 0) {
			if (S_ISDIR(st.st_mode) && looks_like_gitdir(p)) {
				strcpy(gitdir, p);
				goto found;
			}
			if (S_ISREG(st.st_mode)) {
				if (!parse_dotgit_file(gitdir, p, dir) ||
				    !is_dir(gitdir))
					return -1;
				goto found;
			}
		}
		if (looks_like_gitdir(dir)) {
			/* A bare repository, or cwd inside a .git. */
			strcpy(gitdir, dir);
			if (workdir)
				workdir[0] = '\0';
			return 0;
		}
		if (!strcmp(dir, "/"))
			return -1;
		slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
found:
	if (workdir)
		strcpy(workdir, dir);
	return 0;
}

size_t gitfacts_local_remotes(const char **out, struct arena *a,
			      const char *cwd)
{
	char gitdir[PATH_MAX], workdir[PATH_MAX], p[PATH_MAX], *data = NULL;
	char *line, *next;
	bool in_remote = false;
	size_t n = 0;
	ssize_t len;

	if (gitfacts_find_gitdir(gitdir, workdir, cwd) < 0 ||
	    !join(p, gitdir, "config") ||
	    (len = read_small(&data, p, GITFACTS_MAX_CONFIG, false)) < 0)
		return 0;
	for (line = data; line && *line && n < GITFACTS_MAX_REMOTES;
	     line = next) {
		char *s = line, *v, *e;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '[') {
			in_remote = !strncmp(s, "[remote ", 8);
			continue;
		}
		if (!in_remote || strncmp(s, "url", 3))
			continue;
		v = s + 3;
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v++ != '=')
			continue;
		while (*v == ' ' || *v == '\t')
			v++;
		e = v + strcspn(v, "\r;#");
		while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		*e = '\0';
		if (v[0] == '"' && e > v + 1 && e[-1] == '"') {
			v++;
			e[-1] = '\0';
		}
		if (!strncmp(v, "file://", 7))
			v += 7;
		/* host:path and scheme://host are not local. */
		if (!*v || (v[0] != '/' && (strchr(v, ':') || v[0] == '~')))
			continue;
		if (v[0] != '/') {
			/* Relative to the work tree (or the git dir, bare). */
			if (!join(p, workdir[0] ? workdir : gitdir, v))
				continue;
			v = p;
		}
		if ((out[n] = arena_strdup(a, v)))
			n++;
	}
	free(data);
	return n;
}

static bool is_hex_oid(const char *s, size_t n)
{
	size_t i;

	if (n != 40 && n != 64)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

const char *gitfacts_current_branch(struct arena *a, const char *cwd)
{
	static const char heads[] = "ref: refs/heads/";
	char gitdir[PATH_MAX], p[PATH_MAX];
	const char *res = NULL;
	char *data = NULL;
	ssize_t len;
	size_t n;

	if (gitfacts_find_gitdir(gitdir, NULL, cwd) < 0 ||
	    !join(p, gitdir, "HEAD"))
		return NULL;
	if ((len = read_small(&data, p, GITFACTS_MAX_HEAD, true)) < 0)
		return NULL;
	if (memchr(data, '\0', (size_t)len))
		goto done;
	n = strcspn(data, "\r\n");
	if (data[n + strspn(data + n, " \t\r\n")] != '\0')
		goto done;		/* more than one line */
	data[n] = '\0';
	if (!strncmp(data, heads, sizeof(heads) - 1)) {
		const char *name = data + sizeof(heads) - 1;

		/* reftable repositories write this placeholder and keep the
		 * real HEAD elsewhere: unknown, not a branch ".invalid". */
		if (*name && strcmp(name, ".invalid") != 0)
			res = arena_strdup(a, name);
	} else if (is_hex_oid(data, n)) {
		res = arena_strdup(a, "");	/* detached */
	}
done:
	free(data);
	return res;
}

/* The common directory of a (possibly linked-worktree) gitdir: where refs,
 * logs/refs/stash and objects live. */
static bool common_dir(char *out, const char *gitdir)
{
	char p[PATH_MAX], *data = NULL;
	ssize_t len;
	size_t n;
	bool ok;

	if (!join(p, gitdir, "commondir"))
		return false;
	if ((len = read_small(&data, p, GITFACTS_MAX_DOTGIT, false)) < 0) {
		strcpy(out, gitdir);
		return true;
	}
	n = strcspn(data, "\r\n");
	data[n] = '\0';
	if (!n || memchr(data, '\0', (size_t)len) != data + n) {
		ok = false;
	} else if (data[0] == '/') {
		ok = n < PATH_MAX;
		if (ok)
			strcpy(out, data);
	} else {
		ok = join(out, gitdir, data);
	}
	free(data);
	return ok;
}

static int stash_entries(size_t *count, const char *gitdir)
{
	char common[PATH_MAX], p[PATH_MAX], *data = NULL;
	ssize_t len, i;

	*count = 0;
	if (!common_dir(common, gitdir) || !join(p, common, "logs/refs/stash"))
		return CV_EIO;
	len = read_small(&data, p, GITFACTS_MAX_STASHLOG, true);
	if (len < 0) {
		/* No reflog: is there a stash ref at all?  A packed
		 * refs/stash without a reflog is one entry. */
		if (!join(p, common, "refs/stash"))
			return CV_EIO;
		if (access(p, F_OK) == 0)
			*count = 1;
		else if (errno != ENOENT)
			return CV_EIO;
		return 0;
	}
	for (i = 0; i < len; i++)
		if (data[i] == '\n')
			(*count)++;
	if (len && data[len - 1] != '\n')
		(*count)++;
	free(data);
	return 0;
}

/* The object id full ref `ref` (refs/..., or HEAD in gitdir) holds, into
 * oid (65 bytes), following one level of "ref: X"; false when not known. */
static bool ref_oid(char *oid, const char *gitdir, const char *common,
		    const char *ref, int depth)
{
	char p[PATH_MAX], *data = NULL, *at;
	ssize_t len;
	size_t n;
	bool ok = false;

	if (depth > 2 || !join(p, strcmp(ref, "HEAD") ? common : gitdir, ref))
		return false;
	if ((len = read_small(&data, p, GITFACTS_MAX_HEAD, true)) >= 0) {
		n = strcspn(data, "\r\n");
		data[n] = '\0';
		if (!strncmp(data, "ref: ", 5))
			ok = ref_oid(oid, gitdir, common, data + 5, depth + 1);
		else if ((ok = is_hex_oid(data, n)))
			memcpy(oid, data, n + 1);
		free(data);
		return ok;
	}
	if (!join(p, common, "packed-refs") ||
	    (len = read_small(&data, p, GITFACTS_MAX_PACKED, true)) < 0)
		return false;
	n = strlen(ref);
	for (at = data; (at = strstr(at, ref)); at++) {
		const char *line = at;

		while (line > data && line[-1] != '\n')
			line--;
		if (at - line >= 41 && at[-1] == ' ' &&
		    (at[n] == '\n' || at[n] == '\r' || !at[n]) &&
		    is_hex_oid(line, (size_t)(at - line - 1))) {
			memcpy(oid, line, (size_t)(at - line - 1));
			oid[at - line - 1] = '\0';
			ok = true;
			break;
		}
	}
	free(data);
	return ok;
}

int gitfacts_same_commit(const char *cwd, const char *a, const char *b)
{
	/* git's order for a plain name (gitrevisions(7)) */
	static const char *const dwim[][2] = { { "", "" }, { "refs/", "" },
		{ "refs/tags/", "" }, { "refs/heads/", "" },
		{ "refs/remotes/", "" }, { "refs/remotes/", "/HEAD" },
		{ NULL, NULL } };
	char gitdir[PATH_MAX], common[PATH_MAX], oid[2][72], ref[PATH_MAX];
	const char *name[2] = { a, b };
	size_t k, d;

	if (gitfacts_find_gitdir(gitdir, NULL, cwd) < 0 ||
	    !common_dir(common, gitdir))
		return -1;
	for (k = 0; k < 2; k++) {
		bool found = false;

		if (!strcmp(name[k], "@"))
			name[k] = "HEAD";
		/* ~, ^, @{...}, :path are revisions we cannot walk here */
		if (!*name[k] || strpbrk(name[k], "~^@{}:") ||
		    strstr(name[k], ".."))
			return -1;
		if (is_hex_oid(name[k], strlen(name[k]))) {
			strcpy(oid[k], name[k]);
			continue;
		}
		for (d = 0; !found && dwim[d][0]; d++) {
			int n = snprintf(ref, sizeof(ref), "%s%s%s", dwim[d][0],
					 name[k], dwim[d][1]);

			if (n < 0 || (size_t)n >= sizeof(ref))
				return -1;
			if (strcmp(ref, "HEAD") && strncmp(ref, "refs/", 5))
				continue;
			found = ref_oid(oid[k], gitdir, common, ref, 0);
		}
		if (!found)
			return -1;
	}
	return !strcmp(oid[0], oid[1]);
}

int gitfacts_branch_exists(const char *cwd, const char *name)
{
	char gitdir[PATH_MAX], common[PATH_MAX], p[PATH_MAX], want[PATH_MAX];
	char *data = NULL, *at;
	ssize_t len;
	int n, res = 0;

	if (!*name || strstr(name, "..") || gitfacts_find_gitdir(gitdir, NULL,
								 cwd) < 0 ||
	    !common_dir(common, gitdir))
		return -1;
	n = snprintf(want, sizeof(want), "refs/heads/%s", name);
	if (n < 0 || (size_t)n >= sizeof(want) || !join(p, common, want))
		return -1;
	if (access(p, F_OK) == 0)
		return 1;
	if (errno != ENOENT && errno != ENOTDIR)
		return -1;
	/* A reftable repository keeps refs elsewhere: not known here. */
	if (!join(p, common, "reftable") || access(p, F_OK) == 0)
		return -1;
	if (!join(p, common, "packed-refs"))
		return -1;
	len = read_small(&data, p, GITFACTS_MAX_PACKED, true);
	if (len < 0)
		return access(p, F_OK) == 0 || errno != ENOENT ? -1 : 0;
	/* Lines are "<oid> refs/heads/NAME". */
	for (at = data; (at = strstr(at, want)); at++) {
		size_t w = strlen(want);

		if (at > data && at[-1] == ' ' &&
		    (at[w] == '\n' || at[w] == '\r' || at[w] == '\0')) {
			res = 1;
			break;
		}
	}
	free(data);
	return res;
}

/* A pathspec given in `cwd` (physical) as one relative to the top of
 * `workdir`, folded lexically; "" is the whole tree.  NULL when it
 * leaves the work tree or uses magic we do not read. */
static char *top_relative(struct arena *a, const char *workdir,
			  const char *cwd, const char *spec)
{
	char buf[PATH_MAX * 2];
	size_t nw = strlen(workdir), n = 0;
	const char *s;

	if (strncmp(cwd, workdir, nw) || (cwd[nw] && cwd[nw] != '/'))
		return NULL;
	buf[0] = '\0';
	if (!strncmp(spec, ":/", 2)) {
		spec += 2;		/* from the top */
	} else if (spec[0] == ':') {
		return NULL;		/* other magic: unknown */
	} else if (spec[0] == '/') {
		if (strncmp(spec, workdir, nw) ||
		    (spec[nw] && spec[nw] != '/'))
			return NULL;
		spec += nw;
	} else if (cwd[nw]) {
		if (strlen(cwd + nw + 1) >= sizeof(buf))
			return NULL;
		strcpy(buf, cwd + nw + 1);
		n = strlen(buf);
	}
	for (s = spec; *s;) {
		size_t len = strcspn(s, "/");

		if (len == 0 || (len == 1 && s[0] == '.')) {
			/* "" or "." */
		} else if (len == 2 && s[0] == '.' && s[1] == '.') {
			if (n == 0)
				return NULL;	/* above the top */
			while (n > 0 && buf[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			buf[n] = '\0';
		} else {
			if (n + len + 2 >= sizeof(buf))
				return NULL;
			if (n)
				buf[n++] = '/';
			memcpy(buf + n, s, len);
			n += len;
			buf[n] = '\0';
		}
		s += len;
		if (*s == '/')
			s++;
	}
	return arena_strdup(a, buf);
}

int gitfacts_work_at_stake(size_t *count, const char **what,
			   struct arena *a, const char *cwd,
			   enum gitfacts_loss loss, const char *const *paths,
			   size_t npaths, struct diag *d)
{
	char gitdir[PATH_MAX], workdir[PATH_MAX], real[PATH_MAX];
	const char **specs = NULL;
	const char *noun;
	unsigned flags;
	size_t i, nspecs = 0;
	int error;

	*count = 0;
	if (what)
		*what = NULL;
	if (gitfacts_find_gitdir(gitdir, workdir, cwd) < 0)
		return diag_set(d, CV_ENOTFOUND,
				"'%s' is not inside a git repository",
				cwd ? cwd : "");
	switch (loss) {
	case GITFACTS_LOSS_STASH:
		if ((error = stash_entries(count, gitdir)) < 0)
			return diag_set(d, error, "cannot read the stash "
					"of '%s'", gitdir);
		noun = *count == 1 ? "stash entry" : "stash entries";
		goto phrase;
	case GITFACTS_LOSS_TRACKED:
		flags = GITREPO_CHANGES_TRACKED;
		noun = "uncommitted change";
		break;
	case GITFACTS_LOSS_UNSTAGED:
		flags = GITREPO_CHANGES_UNSTAGED;
		noun = "unstaged change";
		break;
	case GITFACTS_LOSS_UNTRACKED:
		flags = GITREPO_CHANGES_UNTRACKED;
		noun = "untracked file";
		break;
	case GITFACTS_LOSS_UNTRACKED_IGNORED:
		flags = GITREPO_CHANGES_UNTRACKED | GITREPO_CHANGES_IGNORED;
		noun = "untracked or ignored file";
		break;
	default:
		return diag_set(d, CV_EINVAL, "unknown kind of loss %d",
				(int)loss);
	}
	if (!workdir[0])
		return diag_set(d, CV_ENOTFOUND, "'%s' has no work tree",
				gitdir);
	if (npaths > CV_MAX_STAKE_PATHS)
		return diag_set(d, CV_ETOOBIG, "more than %d pathspecs",
				CV_MAX_STAKE_PATHS);
	if (npaths && !realpath(cwd, real))
		return diag_set(d, CV_ENOTFOUND, "cannot resolve '%s'", cwd);
	if (npaths && !(specs = arena_calloc(a, npaths, sizeof(*specs))))
		return diag_set(d, CV_ENOMEM, "out of memory");
	for (i = 0; i < npaths; i++) {
		char *t = top_relative(a, workdir, real, paths[i]);

		if (!t)
			return diag_set(d, CV_EINVAL, "pathspec '%s' is not "
					"one the hook can read", paths[i]);
		if (!*t) {
			nspecs = 0;	/* the whole tree */
			break;
		}
		specs[nspecs++] = t;
	}
	/* Only here, for the few destructive commands, is libgit2 loaded:
	 * see gitfacts.h for the measured cost. */
	if ((error = stake_exec_count(count, workdir, flags, specs, nspecs,
				      d)) < 0)
		return error;
phrase:
	if (what) {
		size_t n = strlen(noun) + 48;
		char *s = arena_alloc(a, n);

		if (!s)
			return diag_nomem(d);
		snprintf(s, n, "%zu %s%s", *count, noun,
			 *count == 1 || loss == GITFACTS_LOSS_STASH ? "" : "s");
		*what = s;
	}
	return 0;
}
