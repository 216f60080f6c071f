/* cmd_install.c - `ccveto install` and (through settings_cmd) `ccveto
 * uninstall`: register or remove the PreToolUse hook in a Claude Code
 * settings file.
 *
 * Nothing is written unless the whole edit succeeded: the file is read,
 * checked (strict JSON, the shape of "hooks"), edited in memory, checked
 * again, and only then is a backup saved and the file replaced atomically.
 * A read-only file or directory is refused before anything is written,
 * also for root: a file nobody may write was made read-only on purpose. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bounds.h"
#include "buf.h"
#include "cmd.h"
#include "opt.h"
#include "safefile.h"
#include "settings_edit.h"
#include "sibling.h"

struct settings_args {
	int user, project, local, dry_run;
	const char *file, *command;
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

static int hook_command(struct buf *out, const char *given)
{
	char exe[PATH_MAX];

	if (given)
		return buf_puts(out, given);
	/* This is ccveto-full; Claude Code must start the static `ccveto`
	 * installed next to it (sibling.h). */
	if (sibling_path(exe, sizeof(exe), "ccveto") < 0 ||
	    access(exe, X_OK) < 0) {
		fprintf(stderr, "ccveto: cannot find the ccveto program next "
			"to this one (/proc/self/exe); give the command with "
			"--command '/path/to/ccveto hook'\n");
		return CV_EIO;
	}
	return settings_hook_command(out, exe);
}

/* mkdir -p for the parents of a new settings file: 0700, like ~/.claude. */
static int make_parents(const char *path)
{
	char *p = strdup(path), *s;

	if (!p)
		return -1;
	for (s = p + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			fprintf(stderr, "ccveto: cannot create directory "
				"'%s': %s\n", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

/* Writable for us, and not marked read-only for everyone. */
static int writable(const char *path, const struct stat *st)
{
	return (st->st_mode & 0222) && access(path, W_OK) == 0;
}

static int check_writable(const char *path, int existed,
			  const struct stat *st)
{
	char real[PATH_MAX], *dir, *slash;
	struct stat dst;
	int ok = 1;

	if (existed && !writable(path, st)) {
		fprintf(stderr, "ccveto: cannot write '%s': the file is "
			"read-only; make it writable (chmod u+w) or pick "
			"another file with --settings; nothing was changed\n",
			path);
		return -1;
	}
	dir = strdup(existed && realpath(path, real) ? real : path);
	if (!dir)
		return -1;
	slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	if (stat(dir, &dst) == 0 && !writable(dir, &dst)) {
		fprintf(stderr, "ccveto: cannot write in '%s': the directory "
			"is read-only (the file is replaced by rename, which "
			"needs it); nothing was changed\n", dir);
		ok = 0;
	}
	free(dir);
	return ok ? 0 : -1;
}

static int run(const struct settings_args *a, int uninstall)
{
	struct buf path = BUF_INIT, cmd = BUF_INIT, text = BUF_INIT,
		   out = BUF_INIT, changes = BUF_INIT, bak = BUF_INIT;
	struct diag d = { 0 };
	struct stat st;
	int existed, rc = 1, error, colour = use_colour();
	const char *verb = uninstall ? "uninstall" : "install";

	if (settings_path(&path, a) < 0 || hook_command(&cmd, a->command) < 0)
		goto done;
	if (stat(path.data, &st) == 0) {
		existed = 1;
		if (!S_ISREG(st.st_mode)) {
			fprintf(stderr, "ccveto: '%s' is not a regular file; "
				"nothing was changed\n", path.data);
			goto done;
		}
		error = safefile_read(&text, path.data, CV_MAX_CONFIG_BYTES, 0,
				      NULL);
		if (error == CV_ETOOBIG) {
			fprintf(stderr, "ccveto: '%s' is larger than %u bytes; "
				"nothing was changed\n", path.data,
				CV_MAX_CONFIG_BYTES);
			goto done;
		}
		if (error < 0) {
			fprintf(stderr, "ccveto: cannot read '%s': %s; nothing "
				"was changed\n", path.data, strerror(errno));
			goto done;
		}
	} else if (errno == ENOENT) {
		existed = 0;
		if (uninstall) {
			printf("ccveto: '%s' does not exist; nothing to "
			       "remove\n", path.data);
			rc = 0;
			goto done;
		}
	} else {
		fprintf(stderr, "ccveto: cannot read '%s': %s\n", path.data,
			strerror(errno));
		goto done;
	}
	error = uninstall ?
		settings_uninstall(&out, &changes, text.data ? text.data : "",
				   text.len, cmd.data, &d) :
		settings_install(&out, &changes, text.data ? text.data : "",
				 text.len, cmd.data, &d);
	if (error < 0) {
		fprintf(stderr, "ccveto: cannot %s: '%s': %s; fix the file (or "
			"move it away) and retry; nothing was changed\n", verb,
			path.data, d.msg);
		goto done;
	}
	if (existed && out.len == text.len &&
	    !memcmp(out.data, text.data, text.len)) {
		printf(uninstall ? "ccveto: no ccveto hook in '%s'; nothing to "
		       "remove\n" : "ccveto: already installed in '%s'; "
		       "nothing to change\n", path.data);
		rc = 0;
		goto done;
	}
	printf("ccveto: %s '%s'%s:\n", a->dry_run ? "would change" :
	       existed ? "changed" : "created", path.data,
	       a->dry_run ? " (dry run, nothing written)" : "");
	print_changes(changes.data ? changes.data : "", colour);
	if (a->dry_run) {
		rc = 0;
		goto done;
	}
	if (check_writable(path.data, existed, &st) < 0)
		goto done;
	if (!existed && make_parents(path.data) < 0)
		goto done;
	if (existed) {
		if (buf_printf(&bak, "%s.ccveto-bak", path.data) < 0 ||
		    settings_write_atomic(bak.data, text.data, text.len,
					  st.st_mode & 07777, &d) < 0) {
			fprintf(stderr, "ccveto: cannot save the backup: %s; "
				"nothing was changed\n", d.msg);
			goto done;
		}
	}
	if (settings_write_atomic(path.data, out.data, out.len,
				  existed ? st.st_mode & 07777 : 0600,
				  &d) < 0) {
		fprintf(stderr, "ccveto: %s; nothing was changed\n", d.msg);
		goto done;
	}
	if (existed)
		printf("  backup of the previous version: '%s'\n", bak.data);
	rc = 0;
done:
	buf_release(&path);
	buf_release(&cmd);
	buf_release(&text);
	buf_release(&out);
	buf_release(&changes);
	buf_release(&bak);
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
		{ 'n', "dry-run", OPT_FLAG, &a.dry_run, NULL,
		  "print what would change, write nothing" },
		{ 0, "command", OPT_VALUE, &a.command, "CMD",
		  "hook command (default: this binary's absolute path + "
		  "' hook')" },
		{ 0 }
	};
	const char *usage = uninstall ?
		"ccveto uninstall [--user | --project | --local | --settings "
		"FILE] [--dry-run]" :
		"ccveto install [--user | --project | --local | --settings "
		"FILE] [--dry-run]";
	const char *summary = uninstall ?
		"Removes ccveto's PreToolUse hook entries, and nothing else, "
		"from a Claude\nCode settings file." :
		"Registers 'ccveto hook' as a PreToolUse hook in a Claude Code "
		"settings file:\nmatchers for every tool ccveto judges, "
		"\"onFailure\": \"block\", a 5 s timeout.\nOther content is "
		"kept byte for byte; a backup is saved as FILE.ccveto-bak.";
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
	if (a.file && !*a.file) {
		fprintf(stderr, "ccveto: --settings needs a file name\n");
		return 2;
	}
	return run(&a, uninstall);
}

int cmd_install(int argc, char **argv)
{
	return settings_cmd(argc, argv, 0);
}
