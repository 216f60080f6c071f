/* shell_norm.c - from a parsed simple command to subjects: program names
 * normalised, wrappers (sudo, env, timeout, xargs, find -exec, bash -c,
 * eval ...) unwrapped, arguments and paths normalised, the subcommand and
 * inline interpreter code found.
 * Security invariants: a wrapper that has an inner command never hides it
 * (the inner command is emitted, with the wrapper in `via`); a wrapper
 * whose inner text is computed ($VAR, $( )) is emitted itself as well, so
 * rules on `sh`/`eval` with `input_from` still see it.  Unwrapping is a
 * loop; the only recursion (find -exec, nested texts) counts depth. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shell/shell_int.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/diag.h"
#include "util/text.h"

struct emitter {
	struct sh_src *p;
	struct sh_cmd *c;
	struct sh_word *w;
	size_t nw;
	struct strlist in_from;
	const char *text;
	/* What the command's stdin is (a pipe), taken at the start: a
	 * nested parse resets sh_ctx's. */
	bool piped, pipe_unknown;
	const char *pipe_text;
	const struct subject *pipe_prev;
};

#define NOMEM(p) diag_set((p)->g->d, CV_ENOMEM, "out of memory")

/* ---- paths ---- */

static bool has_prefix_dir(const char *s, const char *pre, size_t n)
{
	return !strncmp(s, pre, n) && (s[n] == '\0' || s[n] == '/');
}

/* Length of `dir` as a prefix directory of `s`, 0 if it is not one. */
static size_t dir_prefix(const char *s, const char *dir)
{
	size_t n;

	if (!dir || dir[0] != '/')
		return 0;
	n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	return n > 1 && has_prefix_dir(s, dir, n) ? n : 0;
}

/* Length of a home prefix of `s` ("$HOME", "${HOME}", either home
 * directory itself), 0 if none.  The passwd home is tried first, so a
 * $HOME inside it does not turn "~/.config" into "~". */
static size_t home_prefix(const struct shell_env *env, const char *s)
{
	size_t n;

	if (has_prefix_dir(s, "$HOME", 5))
		return 5;
	if (has_prefix_dir(s, "${HOME}", 7))
		return 7;
	if (env && env->home && env->home[0] == '/') {
		if ((n = dir_prefix(s, env->home)))
			return n;
		return dir_prefix(s, env->home_alt);
	}
	if (env && (n = dir_prefix(s, env->home_alt)))
		return n;
	if (!env || !env->home) {
		if (has_prefix_dir(s, "/root", 5))
			return 5;
		if (!strncmp(s, "/home/", 6) && s[6] && s[6] != '/') {
			for (n = 6; s[n] && s[n] != '/'; n++)
				;
			return n;
		}
	}
	return 0;
}

/* "~", "~/x", "$HOME/x" with the home directory written out, when it is
 * known; otherwise `path` itself.  NULL on no memory.  They are written
 * out as the shell will ($HOME, env->tilde), so "~/.." is the parent of
 * that directory and a $HOME of /etc makes "~/sudoers" /etc/sudoers. */
static const char *expand_home(struct arena *a, const struct shell_env *env,
			       const char *path)
{
	const char *home = env && env->tilde && env->tilde[0] == '/' ?
			   env->tilde : env ? env->home : NULL;
	size_t n, h;
	char *out;

	if (!home || home[0] != '/')
		return path;
	if (path[0] == '~' && (path[1] == '\0' || path[1] == '/'))
		n = 1;
	else if (has_prefix_dir(path, "$HOME", 5))
		n = 5;
	else if (has_prefix_dir(path, "${HOME}", 7))
		n = 7;
	else
		return path;
	h = strlen(home);
	while (h > 1 && home[h - 1] == '/')
		h--;
	out = arena_alloc(a, h + strlen(path + n) + 1);
	if (!out)
		return NULL;
	memcpy(out, home, h);
	strcpy(out + h, path + n);
	return out;
}

/* Tidies a path lexically: repeated and trailing "/", "." and ".."
 * components.  A home prefix it cannot expand ("$HOME" with the home
 * unknown) is the root "~". */
static char *path_clean(struct arena *a, const struct shell_env *env,
			const char *path)
{
	const char *root, *s = path, *e;
	size_t len, rootlen, o, ncomp = 0, i;
	size_t *comp;	/* start offsets in out of each component */
	char *out;

	if (s[0] != '/' && (len = home_prefix(env, s))) {
		root = "~";
		s += len;
	} else if (s[0] == '~' && (s[1] == '\0' || s[1] == '/')) {
		root = "~";
		s += 1;
	} else if (s[0] == '~') {
		/* ~user stays as it is; only what follows is tidied. */
		for (e = s; *e && *e != '/'; e++)
			;
		root = arena_strndup(a, s, (size_t)(e - s));
		if (!root)
			return NULL;
		s = e;
	} else if (s[0] == '/') {
		root = "/";
	} else {
		root = "";
	}
	rootlen = strlen(root);
	len = strlen(s);
	if (rootlen + len + 2 < len)
		return NULL;
	out = arena_alloc(a, rootlen + len + 2);
	comp = arena_alloc(a, (len / 2 + 2) * sizeof(*comp));
	if (!out || !comp)
		return NULL;
	memcpy(out, root, rootlen);
	o = rootlen;
	while (*s) {
		while (*s == '/')
			s++;
		if (!*s)
			break;
		for (e = s; *e && *e != '/'; e++)
			;
		len = (size_t)(e - s);
		if (len == 1 && s[0] == '.') {
			s = e;
			continue;
		}
		if (len == 2 && s[0] == '.' && s[1] == '.' && ncomp > 0) {
			i = comp[ncomp - 1];
			if (!(o - i == 2 && out[i] == '.' && out[i + 1] == '.')) {
				/* Drop the last component and its slash. */
				ncomp--;
				o = i;
				if (o > rootlen && out[o - 1] == '/')
					o--;
				s = e;
				continue;
			}
		}
		if (len == 2 && s[0] == '.' && s[1] == '.' && ncomp == 0 &&
		    !strcmp(root, "/")) {
			s = e;	/* /.. is / */
			continue;
		}
		if (o > 0 && out[o - 1] != '/')
			out[o++] = '/';
		comp[ncomp++] = o;
		memcpy(out + o, s, len);
		o += len;
		s = e;
	}
	if (o == 0) {
		/* "./", "a/.." */
		out[o++] = path[0] ? '.' : '\0';
		if (!path[0])
			o = 0;
	}
	out[o] = '\0';
	return out;
}

/* ".." is resolved before the home directory becomes "~", so "~/..",
 * "$HOME/.." and "/home/alice/.." are the parent of the home, as the
 * shell and the kernel see them, not the home itself. */
const char *shell_norm_path(struct arena *a, const struct shell_env *env,
			    const char *path)
{
	const char *full;
	char *clean, *out;
	size_t n;

	if (!path)
		return NULL;
	if (!(full = expand_home(a, env, path)) ||
	    !(clean = path_clean(a, env, full)))
		return NULL;
	if (clean[0] != '/' || !(n = home_prefix(env, clean)))
		return clean;
	if (!(out = arena_alloc(a, strlen(clean + n) + 2)))
		return NULL;
	out[0] = '~';
	strcpy(out + 1, clean + n);
	return out;
}

const char *shell_path_join(struct arena *a, const struct shell_env *env,
			    const char *base, const char *rel)
{
	const char *full;
	char *buf;
	size_t n;

	if (!rel)
		return NULL;
	if (rel[0] == '~' && (rel[1] == '\0' || rel[1] == '/')) {
		if (!env || !env->home || env->home[0] != '/')
			return NULL;
		n = strlen(env->home) + strlen(rel) + 1;
		if (!(buf = arena_alloc(a, n)))
			return NULL;
		strcpy(buf, env->home);
		strcat(buf, rel + 1);
		full = buf;
	} else if (rel[0] == '/') {
		full = rel;
	} else {
		if (!base || base[0] != '/')
			return NULL;
		n = strlen(base) + strlen(rel) + 2;
		if (n < strlen(rel) || !(buf = arena_alloc(a, n)))
			return NULL;
		strcpy(buf, base);
		strcat(buf, "/");
		strcat(buf, rel);
		full = buf;
	}
	/* No env: "$HOME" and the home stay as written, no "~" form. */
	return path_clean(a, NULL, full);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

static bool path_like(const char *s)
{
	const char *c;

	if (strstr(s, "://"))
		return false;
	/* Text with blanks ("rm -rf /" as a commit message) is a path only
	 * when it starts like one. */
	if (s[0] != '/' && s[0] != '~' && s[0] != '.' && s[0] != '$')
		for (c = s; *c; c++)
			if (is_space(*c))
				return false;
	return strchr(s, '/') || s[0] == '~' || !strncmp(s, "$HOME", 5) ||
	       !strncmp(s, "${HOME}", 7);
}

/* An argument as rules see it: paths normalised, also after `--opt=` and
 * `of=`; anything else unchanged. */
static const char *norm_arg(struct sh_src *p, const char *s)
{
	const char *eq, *v, *q;
	size_t k;
	char *r;

	if (path_like(s) && s[0] != '-' && !(eq = strchr(s, '=')))
		return shell_norm_path(p->g->a, p->g->env, s);
	eq = strchr(s, '=');
	if (eq && eq > s && path_like(eq + 1)) {
		for (q = s; q < eq && (*q == '-' || *q == '_' || *q == '.' ||
		     (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		     (*q >= '0' && *q <= '9')); q++)
			;
		if (q != eq)
			return s;
		v = shell_norm_path(p->g->a, p->g->env, eq + 1);
		if (!v)
			return NULL;
		k = (size_t)(eq - s) + 1;
		r = arena_alloc(p->g->a, k + strlen(v) + 1);
		if (!r)
			return NULL;
		memcpy(r, s, k);
		strcpy(r + k, v);
		return r;
	}
	if (path_like(s) && s[0] != '-')
		return shell_norm_path(p->g->a, p->g->env, s);
	return s;
}

/* ---- names ---- */

/* "python3.12" is "python" with a version. */
static bool versioned(const char *s, const char *base)
{
	size_t n = strlen(base);

	if (strncmp(s, base, n))
		return false;
	for (s += n; *s; s++)
		if (!((*s >= '0' && *s <= '9') || *s == '.'))
			return false;
	return true;
}

static const char *const shells[] = {
	"sh", "bash", "zsh", "dash", "ksh", "ash", "mksh", "yash", "rbash",
	"fish", "pdksh", "ksh93", NULL,
};

static bool is_shell(const char *s)
{
	return text_in_list(s, shells);
}

static enum interp interp_of(const char *s)
{
	if (versioned(s, "python") || versioned(s, "pypy"))
		return I_PYTHON;
	if (versioned(s, "perl"))
		return I_PERL;
	if (versioned(s, "ruby"))
		return I_RUBY;
	if (!strcmp(s, "node") || !strcmp(s, "nodejs") || !strcmp(s, "bun"))
		return I_NODE;
	if (!strcmp(s, "deno"))
		return I_DENO;
	if (versioned(s, "php"))
		return I_PHP;
	if (versioned(s, "lua") || !strcmp(s, "luajit"))
		return I_LUA;
	if (!strcmp(s, "Rscript") || !strcmp(s, "R"))
		return I_R;
	if (!strcmp(s, "osascript"))
		return I_OSA;
	if (!strcmp(s, "pwsh") || !strcmp(s, "powershell") ||
	    !strcmp(s, "powershell.exe") || !strcmp(s, "pwsh.exe"))
		return I_PWSH;
	if (!strcmp(s, "awk") || !strcmp(s, "gawk") || !strcmp(s, "mawk") ||
	    !strcmp(s, "nawk") || !strcmp(s, "busybox-awk"))
		return I_AWK;
	return I_NONE;
}

enum interp shn_interp(const char *program)
{
	return interp_of(program);
}

static bool is_stdin_name(const char *s)
{
	return !strcmp(s, "-") || !strcmp(s, "/dev/stdin") ||
	       !strcmp(s, "/dev/fd/0") || !strcmp(s, "/proc/self/fd/0");
}

/* ---- subject construction ---- */

static int via_push(struct sh_src *p, struct strlist *via, const char *name)
{
	return strlist_push(via, p->g->a, name) < 0 ? NOMEM(p) : 0;
}

static struct strlist via_copy(const struct strlist *via)
{
	struct strlist c = *via;

	c.cap = c.n;	/* a push copies, never writes into the shared array */
	return c;
}


static int build_line(struct sh_src *p, struct subject *s)
{
	size_t len = strlen(s->program) + 1, k, o;
	char *line;

	for (k = 0; k < s->args.n; k++)
		len += strlen(s->args.v[k]) + 1;
	if (!(line = arena_alloc(p->g->a, len)))
		return NOMEM(p);
	o = strlen(s->program);
	memcpy(line, s->program, o);
	for (k = 0; k < s->args.n; k++) {
		const char *a = s->args.v[k];

		line[o++] = ' ';
		for (; *a; a++)
			line[o++] = is_space(*a) ? '\x1f' : *a;
	}
	line[o] = '\0';
	for (k = 0; k < o; k++)
		if (is_space(line[k]) && line[k] != ' ')
			line[k] = '\x1f';
	s->line = line;
	return 0;
}

/* Global options that take a value, per program, for `subcommand`. */
struct subcmd_spec {
	const char *prog;
	const char *vals;
	const char *const *longv;
};

static const char *const git_long[] = {
	"--git-dir", "--work-tree", "--namespace", "--super-prefix",
	"--config-env", "--list-cmds", NULL,
};
static const char *const docker_long[] = {
	"--host", "--context", "--config", "--log-level", "--tlscacert",
	"--tlscert", "--tlskey", NULL,
};
static const char *const kubectl_long[] = {
	"--namespace", "--context", "--cluster", "--kubeconfig", "--server",
	"--user", "--token", "--as", "--as-group", "--request-timeout",
	"--certificate-authority", "--client-certificate", "--client-key",
	"--cache-dir", "--profile", NULL,
};
static const char *const helm_long[] = {
	"--namespace", "--kube-context", "--kubeconfig", "--registry-config",
	"--repository-cache", "--repository-config", "--kube-apiserver",
	"--kube-as-user", "--kube-token", "--kube-ca-file", NULL,
};
static const char *const aws_long[] = {
	"--profile", "--region", "--output", "--endpoint-url", "--query",
	"--cli-read-timeout", "--cli-connect-timeout", "--ca-bundle",
	"--color", NULL,
};
static const char *const gcloud_long[] = {
	"--project", "--account", "--configuration", "--format",
	"--verbosity", "--impersonate-service-account", "--billing-project",
	NULL,
};
static const char *const az_long[] = {
	"--subscription", "--output", "--query", NULL,
};
static const char *const npm_long[] = {
	"--prefix", "--workspace", "--userconfig", "--cache", "--registry",
	"--loglevel", "--filter", "--dir", NULL,
};
static const char *const cargo_long[] = {
	"--manifest-path", "--config", "--color", NULL,
};
static const char *const systemctl_long[] = {
	"--host", "--machine", "--type", "--property", "--signal", "--state",
	"--root", "--job-mode", "--kill-whom", "--lines", "--output", NULL,
};

static const struct subcmd_spec subcmd_specs[] = {
	{ "git", "Cc", git_long },
	{ "docker", "Hcl", docker_long },
	{ "podman", "c", docker_long },
	{ "kubectl", "nsv", kubectl_long },
	{ "oc", "nsv", kubectl_long },
	{ "helm", "n", helm_long },
	{ "aws", "", aws_long },
	{ "gcloud", "", gcloud_long },
	{ "az", "o", az_long },
	{ "npm", "wC", npm_long },
	{ "pnpm", "wCF", npm_long },
	{ "yarn", "", npm_long },
	{ "cargo", "CZ", cargo_long },
	{ "systemctl", "HMtpsno", systemctl_long },
	{ NULL, NULL, NULL },
};

static const char *find_subcommand(struct subject *s)
{
	const struct subcmd_spec *sp;
	size_t i, n = s->raw_args.n;
	struct sh_word tmp[1];

	for (sp = subcmd_specs; sp->prog; sp++)
		if (!strcmp(sp->prog, s->program))
			break;
	/* skip_opts works on words; walk raw_args the same way. */
	for (i = 0; i < n;) {
		const char *a = s->raw_args.v[i];
		size_t k;

		(void)tmp;
		if (!strcmp(a, "--"))
			return i + 1 < n ? s->raw_args.v[i + 1] : NULL;
		if (a[0] != '-' || a[1] == '\0')
			return a;
		i++;
		if (!sp->prog)
			continue;
		if (a[1] == '-') {
			if (!strchr(a, '=') && sp->longv &&
			    text_in_list(a, sp->longv))
				i++;
			continue;
		}
		for (k = 1; a[k]; k++)
			if (strchr(sp->vals, a[k])) {
				if (!a[k + 1])
					i++;
				break;
			}
	}
	return NULL;
}

/* Inline code is recorded and followed (shell_inline.c). */
static int code_push(struct sh_src *p, struct subject *s, const char *c)
{
	return shi_code(p, s, c);
}

static int join_args(struct sh_src *p, const struct strlist *l, size_t from,
		     const char **out)
{
	size_t len = 1, k, o = 0;
	char *r;

	for (k = from; k < l->n; k++)
		len += strlen(l->v[k]) + 1;
	if (!(r = arena_alloc(p->g->a, len)))
		return NOMEM(p);
	for (k = from; k < l->n; k++) {
		size_t m = strlen(l->v[k]);

		if (k > from)
			r[o++] = ' ';
		memcpy(r + o, l->v[k], m);
		o += m;
	}
	r[o] = '\0';
	*out = r;
	return 0;
}

/* Inline interpreter code: python -c, perl -e, node -e ... */
static int find_code(struct sh_src *p, struct subject *s)
{
	const struct strlist *a = &s->raw_args;
	enum interp it = interp_of(s->program);
	size_t i, k;
	int error;

	if (it == I_NONE)
		return 0;
	for (i = 0; i < a->n; i++) {
		const char *x = a->v[i], *next = i + 1 < a->n ? a->v[i + 1]
							       : NULL;

		if (!strcmp(x, "--"))
			break;
		switch (it) {
		case I_PWSH:
			if (!strcasecmp(x, "-c") || !strcasecmp(x, "-command") ||
			    !strcasecmp(x, "/c") || !strcasecmp(x, "-cmd") ||
			    !strcasecmp(x, "-encodedcommand") ||
			    !strcasecmp(x, "-ec") || !strcasecmp(x, "-e")) {
				const char *j;

				if ((error = join_args(p, a, i + 1, &j)) < 0)
					return error;
				return code_push(p, s, j);
			}
			continue;
		case I_DENO:
			if (!strcmp(x, "eval")) {
				for (k = i + 1; k < a->n; k++)
					if (a->v[k][0] != '-')
						return code_push(p, s, a->v[k]);
				return 0;
			}
			if (x[0] != '-')
				return 0;
			continue;
		case I_NODE:
			if (!strcmp(x, "-e") || !strcmp(x, "--eval") ||
			    !strcmp(x, "-p") || !strcmp(x, "--print") ||
			    !strcmp(x, "-pe") || !strcmp(x, "-ep")) {
				if (next && (error = code_push(p, s, next)) < 0)
					return error;
				i++;
				continue;
			}
			if (!strncmp(x, "--eval=", 7) ||
			    !strncmp(x, "--print=", 8)) {
				if ((error = code_push(p, s, strchr(x, '=') +
							   1)) < 0)
					return error;
				continue;
			}
			if (x[0] != '-')
				return 0;
			continue;
		case I_AWK:
			if (!strcmp(x, "-f") || !strncmp(x, "--file", 6))
				return 0;
			if (!strcmp(x, "-e") || !strcmp(x, "--source")) {
				if (next && (error = code_push(p, s, next)) < 0)
					return error;
				i++;
				continue;
			}
			if (!strcmp(x, "-F") || !strcmp(x, "-v")) {
				i++;
				continue;
			}
			if (x[0] != '-' || x[1] == '\0')
				return code_push(p, s, x);
			continue;
		default:
			break;
		}
		if (x[0] != '-' || x[1] == '\0' || x[1] == '-') {
			if (x[0] == '-' && x[1] == '-')
				continue;
			return 0;	/* a script file: no inline code */
		}
		for (k = 1; x[k]; k++) {
			char c = x[k];
			const char *val = x[k + 1] ? x + k + 1 : next;
			bool is_code = false, takes = false;

			switch (it) {
			case I_PYTHON:
				is_code = c == 'c';
				takes = c == 'W' || c == 'X';
				if (c == 'm')
					return 0;
				break;
			case I_PERL:
				is_code = c == 'e' || c == 'E';
				takes = strchr("iIMmdDxC", c) != NULL;
				if (takes) {
					val = NULL;	/* attached only */
					x = "";
				}
				break;
			case I_RUBY:
				is_code = c == 'e';
				takes = strchr("IrCE", c) != NULL;
				break;
			case I_PHP:
				is_code = strchr("rBRE", c) != NULL;
				takes = strchr("cdzt", c) != NULL;
				break;
			case I_LUA:
			case I_R:
			case I_OSA:
				is_code = c == 'e';
				takes = c == 'l' && it == I_OSA;
				break;
			default:
				break;
			}
			if (is_code) {
				if (val && (error = code_push(p, s, val)) < 0)
					return error;
				if (!x[k + 1])
					i++;
				if (it == I_PYTHON)
					return 0;
				break;
			}
			if (takes) {
				if (x[0] && !x[k + 1])
					i++;
				break;
			}
		}
	}
	return 0;
}

int shn_stdin_kind(const struct subject *s)
{
	const struct strlist *a = &s->raw_args;
	enum interp it;
	size_t i;

	if (s->program_dynamic)
		return 0;
	if (!strcmp(s->program, "make") || !strcmp(s->program, "gmake") ||
	    !strcmp(s->program, "gnumake")) {
		/* make -f - / -f /dev/stdin: the makefile is the input */
		for (i = 0; i < a->n; i++) {
			const char *x = a->v[i], *f = NULL;

			if ((!strcmp(x, "-f") || !strcmp(x, "--file") ||
			     !strcmp(x, "--makefile")) && i + 1 < a->n)
				f = a->v[++i];
			else if (!strncmp(x, "-f", 2) && x[2])
				f = x + 2;
			else if (!strncmp(x, "--file=", 7))
				f = x + 7;
			else if (!strncmp(x, "--makefile=", 11))
				f = x + 11;
			if (f && is_stdin_name(f))
				return 3;
		}
		return 0;
	}
	if (!strcmp(s->program, "at") || !strcmp(s->program, "batch")) {
		/* at TIME reads the job from stdin; -f FILE, -l, -r, -c
		 * (list, remove, cat jobs) do not. */
		for (i = 0; i < a->n; i++)
			if (a->v[i][0] == '-' && strpbrk(a->v[i], "flrcdV"))
				return 0;
		return 1;
	}
	if (is_shell(s->program)) {
		for (i = 0; i < a->n; i++) {
			const char *x = a->v[i];

			if (!strcmp(x, "--"))
				return i + 1 >= a->n ||
				       is_stdin_name(a->v[i + 1]);
			if (is_stdin_name(x))
				return 1;
			if (x[0] == '-' && x[1] == '-') {
				if (!strcmp(x, "--rcfile") ||
				    !strcmp(x, "--init-file"))
					i++;
				continue;
			}
			if (x[0] == '-' || x[0] == '+') {
				if (strchr(x, 'c'))
					return 0;
				/* -n: read, never run (a syntax check) */
				if (x[0] == '-' && strchr(x, 'n'))
					return 0;
				if (strchr(x, 's'))
					return 1;
				if (strchr(x, 'o') || strchr(x, 'O'))
					i++;
				continue;
			}
			return 0;
		}
		return 1;
	}
	it = interp_of(s->program);
	if (it == I_NONE)
		return shdb_stdin(s);
	if (it == I_AWK || s->code.n)
		return 0;
	for (i = 0; i < a->n; i++) {
		const char *x = a->v[i];

		if (is_stdin_name(x))
			return 2;
		if (x[0] == '-')
			continue;
		return it == I_DENO && !strcmp(x, "run") &&
		       i + 1 < a->n && is_stdin_name(a->v[i + 1]) ? 2 : 0;
	}
	return it == I_DENO ? 0 : 2;
}

static enum redirect_op redir_op(const struct sh_redir *r)
{
	switch (r->kind) {
	case RK_IN: return REDIR_IN;
	case RK_APPEND: case RK_ALLAPPEND: return REDIR_APPEND;
	case RK_DUPIN: return REDIR_DUP;
	case RK_DUPOUT: {
		const char *t = r->target.val;
		size_t k;

		if (!strcmp(t, "-"))
			return REDIR_DUP;
		for (k = 0; t[k] >= '0' && t[k] <= '9'; k++)
			;
		if (k > 0 && (t[k] == '\0' || (t[k] == '-' && !t[k + 1])))
			return REDIR_DUP;
		return REDIR_OUT;
	}
	default: return REDIR_OUT;
	}
}

/* "$(mktemp ...)": a new name under the scratch directory.  Which name
 * is not known, where it is is; the effect rules need only that. */
static const char *mktemp_value(const struct sh_word *w, const char *v)
{
	if (strcmp(v, "$(" SH_ELLIPSIS ")") || w->progs.n != 1 ||
	    strcmp(w->progs.v[0], "mktemp"))
		return NULL;
	return "/tmp/tmp.XXXXXXXXXX";
}

static unsigned char word_flags(const struct sh_src *p,
				const struct sh_word *w)
{
	unsigned char f = (w->flags & SW_DYN) ? ARG_DYNAMIC : 0;
	char c = w->start < p->n ? p->s[w->start] : 0;
	bool ansi = c == '$' && w->start + 1 < p->n &&
		    p->s[w->start + 1] == '\'';

	if (w->flags & SW_GLOB)
		f |= ARG_GLOB;
	/* What a pattern matched is a path ("~/.ssh" is the home's). */
	if (w->flags & SW_MATCHED)
		return f | ARG_MATCHED;

	if ((w->flags & SW_QUOTED) && (c == '\'' || c == '"' || c == '\\' ||
	    ansi))
		f |= ARG_LEAD_QUOTED;
	if ((w->flags & SW_QUOTED) && (c == '\'' || ansi))
		f |= ARG_SINGLE;
	return f;
}

/* The directory a cd/pushd operand names, from the tracked cwd; NULL
 * when it is computed at run time ($X, $(...)) or unknowable. */
static const char *cd_target(struct sh_src *p, const struct sh_word *w)
{
	const struct shell_env *env = p->g->env;
	const char *v = w->val;

	if ((w->flags & SW_DYN) && mktemp_value(w, v))
		return mktemp_value(w, v);
	/* $HOME and ${HOME} are the home, which we know; the lexer keeps
	 * their spelling. */
	if ((w->flags & SW_DYN) || has_prefix_dir(v, "$HOME", 5) ||
	    has_prefix_dir(v, "${HOME}", 7)) {
		if (has_prefix_dir(v, "$HOME", 5))
			v += 5;
		else if (has_prefix_dir(v, "${HOME}", 7))
			v += 7;
		else
			return NULL;
		if (strchr(v, '$') || strstr(v, SH_ELLIPSIS) || !env->home)
			return NULL;
		return shell_path_join(p->g->a, env, env->home,
				       *v ? v + 1 : ".");
	}
	if (!strcmp(v, "-"))
		return p->g->oldcwd;
	return shell_path_join(p->g->a, env, p->g->cwd, v);
}

static void cwd_set(struct sh_src *p, const char *dir)
{
	p->g->oldcwd = p->g->cwd;
	p->g->cwd = dir;
}

/* cd, pushd and popd move the directory of the statements after them;
 * git -C and make -C move only their own.  What cannot be known becomes
 * NULL (unknown), never the old directory. */
static int track_cwd(struct sh_src *p, struct subject *s,
		     const struct sh_word *w, size_t n)
{
	const char *prog = s->program, *dir;
	struct sh_ctx *g = p->g;
	size_t k = 0;

	if (!strcmp(prog, "cd") || !strcmp(prog, "pushd")) {
		while (k < n && w[k].val[0] == '-' && w[k].val[1] &&
		       strcmp(w[k].val, "--"))
			k++;
		if (k < n && !strcmp(w[k].val, "--"))
			k++;
		if (k >= n) {
			if (!strcmp(prog, "pushd"))
				return 0;	/* swaps the top two: rare */
			dir = g->env->home;
		} else if (!strcmp(prog, "pushd") && w[k].val[0] == '+') {
			dir = NULL;
		} else {
			dir = cd_target(p, &w[k]);
		}
		if (!strcmp(prog, "pushd")) {
			if (g->ndirs < sizeof(g->dirstack) / sizeof(*g->dirstack))
				g->dirstack[g->ndirs++] = g->cwd;
			else
				dir = NULL;
		}
		cwd_set(p, dir);
		return 0;
	}
	if (!strcmp(prog, "popd")) {
		cwd_set(p, g->ndirs ? g->dirstack[--g->ndirs] : NULL);
		return 0;
	}
	if (strcmp(prog, "git") && strcmp(prog, "make") &&
	    strcmp(prog, "gmake"))
		return 0;
	for (k = 0; k < n; k++) {
		const char *v = w[k].val;

		if (s->subcommand && !strcmp(prog, "git") &&
		    !strcmp(v, s->subcommand))
			break;
		if (!strcmp(v, "-C") && k + 1 < n) {
			s->cwd = (w[k + 1].flags & SW_DYN) ? NULL :
				shell_path_join(g->a, g->env, s->cwd,
						w[k + 1].val);
			k++;
		} else if (!strncmp(v, "--directory=", 12)) {
			s->cwd = (w[k].flags & SW_DYN) ? NULL :
				shell_path_join(g->a, g->env, s->cwd, v + 12);
		} else if (!strncmp(v, "-C", 2) && v[2] &&
			   strcmp(prog, "git")) {
			s->cwd = (w[k].flags & SW_DYN) ? NULL :
				shell_path_join(g->a, g->env, s->cwd, v + 2);
		}
	}
	return 0;
}

static const char *dot_slash(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	char *r = arena_alloc(a, n + 3);

	if (r) {
		memcpy(r, "./", 2);
		memcpy(r + 2, s, n + 1);
	}
	return r;
}

static bool is_env_word(const char *v);

static int make_subject(struct emitter *e, size_t i, size_t end,
			const struct strlist *via, bool redirs,
			struct subject **outp)
{
	struct sh_src *p = e->p;
	struct arena *a = p->g->a;
	struct subject *s;
	size_t k;
	int error;

	if (!(s = subject_new(p->g->out, a, SUBJECT_COMMAND))) {
		if (p->g->out->n >= CV_MAX_COMMANDS)
			return diag_set(p->g->d, CV_ETOOBIG,
					"more than %d commands",
					CV_MAX_COMMANDS);
		return NOMEM(p);
	}
	s->tool = p->g->env->tool;
	s->cwd = p->g->cwd;
	s->text = e->text;
	s->via = via_copy(via);
	s->input_from = via_copy(&e->in_from);
	/* Its environment as far as this call sets it: exports first,
	 * then the NAME=value words before the program (its own prefix
	 * assignments, env's and sudo's), so the last of a name wins. */
	s->env = via_copy(&p->g->exported);
	for (k = 0; k < i; k++)
		if (!(e->w[k].flags & SW_DYN) && is_env_word(e->w[k].val) &&
		    strlist_push(&s->env, a, e->w[k].val) < 0)
			return NOMEM(p);
	s->found_by = p->g->found_by;
	if (i < end) {
		const char *prog = e->w[i].val;

		if (e->w[i].flags & SW_DYN) {
			s->program = prog;
			s->program_dynamic = true;
			s->program_subst = (e->w[i].flags & SW_SUBST) != 0;
		} else {
			s->program = text_base_name(prog);
		}
	} else {
		s->program = "";
	}
	if (end > i + 1 &&
	    !(s->arg_flags = arena_alloc(a, end - i - 1)))
		return NOMEM(p);
	for (k = i + 1; k < end; k++) {
		const char *raw = e->w[k].val, *norm = norm_arg(p, raw);

		/* '~' quoted is a file named "~", not the home. */
		if (norm && (e->w[k].flags & SW_TILDE_Q) && norm[0] == '~')
			norm = dot_slash(a, norm);
		if (!norm || strlist_push(&s->raw_args, a, raw) < 0 ||
		    strlist_push(&s->args, a, norm) < 0)
			return NOMEM(p);
		s->arg_flags[k - i - 1] = word_flags(p, &e->w[k]);
	}
	for (k = 0; redirs && k < e->c->nr; k++) {
		struct sh_redir *r = &e->c->r[k];
		struct redirect *rv;

		if (r->kind == RK_HEREDOC || r->kind == RK_HEREDOC_TABS ||
		    r->kind == RK_HERESTR)
			continue;
		rv = arena_grow(a, s->redirects, &s->redirects_cap,
				sizeof(*rv), s->nredirects + 1);
		if (!rv)
			return NOMEM(p);
		s->redirects = rv;
		rv = &s->redirects[s->nredirects++];
		rv->op = redir_op(r);
		rv->target = shell_norm_path(a, p->g->env, r->target.val);
		rv->raw = r->target.val;
		rv->flags = word_flags(p, &r->target);
		if (!rv->target)
			return NOMEM(p);
		if (r->kind == RK_INOUT) {
			/* <> reads and writes: record both. */
			rv->op = REDIR_OUT;
		}
	}
	if (!s->program_dynamic && s->program[0])
		s->subcommand = find_subcommand(s);
	if (!s->program_dynamic && i < end &&
	    (error = track_cwd(p, s, e->w + i + 1, end - i - 1)) < 0)
		return error;
	if ((error = find_code(p, s)) < 0 ||
	    (error = shs_run(p, s)) < 0 ||
	    (error = shdb_args(p, s)) < 0 ||
	    (error = shf_run(p, s, i < end ? e->w[i].val : "")) < 0)
		return error;
	if ((error = build_line(p, s)) < 0)
		return error;
	/* Here-strings go to the command's stdin. */
	for (k = 0; redirs && k < e->c->nr; k++) {
		struct sh_redir *r = &e->c->r[k];
		int kind;

		if (r->kind != RK_HERESTR)
			continue;
		kind = shn_stdin_kind(s);
		if (kind == 2 && (error = code_push(p, s, r->target.val)) < 0)
			return error;
		if (kind == 3 &&
		    (error = shs_makefile(p, s, r->target.val)) < 0)
			return error;
		if (kind == 1) {
			struct strlist v = via_copy(&s->via);

			if ((error = via_push(p, &v, s->program)) < 0 ||
			    (error = shp_parse_sub(p, r->target.val,
						   strlen(r->target.val), &v,
						   &s->input_from)) < 0)
				return error;
		}
	}
	*outp = s;
	return 0;
}

/* Parses `text` as shell run by wrapper `name`; when the text is computed
 * the wrapper itself is a subject too (sh -c "$(curl ...)"). */
static int run_text(struct emitter *e, size_t i, size_t end,
		    struct strlist *via, const char *name, const char *text,
		    bool dynamic, struct subject **final)
{
	struct strlist v = via_copy(via);
	int error;

	if ((error = via_push(e->p, &v, name)) < 0)
		return error;
	if ((error = shp_parse_sub(e->p, text, strlen(text), &v,
				   &e->in_from)) < 0)
		return error;
	if (dynamic)
		return make_subject(e, i, end, via, true, final);
	return 0;
}

static int join_words(struct emitter *e, size_t from, size_t end,
		      const char **out, bool *dyn)
{
	struct strlist l = { NULL, 0, 0 };
	size_t k;

	*dyn = false;
	for (k = from; k < end; k++) {
		if (strlist_push(&l, e->p->g->a, e->w[k].val) < 0)
			return NOMEM(e->p);
		if (e->w[k].flags & SW_DYN)
			*dyn = true;
	}
	return join_args(e->p, &l, 0, out);
}

/* The words [from, end) as shell text that gives back the same words
 * (env -S STRING ARGS passes ARGS unsplit): a word with a blank or a
 * character the shell reads is single-quoted; plain words, and a `~`
 * that was not quoted, stay as they are. */
static int quote_words(struct emitter *e, size_t from, size_t end,
		       const char **out, bool *dyn)
{
	struct sh_str b = { NULL, 0, 0 };
	size_t k;
	const char *v;
	int error;

	*dyn = false;
	for (k = from; k < end; k++) {
		if (e->w[k].flags & SW_DYN)
			*dyn = true;
		if (k > from && (error = shl_str_put(e->p, &b, " ", 1)) < 0)
			return error;
		v = e->w[k].val;
		if (v[0] && !(e->w[k].flags & SW_TILDE_Q) &&
		    !v[strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS"
			      "TUVWXYZ0123456789-_./~=:@%+,")]) {
			if ((error = shl_str_put(e->p, &b, v, strlen(v))) < 0)
				return error;
			continue;
		}
		if ((error = shl_str_put(e->p, &b, "'", 1)) < 0)
			return error;
		for (; *v; v++)
			if ((error = *v == '\''
			     ? shl_str_put(e->p, &b, "'\\''", 4)
			     : shl_str_put(e->p, &b, v, 1)) < 0)
				return error;
		if ((error = shl_str_put(e->p, &b, "'", 1)) < 0)
			return error;
	}
	if ((error = shl_str_put(e->p, &b, "", 1)) < 0)
		return error;
	*out = b.v;
	return 0;
}

static bool wis(const struct sh_word *w, const char *s)
{
	return !strcmp(w->val, s);
}

static int emit_range(struct emitter *e, size_t i, size_t end,
		      struct strlist *via_in, int level,
		      struct subject **final);

static int emit_find(struct emitter *e, size_t i, size_t end,
		     struct strlist *via, int level, struct subject **final)
{
	struct strlist v;
	struct subject *sub = NULL;
	size_t k, j;
	int error;

	if ((error = make_subject(e, i, end, via, true, final)) < 0)
		return error;
	for (k = i + 1; k < end; k++) {
		const char *x = e->w[k].val;
		const struct subject *up = e->p->g->found_by;

		if (strcmp(x, "-exec") && strcmp(x, "-execdir") &&
		    strcmp(x, "-ok") && strcmp(x, "-okdir"))
			continue;
		for (j = k + 1; j < end; j++)
			if (wis(&e->w[j], ";") ||
			    (wis(&e->w[j], "+") && wis(&e->w[j - 1], "{}")))
				break;
		v = via_copy(via);
		if ((error = via_push(e->p, &v, "find")) < 0)
			return error;
		/* {} in what it runs: the names this find finds */
		e->p->g->found_by = *final;
		error = k + 1 < j ? emit_range(e, k + 1, j, &v, level + 1,
					       &sub) : 0;
		e->p->g->found_by = up;
		if (error < 0)
			return error;
		k = j;
	}
	return 0;
}

/* ---- wrappers, as data ---- */

/* How a wrapper runs what it wraps. */
enum wrap_run {
	WR_ARGV,	/* options, `operands` words, then the command's argv */
	WR_TEXT,	/* only the value of a text option is run (su -c) */
	WR_JOIN,	/* the words after its options, joined, are shell text */
	WR_SHELL,	/* a shell: -c STRING with positional parameters */
	WR_FIND,	/* find ... -exec CMD ;: find stays a subject too */
};

#define WF_ASSIGN	1u	/* NAME=value words before the command (sudo) */
#define WF_ANY_EQ	2u	/* any word with '=' before the command (env) */
#define WF_TEXT_REST	4u	/* text option: its value and the words after */
#define WF_TEXT_AFTER	8u	/* a text option after the operands (flock F -c) */
#define WF_NO_OPTS	16u	/* no options: all its words are wrapped (eval) */
#define WF_SUBCMD	32u	/* runs only in a subcommand marked '@' (tmux new) */
#define WF_REMOTE	64u	/* runs on another host (ssh): cwd unknown */
#define WF_PERMUTE	128u	/* options may follow its operands (kubectl) */
#define WF_DASH		256u	/* a lone "-" is an option (env -: env -i) */

/* `opts`: the wrapper's options, space separated, each "-x" or "--name"
 * followed by what it does: '=' takes a value (attached or the next
 * word), '+' takes an attached value only, '!' makes the wrapper run
 * nothing (`sudo -l`, `command -v`: it stays a subject), '$' its value
 * is shell text (`su -c`), '>' the wrapped words are a command's argv
 * from here on (`watch -x`, `runuser -u`), '#' they are shell text
 * (`entr -s`), '%' it takes the next two words (`bwrap --bind A B`).
 * "@name" is a subcommand that runs the wrapped words (WF_SUBCMD: any
 * other first operand runs nothing).  Options not listed take no value.
 * Keep `wrappers` sorted by name (binary search). */
struct wrapper {
	const char *name;
	enum wrap_run run;
	unsigned flags;
	unsigned operands;	/* words between options and command */
	const char *opts;
};

#define SHELL_OPTS "--rcfile= --init-file="
#define SU_OPTS "-s= -g= -G= -w= -c$ --command$ --shell= --group= " \
	"--supp-group= --whitelist-environment= --user="
#define SUDO_SELF "-e! -l! -v! -K! -V! --edit!"

static const struct wrapper wrappers[] = {
	{ "ash", WR_SHELL, 0, 0, SHELL_OPTS },
	{ "bash", WR_SHELL, 0, 0, SHELL_OPTS },
	{ "builtin", WR_ARGV, 0, 0, "" },
	{ "busybox", WR_ARGV, 0, 0,
	  "--list! --list-full! --install! --help!" },
	{ "bwrap", WR_ARGV, 0, 0,
	  "--bind% --ro-bind% --dev-bind% --bind-try% --ro-bind-try% "
	  "--dev-bind-try% --symlink% --setenv% --file% --bind-data% "
	  "--ro-bind-data% --chmod% --chdir= --dir= --tmpfs= --proc= --dev= "
	  "--unsetenv= --uid= --gid= --hostname= --remount-ro= --seccomp= "
	  "--lock-file= --args= --cap-add= --cap-drop= --perms= --size= "
	  "--exec-label= --file-label= --userns= --userns2= --pidns= "
	  "--sync-fd= --block-fd= --info-fd= --json-status-fd= "
	  "--userns-block-fd= --add-seccomp-fd= --argv0=" },
	{ "caffeinate", WR_ARGV, 0, 0, "-t= -w=" },
	{ "chroot", WR_ARGV, 0, 1, "--userspec= --groups=" },
	{ "chrt", WR_ARGV, 0, 1, "-T= -P= -D= -p! -m!" },
	{ "command", WR_ARGV, 0, 0, "-v! -V!" },
	{ "dash", WR_SHELL, 0, 0, SHELL_OPTS },
	{ "dbus-launch", WR_ARGV, 0, 0, "--autolaunch= --config-file=" },
	{ "doas", WR_ARGV, 0, 0, "-u= -C= " SUDO_SELF },
	{ "docker", WR_ARGV, WF_SUBCMD | WF_REMOTE, 1,
	  "@exec -e= -u= -w= --env= --user= --workdir= --env-file= "
	  "--detach-keys= -H= --host= --context= -c= --config= -l= "
	  "--log-level=" },
	{ "entr", WR_ARGV, 0, 0, "-s#" },
	{ "env", WR_ARGV, WF_ANY_EQ | WF_TEXT_REST | WF_DASH, 0,
	  "-u= -C= -S$ -P= --unset= --chdir= --split-string$ "
	  "--block-signal= --default-signal= --ignore-signal=" },
	{ "eval", WR_JOIN, WF_NO_OPTS, 0, "" },
	{ "exec", WR_ARGV, 0, 0, "-a=" },
	{ "find", WR_FIND, 0, 0, "" },
	{ "firejail", WR_ARGV, 0, 0, "--list! --tree! --top! --shutdown= "
	  "--join= --join-or-start= --ls= --get= --put%" },
	{ "fish", WR_SHELL, 0, 0, SHELL_OPTS },
	{ "flock", WR_ARGV, WF_TEXT_AFTER, 1,
	  "-w= -E= -c$ --command$ --timeout= --wait= --conflict-exit-code=" },
	{ "ionice", WR_ARGV, 0, 0, "-c= -n= -p! -P! -u!" },
	{ "ksh", WR_SHELL, 0, 0, SHELL_OPTS },
	{ "ksh93", WR_SHELL, 0, 0, SHELL_OPTS },
	{ "kubectl", WR_ARGV, WF_SUBCMD | WF_REMOTE | WF_PERMUTE, 1,
	  "@exec -c= -n= -f= --container= --namespace= --filename= "
	  "--context= --cluster= --kubeconfig= --server= -s= --user= "
	  "--token= --pod-running-timeout=" },
	{ "ltrace", WR_ARGV, 0, 0, "-e= -o= -p! -s= -u= -a= -A= -D= -F= -l= "
	  "-n= -w= -x= --output= --library= --indent= --align=" },
	{ "mksh", WR_SHELL, 0, 0, SHELL_OPTS },
	{ "nice", WR_ARGV, 0, 0, "-n= --adjustment=" },
	{ "nohup", WR_ARGV, 0, 0, "" },
	{ "oc", WR_ARGV, WF_SUBCMD | WF_REMOTE | WF_PERMUTE, 1,
	  "@exec -c= -n= --container= --namespace= --context= "
	  "--kubeconfig= --server= -s= --user= --token=" },
	{ "pdksh", WR_SHELL, 0, 0, SHELL_OPTS },
	{ "pkexec", WR_ARGV, 0, 0, "--user=" },
	{ "podman", WR_ARGV, WF_SUBCMD | WF_REMOTE, 1,
	  "@exec -e= -u= -w= --env= --user= --workdir= --env-file= "
	  "--detach-keys= --preserve-fds= --url= --connection= -c= "
	  "--log-level= --root= --runroot=" },
	{ "proxychains", WR_ARGV, 0, 0, "-f=" },
	{ "proxychains4", WR_ARGV, 0, 0, "-f=" },
	{ "rbash", WR_SHELL, 0, 0, SHELL_OPTS },
	{ "runuser", WR_TEXT, 0, 0, "-u=> --user=> " SU_OPTS },
	{ "screen", WR_ARGV, 0, 0, "-S= -c= -e= -h= -p= -T= -t= -X! -r! -R! "
	  "-x! -Q! -ls! -list! -wipe! -Logfile=" },
	{ "script", WR_TEXT, 0, 0, "-c$ --command$" },
	{ "setsid", WR_ARGV, 0, 0, "" },
	{ "sh", WR_SHELL, 0, 0, SHELL_OPTS },
	{ "ssh", WR_JOIN, WF_REMOTE, 1,
	  "-b= -c= -D= -E= -e= -F= -I= -i= -J= -L= -l= -m= -O! -o= -p= -Q! "
	  "-R= -S= -W= -w= -N! -V!" },
	{ "stdbuf", WR_ARGV, 0, 0,
	  "-i= -o= -e= --input= --output= --error=" },
	{ "strace", WR_ARGV, 0, 0, "-e= -o= -p! -s= -u= -E= -a= -b= -I= -P= "
	  "-S= -X= -O= --output= --signal= --trace= --attach! --user= "
	  "--env= --trace-path= --string-limit= --summary-sort-by= "
	  "--const-print-style= --absolute-timestamps= --timestamps= "
	  "--decode-fds= --quiet= --silent= --status= --inject= --fault=" },
	{ "su", WR_TEXT, 0, 0, SU_OPTS },
	{ "sudo", WR_ARGV, WF_ASSIGN, 0,
	  "-u= -g= -C= -D= -h= -p= -r= -t= -T= -U= " SUDO_SELF " --user= "
	  "--group= --close-from= --chdir= --host= --prompt= --role= "
	  "--type= --command-timeout= --other-user=" },
	{ "systemd-run", WR_ARGV, 0, 0,
	  "-u= -p= -E= -M= -H= --unit= --property= --setenv= --machine= "
	  "--host= --uid= --gid= --nice= --working-directory= "
	  "--description= --slice= --on-active= --on-boot= --on-startup= "
	  "--on-unit-active= --on-unit-inactive= --on-calendar= "
	  "--on-clock-change= --on-timezone-change= --timer-property= "
	  "--path-property= --socket-property= --service-type= "
	  "--background= --json=" },
	{ "taskset", WR_ARGV, 0, 1, "-p!" },
	{ "time", WR_ARGV, 0, 0, "-o= -f= --output= --format=" },
	{ "timeout", WR_ARGV, 0, 1, "-s= -k= --signal= --kill-after=" },
	{ "tmux", WR_JOIN, WF_SUBCMD, 0,
	  "@new @new-session @new-window @neww @split-window @splitw "
	  "@respawn-pane @respawnp @respawn-window @respawnw @run-shell "
	  "@run -L= -S= -f= -T= -c= -e= -F= -n= -s= -t= -x= -y= -l="
	  "-b=" },
	{ "torsocks", WR_ARGV, 0, 0, "" },
	{ "unbuffer", WR_ARGV, 0, 0, "" },
	{ "unshare", WR_ARGV, 0, 0, "-S= -G= -R= -w= --setuid= --setgid= "
	  "--root= --wd= --map-user= --map-group= --map-users= "
	  "--map-groups= --propagation= --setgroups=" },
	{ "watch", WR_JOIN, 0, 0,
	  "-n= -q= -x> --interval= --equexit= --shotsdir= --exec>" },
	{ "xargs", WR_ARGV, 0, 0,
	  "-I= -J= -R= -S= -n= -d= -P= -L= -E= -s= -a= -i+ -l+ -e+ "
	  "--max-args= "
	  "--max-procs= --max-lines= --delimiter= --eof= --max-chars= "
	  "--arg-file= --process-slot-var=" },
	{ "xvfb-run", WR_ARGV, 0, 0, "-e= -f= -n= -p= -s= -w= --error-file= "
	  "--auth-file= --server-num= --xauth-protocol= --server-args= "
	  "--wait=" },
	{ "yash", WR_SHELL, 0, 0, SHELL_OPTS },
	{ "zsh", WR_SHELL, 0, 0, SHELL_OPTS },
};

static int cmp_wrapper(const void *k, const void *e)
{
	return strcmp(k, ((const struct wrapper *)e)->name);
}

static const struct wrapper *wrapper_of(const char *name)
{
	return bsearch(name, wrappers, sizeof(wrappers) / sizeof(wrappers[0]),
		       sizeof(wrappers[0]), cmp_wrapper);
}

/* The marks of option `name` (n bytes: "-x" or "--name") in `opts`, a
 * string that starts with them and ends at a blank; NULL if not listed. */
static const char *opt_marks(const char *opts, const char *name, size_t n)
{
	const char *s = opts;

	while (*s) {
		size_t len = strcspn(s, "=+!$>#% ");

		if (len == n && !strncmp(s, name, n))
			return s + len;
		s += strcspn(s, " ");
		s += strspn(s, " ");
	}
	return NULL;
}

static bool has_mark(const char *marks, char m)
{
	for (; marks && *marks && *marks != ' '; marks++)
		if (*marks == m)
			return true;
	return false;
}

/* NAME=value, as env and sudo take it before the command. */
static bool is_env_word(const char *v)
{
	size_t k = 0;

	if (!((v[0] >= 'A' && v[0] <= 'Z') || (v[0] >= 'a' && v[0] <= 'z') ||
	      v[0] == '_'))
		return false;
	while ((v[k] >= 'A' && v[k] <= 'Z') || (v[k] >= 'a' && v[k] <= 'z') ||
	       (v[k] >= '0' && v[k] <= '9') || v[k] == '_')
		k++;
	return v[k] == '=';
}

/* What a wrapper's words say it runs. */
enum wrap_what { WA_SELF, WA_ARGV, WA_TEXT, WA_JOIN };

struct wrap_at {
	enum wrap_what what;
	size_t at;		/* WA_ARGV, WA_JOIN: the first wrapped word */
	const char *text;	/* WA_TEXT: the text option's value */
	bool dyn;
	size_t rest;		/* WA_TEXT with WF_TEXT_REST: words after it */
};

/* Sets *t to the value of text option word w[k] (attached at `val`, or
 * the next word); false when there is none. */
static bool text_value(const struct sh_word *w, size_t k, size_t end,
		       const char *val, struct wrap_at *t)
{
	if (val && (*val || w[k].val[1] == '-')) {
		t->text = val;
		t->dyn = w[k].flags & SW_DYN;
		t->rest = k + 1;
	} else if (k + 1 < end) {
		t->text = w[k + 1].val;
		t->dyn = w[k + 1].flags & SW_DYN;
		t->rest = k + 2;
	} else {
		return false;
	}
	t->what = WA_TEXT;
	return true;
}

/* Reads wrapper wr's words w[i+1, end) with its option table. */
static void wrap_scan(const struct wrapper *wr, const struct sh_word *w,
		      size_t i, size_t end, struct wrap_at *r)
{
	enum wrap_run mode = wr->run;
	const char *m;
	size_t k = i + 1, c, n;
	bool sub = !(wr->flags & WF_SUBCMD);
	unsigned ops = 0;	/* operands read among the options */

	memset(r, 0, sizeof(*r));
	r->what = WA_SELF;
	while (k < end && !(wr->flags & WF_NO_OPTS)) {
		const char *x = w[k].val;

		if (!strcmp(x, "--")) {
			k++;
			break;
		}
		if (x[0] != '-' || (x[1] == '\0' && !(wr->flags & WF_DASH))) {
			if (!sub) {
				/* tmux new ...: the subcommand's options
				 * follow; any other subcommand runs none */
				char at[32];

				if (strlen(x) + 2 > sizeof(at))
					return;
				at[0] = '@';
				strcpy(at + 1, x);
				if (!opt_marks(wr->opts, at, strlen(at)))
					return;
				sub = true;
				k++;
				continue;
			}
			if ((wr->flags & WF_PERMUTE) && ops < wr->operands) {
				ops++;
				k++;
				continue;
			}
			if (mode != WR_TEXT)
				break;
			k++;	/* su USER -c ...: options go on */
			continue;
		}
		if (x[1] == '-') {
			n = strcspn(x, "=");
			m = opt_marks(wr->opts, x, n);
			if (has_mark(m, '!'))
				return;
			if (has_mark(m, '$')) {
				text_value(w, k, end, x[n] ? x + n + 1 : NULL,
					   r);
				return;
			}
			if (has_mark(m, '>'))
				mode = WR_ARGV;
			if (has_mark(m, '#'))
				mode = WR_JOIN;
			if (has_mark(m, '=') && !x[n])
				k++;
			if (has_mark(m, '%'))
				k += 2;
			k++;
			continue;
		}
		for (c = 1; x[c]; c++) {
			char opt[2] = { '-', x[c] };

			m = opt_marks(wr->opts, opt, 2);
			if (has_mark(m, '!'))
				return;
			if (has_mark(m, '$')) {
				text_value(w, k, end, x + c + 1, r);
				return;
			}
			if (has_mark(m, '>'))
				mode = WR_ARGV;
			if (has_mark(m, '#'))
				mode = WR_JOIN;
			if (has_mark(m, '=')) {
				if (!x[c + 1])
					k++;
				break;
			}
			if (has_mark(m, '+'))
				break;
		}
		k++;
	}
	if (wr->flags & WF_NO_OPTS) {
		r->what = WA_JOIN;
		r->at = i + 1;
		return;
	}
	if (mode == WR_TEXT || !sub)
		return;
	while (k < end && (((wr->flags & WF_ASSIGN) && is_env_word(w[k].val)) ||
			   ((wr->flags & WF_ANY_EQ) && strchr(w[k].val, '=') &&
			    w[k].val[0] != '=')))
		k++;
	k = end - k > wr->operands - ops ? k + wr->operands - ops : end;
	if (wr->operands && k < end && !strcmp(w[k].val, "--"))
		k++;	/* kubectl exec POD -- CMD */
	if ((wr->flags & WF_TEXT_AFTER) && k < end && w[k].val[0] == '-' &&
	    has_mark(opt_marks(wr->opts, w[k].val, strlen(w[k].val)), '$')) {
		text_value(w, k, end, NULL, r);
		return;
	}
	if (k < end) {
		r->what = mode == WR_JOIN ? WA_JOIN : WA_ARGV;
		r->at = k;
	}
}

/* bash -c STRING $0 $1 ...: the string is run with those positional
 * parameters; without -c the shell is a subject (it reads a script or
 * its stdin, see shn_stdin_kind). */
static int wrap_shell(struct emitter *e, const struct wrapper *wr,
		      size_t i, size_t end, struct strlist *via,
		      struct subject **final)
{
	struct sh_src *p = e->p;
	struct sh_word *w = e->w;
	bool have_c = false;
	size_t k;

	for (k = i + 1; k < end; k++) {
		const char *x = w[k].val;

		if (!strcmp(x, "--") || !strcmp(x, "-")) {
			k++;
			break;
		}
		if (x[0] == '-' && x[1] == '-') {
			if (has_mark(opt_marks(wr->opts, x, strlen(x)), '='))
				k++;
			continue;
		}
		if (x[0] != '-' && x[0] != '+')
			break;
		if (x[0] == '-' && strchr(x, 'c'))
			have_c = true;
		if (strchr(x, 'o') || strchr(x, 'O'))
			k++;
	}
	if (!have_c || k >= end)
		return make_subject(e, i, end, via, true, final);
	if (k + 1 < end) {
		/* bash -c STR $0 $1 ...: positional. */
		const char **pv = arena_alloc(p->g->a,
					      (end - k - 1) * sizeof(*pv));
		size_t q;

		if (!pv)
			return NOMEM(p);
		for (q = k + 1; q < end; q++)
			pv[q - k - 1] = w[q].flags & SW_DYN ? NULL : w[q].val;
		p->g->posv = pv;
		p->g->posn = end - k - 1;
		p->g->pos_pending = true;
	}
	return run_text(e, i, end, via, wr->name, w[k].val,
			w[k].flags & SW_DYN, final);
}

/* env -S STRING splits STRING itself: quotes and backslashes as the
 * shell, ${NAME} expanded, but no tilde (a `~` is a file named so) and
 * $NAME without braces refused (NULL: env runs nothing).  The text is
 * given back as shell text with that meaning; `;` `|` `>` in it are
 * env's words, which the shell parse still reads as operators (an
 * overestimate, never a miss). */
static const char *env_split_text(struct sh_src *p, const char *t)
{
	struct sh_str b = { NULL, 0, 0 };
	bool start = true;
	char q = 0;

	for (; *t; t++) {
		if (*t == '$' && q != '\'' && t[1] != '{')
			return NULL;
		if (start && !q && *t == '~' &&
		    shl_str_put(p, &b, "\\", 1) < 0)
			return NULL;
		if (q && *t == q)
			q = 0;
		else if (!q && (*t == '\'' || *t == '"'))
			q = *t;
		start = !q && (*t == ' ' || *t == '\t');
		if (shl_str_put(p, &b, t, 1) < 0)
			return NULL;
	}
	if (shl_str_put(p, &b, "", 1) < 0)
		return NULL;
	return b.v;
}

/* ssh HOST CMD, kubectl exec POD -- CMD: the command runs elsewhere.  It
 * is judged by the same rules (a home there is as precious as here), but
 * with the cwd unknown, so a relative operand is unresolved (ask); the
 * runner stays a subject, for the rules on what it sends. */
static int wrap_remote(struct emitter *e, const struct wrapper *wr,
		       size_t i, size_t end, struct strlist *via, int level,
		       const struct wrap_at *at, struct subject **final)
{
	struct sh_src *p = e->p;
	const char *cwd = p->g->cwd, *old = p->g->oldcwd, *t;
	struct strlist v = via_copy(via);
	struct subject *sub = NULL;
	size_t nd = p->g->ndirs;
	bool dyn;
	int error;

	p->g->cwd = NULL;
	if (at->what == WA_ARGV) {
		error = via_push(p, &v, wr->name);
		if (!error)
			error = emit_range(e, at->at, end, &v, level + 1, &sub);
	} else {
		error = at->what == WA_TEXT
			? run_text(e, i, end, via, wr->name, at->text, false,
				   &sub)
			: join_words(e, at->at, end, &t, &dyn);
		if (!error && at->what == WA_JOIN)
			error = run_text(e, i, end, via, wr->name, t, false,
					 &sub);
	}
	p->g->cwd = cwd;
	p->g->oldcwd = old;
	p->g->ndirs = nd;
	if (error < 0)
		return error;
	return make_subject(e, i, end, via, true, final);
}

/* ---- xargs: what it reads becomes arguments ---- */

/* Programs whose output is names of files under the cwd when they are
 * given no path outside it: `git ls-files | xargs rm` is the project's. */
static bool lists_cwd(const struct subject *s)
{
	static const char *const listers[] = { "fd", "fdfind", "grep",
					       "egrep", "rg", "ag", "ls",
					       NULL };
	size_t k;

	if (!s || s->program_dynamic)
		return false;
	if (!strcmp(s->program, "git")) {
		if (!s->subcommand || (strcmp(s->subcommand, "ls-files") &&
				       strcmp(s->subcommand, "diff") &&
				       strcmp(s->subcommand, "grep") &&
				       strcmp(s->subcommand, "status")))
			return false;
	} else if (!text_in_list(s->program, listers)) {
		return false;
	}
	for (k = 0; k < s->args.n; k++) {
		const char *a = s->args.v[k];

		if (a[0] == '/' || a[0] == '~' || !strncmp(a, "..", 2) ||
		    strstr(a, "/..") || (s->arg_flags &&
					 (s->arg_flags[k] & ARG_DYNAMIC)))
			return false;
	}
	return true;
}

/* Splits xargs input `in` into items: at `delim` exactly (-d, -0), at
 * newlines with leading blanks dropped (-I), or at blanks and newlines
 * with quotes and backslashes removed (the default). */
static int xargs_split(struct sh_src *p, const char *in, int delim,
		       bool lines, struct strlist *out)
{
	struct sh_str b = { NULL, 0, 0 };
	bool have = false;
	char q = 0;
	int error;

	for (;; in++) {
		char c = *in;
		bool brk;

		if (!c && !have && !b.n)
			return 0;
		if (delim >= 0)
			brk = !c || c == delim;
		else if (lines)
			brk = !c || c == '\n';
		else
			brk = !c || (!q && (c == ' ' || c == '\t' ||
					    c == '\n'));
		if (brk) {
			if (have || b.n) {
				if ((error = shl_str_put(p, &b, "", 1)) < 0)
					return error;
				if (out->n >= CV_MAX_XARGS_ITEMS)
					return 1;
				if (strlist_push(out, p->g->a, arena_strndup(
					p->g->a, b.v, b.n - 1)) < 0)
					return NOMEM(p);
			}
			b.n = 0;
			have = false;
			if (!c)
				return 0;
			continue;
		}
		if (delim < 0 && lines && !b.n && !have &&
		    (c == ' ' || c == '\t'))
			continue;
		if (delim < 0 && !lines) {
			if (q && c == q) {
				q = 0;
				continue;
			}
			if (!q && (c == '\'' || c == '"')) {
				q = c;
				have = true;
				continue;
			}
			if (!q && c == '\\' && in[1])
				c = *++in;
		}
		if ((error = shl_str_put(p, &b, &c, 1)) < 0)
			return error;
	}
}

static struct sh_word xargs_word(const struct sh_word *like, const char *v,
				 unsigned flags)
{
	struct sh_word w;

	memset(&w, 0, sizeof(w));
	w.val = v;
	w.len = strlen(v);
	w.start = like->start;
	w.end = like->end;
	w.flags = flags;
	return w;
}

/* `s` with every `r` replaced by `v`. */
static const char *replace_all(struct arena *a, const char *s, const char *r,
			       const char *v)
{
	size_t rn = strlen(r), vn = strlen(v), n = 0, o = 0;
	const char *q;
	char *t;

	if (!rn)
		return s;
	for (q = s; (q = strstr(q, r)); q += rn)
		n++;
	if (!n)
		return s;
	if (!(t = arena_alloc(a, strlen(s) + n * (vn > rn ? vn - rn : 0) + 1)))
		return NULL;
	for (q = s; *q;) {
		if (!strncmp(q, r, rn)) {
			memcpy(t + o, v, vn);
			o += vn;
			q += rn;
		} else {
			t[o++] = *q++;
		}
	}
	t[o] = '\0';
	return t;
}

/* What a command reads on stdin, for xargs and parallel: SI_NONE (no pipe,
 * no redirect: the tool's stdin, empty), SI_TEXT (*text: a here-string,
 * or what the stage before wrote when that is known), SI_UNKNOWN. */
enum { SI_NONE, SI_TEXT, SI_UNKNOWN };

static int stdin_of(const struct emitter *e, const char **text)
{
	const char *in = NULL;
	int kind = SI_NONE;
	size_t k;

	for (k = 0; k < e->c->nr; k++)
		if (e->c->r[k].kind == RK_HERESTR) {
			in = e->c->r[k].target.val;
			kind = SI_TEXT;
		} else if (e->c->r[k].kind == RK_IN) {
			in = NULL;
			kind = SI_UNKNOWN;
		}
	if (e->piped && !in) {
		in = e->pipe_text;
		kind = in ? SI_TEXT : SI_UNKNOWN;
	}
	*text = in;
	return kind;
}

/* xargs [opts] CMD ARGS: CMD runs with ARGS and the items of its input:
 * known text (echo/printf/a here-string), the names a find finds ("{}",
 * found_by), names under the cwd (a lister: "./$(…)"), or unknown
 * ("$(…)", as the output of any command we cannot know).
 * -I R puts each item where R is; -a FILE reads FILE. */
static int wrap_xargs(struct emitter *e, size_t i, size_t at, size_t end,
		      struct strlist *via_in, int level,
		      struct subject **final)
{
	struct sh_src *p = e->p;
	struct sh_word *w = e->w, *nw;
	struct strlist items = { NULL, 0, 0 }, via = via_copy(via_in);
	const char *in = NULL, *rep = NULL, *file = NULL;
	const struct subject *up = p->g->found_by, *found = NULL;
	struct subject *sub = NULL;
	size_t k, q = 0, n, ncmd = end - at;	/* wrap_scan: ncmd > 0 */
	int delim = -1, error = 0, over = 0;
	bool unknown = false;	/* no pipe, no redirect: the tool's stdin,
				 * empty */

	for (k = i + 1; k < at; k++) {
		const char *x = w[k].val;

		if (!strcmp(x, "-0") || !strcmp(x, "--null"))
			delim = 0;
		else if ((!strcmp(x, "-d") || !strcmp(x, "--delimiter")) &&
			 k + 1 < at)
			x = w[++k].val, delim = !strcmp(x, "\\n") ? '\n' :
				!strcmp(x, "\\t") ? '\t' : x[0];
		else if (!strncmp(x, "--delimiter=", 12))
			delim = x[12];
		else if ((!strcmp(x, "-I") || !strcmp(x, "-J")) && k + 1 < at)
			rep = w[++k].val;	/* -J R: BSD's, all items at R */
		else if (!strcmp(x, "--replace") || !strcmp(x, "-i"))
			rep = "{}";
		else if (!strncmp(x, "--replace=", 10))
			rep = x + 10;
		else if (!strncmp(x, "-i", 2) || !strncmp(x, "-I", 2))
			rep = x + 2;
		else if ((!strcmp(x, "-a") || !strcmp(x, "--arg-file")) &&
			 k + 1 < at)
			file = w[++k].val, q = k;
		else if (!strncmp(x, "--arg-file=", 11))
			file = x + 11, q = k;
		else if (!strncmp(x, "-a", 2) && x[2])
			file = x + 2, q = k;
		else if (x[0] == '-' && x[1] != '-' &&
			 strpbrk(x + 1, "ndPLEsRS") && !x[strcspn(x + 1,
							    "ndPLEsRS") + 2])
			k++;	/* -n 1, -P 4, BSD's -R 2, -S 255: the value */
	}
	if ((error = via_push(p, &via, "xargs")) < 0)
		return error;
	if (file) {
		/* -a FILE: xargs reads FILE (a read, like cat) */
		unknown = true;
		struct emitter fe = *e;
		struct subject *rs = NULL;

		if (!(fe.w = arena_alloc(p->g->a, 2 * sizeof(*fe.w))))
			return NOMEM(p);
		fe.w[0] = xargs_word(&w[i], "cat", 0);
		fe.w[1] = w[q];
		fe.w[1].val = file;
		fe.nw = 2;
		if ((error = make_subject(&fe, 0, 2, &via, false, &rs)) < 0)
			return error;
	} else {
		unknown = stdin_of(e, &in) == SI_UNKNOWN;
	}
	if (!unknown && in) {
		const struct subject *pr = e->pipe_prev;

		/* printf '%s\0' A B | xargs -0: the NUL is not in the
		 * text we keep; the items are printf's arguments */
		if (delim == 0 && pr && !strcmp(pr->program, "printf") &&
		    pr->raw_args.n > 1 && (!strcmp(pr->raw_args.v[0], "%s\\0") ||
		    !strcmp(pr->raw_args.v[0], "%s\\000"))) {
			for (k = 1; k < pr->raw_args.n; k++)
				if (strlist_push(&items, p->g->a,
						 pr->raw_args.v[k]) < 0)
					return NOMEM(p);
		} else if ((over = xargs_split(p, in, delim, rep != NULL,
					       &items)) < 0) {
			return over;
		}
	} else if (e->piped && e->pipe_prev && !file &&
		   !strcmp(e->pipe_prev->program, "find")) {
		found = e->pipe_prev;
	}
	n = found || unknown || over ? 1 : in ? items.n : 0;
	if (!(nw = arena_alloc(p->g->a, (ncmd + n + 1) * sizeof(*nw))))
		return NOMEM(p);
	memcpy(nw, e->w + at, ncmd * sizeof(*nw));
	for (q = 0; q < n; q++) {
		const char *v = found ? "{}" :
				unknown || over ? (lists_cwd(e->pipe_prev) ?
						   "./$(" SH_ELLIPSIS ")" :
						   "$(" SH_ELLIPSIS ")") :
				items.v[q];
		unsigned fl = found || (!unknown && !over) ? 0 : SW_DYN;
		size_t c;

		if (!rep) {
			nw[ncmd + q] = xargs_word(&w[i], v, fl);
			continue;
		}
		/* -I R: one command per item, R replaced in every word */
		for (c = 0; c < ncmd; c++) {
			nw[c] = e->w[at + c];
			nw[c].val = replace_all(p->g->a, e->w[at + c].val, rep, v);
			if (!nw[c].val)
				return NOMEM(p);
			if (strcmp(nw[c].val, e->w[at + c].val))
				nw[c].flags |= fl;
		}
		{
			struct emitter ie = *e;

			ie.w = nw;
			ie.nw = ncmd;
			p->g->found_by = found;
			error = emit_range(&ie, 0, ncmd, &via, level + 1,
					   q + 1 == n ? final : &sub);
			p->g->found_by = up;
			if (error < 0)
				return error;
		}
	}
	if (rep && n)
		return 0;
	{
		struct emitter ie = *e;

		ie.w = nw;
		ie.nw = ncmd + (rep ? 0 : n);
		p->g->found_by = found;
		error = emit_range(&ie, 0, ie.nw, &via, level + 1, final);
		p->g->found_by = up;
	}
	return error;
}

/* ---- GNU parallel: each job is a shell command line ---- */

/* Options of GNU parallel that take a value (the next word, or attached:
 * -j2, --jobs=2), and those after which it runs nothing. */
static const char *const par_valued[] = {
	"-j", "--jobs", "-P", "--max-procs", "-n", "--max-args", "-N", "-L",
	"--max-lines", "-l", "-d", "--delimiter", "--header", "-S",
	"--sshlogin", "--sshloginfile", "--slf", "--results", "--res",
	"--workdir", "--wd", "--env", "--tmpdir", "--tempdir", "--joblog",
	"--timeout", "--retries", "--delay", "--memfree", "--load", "--block",
	"--block-size", "--tag-string", "--tagstring", "-I", "--colsep", "-C",
	"--basefile", "--bf", "--return", "--transferfile", "--tf", "--nice",
	"--halt", "--halt-on-error", "--termseq", "--arg-sep",
	"--arg-file-sep", "-a", "--arg-file", "-E", "--eof", "-s",
	"--max-chars", "--limit", "--profile", "-J", "--recstart", "--recend",
	"--ssh", "--seqreplace", "--rpl", "--parens", "--sshdelay",
	"--sqlmaster", "--sqlworker", "--sqlandworker", "--template",
	"--shard", "--bin", "--group-by", "--filter", "--ctagstring",
	"--memsuspend", NULL
};
static const char *const par_exits[] = {
	"--version", "-V", "--help", "-h", "--dry-run", "--dryrun",
	"--citation", "--bibtex", "--number-of-cpus", "--number-of-cores",
	"--number-of-threads", "--number-of-sockets",
	"--max-line-length-allowed", "--minversion", "--record-env",
	"--shellquote", "--embed", "--show-limits", NULL
};
static const char *const par_flags[] = {
	"-q", "--quote", "-0", "--null", "-k", "--keep-order", "-u",
	"--ungroup", "--group", "--line-buffer", "--lb", "-t", "--tag", "-v",
	"--verbose", "--eta", "--progress", "--bar", "-X", "--xargs", "-m",
	"--pipe", "--spreadstdin", "--pipepart", "-r", "--no-run-if-empty",
	"--will-cite", "--silent", "--no-notice", "--plus", "--shuf",
	"--files", "--files0", "--keep-order", "--resume", "--resume-failed",
	"--retry-failed", "--fg", "--bg", "--noswap", "--nonall", "--onall",
	"--cleanup", "--trc", "--transfer", "--line-buffered", "-g",
	"--ungroup", "--compress", "--round-robin", "--round", "--cat",
	"--fifo", "--linebuffer", "--open-tty", "-o", "--tty", "--unsafe",
	"--ctag", NULL
};

/* The word as the shell reads it back: single-quoted unless plain. */
static int par_quote(struct sh_src *p, struct sh_str *b, const char *v)
{
	int error = 0;

	if (*v && !v[strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"
			    "RSTUVWXYZ0123456789-_./=:@%+,")])
		return shl_str_put(p, b, v, strlen(v));
	if (!strcmp(v, "$(" SH_ELLIPSIS ")"))
		return shl_str_put(p, b, v, strlen(v));
	if ((error = shl_str_put(p, b, "'", 1)) < 0)
		return error;
	for (; *v && error >= 0; v++)
		error = *v == '\'' ? shl_str_put(p, b, "'\\''", 4) :
				     shl_str_put(p, b, v, 1);
	return error < 0 ? error : shl_str_put(p, b, "'", 1);
}

/* What a replacement string at t (after its '{') gives for the job's
 * arguments args[0..n): {} all of them, {N} the Nth source's, each with
 * an optional modifier ({.} no extension, {/} the base name, {//} the
 * directory, {/.} both), {#} and {%} a number; *len is its length.  NULL:
 * not a replacement string (awk's `{ print }`, `${X}`).  {= perl =} is
 * code we do not run: its value is unknown. */
static const char *par_repl(struct sh_src *p, const char *t, size_t *len,
			    const char *const *args, size_t n)
{
	const char *e = strchr(t, '}'), *v, *mod, *sl, *base;
	size_t k, g = 0;
	char *o, *dot;

	if (!e || e - t > 16)
		return NULL;
	k = (size_t)(e - t);
	*len = k + 2;
	if (k && t[0] == '=')
		return "$(" SH_ELLIPSIS ")";
	if (k == 1 && (t[0] == '#' || t[0] == '%'))
		return "1";
	for (mod = t; mod < e && *mod >= '0' && *mod <= '9'; mod++)
		g = g * 10 + (size_t)(*mod - '0');
	if ((size_t)(e - mod) > 2 || (mod < e && strncmp(mod, ".}", 2) &&
	    strncmp(mod, "/}", 2) && strncmp(mod, "//}", 3) &&
	    strncmp(mod, "/.}", 3)))
		return NULL;
	if (mod > t) {
		if (!g || g > n)
			return "";
		v = args[g - 1];
	} else {
		struct sh_str b = { NULL, 0, 0 };
		size_t a;

		for (a = 0; a < n; a++)
			if ((a && shl_str_put(p, &b, " ", 1) < 0) ||
			    shl_str_put(p, &b, args[a], strlen(args[a])) < 0)
				return NULL;
		v = arena_strndup(p->g->a, b.v ? b.v : "", b.n);
	}
	if (!v || mod == e)
		return v;
	sl = strrchr(v, '/');
	base = sl ? sl + 1 : v;
	if (!strncmp(mod, "//", 2))
		return sl ? arena_strndup(p->g->a, v, (size_t)(sl - v)) : ".";
	if (!strncmp(mod, "/}", 2))
		return base;
	if (!(o = arena_strdup(p->g->a, mod[0] == '/' ? base : v)))
		return NULL;
	if ((dot = strrchr(o, '.')) && dot > o && !strchr(dot, '/'))
		*dot = '\0';
	return o;
}

/* One job's command line: the command words joined by blanks (quoted
 * with -q), each replacement string replaced by the argument quoted;
 * without one, the arguments appended, quoted.  No command: the
 * arguments are the command line. */
static int par_line(struct emitter *e, size_t from, size_t to, bool quote,
		    const char *const *args, size_t n, const char *workdir,
		    const char **out)
{
	struct sh_src *p = e->p;
	struct sh_str b = { NULL, 0, 0 };
	bool replaced = false;
	size_t k, a;
	int error;

	if (workdir && ((error = shl_str_put(p, &b, "cd ", 3)) < 0 ||
			(error = par_quote(p, &b, workdir)) < 0 ||
			(error = shl_str_put(p, &b, " && ", 4)) < 0))
		return error;
	if (from == to) {
		for (a = 0; a < n; a++)
			if ((a && (error = shl_str_put(p, &b, " ", 1)) < 0) ||
			    (error = shl_str_put(p, &b, args[a],
						 strlen(args[a]))) < 0)
				return error;
		goto done;
	}
	for (k = from; k < to; k++) {
		const char *t = e->w[k].val, *r;
		struct sh_str word = { NULL, 0, 0 };

		if (k > from && (error = shl_str_put(p, &b, " ", 1)) < 0)
			return error;
		while (*t) {
			size_t len;
			struct sh_str q = { NULL, 0, 0 };

			if (*t == '{' && (r = par_repl(p, t + 1, &len, args,
						       n))) {
				if ((error = par_quote(p, &q, r)) < 0 ||
				    (error = shl_str_put(p, &word, q.v ? q.v :
							 "", q.n)) < 0)
					return error;
				replaced = true;
				t += len;
				continue;
			}
			if ((error = shl_str_put(p, &word, t++, 1)) < 0)
				return error;
		}
		if (quote) {
			const char *wv = arena_strndup(p->g->a, word.v ?
						       word.v : "", word.n);

			if (!wv)
				return NOMEM(p);
			error = par_quote(p, &b, wv);
		} else {
			error = shl_str_put(p, &b, word.v ? word.v : "", word.n);
		}
		if (error < 0)
			return error;
	}
	for (a = 0; !replaced && a < n; a++)
		if ((error = shl_str_put(p, &b, " ", 1)) < 0 ||
		    (error = par_quote(p, &b, args[a])) < 0)
			return error;
done:
	if ((error = shl_str_put(p, &b, "", 1)) < 0)
		return error;
	*out = b.v;
	return 0;
}

/* parallel [opts] [CMD ARGS] [::: A B ... [::: C ...]] [:::: FILE]: GNU
 * parallel runs CMD once per argument, or per combination of the ::: lists
 * (:::+ pairs them; judging every combination covers that), through a
 * shell (its QUOTING section: the words are joined, so quotes the outer
 * shell removed are gone).  Without ::: the arguments are the lines of its
 * input; files (::::, -a) and input we cannot see give an unknown
 * argument.  More jobs than CV_MAX_PARALLEL_JOBS: one job with an unknown
 * argument.  An option we do not know may take a value we would read as
 * the command: the command is then computed. */
static int wrap_parallel(struct emitter *e, size_t i, size_t end,
			 struct strlist *via_in, struct subject **final)
{
	static const char *const unknown_arg = "$(" SH_ELLIPSIS ")";
	struct sh_src *p = e->p;
	struct sh_word *w = e->w;
	struct strlist via = via_copy(via_in), items = { NULL, 0, 0 };
	struct { size_t n; const char **v; } groups[8];
	const char *workdir = NULL, *in = NULL, *job[8];
	struct subject *sub = NULL;
	size_t k = i + 1, cmd, sep, ng = 0, njobs = 1, j, g, alt;
	bool quote = false, odd = false, from_stdin = true, unknown = false,
	     piped = false;
	int delim = '\n', error, over = 0;

	for (; k < end; k++) {
		const char *x = w[k].val;
		size_t n = strcspn(x, "=");
		char name[64];

		if (!strcmp(x, "--")) {
			k++;
			break;
		}
		if (x[0] != '-' || !x[1] || !strncmp(x, ":::", 3))
			break;
		if (x[1] == '-') {
			if (n >= sizeof(name)) {
				odd = true;
				continue;
			}
			memcpy(name, x, n);
			name[n] = '\0';
			if (text_in_list(name, par_exits))
				return make_subject(e, i, end, &via, true,
						    final);
			if (text_in_list(name, par_valued)) {
				const char *v = x[n] ? x + n + 1 :
						k + 1 < end ? w[++k].val : "";

				if (!strcmp(name, "--workdir") ||
				    !strcmp(name, "--wd"))
					workdir = strcmp(v, "...") ? v : NULL;
				if (!strcmp(name, "--delimiter"))
					delim = v[0];
				if (!strcmp(name, "--arg-file"))
					from_stdin = false, unknown = true;
				continue;
			}
			if (!strcmp(name, "--pipe") ||
			    !strcmp(name, "--spreadstdin") ||
			    !strcmp(name, "--pipepart"))
				piped = true;
			if (!strcmp(name, "--quote"))
				quote = true;
			else if (!strcmp(name, "--null"))
				delim = 0;
			else if (!text_in_list(name, par_flags))
				odd = true;
			continue;
		}
		for (n = 1; x[n]; n++) {
			char o[3] = { '-', x[n], 0 };

			if (text_in_list(o, par_exits))
				return make_subject(e, i, end, &via, true,
						    final);
			if (text_in_list(o, par_valued)) {
				const char *v = x[n + 1] ? x + n + 1 :
						k + 1 < end ? w[++k].val : "";

				if (o[1] == 'd')
					delim = v[0];
				if (o[1] == 'a')
					from_stdin = false, unknown = true;
				break;
			}
			if (o[1] == 'q')
				quote = true;
			else if (o[1] == '0')
				delim = 0;
			else if (!text_in_list(o, par_flags))
				odd = true;
		}
	}
	cmd = k;
	for (sep = cmd; sep < end && strcmp(w[sep].val, ":::") &&
	     strcmp(w[sep].val, ":::+") && strcmp(w[sep].val, "::::") &&
	     strcmp(w[sep].val, "::::+"); sep++)
		;
	/* The input sources. */
	for (k = sep; k < end;) {
		bool files = !strncmp(w[k].val, "::::", 4);
		size_t s = ++k;

		while (k < end && strcmp(w[k].val, ":::") &&
		       strcmp(w[k].val, ":::+") && strcmp(w[k].val, "::::") &&
		       strcmp(w[k].val, "::::+"))
			k++;
		if (ng == sizeof(groups) / sizeof(*groups)) {
			unknown = true;
			break;
		}
		from_stdin = false;
		if (files || k == s) {
			/* :::: FILE: its lines; ::: alone: no argument */
			groups[ng].n = files ? 1 : 0;
			groups[ng].v = files ? (const char **)&unknown_arg
					     : NULL;
		} else {
			groups[ng].n = k - s;
			if (!(groups[ng].v = arena_alloc(p->g->a, (k - s) *
							 sizeof(char *))))
				return NOMEM(p);
			for (j = s; j < k; j++) {
				groups[ng].v[j - s] = w[j].flags & SW_DYN ?
						      unknown_arg : w[j].val;
			}
		}
		ng++;
	}
	/* --pipe: the input goes to each job's stdin, not its arguments
	 * (curl … | parallel --pipe sh is sh reading what curl fetched). */
	if (piped)
		from_stdin = false;
	if (from_stdin) {
		bool none = stdin_of(e, &in) == SI_NONE;

		if (in && (over = xargs_split(p, in, delim, true,
					      &items)) < 0)
			return over;
		if (!none && (!in || over)) {
			unknown = true;
		} else if (!none) {
			groups[0].n = items.n;
			groups[0].v = (const char **)items.v;
			ng = 1;
		}
	}
	if (unknown) {
		groups[0].n = 1;
		groups[0].v = (const char **)&unknown_arg;
		ng = 1;
	}
	for (g = 0, njobs = ng ? 1 : 0; g < ng && njobs; g++) {
		if (njobs > CV_MAX_PARALLEL_JOBS / (groups[g].n ? groups[g].n :
						    1)) {
			groups[0].n = 1;
			groups[0].v = (const char **)&unknown_arg;
			ng = 1;
			njobs = 1;
			break;
		}
		njobs *= groups[g].n;
	}
	if (!ng)
		njobs = 1;	/* no input at all: the command as written */
	/* An option we do not know may have taken the first word as its
	 * value: judge the jobs both ways. */
	for (alt = 0; alt < (odd && cmd + 1 < sep ? 2u : 1u); alt++)
		for (j = 0; j < njobs; j++) {
			size_t r = j;
			const char *line = NULL;
			bool last = j + 1 == njobs &&
				    alt + 1 == (odd && cmd + 1 < sep ? 2u : 1u);

			for (g = ng; g-- > 0;) {
				job[g] = groups[g].v[r % groups[g].n];
				r /= groups[g].n;
			}
			if ((error = par_line(e, cmd + alt, sep, quote, job, ng,
					      workdir, &line)) < 0 ||
			    (error = run_text(e, i, end, &via, "parallel",
					      line, false,
					      last ? final : &sub)) < 0)
				return error;
		}
	return 0;
}

/* A program as the system finds it: macOS and Windows file systems
 * ignore case (RM -rf / runs rm), Windows adds ".exe" (git.exe, Git
 * Bash's "C:\\Program Files\\Git\\bin\\git.exe").  The base name is
 * lowercased and loses ".exe"; a name already plain is returned as is. */
static const char *canon_program(struct sh_src *p, const char *v)
{
	const char *b = strrchr(v, '/'), *bs = strrchr(v, '\\');
	size_t n, k, dir;
	bool upper = false, lower = false, win = bs && (!b || bs > b);
	char *o;

	if (win)
		b = bs;
	b = b ? b + 1 : v;
	n = strlen(b);
	if (n > 4 && !strcasecmp(b + n - 4, ".exe"))
		n -= 4;
	/* All capitals (RM, XARGS): mixed case is a name of its own
	 * (Rscript); anything but a plain name is left alone. */
	for (k = 0; k < n; k++) {
		if (b[k] >= 'a' && b[k] <= 'z')
			lower = true;
		else if (b[k] >= 'A' && b[k] <= 'Z')
			upper = true;
		else if (!strchr("0123456789._+-", b[k]))
			return v;
	}
	if (lower && !win && n == strlen(b))
		return v;
	if (!upper && !win && n == strlen(b))
		return v;
	if (!n)
		return v;
	/* A backslash path is Windows': only its name means anything here. */
	dir = win ? 0 : (size_t)(b - v);
	if (!(o = arena_alloc(p->g->a, dir + n + 1)))
		return NULL;
	memcpy(o, v, dir);
	for (k = 0; k < n; k++)
		o[dir + k] = (char)(!lower && b[k] >= 'A' && b[k] <= 'Z' ?
				    b[k] + 32 : b[k]);
	o[dir + n] = '\0';
	return o;
}

/* The wrapper loop: w[i] is the program of [i, end). */
static int emit_range(struct emitter *e, size_t i, size_t end,
		      struct strlist *via_in, int level,
		      struct subject **final)
{
	struct sh_src *p = e->p;
	struct strlist via = via_copy(via_in);
	int error;

	if (p->depth + level > CV_MAX_SHELL_DEPTH)
		return diag_set(p->g->d, CV_ETOOBIG,
				"wrappers nested deeper than %d",
				CV_MAX_SHELL_DEPTH);
	while (i < end) {
		struct sh_word *w = e->w;
		const struct wrapper *wr;
		struct wrap_at at;
		const char *t;
		bool dyn;

		if (w[i].flags & SW_DYN) {
			/* `$SHELL -c STRING`: the program is unknown, but a
			 * -c string is parsed in case it is a shell. */
			if (i + 2 < end && w[i + 1].val[0] == '-' &&
			    w[i + 1].val[1] != '-' &&
			    strchr(w[i + 1].val, 'c'))
				return run_text(e, i, end, &via, w[i].val,
						w[i + 2].val, true, final);
			break;
		}
		if (!(w[i].flags & SW_DYN)) {
			const char *cv = canon_program(p, w[i].val);

			if (!cv)
				return NOMEM(p);
			w[i].val = cv;
		}
		if (!strcmp(text_base_name(w[i].val), "parallel"))
			return wrap_parallel(e, i, end, &via, final);
		if (!(wr = wrapper_of(text_base_name(w[i].val))))
			break;
		if (wr->run == WR_FIND)
			return emit_find(e, i, end, &via, level, final);
		if (wr->run == WR_SHELL)
			return wrap_shell(e, wr, i, end, &via, final);
		wrap_scan(wr, w, i, end, &at);
		if ((wr->flags & WF_REMOTE) && at.what != WA_SELF)
			return wrap_remote(e, wr, i, end, &via, level, &at,
					   final);
		switch (at.what) {
		case WA_SELF:
			return make_subject(e, i, end, &via, true, final);
		case WA_TEXT:
			t = at.text;
			if ((wr->flags & WF_TEXT_REST) &&
			    !(t = env_split_text(p, t)))
				/* env -S '$X': env refuses, runs nothing */
				return make_subject(e, i, end, &via, true,
						    final);
			if (wr->flags & WF_TEXT_REST && at.rest < end) {
				/* env -S STRING ARGS: ARGS follow the text */
				const char *rest;
				char *tt;

				if ((error = quote_words(e, at.rest, end, &rest,
							 &dyn)) < 0)
					return error;
				if (!(tt = arena_alloc(p->g->a, strlen(t) +
						       strlen(rest) + 2)))
					return NOMEM(p);
				strcpy(tt, t);
				strcat(tt, " ");
				strcat(tt, rest);
				t = tt;
				at.dyn = at.dyn || dyn;
			}
			return run_text(e, i, end, &via, wr->name, t, at.dyn,
					final);
		case WA_JOIN:
			if ((error = join_words(e, at.at, end, &t, &dyn)) < 0)
				return error;
			return run_text(e, i, end, &via, wr->name, t, dyn,
					final);
		case WA_ARGV:
			if (!strcmp(wr->name, "xargs"))
				return wrap_xargs(e, i, at.at, end, &via, level,
						  final);
			if ((error = via_push(p, &via, wr->name)) < 0)
				return error;
			i = at.at;
			break;
		}
	}
	return make_subject(e, i, end, &via, true, final);
}

/* A leading NAME=value word (unquoted name). */
static bool is_assignment(struct sh_src *p, const struct sh_word *w)
{
	const char *s = p->s + w->start;
	size_t k = 0, n = w->end - w->start;

	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') ||
			(s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
		return false;
	while (k < n && ((s[k] >= 'a' && s[k] <= 'z') ||
			 (s[k] >= 'A' && s[k] <= 'Z') || s[k] == '_' ||
			 (s[k] >= '0' && s[k] <= '9')))
		k++;
	if (k < n && s[k] == '+')
		k++;
	return k < n && s[k] == '=';
}

/* NAME=VALUE (also after export/declare/local/readonly): the value as
 * bash stores it, tilde prefixes expanded.  A value computed at run time
 * ($(cmd), NAME+= onto an unknown) makes NAME unknown, never leaves the
 * old value in place. */
static int remember(struct sh_src *p, const struct sh_word *w, bool local)
{
	const char *eq = strchr(w->val, '='), *v, *old;
	size_t nlen;
	int error;

	nlen = eq ? (size_t)(eq - w->val) : strlen(w->val);
	/* local outside a function is an error: nothing is set */
	if (local && !p->vars->fn)
		return nlen ? shl_var_set(p, w->val, nlen, NULL) : 0;
	if (!eq) {
		/* local NAME: empty in the function; export NAME: as is */
		if (local && w->val[0])
			return shl_var_local(p, w->val, strlen(w->val), "");
		return 0;
	}
	/* A substitution whose output is known (echo, printf, pwd) left the
	 * word plain: X=$(echo /etc) is "/etc".  Otherwise only mktemp's
	 * place is known. */
	if ((w->flags & SW_SUBST) && (w->flags & SW_DYN))
		v = mktemp_value(w, eq + 1);
	else if ((error = shx_value(p, eq + 1, w->mask ? w->mask + nlen + 1
						: NULL, true, &v)) < 0)
		return error;
	if (v && nlen > 0 && w->val[nlen - 1] == '+') {
		/* += appends to what is known, else the value is unknown */
		nlen--;
		old = shl_var_get(p, w->val, nlen);
		if (!old) {
			v = NULL;
		} else {
			size_t on = strlen(old), vn = strlen(v);
			char *c = arena_alloc(p->g->a, on + vn + 1);

			if (!c)
				return NOMEM(p);
			memcpy(c, old, on);
			memcpy(c + on, v, vn + 1);
			v = c;
		}
	} else if (nlen > 0 && w->val[nlen - 1] == '+') {
		nlen--;
	}
	return local ? shl_var_local(p, w->val, nlen, v)
		     : shl_var_set(p, w->val, nlen, v);
}

/* .env, .env.local, config/.env.production; not .env.example and the
 * other templates. */
static bool is_dotenv(const char *path)
{
	static const char *const tpl[] = { "example", "sample", "template",
		"dist", "default", "defaults", "schema", "tpl", NULL };
	const char *b = strrchr(path, '/');
	size_t k;

	b = b ? b + 1 : path;
	if (strncmp(b, ".env", 4) || (b[4] && b[4] != '.'))
		return false;
	for (k = 0; b[4] && tpl[k]; k++)
		if (!strcmp(b + 5, tpl[k]))
			return false;
	return true;
}

/* After `source .env`, a command that prints or sends a variable the
 * call did not set (echo $DATABASE_URL, curl -d "$TOKEN"), or dumps
 * them all (env, printenv, set), puts the dotenv's secrets out: judged
 * as reading it, with the command in `via`. */
static int dotenv_print(struct emitter *e, size_t i)
{
	static const char *const out[] = { "echo", "printf", "printenv",
		"env", "set", "declare", "typeset", "export", "curl", "wget",
		"nc", "ncat", "tee", "logger", NULL };
	struct sh_src *p = e->p;
	const char *name = e->w[i].val, *path = p->g->dotenv;
	struct strlist via;
	bool dyn = i + 1 == e->nw;
	size_t k;
	char *t;
	int error;

	for (k = 0; out[k] && strcmp(out[k], name); k++)
		;
	if (!out[k] || strchr(path, '\''))
		return 0;
	for (k = i + 1; k < e->nw; k++)
		dyn |= (e->w[k].flags & SW_DYN) != 0;
	if (!dyn)
		return 0;
	if (!(t = arena_alloc(p->g->a, strlen(path) + 12)))
		return NOMEM(p);
	strcpy(t, "cat -- '");
	strcat(t, path);
	strcat(t, "'");
	via = via_copy(p->via);
	if ((error = via_push(p, &via, name)) < 0)
		return error;
	return shp_parse_sub(p, t, strlen(t), &via, &e->in_from);
}

/* Builtins that change what later statements see, and names the call
 * defined: `set --`, `shopt -s expand_aliases`, `alias`, `unalias`,
 * `unset`, `trap` (its action is a command), `mapfile`/`printf -v`/
 * `getopts` (values unknown), an alias (replaced by its text: *done),
 * a function (its body inlined with the arguments). */
static int state_cmd(struct emitter *e, size_t i, bool *done)
{
	struct sh_src *p = e->p;
	struct sh_ctx *g = p->g;
	struct sh_word *w = e->w;
	size_t n = e->nw, k;
	const char *name;
	struct sh_func *f;
	int error;

	*done = false;
	if (i >= n || (w[i].flags & SW_DYN))
		return 0;
	name = w[i].val;
	/* A quoted name is no alias and no builtin keyword, but still a
	 * function ('cleanup', \cleanup); the keyword `time [-p] [--] [!]`
	 * times a function call too (nice, sudo, command do not: they run
	 * programs). */
	if (i == 0 && !(w[i].flags & SW_QUOTED) && !strcmp(name, "time")) {
		/* (the keyword only as the first word: X=1 time f runs
		 * /usr/bin/time, which finds no function) */
		for (i++; i < n && !(w[i].flags & SW_QUOTED) &&
			  (!strcmp(w[i].val, "-p") || !strcmp(w[i].val, "--") ||
			   !strcmp(w[i].val, "!")); i++)
			;
		if (i >= n || (w[i].flags & SW_DYN))
			return 0;
		name = w[i].val;
		goto call;
	}
	if (w[i].flags & SW_QUOTED)
		goto call;
	if (g->dotenv && (error = dotenv_print(e, i)) < 0)
		return error;
	if ((!strcmp(name, "source") || !strcmp(name, ".")) && i + 1 < n &&
	    !(w[i + 1].flags & SW_DYN) && is_dotenv(w[i + 1].val))
		g->dotenv = w[i + 1].val;
	if (g->expand_aliases && !strchr(name, '/') &&
	    (f = shp_func(g, name, strlen(name), true)) && !f->active) {
		/* The alias's text in place of the name, the rest as
		 * written (a here-doc's body is not in it: then not). */
		const char *rest = p->s + e->c->w[i].end;
		size_t rn = e->c->end > e->c->w[i].end ?
			    e->c->end - e->c->w[i].end : 0, vn = f->len;
		char *t;

		for (k = 0; k < e->c->nr; k++)
			if (e->c->r[k].kind == RK_HEREDOC ||
			    e->c->r[k].kind == RK_HEREDOC_TABS)
				return 0;
		if (e->c->end > p->n || !(t = arena_alloc(g->a, vn + rn + 2)))
			return e->c->end > p->n ? 0 : NOMEM(p);
		memcpy(t, f->body, vn);
		t[vn] = ' ';
		memcpy(t + vn + 1, rest, rn);
		t[vn + rn + 1] = '\0';
		f->active++;
		error = shp_parse_here(p, t, vn + rn + 1, &e->in_from);
		f->active--;
		*done = true;
		return error;
	}
	if (!strcmp(name, "set") && i + 1 < n &&
	    (!strcmp(w[i + 1].val, "--") ||
	     (w[i + 1].val[0] != '-' && w[i + 1].val[0] != '+'))) {
		/* set -- a b: the positional parameters, for "$@", $1. */
		size_t from = i + 1 + !strcmp(w[i + 1].val, "--");
		const char **v = arena_alloc(g->a, (n - from + 1) *
					     sizeof(*v));

		if (!v)
			return NOMEM(p);
		v[0] = shl_var_get(p, "0", 1) ? shl_var_get(p, "0", 1)
					      : "bash";
		for (k = from; k < n; k++) {
			v[k - from + 1] = NULL;
			if (!(w[k].flags & SW_DYN) &&
			    (error = shx_word_value(p, &w[k],
						    &v[k - from + 1])) < 0)
				return error;
		}
		return shl_set_positional(p, v, n - from + 1);
	}
	if (!strcmp(name, "shift")) {
		/* shift [N]: $N+1.. become $1.. */
		const char *cnt = shl_var_get(p, "#", 1);
		size_t by = 1, have, j;
		const char **v;
		char num[24];

		if (i + 1 < n) {
			char *end;

			by = (size_t)strtoul(w[i + 1].val, &end, 10);
			if (*end || (w[i + 1].flags & SW_DYN))
				cnt = NULL;
		}
		have = cnt ? (size_t)strtoul(cnt, NULL, 10) : 0;
		if (!cnt || have > 100) {
			/* unknown: every positional parameter is */
			for (j = 1; j <= (have > 9 ? have : 9); j++) {
				snprintf(num, sizeof(num), "%zu", j);
				if ((error = shl_var_local(p, num,
						strlen(num), NULL)) < 0)
					return error;
			}
			if ((error = shl_var_local(p, "@", 1, NULL)) < 0 ||
			    (error = shl_var_local(p, "*", 1, NULL)) < 0)
				return error;
			return shl_var_local(p, "#", 1, NULL);
		}
		if (by > have)
			return 0;	/* fails, changes nothing */
		if (!(v = arena_alloc(g->a, (have - by + 1) * sizeof(*v))))
			return NOMEM(p);
		v[0] = shl_var_get(p, "0", 1);
		for (j = by + 1; j <= have; j++) {
			snprintf(num, sizeof(num), "%zu", j);
			v[j - by] = shl_var_get(p, num, strlen(num));
		}
		/* the old $N.. past the new count are unset */
		for (j = have - by + 1; j <= have; j++) {
			snprintf(num, sizeof(num), "%zu", j);
			if ((error = shl_var_local(p, num, strlen(num),
						   "")) < 0)
				return error;
		}
		return shl_set_positional(p, v, have - by + 1);
	}
	if (!strcmp(name, "shopt")) {
		bool on = false, off = false, ea = false;

		for (k = i + 1; k < n; k++) {
			on |= !strcmp(w[k].val, "-s");
			off |= !strcmp(w[k].val, "-u");
			ea |= !strcmp(w[k].val, "expand_aliases");
		}
		if (ea && (on || off))
			g->expand_aliases = on;
		return 0;
	}
	if (!strcmp(name, "alias") || !strcmp(name, "unalias") ||
	    !strcmp(name, "unset")) {
		bool fn = false, all = false;

		for (k = i + 1; k < n; k++) {
			const char *x = w[k].val, *eq = strchr(x, '=');
			char nm[256];
			size_t nl;

			if (x[0] == '-') {
				fn |= !strcmp(x, "-f");
				all |= !strcmp(x, "-a");
				continue;
			}
			nl = name[0] == 'a' && eq ? (size_t)(eq - x)
						  : strlen(x);
			if (nl == 0 || nl >= sizeof(nm))
				continue;
			memcpy(nm, x, nl);
			nm[nl] = '\0';
			if (name[0] == 'a') {
				if (eq && (error = shp_define(p, nm, eq + 1,
						strlen(eq + 1), true)) < 0)
					return error;
			} else if (name[2] == 'a' || fn) {
				if ((f = shp_func(g, nm, nl, name[2] == 'a')))
					f->body = NULL;
			} else if ((w[k].flags & SW_DYN) == 0 &&
				   (error = shl_var_set(p, nm, nl, "")) < 0) {
				return error;	/* unset: empty */
			}
		}
		for (k = 0; all && name[2] == 'a' && k < g->nfuncs; k++)
			if (g->funcs[k].alias)
				g->funcs[k].body = NULL;
		return 0;
	}
	if (!strcmp(name, "trap")) {
		/* trap ACTION SIGNAL...: ACTION runs, at the signal or at
		 * exit; -p and -l print. */
		k = i + 1;
		if (k < n && !strcmp(w[k].val, "--"))
			k++;
		if (k + 1 >= n || w[k].val[0] == '-' || !w[k].val[0])
			return 0;
		{
			/* a computed action parses as a computed command */
			struct strlist via = via_copy(p->via);

			if ((error = via_push(p, &via, "trap")) < 0)
				return error;
			return shp_parse_sub(p, w[k].val, strlen(w[k].val),
					     &via, &e->in_from);
		}
	}
	if (!strcmp(name, "mapfile") || !strcmp(name, "readarray") ||
	    !strcmp(name, "getopts") || (!strcmp(name, "printf") &&
					 i + 2 < n &&
					 !strcmp(w[i + 1].val, "-v"))) {
		/* The names they set get values read at run time. */
		const char *nm = name[0] == 'p' ? w[i + 2].val :
				 name[0] == 'g' ? (i + 2 < n ? w[i + 2].val
							     : NULL) :
				 n > i + 1 && w[n - 1].val[0] != '-'
				 ? w[n - 1].val : "MAPFILE";

		if (nm && nm[0])
			return shl_var_set(p, nm, strlen(nm), NULL);
		return 0;
	}
call:
	if (!strchr(name, '/') &&
	    (f = shp_func(g, name, strlen(name), false))) {
		const char **argv = arena_alloc(g->a, (n - i) * sizeof(*argv));

		if (!argv)
			return NOMEM(p);
		for (k = i + 1; k < n; k++) {
			argv[k - i - 1] = NULL;
			if (!(w[k].flags & SW_DYN) &&
			    (error = shx_word_value(p, &w[k],
						    &argv[k - i - 1])) < 0)
				return error;
		}
		return shp_call(p, f, argv, n - i - 1, &e->in_from);
	}
	return 0;
}

int shn_emit(struct sh_src *p, struct sh_cmd *c,
	     const struct strlist *in_from, struct subject **final)
{
	struct emitter e;
	struct strlist via;
	size_t i, k;
	int error;

	memset(&e, 0, sizeof(e));
	e.p = p;
	e.c = c;
	e.w = c->w;
	e.nw = c->nw;
	e.in_from = *in_from;
	e.in_from.cap = e.in_from.n;
	e.piped = p->g->piped;
	e.pipe_unknown = p->g->pipe_unknown;
	e.pipe_text = p->g->pipe_text;
	e.pipe_prev = p->g->pipe_prev;
	*final = NULL;
	if (c->end > c->start && c->end <= p->n) {
		e.text = arena_strndup(p->g->a, p->s + c->start,
				       c->end - c->start);
		if (!e.text)
			return NOMEM(p);
	} else {
		e.text = "";
	}
	for (k = 0; k < c->nw; k++)
		for (i = 0; i < c->w[k].progs.n; i++)
			if (sh_push_unique(&e.in_from, p->g->a,
					   c->w[k].progs.v[i]) < 0)
				return NOMEM(p);
	for (k = 0; k < c->nr; k++)
		for (i = 0; i < c->r[k].target.progs.n; i++)
			if (sh_push_unique(&e.in_from, p->g->a,
					   c->r[k].target.progs.v[i]) < 0)
				return NOMEM(p);
	for (i = 0; i < c->nw && is_assignment(p, &c->w[i]); i++)
		;
	if (i == c->nw) {
		/* Assignments alone are remembered for later $NAME. */
		for (k = 0; k < c->nw; k++)
			if ((error = remember(p, &c->w[k], false)) < 0)
				return error;
		if (!c->nr)
			return 0;
	} else if (!(c->w[i].flags & (SW_DYN | SW_QUOTED)) &&
		   (wis(&c->w[i], "export") || wis(&c->w[i], "declare") ||
		    wis(&c->w[i], "typeset") || wis(&c->w[i], "local") ||
		    wis(&c->w[i], "readonly"))) {
		/* declare and local in a function are its own names */
		bool local = wis(&c->w[i], "local") ||
			     ((wis(&c->w[i], "declare") ||
			       wis(&c->w[i], "typeset")) && p->vars->fn);

		if (wis(&c->w[i], "local") && !p->vars->fn)
			local = true;	/* an error: see remember() */

		for (k = i + 1; k < c->nw; k++) {
			if (c->w[k].val[0] == '-')
				continue;
			if ((error = remember(p, &c->w[k], local)) < 0)
				return error;
			if (wis(&c->w[i], "export") &&
			    !(c->w[k].flags & SW_DYN) &&
			    is_env_word(c->w[k].val) &&
			    strlist_push(&p->g->exported, p->g->a,
					 c->w[k].val) < 0)
				return NOMEM(p);
		}
	}
	for (k = i; k < c->nw && !c->w[k].mask; k++)
		;
	if (k < c->nw) {
		/* Braces, ~user, splitting and globs make new words. */
		struct sh_word *xw;
		size_t nx;

		if ((error = shx_expand(p, c->w + i, c->nw - i, &xw,
					&nx)) < 0)
			return error;
		e.w = arena_alloc(p->g->a, (i + nx + 1) * sizeof(*e.w));
		if (!e.w)
			return NOMEM(p);
		memcpy(e.w, c->w, i * sizeof(*e.w));
		memcpy(e.w + i, xw, nx * sizeof(*e.w));
		e.nw = i + nx;
	}
	{
		bool done;

		if ((error = state_cmd(&e, i, &done)) < 0 || done)
			return error;
	}
	via = via_copy(p->via);
	return emit_range(&e, i, e.nw, &via, 0, final);
}
