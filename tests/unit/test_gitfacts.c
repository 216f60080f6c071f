/* test_gitfacts.c - current branch and git directory discovery on
 * hand-made repositories: a .git directory, a `.git` file (relative and
 * absolute), a linked worktree, a bare repository, detached and hostile
 * HEADs, and a FIFO that must not block. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/arena.h"
#include "git/gitfacts.h"
#include "tap.h"

static char top[256];

static void put(const char *rel, const char *text)
{
	char p[PATH_MAX];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", top, rel);
	f = fopen(p, "w");
	if (!f) {
		perror(p);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

static void mkd(const char *rel)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", top, rel);
	if (mkdir(p, 0755) < 0) {
		perror(p);
		exit(2);
	}
}

/* A minimal git directory: HEAD, objects/, refs/. */
static void gitdir(const char *rel, const char *head)
{
	char p[PATH_MAX];

	mkd(rel);
	snprintf(p, sizeof(p), "%s/objects", rel);
	mkd(p);
	snprintf(p, sizeof(p), "%s/refs", rel);
	mkd(p);
	snprintf(p, sizeof(p), "%s/HEAD", rel);
	put(p, head);
}

static const char *branch(struct arena *a, const char *rel)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", top, rel);
	return gitfacts_current_branch(a, p);
}

static int is(const char *got, const char *want)
{
	if (!got || !want)
		return got == want;
	return !strcmp(got, want);
}

/* Runs a shell command in `top` (git CLI to build real repositories). */
static int sh(const char *cmd)
{
	char c[1024];

	snprintf(c, sizeof(c), "cd '%s' && { %s; } >/dev/null 2>&1", top,
		 cmd);
	return system(c);
}

static size_t stake_in(struct arena *a, const char *rel,
		       enum gitfacts_loss l, int *rc, const char **what,
		       const char *const *paths, size_t npaths)
{
	char p[PATH_MAX];
	struct diag d = { 0, "" };
	size_t n = 99;

	snprintf(p, sizeof(p), "%s/%s", top, rel);
	*rc = gitfacts_work_at_stake(&n, what, a, p, l, paths, npaths, &d);
	return n;
}

static size_t stake(struct arena *a, const char *rel, enum gitfacts_loss l,
		    int *rc, const char **what)
{
	return stake_in(a, rel, l, rc, what, NULL, 0);
}

/* One pathspec. */
static size_t stake1(struct arena *a, const char *rel, enum gitfacts_loss l,
		     int *rc, const char *spec)
{
	const char *v[1];

	v[0] = spec;
	return stake_in(a, rel, l, rc, NULL, v, 1);
}

/* gitfacts_work_at_stake on repositories made by git itself. */
static void test_work_at_stake(struct arena *a)
{
	const char *what = NULL;
	int rc;
	size_t n;

	setenv("HOME", top, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	if (sh("git init -q -b main g && cd g && "
	       "git config user.name t && git config user.email t@e && "
	       "echo 1 > a && echo 1 > b && mkdir d && echo 1 > d/c && "
	       "printf 'ign\\nnode_modules/\\n*.log\\n' > .gitignore && "
	       "git add . && git commit -q -m one") != 0) {
		ok(1, "# SKIP git CLI not available");
		return;
	}
	n = stake(a, "g", GITFACTS_LOSS_TRACKED, &rc, &what);
	ok(rc == 0 && n == 0, "clean tree: nothing tracked at stake (%d, %zu)",
	   rc, n);
	ok(what && !strcmp(what, "0 uncommitted changes"), "phrase '%s'",
	   what ? what : "(null)");
	n = stake(a, "g/d", GITFACTS_LOSS_UNTRACKED, &rc, NULL);
	ok(rc == 0 && n == 0, "clean tree: nothing untracked (subdir)");
	n = stake(a, "g", GITFACTS_LOSS_STASH, &rc, NULL);
	ok(rc == 0 && n == 0, "no stash");

	sh("cd g && echo 2 > a && echo 2 > d/c && echo 2 > b && git add b");
	n = stake(a, "g", GITFACTS_LOSS_TRACKED, &rc, &what);
	ok(rc == 0 && n == 3, "reset --hard loses 3 files (got %zu)", n);
	ok(what && !strcmp(what, "3 uncommitted changes"), "phrase '%s'",
	   what ? what : "(null)");
	n = stake(a, "g", GITFACTS_LOSS_UNSTAGED, &rc, NULL);
	ok(rc == 0 && n == 2, "checkout -- . loses 2 unstaged (got %zu)", n);
	/* Pathspecs, relative to the command's directory. */
	n = stake1(a, "g", GITFACTS_LOSS_UNSTAGED, &rc, "a");
	ok(rc == 0 && n == 1, "checkout -- a: 1 (got %zu)", n);
	n = stake1(a, "g", GITFACTS_LOSS_UNSTAGED, &rc, "b");
	ok(rc == 0 && n == 0, "checkout -- b: only staged, 0 (got %zu)", n);
	n = stake1(a, "g", GITFACTS_LOSS_TRACKED, &rc, "b");
	ok(rc == 0 && n == 1, "checkout HEAD -- b: 1 (got %zu)", n);
	n = stake1(a, "g", GITFACTS_LOSS_UNSTAGED, &rc, "nope");
	ok(rc == 0 && n == 0, "checkout -- nope: 0 (got %zu)", n);
	n = stake1(a, "g/d", GITFACTS_LOSS_UNSTAGED, &rc, "c");
	ok(rc == 0 && n == 1, "in d: checkout -- c (got %zu)", n);
	n = stake1(a, "g/d", GITFACTS_LOSS_UNSTAGED, &rc, ".");
	ok(rc == 0 && n == 1, "in d: checkout -- . is d only (got %zu)", n);
	n = stake1(a, "g/d", GITFACTS_LOSS_UNSTAGED, &rc, "../a");
	ok(rc == 0 && n == 1, "in d: checkout -- ../a (got %zu)", n);
	n = stake1(a, "g/d", GITFACTS_LOSS_UNSTAGED, &rc, ":/");
	ok(rc == 0 && n == 2, "in d: checkout -- :/ is the top (got %zu)", n);
	n = stake1(a, "g", GITFACTS_LOSS_UNSTAGED, &rc, "d");
	ok(rc == 0 && n == 1, "checkout -- d: the directory (got %zu)", n);
	n = stake1(a, "g", GITFACTS_LOSS_UNSTAGED, &rc, "*.nothing");
	ok(rc == 0 && n == 0, "a glob that matches nothing (got %zu)", n);
	n = stake1(a, "g", GITFACTS_LOSS_UNSTAGED, &rc, "../x");
	ok(rc < 0, "a pathspec above the top is unknown (%d)", rc);
	n = stake1(a, "g", GITFACTS_LOSS_UNSTAGED, &rc, ":(exclude)a");
	ok(rc < 0, "pathspec magic is unknown (%d)", rc);

	sh("cd g && echo x > new1 && mkdir -p nd/e && echo x > nd/e/new2 && "
	   "echo x > ign && mkdir -p node_modules/m && echo x > "
	   "node_modules/m/i.js && echo x > npm-debug.log");
	n = stake(a, "g", GITFACTS_LOSS_UNTRACKED, &rc, &what);
	ok(rc == 0 && n == 2, "clean -fd loses 2 untracked (got %zu)", n);
	ok(what && !strcmp(what, "2 untracked files"), "phrase '%s'",
	   what ? what : "(null)");
	n = stake(a, "g", GITFACTS_LOSS_UNTRACKED_IGNORED, &rc, NULL);
	ok(rc == 0 && n == 3, "clean -fdx also loses the ignored, not "
	   "node_modules/ and *.log (got %zu)", n);
	n = stake1(a, "g", GITFACTS_LOSS_UNTRACKED_IGNORED, &rc, "nd");
	ok(rc == 0 && n == 1, "clean -fdx nd (got %zu)", n);
	n = stake1(a, "g", GITFACTS_LOSS_UNTRACKED_IGNORED, &rc,
		   "node_modules");
	ok(rc == 0 && n == 0, "clean -fdx node_modules (got %zu)", n);

	sh("cd g && git stash -q -u && echo 3 > a && git stash -q");
	n = stake(a, "g", GITFACTS_LOSS_STASH, &rc, &what);
	ok(rc == 0 && n == 2, "two stash entries (got %zu)", n);
	ok(what && !strcmp(what, "2 stash entries"), "phrase '%s'",
	   what ? what : "(null)");
	n = stake(a, "g", GITFACTS_LOSS_TRACKED, &rc, NULL);
	ok(rc == 0 && n == 0, "after stash the tree is clean");

	/* A linked worktree has its own changes, shares the stash. */
	sh("cd g && git worktree add -q -b wtb ../gw && echo 9 > ../gw/a");
	n = stake(a, "gw", GITFACTS_LOSS_TRACKED, &rc, NULL);
	ok(rc == 0 && n == 1, "linked worktree: its own change (got %zu)", n);
	n = stake(a, "gw", GITFACTS_LOSS_STASH, &rc, NULL);
	ok(rc == 0 && n == 2, "linked worktree: the shared stash (got %zu)",
	   n);

	/* Empty repository: untracked files only. */
	sh("git init -q e && echo x > e/f");
	n = stake(a, "e", GITFACTS_LOSS_UNTRACKED, &rc, NULL);
	ok(rc == 0 && n == 1, "empty repository: 1 untracked (got %zu)", n);
	n = stake(a, "e", GITFACTS_LOSS_TRACKED, &rc, NULL);
	ok(rc == 0 && n == 0, "empty repository: nothing tracked");

	/* Unknown is an error, never "nothing at stake". */
	n = stake(a, "plain", GITFACTS_LOSS_TRACKED, &rc, NULL);
	ok(rc < 0, "outside a repository: unknown (%d)", rc);
	n = stake(a, "bare.git", GITFACTS_LOSS_TRACKED, &rc, NULL);
	ok(rc < 0, "bare repository: unknown (%d)", rc);
	(void)n;
}

int main(void)
{
	struct arena a;
	char p[PATH_MAX], q[PATH_MAX], gd[PATH_MAX], wd[PATH_MAX];
	const char *tmp = getenv("TMPDIR");

	unsetenv("GIT_DIR");
	snprintf(top, sizeof(top), "%s/cv-gitfacts-XXXXXX", tmp ? tmp : "/tmp");
	if (!mkdtemp(top))
		return 2;
	arena_init(&a);

	/* A plain repository, from its root and from a subdirectory. */
	mkd("repo");
	gitdir("repo/.git", "ref: refs/heads/main\n");
	mkd("repo/src");
	mkd("repo/src/deep");
	ok(is(branch(&a, "repo"), "main"), "branch at the root");
	ok(is(branch(&a, "repo/src/deep"), "main"), "branch from a subdir");
	ok(is(branch(&a, "repo/src/deep/../.."), "main"), "dot-dot in cwd");

	/* Branch names with slashes, CRLF, no newline. */
	put("repo/.git/HEAD", "ref: refs/heads/release/1.2\r\n");
	ok(is(branch(&a, "repo"), "release/1.2"), "slash branch, CRLF");
	put("repo/.git/HEAD", "ref: refs/heads/feature");
	ok(is(branch(&a, "repo"), "feature"), "no trailing newline");

	/* Detached HEAD (SHA-1 and SHA-256), hostile contents. */
	put("repo/.git/HEAD", "0123456789abcdef0123456789abcdef01234567\n");
	ok(is(branch(&a, "repo"), ""), "detached HEAD is \"\"");
	put("repo/.git/HEAD", "0123456789abcdef0123456789abcdef01234567"
	    "0123456789abcdef0123456789abcdef\n");
	ok(is(branch(&a, "repo"), NULL), "72 hex digits: unknown");
	put("repo/.git/HEAD", "ref: refs/heads/main\nref: refs/heads/x\n");
	ok(is(branch(&a, "repo"), NULL), "two lines: unknown");
	put("repo/.git/HEAD", "ref: refs/heads/\n");
	ok(is(branch(&a, "repo"), NULL), "empty branch: unknown");
	put("repo/.git/HEAD", "ref: refs/heads/.invalid\n");
	ok(is(branch(&a, "repo"), NULL), "reftable placeholder: unknown");
	put("repo/.git/HEAD", "ref: refs/tags/v1\n");
	ok(is(branch(&a, "repo"), NULL), "HEAD not on a branch: unknown");
	put("repo/.git/HEAD", "garbage\n");
	ok(is(branch(&a, "repo"), NULL), "garbage: unknown");
	{
		char big[8192];

		memcpy(big, "ref: refs/heads/", 16);
		memset(big + 16, 'x', sizeof(big) - 17);
		big[sizeof(big) - 1] = '\0';
		put("repo/.git/HEAD", big);
		ok(is(branch(&a, "repo"), NULL), "oversized HEAD: unknown");
	}
	/* A FIFO as HEAD must not block the hook. */
	snprintf(p, sizeof(p), "%s/repo/.git/HEAD", top);
	unlink(p);
	ok(mkfifo(p, 0644) == 0, "made a FIFO HEAD");
	ok(is(branch(&a, "repo"), NULL), "FIFO HEAD: unknown, no hang");
	unlink(p);
	/* A symlinked HEAD is not followed. */
	put("repo/target", "ref: refs/heads/main\n");
	snprintf(q, sizeof(q), "%s/repo/target", top);
	ok(symlink(q, p) == 0, "made a symlink HEAD");
	ok(is(branch(&a, "repo"), NULL), "symlink HEAD: unknown");
	unlink(p);
	put("repo/.git/HEAD", "ref: refs/heads/main\n");

	/* A `.git` file: relative path (submodule style), absolute path
	 * (linked worktree), with its own HEAD. */
	gitdir("repo/.git/worktrees", "ref: refs/heads/unused\n");
	gitdir("repo/.git/worktrees/wt", "ref: refs/heads/feature/x\n");
	mkd("wt");
	mkd("wt/sub");
	snprintf(q, sizeof(q), "gitdir: %s/repo/.git/worktrees/wt\n", top);
	put("wt/.git", q);
	ok(is(branch(&a, "wt/sub"), "feature/x"), "linked worktree");
	snprintf(p, sizeof(p), "%s/wt/sub", top);
	ok(gitfacts_find_gitdir(gd, wd, p) == 0, "find_gitdir in worktree");
	snprintf(q, sizeof(q), "%s/wt", top);
	ok(!strcmp(wd, q), "workdir is the worktree root");
	put("wt/.git", "gitdir: ../repo/.git/worktrees/wt");
	ok(is(branch(&a, "wt"), "feature/x"), "relative gitdir: file");
	put("wt/.git", "gitdir:\n");
	ok(is(branch(&a, "wt"), NULL), "empty gitdir: unknown");
	put("wt/.git", "gitdir: /nonexistent/x\n");
	ok(is(branch(&a, "wt"), NULL), "dangling gitdir: unknown");
	put("wt/.git", "something else\n");
	ok(is(branch(&a, "wt"), NULL), "malformed .git file: unknown");

	/* A bare repository, and cwd inside .git. */
	gitdir("bare.git", "ref: refs/heads/trunk\n");
	ok(is(branch(&a, "bare.git"), "trunk"), "bare repository");
	snprintf(p, sizeof(p), "%s/bare.git", top);
	ok(gitfacts_find_gitdir(gd, wd, p) == 0 && wd[0] == '\0',
	   "bare: no workdir");
	ok(is(branch(&a, "repo/.git/refs"), "main"), "cwd inside .git");

	/* A symlinked cwd finds what git would find. */
	snprintf(p, sizeof(p), "%s/link", top);
	snprintf(q, sizeof(q), "%s/repo/src", top);
	ok(symlink(q, p) == 0, "made a symlinked cwd");
	ok(is(branch(&a, "link"), "main"), "symlinked cwd");

	/* Not a repository, bad inputs. */
	mkd("plain");
	ok(is(branch(&a, "plain"), NULL), "outside a repository");
	ok(is(gitfacts_current_branch(&a, NULL), NULL), "NULL cwd");
	ok(is(gitfacts_current_branch(&a, "relative/dir"), NULL),
	   "relative cwd");
	ok(is(gitfacts_current_branch(&a, "/nonexistent/dir"), NULL),
	   "missing cwd");

	/* GIT_DIR wins, relative to cwd. */
	setenv("GIT_DIR", "../bare.git", 1);
	ok(is(branch(&a, "plain"), "trunk"), "GIT_DIR relative to cwd");
	unsetenv("GIT_DIR");

	test_work_at_stake(&a);

	arena_release(&a);
	snprintf(p, sizeof(p), "rm -rf '%s'", top);
	if (system(p) != 0)
		fprintf(stderr, "could not remove %s\n", top);
	return tap_done();
}
