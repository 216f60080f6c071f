/* cmd_install.c - `ccveto install` and (through settings_cmd) `ccveto
 * uninstall`: register or remove the PreToolUse hook in a Claude Code
 * settings file.
 *
 * Nothing is written unless the whole edit succeeded: the file is read,
 * checked (strict JSON, the shape of "hooks"), edited in memory, checked
 * again, and only then is a backup saved and the file replaced atomically.
 * A read-only file or directory is refused before anything is written,
 * also for root: a file nobody may write was made read-only on purpose.
 *
 * The user's file is never lost:
 * - the backup is a new file (created exclusively) renamed onto
 *   FILE.ccveto-bak, so a symlink planted there is replaced, never
 *   written through;
 * - the new file keeps the owner, group and mode of the one it replaces
 *   (root editing a user's file gives it back to the user), and an edit
 *   that cannot keep them is refused;
 * - the edit runs under flock() of the file's directory (one ccveto
 *   install at a time) and, just before the rename, the file is read
 *   again: if someone else changed it since it was read, the edit is
 *   redone on the new text (CV_INSTALL_ATTEMPTS times, then refused), so
 *   an editor's save in between is kept, not overwritten;
 * - uninstall removes the "hooks" object and "PreToolUse" array only when
 *   install created them, as recorded in installs.json next to the
 *   decision log; the user's own empty keys stay.
 *
 * The registered command is the path the user ran ccveto by (argv[0],
 * found in PATH or made absolute, symlinks not resolved), so that an
 * upgrade that replaces a versioned directory behind a stable symlink
 * does not leave a registration that blocks every tool call. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/settings_edit.h"
#include "json/jdoc.h"
#include "util/bounds.h"
#include "util/buf.h"
#include "util/opt.h"
#include "util/safefile.h"
#include "util/sibling.h"

#ifndef CV_BINDIR
#define CV_BINDIR "/usr/local/bin"
#endif

struct settings_args {
	int user, project, local, dry_run, parents;
	const char *file, *command, *home;
};

static int use_colour(void)
{
	const char *nc = getenv("NO_COLOR");

	return isatty(STDOUT_FILENO) && !(nc && *nc);
}

static void print_changes(const char *changes, int colour)
{
	const char *line = changes, *nl;

	while (*line) {
		int removed = !strncmp(line, "removed", 7);

		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line);
		printf("  %s%c %.*s%s\n", colour ? (removed ? "\033[31m" :
			"\033[32m") : "", removed ? '-' : '+',
			(int)(nl - line), line, colour ? "\033[0m" : "");
		line = *nl ? nl + 1 : nl;
	}
}

static int settings_path(struct buf *out, const struct settings_args *a)
{
	const char *home;
	char cwd[PATH_MAX];

	if (a->file)
		return buf_puts(out, a->file);
	if (a->project || a->local) {
		if (!getcwd(cwd, sizeof(cwd))) {
			fprintf(stderr, "ccveto: cannot read the current "
				"directory: %s\n", strerror(errno));
			return CV_EIO;
		}
		return buf_printf(out, "%s/.claude/settings%s.json", cwd,
				  a->local ? ".local" : "");
	}
	home = getenv("HOME");
	if (!home || home[0] != '/') {
		fprintf(stderr, "ccveto: $HOME is not set to an absolute path; "
			"name the file with --settings FILE\n");
		return CV_EINVAL;
	}
	return buf_printf(out, "%s/.claude/settings.json", home);
}

/* ---- the registered path ---- */

static int same_file(const char *a, const char *b)
{
	struct stat x, y;

	return stat(a, &x) == 0 && stat(b, &y) == 0 &&
	       x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* Removes "." and empty components and, where that names the same
 * directory, ".." with the one before it, without resolving symlinks:
 * "/a/./b//../c" -> "/a/c".  p is absolute and at most PATH_MAX. */
static void tidy_path(char *p)
{
	char out[PATH_MAX], up[PATH_MAX], parent[PATH_MAX];
	const char *s = p, *seg;
	size_t n = 0, len, back;

	out[0] = '\0';
	while (*s) {
		while (*s == '/')
			s++;
		seg = s;
		while (*s && *s != '/')
			s++;
		len = (size_t)(s - seg);
		if (!len || (len == 1 && seg[0] == '.'))
			continue;
		if (len == 2 && !memcmp(seg, "..", 2) && n > 0 &&
		    !(n >= 3 && !memcmp(out + n - 3, "/..", 3))) {
			for (back = n; out[back - 1] != '/'; back--)
				;
			memcpy(parent, out, back - 1);
			strcpy(parent + back - 1, back > 1 ? "" : "/");
			snprintf(up, sizeof(up), "%s/..", out);
			/* "x/.." is x's parent unless x is a symlink. */
			if (same_file(up, parent)) {
				n = back - 1;
				out[n] = '\0';
				continue;
			}
		}
		if (n + 1 + len + 1 > sizeof(out))
			return;		/* leave it as it was */
		out[n++] = '/';
		memcpy(out + n, seg, len);
		n += len;
		out[n] = '\0';
	}
	strcpy(p, n ? out : "/");
}

/* The path the user ran us by, absolute, symlinks kept: ccveto-full's
 * argv[0] is what the user typed for `ccveto` (front.c passes it on). */
static int invoked_path(char *out, size_t size)
{
	const char *a0 = program_invocation_name, *path, *p;
	char cwd[PATH_MAX];
	const char *pwd = getenv("PWD");

	if (!a0 || !*a0)
		return -1;
	if (!getcwd(cwd, sizeof(cwd)))
		return -1;
	/* $PWD, when it names the current directory, is the path the user
	 * sees (symlinks in it kept), as the shell would show it. */
	if (pwd && pwd[0] == '/' && strlen(pwd) < sizeof(cwd) &&
	    same_file(pwd, "."))
		strcpy(cwd, pwd);
	if (strchr(a0, '/')) {
		if ((size_t)snprintf(out, size, "%s%s%s", a0[0] == '/' ? "" :
				     cwd, a0[0] == '/' ? "" : "/",
				     a0) >= size)
			return -1;
		tidy_path(out);
		return 0;
	}
	path = getenv("PATH");
	for (p = path; p && *p; ) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		struct stat st;
		int w;

		if (!n)
			w = snprintf(out, size, "%s/%s", cwd, a0);
		else if (p[0] == '/')
			w = snprintf(out, size, "%.*s/%s", (int)n, p, a0);
		else
			w = snprintf(out, size, "%s/%.*s/%s", cwd, (int)n, p,
				     a0);
		if (w > 0 && (size_t)w < size && stat(out, &st) == 0 &&
		    S_ISREG(st.st_mode) && access(out, X_OK) == 0) {
			tidy_path(out);
			return 0;
		}
		p = colon ? colon + 1 : p + n;
	}
	return -1;
}

/* The `ccveto` to register: the one the user invoked if it is ours (by
 * that name, or ccveto-full's neighbour), else PREFIX/bin/ccveto if that
 * is ours, else the resolved path of our neighbour (with a warning). */
static int stable_ccveto(char *out, size_t size)
{
	char real[PATH_MAX], cand[PATH_MAX], *slash;

	if (sibling_path(real, sizeof(real), "ccveto") < 0 ||
	    access(real, X_OK) < 0)
		return -1;
	if (invoked_path(cand, sizeof(cand)) == 0 &&
	    (slash = strrchr(cand, '/'))) {
		if (!strcmp(slash + 1, CV_FULL_NAME) &&
		    (size_t)(slash - cand) + sizeof("/ccveto") <= sizeof(cand))
			strcpy(slash + 1, "ccveto");
		if (!strcmp(slash + 1, "ccveto") && same_file(cand, real) &&
		    strlen(cand) < size) {
			strcpy(out, cand);
			return 0;
		}
	}
	if (same_file(CV_BINDIR "/ccveto", real) &&
	    strlen(CV_BINDIR "/ccveto") < size) {
		strcpy(out, CV_BINDIR "/ccveto");
		return 0;
	}
	fprintf(stderr, "ccveto: warning: registering '%s', the resolved "
		"path of this ccveto: run 'ccveto install' again after "
		"moving or upgrading it (or give --command)\n", real);
	if (strlen(real) >= size)
		return -1;
	strcpy(out, real);
	return 0;
}

static int hook_command(struct buf *out, const char *given)
{
	char exe[PATH_MAX];

	if (given)
		return buf_puts(out, given);
	/* This is ccveto-full; Claude Code must start the static `ccveto`
	 * installed next to it (sibling.h). */
	if (stable_ccveto(exe, sizeof(exe)) < 0) {
		fprintf(stderr, "ccveto: cannot find the ccveto program next "
			"to this one (/proc/self/exe); give the command with "
			"--command '/path/to/ccveto hook'\n");
		return CV_EIO;
	}
	return settings_hook_command(out, exe);
}

/* " --home 'DIR'": the hook's home when the account has no passwd
 * entry the hook can read (docs/threat-model.md). */
static int add_home(struct buf *cmd, const char *dir)
{
	const char *p;
	int error;

	if ((error = buf_puts(cmd, " --home '")) < 0)
		return error;
	for (p = dir; *p; p++)
		if ((error = *p == '\'' ? buf_puts(cmd, "'\\''")
					: buf_putc(cmd, *p)) < 0)
			return error;
	return buf_putc(cmd, '\'');
}

/* ---- directories ---- */

/* Root creating a file or directory in a user's directory gives it to
 * that user, as the user would have created it. */
static void owner_for_new(struct settings_owner *own, const char *dir)
{
	struct stat st;

	own->uid = own->gid = -1;
	if (geteuid() == 0 && stat(dir, &st) == 0 && st.st_uid != 0) {
		own->uid = st.st_uid;
		own->gid = st.st_gid;
	}
}

static int make_dir(const char *p)
{
	struct settings_owner own;
	char *parent = strdup(p), *slash;

	if (!parent)
		return -1;
	slash = strrchr(parent, '/');
	if (slash == parent)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(parent, ".");
	owner_for_new(&own, parent);
	free(parent);
	if (mkdir(p, 0700) < 0) {
		if (errno == EEXIST)
			return 0;
		fprintf(stderr, "ccveto: cannot create directory '%s': %s; "
			"nothing was changed\n", p, strerror(errno));
		return -1;
	}
	if (own.uid >= 0 && chown(p, (uid_t)own.uid, (gid_t)own.gid) < 0) {
		fprintf(stderr, "ccveto: cannot give '%s' to uid %ld: %s\n",
			p, own.uid, strerror(errno));
		return -1;
	}
	printf("ccveto: created directory '%s'\n", p);
	return 0;
}

/* The directory of the settings file must exist.  A scope's own .claude
 * directory is created (Claude Code creates it the same way); for
 * --settings FILE a missing directory is a mistake in the name unless
 * --parents asks for it. */
static int ensure_dir(const char *dir, const struct settings_args *a)
{
	struct stat st;
	char *p, *s;
	int error = 0;

	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		fprintf(stderr, "ccveto: '%s' is not a directory; nothing was "
			"changed\n", dir);
		return -1;
	}
	if (errno != ENOENT) {
		fprintf(stderr, "ccveto: cannot use directory '%s': %s\n", dir,
			strerror(errno));
		return -1;
	}
	if (!a->parents) {
		char *parent = strdup(dir), *sl;

		if (!parent)
			return -1;
		sl = strrchr(parent, '/');
		if (sl && sl != parent)
			*sl = '\0';
		if (!a->file && sl && stat(parent, &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			free(parent);
			return make_dir(dir);
		}
		free(parent);
		fprintf(stderr, "ccveto: directory '%s' does not exist; check "
			"the file name, or pass --parents to create it (mode "
			"0700); nothing was changed\n", dir);
		return -1;
	}
	if (!(p = strdup(dir)))
		return -1;
	for (s = p + 1; !error && (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (stat(p, &st) < 0)
			error = make_dir(p);
		*s = '/';
	}
	if (!error)
		error = make_dir(p);
	free(p);
	return error;
}

/* Writable for us, and not marked read-only for everyone. */
static int writable(const char *path, const struct stat *st)
{
	return (st->st_mode & 0222) && access(path, W_OK) == 0;
}

static int check_writable(const char *real, const char *dir, int existed,
			  const struct stat *st)
{
	struct stat dst;

	if (existed && !writable(real, st)) {
		fprintf(stderr, "ccveto: cannot write '%s': the file is "
			"read-only; make it writable (chmod u+w) or pick "
			"another file with --settings; nothing was changed\n",
			real);
		return -1;
	}
	if (stat(dir, &dst) == 0 && !writable(dir, &dst)) {
		fprintf(stderr, "ccveto: cannot write in '%s': the directory "
			"is read-only (the file is replaced by rename, which "
			"needs it); nothing was changed\n", dir);
		return -1;
	}
	return 0;
}

/* One ccveto install at a time per directory; waiting is bounded. */
static int lock_dir(int *dfd, const char *dir)
{
	const struct timespec pause = { 0, 50 * 1000000 };
	int i;

	if ((*dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		fprintf(stderr, "ccveto: cannot open directory '%s': %s\n",
			dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < CV_INSTALL_LOCK_SECONDS * 20; i++) {
		if (flock(*dfd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;
		nanosleep(&pause, NULL);
	}
	fprintf(stderr, "ccveto: another ccveto install or uninstall is "
		"editing a file in '%s'; try again; nothing was changed\n",
		dir);
	return -1;
}

/* ---- what install created (installs.json) ---- */

/* Like the settings file, found from the environment of the user who
 * runs install ($XDG_STATE_HOME, else $HOME/.local/state): it only
 * tells uninstall what to remove, and changes no verdict, so it need not
 * follow the hook's passwd-based paths (docs/threat-model.md). */
static int state_file(struct buf *out)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	if (state && state[0] == '/')
		return buf_printf(out, "%s/ccveto/installs.json", state);
	if (home && home[0] == '/')
		return buf_printf(out, "%s/.local/state/ccveto/installs.json",
				  home);
	return CV_ENOTFOUND;
}

/* The whole record (an object: file -> list of container names); NULL
 * when there is none or it cannot be read. */
static cJSON *state_read(void)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	cJSON *root = NULL;
	struct diag d;

	if (state_file(&path) == 0 &&
	    safefile_read(&text, path.data, CV_MAX_CONFIG_BYTES,
			  SAFEFILE_NOFOLLOW, NULL) == 0 &&
	    (json_parse(&root, text.data, text.len, 0, &d) < 0 ||
	     !cJSON_IsObject(root))) {
		cJSON_Delete(root);
		root = NULL;
	}
	buf_release(&path);
	buf_release(&text);
	return root;
}

static unsigned state_get(const char *file)
{
	cJSON *root = state_read();
	const cJSON *list = root ? json_get(root, file) : NULL, *c;
	const char *name;
	unsigned made = 0, i;

	for (c = cJSON_IsArray(list) ? list->child : NULL; c; c = c->next)
		for (i = 0; (name = settings_made_name(1u << i)); i++)
			if (cJSON_IsString(c) && !strcmp(c->valuestring, name))
				made |= 1u << i;
	cJSON_Delete(root);
	return made;
}

/* Records (made != 0) or forgets (0) what install created in `file`. */
static void state_set(const char *file, unsigned made)
{
	struct buf path = BUF_INIT;
	struct settings_owner own = { 0600, -1, -1 };
	cJSON *root = state_read(), *list;
	struct diag d;
	char *text = NULL, *slash;
	const char *name;
	unsigned i;
	int dfd = -1;

	if (!root && !made)
		goto done;
	if (!root && !(root = cJSON_CreateObject()))
		goto fail;
	cJSON_DeleteItemFromObjectCaseSensitive(root, file);
	if (made) {
		if (!(list = cJSON_AddArrayToObject(root, file)))
			goto fail;
		for (i = 0; (name = settings_made_name(1u << i)); i++)
			if ((made & (1u << i)) &&
			    !cJSON_AddItemToArray(list,
						  cJSON_CreateString(name)))
				goto fail;
	}
	if (state_file(&path) < 0 || !(text = cJSON_Print(root)))
		goto fail;
	/* The state directory as the hook keeps it: ours, not a link. */
	slash = strrchr(path.data, '/');
	if (slash) {
		*slash = '\0';
		if (safefile_open_dir(&dfd, path.data, 1, &d) < 0)
			goto fail;
		*slash = '/';
	}
	if (settings_write_atomic(path.data, text, strlen(text), &own,
				  &d) < 0)
		goto fail;
	goto done;
fail:
	fprintf(stderr, "ccveto: warning: cannot record what install "
		"created in '%s'%s%s: 'ccveto uninstall' will leave an empty "
		"\"hooks\" behind\n", path.data ? path.data : "installs.json",
		d.msg[0] && path.data ? ": " : "", path.data ? d.msg : "");
done:
	if (dfd >= 0)
		close(dfd);
	cJSON_free(text);
	cJSON_Delete(root);
	buf_release(&path);
}

/* ---- the edit ---- */

struct job {
	const struct settings_args *a;
	int uninstall;
	const char *path;	/* as named: the backup goes next to it */
	char *real;		/* the file replaced: path, or the target of
				 * a symlink at path (dotfile managers) */
	char *dir;		/* real's directory */
	char *key;		/* absolute real, for installs.json */
	const char *cmd;
	/* What was read: */
	int existed;
	struct stat st;
	struct buf text;
};

static void job_release(struct job *j)
{
	free(j->real);
	free(j->dir);
	free(j->key);
	buf_release(&j->text);
}

/* The file's absolute name, the key in installs.json; once its
 * directory exists. */
static int job_key(struct job *j)
{
	char rdir[PATH_MAX];
	const char *base = strrchr(j->real, '/');

	if (j->key)
		return 0;
	if (!realpath(j->dir, rdir))
		return -1;
	base = base ? base + 1 : j->real;
	if (!(j->key = malloc(strlen(rdir) + strlen(base) + 2)))
		return -1;
	sprintf(j->key, "%s%s%s", rdir, strcmp(rdir, "/") ? "/" : "", base);
	return 0;
}

static int job_resolve(struct job *j)
{
	struct stat st;
	char *slash;

	if (lstat(j->path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (!(j->real = realpath(j->path, NULL))) {
			fprintf(stderr, "ccveto: cannot follow the symlink "
				"'%s': %s; nothing was changed\n", j->path,
				strerror(errno));
			return -1;
		}
	} else if (!(j->real = strdup(j->path))) {
		return -1;
	}
	if (!(j->dir = strdup(j->real)))
		return -1;
	slash = strrchr(j->dir, '/');
	if (slash == j->dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(j->dir, ".");
	return 0;
}

/* Reads the file; 0 (j->existed says whether it exists) or -1. */
static int job_read(struct job *j)
{
	struct diag d;
	int error;

	buf_release(&j->text);
	diag_clear(&d);
	/* j->real is resolved: a symlink there now is someone else's. */
	error = safefile_read(&j->text, j->real, CV_MAX_CONFIG_BYTES,
			      SAFEFILE_NOFOLLOW, &d);
	j->existed = error != CV_ENOTFOUND;
	if (error == CV_ENOTFOUND)
		return 0;
	if (error == 0 && lstat(j->real, &j->st) == 0)
		return 0;
	fprintf(stderr, "ccveto: '%s' %s; nothing was changed\n", j->real,
		error ? d.msg : "vanished while being read");
	return -1;
}

/* Still what job_read() saw?  Compared by identity and by content, just
 * before the rename: an edit in between would otherwise be lost. */
static int job_unchanged(const struct job *j)
{
	struct buf now = BUF_INIT;
	struct stat st;
	int error, same;

	error = safefile_read(&now, j->real, CV_MAX_CONFIG_BYTES,
			      SAFEFILE_NOFOLLOW, NULL);
	if (!j->existed)
		same = error == CV_ENOTFOUND;
	else
		same = error == 0 && lstat(j->real, &st) == 0 &&
		       st.st_dev == j->st.st_dev &&
		       st.st_ino == j->st.st_ino &&
		       now.len == j->text.len &&
		       !memcmp(now.data, j->text.data, now.len);
	buf_release(&now);
	return same;
}

/* Owner, group and mode for the new file: those of the old one.  Only
 * root can give a file to someone else; anyone else editing a file that
 * is not theirs would take it over, so that is refused. */
static int job_owner(struct settings_owner *own, const struct job *j)
{
	if (!j->existed) {
		own->mode = 0600;
		owner_for_new(own, j->dir);
		return 0;
	}
	own->mode = j->st.st_mode & 07777;
	own->uid = own->gid = -1;
	if (geteuid() == 0) {
		own->uid = j->st.st_uid;
		own->gid = j->st.st_gid;
	} else if (j->st.st_uid != geteuid()) {
		fprintf(stderr, "ccveto: '%s' belongs to uid %lu: replacing "
			"it would make it yours; run ccveto as its owner; "
			"nothing was changed\n", j->real,
			(unsigned long)j->st.st_uid);
		return -1;
	} else if (j->st.st_gid != getegid()) {
		own->gid = j->st.st_gid;
	}
	return 0;
}

static int job_edit(struct job *j, struct buf *out, struct buf *changes,
		    unsigned *made)
{
	const char *text = j->text.data ? j->text.data : "";
	struct diag d = { 0 };
	int error;

	buf_release(out);
	buf_release(changes);
	if (j->uninstall)
		error = settings_uninstall(out, changes, text, j->text.len,
					   j->cmd, *made, &d);
	else
		error = settings_install(out, changes, text, j->text.len,
					 j->cmd, made, &d);
	if (error < 0)
		fprintf(stderr, "ccveto: cannot %s: '%s': %s; fix the file (or "
			"move it away) and retry; nothing was changed\n",
			j->uninstall ? "uninstall" : "install", j->path, d.msg);
	return error;
}

static int unchanged_text(const struct job *j, const struct buf *out)
{
	return j->existed && out->len == j->text.len &&
	       !memcmp(out->data, j->text.data, out->len);
}

/* Had the file ccveto entries before this install?  Then what an earlier
 * install created is still ours; otherwise the record starts afresh. */
static int had_ours(const struct job *j)
{
	struct buf out = BUF_INIT;
	struct diag d;
	int ours;

	ours = j->existed && settings_uninstall(&out, NULL, j->text.data,
						j->text.len, j->cmd, 0,
						&d) == 0 &&
	       (out.len != j->text.len ||
		memcmp(out.data, j->text.data, out.len));
	buf_release(&out);
	return ours;
}

/* Under the lock: read, edit, write, check, rename.  1 done, 0 the file
 * changed under us (try again), -1 failed. */
static int attempt(struct job *j, struct buf *out, struct buf *changes,
		   int colour)
{
	struct settings_owner own;
	struct buf bak = BUF_INIT;
	struct diag d = { 0 };
	unsigned made = 0;
	char *tmp = NULL;
	int rc = -1, was_ours, error;

	if (job_read(j) < 0)
		return -1;
	if (j->uninstall)
		made = state_get(j->key);
	if (job_edit(j, out, changes, &made) < 0)
		return -1;
	if (unchanged_text(j, out) || (j->uninstall && !j->existed)) {
		printf(j->uninstall ? "ccveto: no ccveto hook in '%s'; nothing "
		       "to remove\n" : "ccveto: already installed in '%s'; "
		       "nothing to change\n", j->path);
		return 1;
	}
	was_ours = !j->uninstall && had_ours(j);
	if (job_owner(&own, j) < 0)
		return -1;
	if (settings_write_temp(&tmp, j->real, out->data, out->len, &own,
				&d) < 0) {
		fprintf(stderr, "ccveto: %s; nothing was changed\n", d.msg);
		return -1;
	}
	if (j->existed &&
	    (buf_printf(&bak, "%s.ccveto-bak", j->path) < 0 ||
	     settings_write_atomic(bak.data, j->text.data, j->text.len, &own,
				   &d) < 0)) {
		fprintf(stderr, "ccveto: cannot save the backup: %s; nothing "
			"was changed\n", d.msg);
		goto fail;
	}
	if (!job_unchanged(j)) {
		rc = 0;
		goto fail;
	}
	error = settings_commit(tmp, j->real, &d);
	tmp = NULL;		/* freed (and removed on failure) */
	if (error < 0) {
		fprintf(stderr, "ccveto: %s; nothing was changed\n", d.msg);
		goto fail;
	}
	printf("ccveto: %s '%s':\n", j->existed ? "changed" : "created",
	       j->path);
	print_changes(changes->data ? changes->data : "", colour);
	if (j->existed)
		printf("  backup of the previous version: '%s'\n", bak.data);
	if (j->uninstall)
		state_set(j->key, 0);
	else
		state_set(j->key, made | (was_ours ? state_get(j->key) : 0));
	rc = 1;
fail:
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	buf_release(&bak);
	return rc;
}

static int settings_change(const struct settings_args *a, int uninstall)
{
	struct buf path = BUF_INIT, cmd = BUF_INIT, out = BUF_INIT,
		   changes = BUF_INIT;
	struct job j;
	unsigned made = 0;
	int rc = 1, dfd = -1, i, r, colour = use_colour();

	memset(&j, 0, sizeof(j));
	j.a = a;
	j.uninstall = uninstall;
	if (settings_path(&path, a) < 0 || hook_command(&cmd, a->command) < 0 ||
	    (a->home && add_home(&cmd, a->home) < 0))
		goto done;
	j.path = path.data;
	j.cmd = cmd.data;
	if (job_resolve(&j) < 0 || job_read(&j) < 0)
		goto done;
	if (uninstall && !j.existed) {
		printf("ccveto: '%s' does not exist; nothing to remove\n",
		       j.path);
		rc = 0;
		goto done;
	}
	/* A first look, without the lock: the dry run ends here. */
	if (uninstall && job_key(&j) == 0)
		made = state_get(j.key);
	if (job_edit(&j, &out, &changes, &made) < 0)
		goto done;
	if (unchanged_text(&j, &out)) {
		printf(uninstall ? "ccveto: no ccveto hook in '%s'; nothing to "
		       "remove\n" : "ccveto: already installed in '%s'; "
		       "nothing to change\n", j.path);
		rc = 0;
		goto done;
	}
	if (a->dry_run) {
		printf("ccveto: would change '%s' (dry run, nothing "
		       "written):\n", j.path);
		print_changes(changes.data ? changes.data : "", colour);
		rc = 0;
		goto done;
	}
	if (check_writable(j.real, j.dir, j.existed, &j.st) < 0 ||
	    ensure_dir(j.dir, a) < 0 || lock_dir(&dfd, j.dir) < 0 ||
	    job_key(&j) < 0)
		goto done;
	for (i = 0; i < CV_INSTALL_ATTEMPTS; i++) {
		if ((r = attempt(&j, &out, &changes, colour)) != 0) {
			rc = r > 0 ? 0 : 1;
			goto done;
		}
		fprintf(stderr, "ccveto: '%s' changed while ccveto was "
			"editing it; editing the new version\n", j.path);
	}
	fprintf(stderr, "ccveto: '%s' kept changing while ccveto was editing "
		"it; it was not changed (its latest version is in '%s"
		".ccveto-bak'); try again\n", j.path, j.path);
done:
	if (dfd >= 0)
		close(dfd);	/* releases the lock */
	job_release(&j);
	buf_release(&path);
	buf_release(&cmd);
	buf_release(&out);
	buf_release(&changes);
	return rc;
}

int settings_cmd(int argc, char **argv, int uninstall)
{
	struct settings_args a = { 0 };
	const struct opt_spec opts[] = {
		{ 0, "user", OPT_FLAG, &a.user, NULL,
		  "~/.claude/settings.json (the default)" },
		{ 0, "project", OPT_FLAG, &a.project, NULL,
		  "./.claude/settings.json (shared with the repository)" },
		{ 0, "local", OPT_FLAG, &a.local, NULL,
		  "./.claude/settings.local.json (this checkout only)" },
		{ 0, "settings", OPT_VALUE, &a.file, "FILE",
		  "edit FILE instead" },
		{ 0, "parents", OPT_FLAG, &a.parents, NULL,
		  "create FILE's missing directories (mode 0700)" },
		{ 'n', "dry-run", OPT_FLAG, &a.dry_run, NULL,
		  "print what would change, write nothing" },
		{ 0, "command", OPT_VALUE, &a.command, "CMD",
		  "hook command (default: the ccveto you ran, by the path "
		  "you ran it, + ' hook')" },
		{ 0, "home", OPT_VALUE, &a.home, "DIR",
		  "register 'hook --home DIR': your home, for an account "
		  "the hook cannot find in /etc/passwd" },
		{ 0 }
	};
	const char *usage = uninstall ?
		"ccveto uninstall [--user | --project | --local | --settings "
		"FILE] [--dry-run]" :
		"ccveto install [--user | --project | --local | --settings "
		"FILE [--parents]] [--dry-run]";
	const char *summary = uninstall ?
		"Removes ccveto's hook entries, and nothing else, from a "
		"Claude Code\nsettings file." :
		"Registers 'ccveto hook' in a Claude Code settings file: "
		"PreToolUse for every\ntool ccveto judges (5 s timeout), "
		"PreSkillShellCommand, and PostToolUse for the\ntools whose "
		"output is redacted (10 s), all with \"onFailure\": "
		"\"block\".\nOther content is kept byte for byte; a backup "
		"is saved as FILE.ccveto-bak.";
	int nargs, r;

	r = opt_parse(opts, argc, argv, &nargs, usage, summary);
	if (r)
		return r > 0 ? 0 : 2;
	if (nargs) {
		fprintf(stderr, "ccveto: unexpected argument '%s'\n", argv[0]);
		opt_usage(stderr, opts, usage, summary);
		return 2;
	}
	if (a.user + a.project + a.local + (a.file != NULL) > 1) {
		fprintf(stderr, "ccveto: choose one of --user, --project, "
			"--local and --settings\n");
		return 2;
	}
	if (a.home && (a.home[0] != '/' || uninstall)) {
		fprintf(stderr, "ccveto: --home needs an absolute directory "
			"(and only install takes it)\n");
		return 2;
	}
	if (a.file && !*a.file) {
		fprintf(stderr, "ccveto: --settings needs a file name\n");
		return 2;
	}
	return settings_change(&a, uninstall);
}

int cmd_install(int argc, char **argv)
{
	return settings_cmd(argc, argv, 0);
}
