/* cmd_audit.c - `ccveto audit [PATH...]`: lint Claude Code, MCP and
 * devcontainer configs.  Exit 0: nothing at or above --fail-on; 1: a
 * finding is; 2: usage error, a file that could not be audited or a
 * directory that could not be searched (everything else is still
 * audited and reported). */
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"
#include "audit/audit_git.h"
#include "audit/report.h"
#include "cli/cmd.h"
#include "git/gitrepo.h"
#include "git/source.h"
#include "util/bounds.h"
#include "util/opt.h"

static const char usage_line[] = "ccveto audit [options] [PATH...]";
static const char summary[] =
	"Audits .claude/settings*.json, .mcp.json, devcontainer.json, "
	".cursor/.vscode mcp.json\nunder each PATH (default .), or the files "
	"named.  Never runs anything it reads.";

struct audit_cli {
	const char *format, *output, *fail_on, *type, *scope, *ignore_file,
		*baseline, *write_baseline, *home;
	int user, effective, no_rules, verbose;
	struct audit_git_opts git;	/* --staged, --rev, --all-refs */
};

static struct audit_cli cli;

static const struct opt_spec audit_opt_specs[] = {
	{ 'f', "format", OPT_VALUE, &cli.format, "FMT",
	  "text (default), json or sarif" },
	{ 'o', "output", OPT_VALUE, &cli.output, "FILE",
	  "write the report to FILE" },
	{ 0, "fail-on", OPT_VALUE, &cli.fail_on, "SEV",
	  "exit 1 at or above SEV (default high; info..critical)" },
	{ 't', "type", OPT_VALUE, &cli.type, "TYPE",
	  "treat named files as settings, mcp, vscode-mcp, claude-json, "
	  "devcontainer" },
	{ 0, "scope", OPT_VALUE, &cli.scope, "SCOPE",
	  "judge named files as managed, flag, local, project or user" },
	{ 'u', "user", OPT_FLAG, &cli.user, NULL,
	  "also audit ~/.claude, ~/.claude.json, managed and desktop configs" },
	{ 'e', "effective", OPT_FLAG, &cli.effective, NULL,
	  "show the merged security-relevant settings and who set them" },
	{ 0, "ignore-file", OPT_VALUE, &cli.ignore_file, "FILE",
	  "suppressions (default: .ccveto-ignore.json in the first PATH)" },
	{ 0, "baseline", OPT_VALUE, &cli.baseline, "FILE",
	  "suppress findings listed in FILE" },
	{ 0, "write-baseline", OPT_VALUE, &cli.write_baseline, "FILE",
	  "write every current finding to FILE as a baseline" },
	{ 0, "no-rules", OPT_FLAG, &cli.no_rules, NULL,
	  "do not judge commands with the hook's rule packs" },
	{ 0, "home", OPT_VALUE, &cli.home, "DIR",
	  "home directory for --user and ~ (default $HOME)" },
	{ 'v', "verbose", OPT_FLAG, &cli.verbose, NULL,
	  "also show suppressed findings" },
	{ 's', "staged", OPT_FLAG, &cli.git.staged, NULL,
	  "audit what is staged (the index, $GIT_INDEX_FILE in a git hook), "
	  "paths from the repo root" },
	{ 0, "rev", OPT_VALUE, &cli.git.rev, "REV",
	  "audit commit, branch or tag REV without a checkout" },
	{ 0, "all-refs", OPT_FLAG, &cli.git.all_refs, NULL,
	  "audit every branch and tag head" },
	{ 0, "repo", OPT_VALUE, &cli.git.repo, "PATH",
	  "repository for --staged/--rev/--all-refs (bare is fine; "
	  "default: $GIT_DIR or the one holding .)" },
	{ 0 },
};

static bool want_color(FILE *out)
{
	const char *nc = getenv("NO_COLOR");

	if (nc && *nc)
		return false;
	return isatty(fileno(out));
}

/* Every source opened for the operands; freed at the end. */
struct srcset {
	struct source **v;
	size_t n;
};

static int srcset_add(struct srcset *set, struct source *src,
		      struct diag *d)
{
	struct source **v = realloc(set->v, (set->n + 1) * sizeof(*v));

	if (!v) {
		source_free(src);
		return diag_nomem(d);
	}
	set->v = v;
	set->v[set->n++] = src;
	return 0;
}

/* The unconfined source for named files under `root`, shared by every
 * file with the same root (set holds only such sources). */
static int srcset_open(struct source **out, struct srcset *set,
		       const char *root, struct diag *d)
{
	struct source *src = NULL;
	size_t i;
	int error;

	for (i = 0; i < set->n; i++)
		if (!strcmp(set->v[i]->root, root)) {
			*out = set->v[i];
			return 0;
		}
	if ((error = source_worktree_new_open(&src, root, d)) < 0 ||
	    (error = srcset_add(set, src, d)) < 0)
		return error;
	*out = src;
	return 0;
}

/* The directories Claude Code and the editors read configs from: what a
 * file inside one is depends on that name (.claude/settings.json is a
 * project settings file, settings.json alone is not). */
static bool is_config_dir(const char *s, size_t n)
{
	static const char *const dirs[] = {
		".claude", ".devcontainer", ".vscode", ".cursor", NULL,
	};
	size_t i;

	for (i = 0; dirs[i]; i++)
		if (strlen(dirs[i]) == n && !strncmp(s, dirs[i], n))
			return true;
	return false;
}

/* Splits `path` before its last config directory: "a/b/.claude/x.json"
 * is root "a/b", rel ".claude/x.json"; ".claude" (a directory) is root
 * ".", rel ".claude".  False when there is none, or when "." or ".."
 * follows it. */
static bool split_lexical(char **root, char **rel, const char *path,
			  bool isdir)
{
	const char *p = path, *mark = NULL, *end;
	size_t n;

	while (*p) {
		const char *c = p;

		while (*p && *p != '/')
			p++;
		n = (size_t)(p - c);
		if (mark && ((n == 1 && c[0] == '.') ||
			     (n == 2 && !strncmp(c, "..", 2))))
			return false;
		if (n && is_config_dir(c, n) && (*p || isdir)) {
			/* The last component of a file is its name. */
			const char *q = p;

			while (*q == '/')
				q++;
			if (*q || isdir)
				mark = c;
		}
		while (*p == '/')
			p++;
	}
	if (!mark)
		return false;
	end = path + strlen(path);
	while (end > mark && end[-1] == '/')
		end--;
	n = (size_t)(mark - path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	*root = n ? strndup(path, n) : strdup(".");
	*rel = strndup(mark, (size_t)(end - mark));
	if (!*root || !*rel) {
		free(*root);
		free(*rel);
		return false;
	}
	return true;
}

/* The same on the real path, for operands that do not name the config
 * directory (`cd .claude && ccveto audit settings.json`): root is made
 * relative to the current directory when it holds it ("..", "../.."),
 * else absolute. */
static bool split_real(char **root, char **rel, const char *path,
		       bool isdir)
{
	char real[PATH_MAX * 2], dir[PATH_MAX], cwd[PATH_MAX];
	char *r = NULL, *l = NULL, *up;
	const char *s, *c;
	size_t rl, n = 0;

	if (isdir) {
		if (!realpath(path, real))
			return false;
	} else {
		/* The file keeps its own name: a symlinked settings file is
		 * what it is called, not what it points to. */
		s = strrchr(path, '/');
		if (!s)
			strcpy(dir, ".");
		else if (s == path)
			strcpy(dir, "/");
		else if ((size_t)(s - path) < sizeof(dir))
			snprintf(dir, sizeof(dir), "%.*s", (int)(s - path),
				 path);
		else
			return false;
		if (!realpath(dir, real) ||
		    strlen(real) + strlen(s ? s + 1 : path) + 2 > sizeof(real))
			return false;
		if (strcmp(real, "/"))
			strcat(real, "/");
		strcat(real, s ? s + 1 : path);
	}
	if (!split_lexical(&r, &l, real, isdir))
		return false;
	rl = strlen(r);
	if (getcwd(cwd, sizeof(cwd)) && !strncmp(cwd, r, rl) &&
	    (cwd[rl] == '/' || !cwd[rl] || rl == 1)) {
		/* One ".." per component of cwd below root. */
		for (c = cwd + rl; *c; c++)
			if (*c != '/' && (c == cwd + rl || c[-1] == '/'))
				n++;
		if ((up = malloc(n ? n * 3 : 2))) {
			strcpy(up, n ? ".." : ".");
			while (n-- > 1)
				strcat(up, "/..");
			free(r);
			r = up;
		}
	}
	*root = r;
	*rel = l;
	return true;
}

/* Is there a checkout of its own (a `.git`) between the config directory
 * at the start of rel and the end of rel?  ~/.cursor/projects/app is the
 * app repository, not part of ~/.cursor. */
static bool nested_checkout(const char *root, const char *rel)
{
	char p[PATH_MAX];
	const char *c = strchr(rel, '/');
	struct stat st;

	for (; c; c = strchr(c + 1, '/')) {
		const char *end = strchr(c + 1, '/');
		int n = (int)((end ? end : c + strlen(c)) - rel);

		if (snprintf(p, sizeof(p), "%s/%.*s/.git", root, n, rel) >=
		    (int)sizeof(p) || lstat(p, &st) == 0)
			return true;
	}
	return false;
}

/* ---- SARIF locations ---- */

/* Absolute form of `path`: its directory resolved, its own name kept (a
 * symlinked file is where it is, not where it points).  Heap string, or
 * NULL. */
static char *abs_path(const char *path)
{
	char dir[PATH_MAX], real[PATH_MAX], *out;
	const char *s = strrchr(path, '/'), *base = s ? s + 1 : path;

	if (!*base || !strcmp(base, ".") || !strcmp(base, "..")) {
		/* a directory: resolve all of it */
		return realpath(path, NULL);
	}
	if (!s)
		strcpy(dir, ".");
	else if (s == path)
		strcpy(dir, "/");
	else if ((size_t)(s - path) < sizeof(dir))
		snprintf(dir, sizeof(dir), "%.*s", (int)(s - path), path);
	else
		return NULL;
	if (!realpath(dir, real) ||
	    !(out = malloc(strlen(real) + strlen(base) + 2)))
		return NULL;
	sprintf(out, "%s%s%s", real, strcmp(real, "/") ? "/" : "", base);
	return out;
}

/* uri and base of an absolute path: from srcroot when it is below it,
 * else from the root of the file system. */
static int place(const char **uri, const char **base, struct arena *a,
		 const char *abs, const char *srcroot, struct diag *d)
{
	size_t n = srcroot ? strlen(srcroot) : 0;

	if (n && !strncmp(abs, srcroot, n) && abs[n]) {
		*uri = arena_strdup(a, abs + n);
		*base = "%SRCROOT%";
	} else {
		*uri = arena_strdup(a, abs + (abs[0] == '/'));
		*base = "ROOT";
	}
	return *uri ? 0 : diag_nomem(d);
}

/* Sets every file's SARIF uri (audit_file.uri) and *srcroot, the top of
 * the git work tree of the first audited path (outside a repository, the
 * project directory of that path), '/'-terminated.  Code scanning
 * resolves relative URIs against the repository root, so a path relative
 * to wherever ccveto ran would point at the wrong file. */
static int sarif_place(struct audit_result *r, char **srcroot,
		       const struct audit_git *git, const char *first,
		       struct diag *d)
{
	const char *home = cli.home ? cli.home : getenv("HOME");
	struct gitrepo *repo = NULL;
	struct diag gd = { 0, "" };
	char *top = NULL, *real = NULL;
	size_t i;
	int error = 0;

	*srcroot = NULL;
	if (git->repo) {
		/* Index and commit paths are already from the root. */
		const char *wd = gitrepo_workdir(git->repo);

		if (wd && !(*srcroot = strdup(wd)))
			return diag_nomem(d);
		for (i = 0; i < r->nfiles; i++) {
			r->files[i]->uri = r->files[i]->rel;
			r->files[i]->uri_base = "%SRCROOT%";
		}
		for (i = 0; i < r->nskipped; i++) {
			r->skipped[i].uri = r->skipped[i].path;
			r->skipped[i].uri_base = "%SRCROOT%";
		}
		return 0;
	}
	if (first && (real = abs_path(first))) {
		struct stat st;
		char *root = NULL, *rel = NULL;

		if (stat(real, &st) == 0 && !S_ISDIR(st.st_mode))
			*strrchr(real, '/') = '\0';
		if (!*real)
			strcpy(real, "/");
		if (gitrepo_open(&repo, real, &gd) == 0 &&
		    gitrepo_workdir(repo))
			top = strdup(gitrepo_workdir(repo));
		else if (split_lexical(&root, &rel, real, true))
			top = root, root = NULL;
		else
			top = strdup(real);
		free(root);
		free(rel);
		gitrepo_free(repo);
	}
	if (top && top[strlen(top) - 1] != '/') {
		char *t = malloc(strlen(top) + 2);

		if (t)
			sprintf(t, "%s/", top);
		free(top);
		top = t;
	}
	for (i = 0; i < r->nfiles && !error; i++) {
		struct audit_file *f = r->files[i];
		char *abs = NULL;

		if (!strncmp(f->path, "~/", 2) && home) {
			if ((abs = malloc(strlen(home) + strlen(f->path))))
				sprintf(abs, "%s%s", home, f->path + 1);
		} else {
			abs = abs_path(f->path);
		}
		if (abs)
			error = place(&f->uri, &f->uri_base, &r->arena, abs,
				      top, d);
		free(abs);
	}
	for (i = 0; i < r->nskipped && !error; i++) {
		struct audit_skip *k = &r->skipped[i];
		char *abs = realpath(k->path, NULL);

		if (abs)
			error = place(&k->uri, &k->uri_base, &r->arena, abs,
				      top, d);
		free(abs);
	}
	free(real);
	*srcroot = top;
	return error;
}

/* Audits one of the user's files if it exists; missing ones are fine. */
static int audit_user_path(struct audit_result *r, struct source *src,
			   const char *path, const struct audit_opts *base,
			   const char *scope, struct diag *d)
{
	struct audit_opts o = *base;
	enum source_type t;
	struct diag sd = { 0, "" };

	o.scope = scope;
	o.type = NULL;
	if (src->ops->stat(src, &t, path, &sd) < 0)
		return 0;
	return audit_run(r, src, path, &o, d);
}

static int audit_user(struct audit_result *r, struct srcset *srcs,
		      const struct audit_opts *opts, struct diag *d)
{
	const char *home = cli.home ? cli.home : getenv("HOME");
	struct source *hs = NULL, *root = NULL;
	int error;

	if (home && (error = source_worktree_new_open(&hs, home, d)) == 0) {
		if ((error = srcset_add(srcs, hs, d)) < 0)
			return error;
		hs->root = "~";
		hs->label = "user";
		if ((error = audit_user_path(r, hs, ".claude/settings.json",
					     opts, "user", d)) < 0 ||
		    (error = audit_user_path(r, hs, ".claude.json", opts,
					     "user", d)) < 0 ||
		    (error = audit_user_path(r, hs,
				".config/Claude/claude_desktop_config.json",
				opts, "user", d)) < 0 ||
		    (error = audit_user_path(r, hs, "Library/Application "
				"Support/Claude/claude_desktop_config.json",
				opts, "user", d)) < 0)
			return error;
	}
	if ((error = source_worktree_new_open(&root, "/", d)) < 0 ||
	    (error = srcset_add(srcs, root, d)) < 0)
		return error;
	root->label = "managed";
	if ((error = audit_user_path(r, root,
			"etc/claude-code/managed-settings.json", opts,
			"managed", d)) < 0 ||
	    (error = audit_user_path(r, root,
			"etc/claude-code/managed-settings.d", opts, "managed",
			d)) < 0 ||
	    (error = audit_user_path(r, root,
			"etc/claude-code/managed-mcp.json", opts, "managed",
			d)) < 0 ||
	    (error = audit_user_path(r, root, "Library/Application Support/"
			"ClaudeCode/managed-settings.json", opts, "managed",
			d)) < 0)
		return error;
	return 0;
}

int cmd_audit(int argc, char **argv)
{
	struct audit_opts opts = AUDIT_OPTS_INIT;
	struct report_opts ro = { false, false, SEVERITY_HIGH, 0, "worktree",
				  NULL };
	struct audit_result r;
	struct audit_git git = { 0 };
	struct srcset srcs = { NULL, 0 }, named = { NULL, 0 };
	struct source *root_src = NULL;
	size_t ndirs = 0, i;
	struct diag d = { 0, "" };
	FILE *out = stdout;
	int nargs = 0, rc, error = 0;
	const char *fmt, *first = NULL;
	char *srcroot = NULL;

	memset(&cli, 0, sizeof(cli));
	audit_result_init(&r);
	rc = opt_parse(audit_opt_specs, argc, argv, &nargs, usage_line,
		       summary);
	if (rc)
		return rc == 1 ? 0 : 2;
	fmt = cli.format ? cli.format : "text";
	if (strcmp(fmt, "text") && strcmp(fmt, "json") &&
	    strcmp(fmt, "sarif")) {
		fprintf(stderr, "ccveto: unknown format '%s' (text, json, "
			"sarif)\n", fmt);
		return 2;
	}
	if (cli.fail_on && severity_parse(&opts.fail_on, cli.fail_on) < 0) {
		fprintf(stderr, "ccveto: unknown severity '%s'\n",
			cli.fail_on);
		return 2;
	}
	{
		enum audit_scope sc;
		enum audit_kind k;

		if (cli.scope && audit_scope_parse(&sc, cli.scope) < 0) {
			fprintf(stderr, "ccveto: unknown scope '%s'\n",
				cli.scope);
			return 2;
		}
		if (cli.type && audit_kind_parse(&k, cli.type) < 0) {
			fprintf(stderr, "ccveto: unknown type '%s'\n",
				cli.type);
			return 2;
		}
	}
	if (nargs > CV_MAX_AUDIT_FILES) {
		fprintf(stderr, "ccveto: too many paths (max %d)\n",
			CV_MAX_AUDIT_FILES);
		return 2;
	}
	opts.ignore_file = cli.ignore_file;
	opts.baseline = cli.baseline;
	opts.no_rules = cli.no_rules;
	opts.home = cli.home;
	if (audit_git_wanted(&cli.git)) {
		/* PATHs are inside the index or commit, not on disk. */
		if ((error = audit_git_run(&git, &r, &cli.git, argv,
					   (size_t)nargs, &opts, &d)) < 0)
			goto fatal;
		root_src = git.nsrc ? git.srcs[0] : NULL;
		ro.label = git.label;
		nargs = 0;
	} else if (!nargs && !cli.user) {
		argv[nargs++] = ".";
	}
	if (nargs)
		first = argv[0];
	for (i = 0; i < (size_t)nargs; i++) {
		const char *path = argv[i];
		struct source *src = NULL;
		struct audit_opts fo = opts;
		char *root = NULL, *rel = NULL;
		struct stat st;
		bool isdir, split;

		if (stat(path, &st) < 0 && lstat(path, &st) < 0) {
			fprintf(stderr, "ccveto: cannot audit '%s': no such "
				"file or directory\n", path);
			r.usage_error = true;
			continue;
		}
		isdir = S_ISDIR(st.st_mode);
		/* `.claude`, `.devcontainer/py`, `settings.json` inside
		 * .claude: audited from the project directory above, so
		 * each file is judged by the name Claude Code reads it by. */
		split = split_lexical(&root, &rel, path, isdir) ||
			split_real(&root, &rel, path, isdir);
		if (split && isdir && nested_checkout(root, rel)) {
			free(root);
			free(rel);
			root = rel = NULL;
			split = false;
		}
		if (isdir) {
			if (++ndirs > 64) {
				fprintf(stderr, "ccveto: too many directories "
					"(max 64)\n");
				r.usage_error = true;
				free(root);
				free(rel);
				break;
			}
			fo.type = NULL;
			fo.scope = NULL;
			if ((error = source_worktree_new(&src, split ? root :
							 path, &d)) < 0 ||
			    (error = srcset_add(&srcs, src, &d)) < 0)
				goto fatal_op;
			if (!root_src)
				root_src = src;
			if ((error = audit_run(&r, src, split ? rel : "", &fo,
					       &d)) < 0 ||
			    (error = audit_git_worktree_checks(&r, split ?
						root : path, &fo, &d)) < 0)
				goto fatal_op;
		} else {
			const char *base = strrchr(split ? rel : path, '/');

			base = base ? base + 1 : split ? rel : path;
			fo.type = cli.type;
			fo.scope = cli.scope;
			/* Named files are read through unconfined sources:
			 * the user chose them, symlinks and all. */
			if ((error = srcset_open(&src, &named, split ? root :
						 path[0] == '/' ? "/" : ".",
						 &d)) < 0 ||
			    (error = audit_run(&r, src, split ? rel :
					       path[0] == '/' ? path + 1 :
					       path, &fo, &d)) < 0)
				goto fatal_op;
			/* The checks that need the project around a named
			 * settings file: its .mcp.json (CC051, CC013) and,
			 * for settings.local.json, git (CC018). */
			if (split && !strncmp(rel, ".claude/", 8) &&
			    !strchr(rel + 8, '/') &&
			    (!strcmp(base, "settings.json") ||
			     !strcmp(base, "settings.local.json")) &&
			    ((error = audit_add_context(&r, src, ".mcp.json",
							&d)) < 0 ||
			     (!strcmp(base, "settings.local.json") &&
			      (error = audit_git_worktree_checks(&r, root,
						&fo, &d)) < 0)))
				goto fatal_op;
		}
		free(root);
		free(rel);
		continue;
fatal_op:
		free(root);
		free(rel);
		goto fatal;
	}
	if (cli.user && (error = audit_user(&r, &srcs, &opts, &d)) < 0)
		goto fatal;
	if ((error = audit_finish(&r, root_src, &opts, &d)) < 0) {
		fprintf(stderr, "ccveto: %s\n", d.msg);
		r.usage_error = true;
	}
	if (cli.output && !(out = fopen(cli.output, "w"))) {
		fprintf(stderr, "ccveto: cannot write '%s'\n", cli.output);
		rc = 2;
		goto done;
	}
	if (!strcmp(fmt, "sarif") &&
	    (error = sarif_place(&r, &srcroot, &git, first, &d)) < 0)
		goto fatal;
	ro.srcroot = srcroot;
	ro.color = !strcmp(fmt, "text") && want_color(out);
	ro.verbose = cli.verbose;
	ro.fail_on = opts.fail_on;
	ro.exit_code = audit_exit_code(&r, opts.fail_on);
	if (r.rules_failed)
		fprintf(stderr, "ccveto: warning: rule packs not loaded (%s): "
			"commands judged by built-in checks only\n",
			r.rules_problem ? r.rules_problem : "?");
	/* Whatever the format, everything not audited is named on stderr:
	 * exit 2 with a quiet stderr reads as a crash in a CI log. */
	for (i = 0; i < r.nfiles; i++)
		if (r.files[i]->error)
			fprintf(stderr, "ccveto: not audited: '%s': %s\n",
				r.files[i]->path, r.files[i]->problem ?
				r.files[i]->problem : "cannot be read");
	for (i = 0; i < r.nskipped; i++)
		fprintf(stderr, "ccveto: not audited: '%s': %s\n",
			r.skipped[i].path, r.skipped[i].why);
	if (!r.nfiles)
		fprintf(stderr, "ccveto: warning: NO CONFIG FILES FOUND: "
			"nothing was audited\n");
	if (cli.effective) {
		struct effective_view v;

		if ((error = audit_effective(&v, &r, &d)) < 0)
			goto fatal;
		report_effective(out, &v, &ro);
	} else if (!strcmp(fmt, "json")) {
		report_json(out, &r, &ro);
	} else if (!strcmp(fmt, "sarif")) {
		report_sarif(out, &r, &ro);
	} else {
		report_text(out, &r, &ro);
	}
	if (cli.write_baseline) {
		FILE *bf = fopen(cli.write_baseline, "w");

		if (!bf) {
			fprintf(stderr, "ccveto: cannot write '%s'\n",
				cli.write_baseline);
			rc = 2;
			goto done;
		}
		report_baseline(bf, &r);
		fclose(bf);
	}
	rc = ro.exit_code;
	goto done;
fatal:
	fprintf(stderr, "ccveto: audit failed: %s\n", d.msg[0] ? d.msg :
		diag_code_name(error));
	rc = 2;
done:
	if (out && out != stdout && fclose(out) != 0)
		rc = 2;
	for (i = 0; i < srcs.n; i++)
		source_free(srcs.v[i]);
	for (i = 0; i < named.n; i++)
		source_free(named.v[i]);
	free(srcs.v);
	free(named.v);
	free(srcroot);
	audit_result_release(&r);
	audit_git_release(&git);
	return rc;
}
