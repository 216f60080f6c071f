/* shell_sinks.c - exec sinks: options, config keys and script languages
 * through which a program runs a command it was given as data.
 * `git -c alias.x='!rm -rf ~' x`, `git config core.pager 'sh -c …'`,
 * `sed '1e rm -rf ~'`, `tar --checkpoint-action=exec=…`, `vim -c '!…'`,
 * `emacs --eval '(shell-command …)'`, a makefile given on stdin: the
 * command is parsed as shell, with the program in `via`, and judged like
 * any other.  Each sink is a row of a table or a small reader of the
 * language it hides in; what cannot be read (a script file, a command
 * built at run time) is left to the program's own rules or marked
 * `<computed-exec>`.
 * Security invariant: a sink found is never silent, it is parsed with
 * the nesting and size bounds of every other text (shp_parse_sub). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "util/arena.h"
#include "util/bounds.h"
#include "util/diag.h"
#include "shell/shell_int.h"

#define NOMEM(p) diag_set((p)->g->d, CV_ENOMEM, "out of memory")

/* Parses `text` (n bytes) as shell run by s->program. */
static int sink_run(struct sh_src *p, struct subject *s, const char *text,
		    size_t n)
{
	struct strlist via = { NULL, 0, 0 };
	size_t k;

	while (n && isspace((unsigned char)*text))
		text++, n--;
	if (!n)
		return 0;
	for (k = 0; k < s->via.n; k++)
		if (strlist_push(&via, p->g->a, s->via.v[k]) < 0)
			return NOMEM(p);
	if (sh_push_unique(&via, p->g->a, s->program) < 0)
		return NOMEM(p);
	return shp_parse_sub(p, text, n, &via, &s->input_from);
}

static bool dyn_at(const struct subject *s, size_t k)
{
	return s->arg_flags && (s->arg_flags[k] & ARG_DYNAMIC);
}

/* ---- git: config keys whose value is a command ---- */

/* "section.name" (no subsection; name "*" is any), "section.*.name"
 * (any subsection).  Git runs each value with the shell (aliases with
 * '!', credential helpers with '!'; an alias without '!' is a git
 * command line). */
static const char *const gitcfg_exec_keys[] = {
	"alias.*", "browser.*.cmd", "core.askpass", "core.editor",
	"core.fsmonitor", "core.gitproxy", "core.pager", "core.sshcommand",
	"credential.helper", "credential.*.helper", "diff.external",
	"diff.*.command", "diff.*.textconv", "difftool.*.cmd",
	"filter.*.clean", "filter.*.process", "filter.*.smudge",
	"gpg.program", "gpg.*.program", "interactive.difffilter",
	"man.*.cmd", "merge.*.driver", "mergetool.*.cmd", "pager.*",
	"remote.*.receivepack", "remote.*.uploadpack", "sendemail.cccmd",
	"sendemail.smtpserver", "sendemail.tocmd", "sequence.editor",
	"uploadpack.packobjectshook", "web.browser", NULL,
};

static bool gitcfg_key_is(const char *key, size_t klen, const char *pat)
{
	const char *d1 = memchr(key, '.', klen), *dl, *p2, *pl;
	size_t secn, namen;

	if (!d1)
		return false;
	for (dl = key + klen - 1; *dl != '.'; dl--)
		;
	secn = (size_t)(d1 - key);
	namen = klen - (size_t)(dl - key) - 1;
	p2 = strchr(pat, '.');
	pl = strrchr(pat, '.');
	if ((size_t)(p2 - pat) != secn || strncasecmp(key, pat, secn))
		return false;
	if ((p2 != pl) != (d1 != dl))
		return false;	/* a subsection on one side only */
	if (!strcmp(pl + 1, "*"))
		return true;
	return strlen(pl + 1) == namen && !strncasecmp(dl + 1, pl + 1, namen);
}

static bool gitcfg_bool(const char *v)
{
	static const char *const b[] = { "true", "false", "yes", "no", "on",
					 "off", "1", "0", "", NULL };
	size_t k;

	for (k = 0; b[k]; k++)
		if (!strcasecmp(v, b[k]))
			return true;
	return false;
}

/* Key `key` (klen bytes) set to `val`: what git will run. */
static int gitcfg_value(struct sh_src *p, struct subject *s, const char *key,
		     size_t klen, const char *val)
{
	size_t k;

	for (k = 0; gitcfg_exec_keys[k]; k++)
		if (gitcfg_key_is(key, klen, gitcfg_exec_keys[k]))
			break;
	if (!gitcfg_exec_keys[k] || gitcfg_bool(val))
		return 0;
	if (!strncasecmp(key, "alias.", 6)) {
		const char *t;
		char *g;

		if (val[0] == '!')
			return sink_run(p, s, val + 1, strlen(val + 1));
		/* alias.x='push --force': git runs `git push --force` */
		if (!(g = arena_alloc(p->g->a, strlen(val) + 5)))
			return NOMEM(p);
		strcpy(g, "git ");
		strcat(g, val);
		t = g;
		return sink_run(p, s, t, strlen(t));
	}
	if (!strncasecmp(key, "credential.", 11) && val[0] != '!')
		return 0;	/* a helper name: git-credential-NAME */
	return sink_run(p, s, val + (val[0] == '!'),
			strlen(val + (val[0] == '!')));
}

static const char *const gitcfg_readers[] = {
	"--get", "--get-all", "--get-regexp", "--get-urlmatch", "--unset",
	"--unset-all", "-l", "--list", "-e", "--edit", "--rename-section",
	"--remove-section", "get", "unset", "list", "edit", "rename-section",
	"remove-section", NULL,
};

/* Environment variables git reads as the same commands as a config key
 * (git(1), ENVIRONMENT): GIT_SSH_COMMAND='sh -c "…"' git fetch runs it. */
static const char *const gitenv_keys[][2] = {
	{ "GIT_SSH_COMMAND", "core.sshcommand" }, { "GIT_SSH", "core.sshcommand" },
	{ "GIT_EDITOR", "core.editor" }, { "GIT_SEQUENCE_EDITOR",
	  "sequence.editor" }, { "GIT_PAGER", "core.pager" },
	{ "GIT_EXTERNAL_DIFF", "diff.external" }, { "GIT_ASKPASS",
	  "core.askpass" }, { "GIT_PROXY_COMMAND", "core.gitproxy" },
	{ NULL, NULL }
};

static int gitcfg_sinks(struct sh_src *p, struct subject *s)
{
	const struct strlist *a = &s->raw_args;
	size_t k, j, nops = 0;
	const char *ops[2] = { NULL, NULL };
	int error;

	for (k = 0; k < s->env.n; k++) {
		const char *e = s->env.v[k], *eq = strchr(e, '=');

		for (j = 0; eq && gitenv_keys[j][0]; j++)
			if (strlen(gitenv_keys[j][0]) == (size_t)(eq - e) &&
			    !strncmp(e, gitenv_keys[j][0], (size_t)(eq - e)) &&
			    (error = gitcfg_value(p, s, gitenv_keys[j][1],
					strlen(gitenv_keys[j][1]), eq + 1)) < 0)
				return error;
	}

	for (k = 0; k < a->n; k++) {
		const char *x = a->v[k], *eq;

		if (!strcmp(x, "-c") && k + 1 < a->n) {
			k++;
			if (!dyn_at(s, k) && (eq = strchr(a->v[k], '=')) &&
			    (error = gitcfg_value(p, s, a->v[k],
					       (size_t)(eq - a->v[k]),
					       eq + 1)) < 0)
				return error;
			continue;
		}
		if (!strcmp(x, "-C") || !strcmp(x, "--git-dir") ||
		    !strcmp(x, "--work-tree") || !strcmp(x, "--namespace") ||
		    !strcmp(x, "--super-prefix") || !strcmp(x, "--config-env")) {
			k++;
			continue;
		}
		if (x[0] != '-')
			break;
	}
	if (k >= a->n || strcmp(a->v[k], "config"))
		return 0;
	/* git config [set] [--global|--file F …] KEY VALUE */
	for (j = k + 1; j < a->n; j++) {
		const char *x = a->v[j];
		size_t q;

		for (q = 0; gitcfg_readers[q]; q++)
			if (!strcmp(x, gitcfg_readers[q]))
				return 0;
		if (!strcmp(x, "set") && j == k + 1)
			continue;
		if (!strcmp(x, "-f") || !strcmp(x, "--file") ||
		    !strcmp(x, "--blob") || !strcmp(x, "--type") ||
		    !strcmp(x, "--default") || !strcmp(x, "--comment") ||
		    !strcmp(x, "--value")) {
			j++;
			continue;
		}
		if (x[0] == '-')
			continue;
		if (nops < 2 && !dyn_at(s, j))
			ops[nops] = x;
		nops++;
	}
	if (nops < 2 || !ops[0] || !ops[1])
		return 0;
	return gitcfg_value(p, s, ops[0], strlen(ops[0]), ops[1]);
}

/* ---- sed: the `e` command and the `s///e` flag (GNU) ---- */

/* Skips a regex or replacement delimited by `d` from s[*i]; false when
 * it does not end. */
static bool sed_delim(const char *s, size_t n, size_t *i, char d)
{
	for (; *i < n; (*i)++) {
		if (s[*i] == '\\' && *i + 1 < n) {
			(*i)++;
			continue;
		}
		if (s[*i] == d || s[*i] == '\n')
			return s[*i] == d;
	}
	return false;
}

static void sed_address(const char *s, size_t n, size_t *i)
{
	int part;

	for (part = 0; part < 2; part++) {
		if (*i < n && s[*i] == '/') {
			(*i)++;
			if (!sed_delim(s, n, i, '/'))
				return;
			(*i)++;
			while (*i < n && (s[*i] == 'I' || s[*i] == 'M'))
				(*i)++;
		} else if (*i + 1 < n && s[*i] == '\\') {
			char d = s[*i + 1];

			*i += 2;
			if (!sed_delim(s, n, i, d))
				return;
			(*i)++;
		} else {
			while (*i < n && (isdigit((unsigned char)s[*i]) ||
					  s[*i] == '$' || s[*i] == '~' ||
					  s[*i] == '+'))
				(*i)++;
		}
		while (*i < n && s[*i] == ' ')
			(*i)++;
		if (part == 0 && *i < n && s[*i] == ',')
			(*i)++;
		else
			break;
	}
}

static size_t line_end(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] != '\n')
		i++;
	return i;
}

/* The replacement of s///e, unescaped: the command sed runs. */
static int sed_s_exec(struct sh_src *p, struct subject *s, const char *r,
		      size_t n)
{
	char *t = arena_alloc(p->g->a, n + 1);
	size_t k, o = 0;
	bool computed = false;

	if (!t)
		return NOMEM(p);
	for (k = 0; k < n; k++) {
		if (r[k] == '\\' && k + 1 < n) {
			k++;
			if (isdigit((unsigned char)r[k]))
				computed = true;
			t[o++] = r[k] == 'n' ? '\n' : r[k];
			continue;
		}
		if (r[k] == '&')
			computed = true;
		t[o++] = r[k];
	}
	t[o] = '\0';
	/* \1 or & put the matched text in: part of the command is the
	 * input's, unknown here. */
	if (computed) {
		int error = shi_marker(p, s, SH_MARK_EXEC);

		if (error < 0)
			return error;
	}
	return sink_run(p, s, t, o);
}

static int sed_script(struct sh_src *p, struct subject *s, const char *sc)
{
	size_t n = strlen(sc), i = 0, e, rs, re;
	int error;

	while (i < n) {
		char c;

		while (i < n && (isspace((unsigned char)sc[i]) || sc[i] == ';'))
			i++;
		if (i >= n)
			break;
		if (sc[i] == '#') {
			i = line_end(sc, n, i);
			continue;
		}
		sed_address(sc, n, &i);
		while (i < n && (sc[i] == '!' || sc[i] == ' '))
			i++;
		if (i >= n)
			break;
		c = sc[i++];
		switch (c) {
		case '{': case '}': case '=': case 'd': case 'D': case 'g':
		case 'G': case 'h': case 'H': case 'x': case 'n': case 'N':
		case 'p': case 'P': case 'z': case 'F':
			break;
		case 'e':
			e = line_end(sc, n, i);
			if (e == i || strspn(sc + i, " \t") >= e - i)
				/* runs the pattern space: the input's */
				error = shi_marker(p, s, SH_MARK_EXEC);
			else
				error = sink_run(p, s, sc + i, e - i);
			if (error < 0)
				return error;
			i = e;
			break;
		case 's': {
			char d;

			if (i >= n)
				return 0;
			d = sc[i++];
			if (!sed_delim(sc, n, &i, d))
				return 0;
			rs = ++i;
			if (!sed_delim(sc, n, &i, d))
				return 0;
			re = i++;
			while (i < n && strchr("gpeiImM0123456789", sc[i])) {
				if (sc[i] == 'e' &&
				    (error = sed_s_exec(p, s, sc + rs,
							re - rs)) < 0)
					return error;
				i++;
			}
			if (i < n && sc[i] == 'w')
				i = line_end(sc, n, i);
			break;
		}
		case 'y': {
			char d;

			if (i >= n)
				return 0;
			d = sc[i++];
			if (!sed_delim(sc, n, &i, d))
				return 0;
			i++;
			if (!sed_delim(sc, n, &i, d))
				return 0;
			i++;
			break;
		}
		case 'b': case 't': case 'T':
			while (i < n && sc[i] != ';' && sc[i] != '\n')
				i++;
			break;
		case 'q': case 'Q': case 'l': case 'L':
			while (i < n && (isdigit((unsigned char)sc[i]) ||
					 sc[i] == ' '))
				i++;
			break;
		default:
			/* a i c r R w W : v and unknown: to the end of the
			 * line (a\ text may go on after an escaped
			 * newline) */
			e = line_end(sc, n, i);
			while (e < n && e > i && sc[e - 1] == '\\')
				e = line_end(sc, n, e + 1);
			i = e;
			break;
		}
	}
	return 0;
}

static int sed_sinks(struct sh_src *p, struct subject *s)
{
	const struct strlist *a = &s->raw_args;
	size_t k;
	bool given = false;
	int error;

	for (k = 0; k < a->n; k++)
		if (!strcmp(a->v[k], "--sandbox"))
			return 0;	/* e, r and w refused */
	for (k = 0; k < a->n; k++) {
		const char *x = a->v[k];

		if (!strcmp(x, "--"))
			break;
		if (!strcmp(x, "-e") || !strcmp(x, "--expression")) {
			given = true;
			if (++k < a->n && !dyn_at(s, k) &&
			    (error = sed_script(p, s, a->v[k])) < 0)
				return error;
			continue;
		}
		if (!strncmp(x, "--expression=", 13)) {
			given = true;
			if (!dyn_at(s, k) &&
			    (error = sed_script(p, s, x + 13)) < 0)
				return error;
			continue;
		}
		if (!strcmp(x, "-f") || !strncmp(x, "--file", 6)) {
			given = true;
			k += !strcmp(x, "-f") || !strcmp(x, "--file");
			continue;
		}
		if (!strcmp(x, "-l") || !strcmp(x, "--line-length")) {
			k++;
			continue;
		}
		if (x[0] == '-' && x[1] && x[1] != '-') {
			const char *e = strchr(x, 'e'), *f = strchr(x, 'f');
			const char *i = strchr(x, 'i');

			/* -ne SCRIPT; -i.bak takes the rest as suffix */
			if (e && (!i || e < i) && !e[1]) {
				given = true;
				if (++k < a->n && !dyn_at(s, k) &&
				    (error = sed_script(p, s, a->v[k])) < 0)
					return error;
			} else if (f && (!i || f < i) && !f[1]) {
				given = true;
				k++;
			}
			continue;
		}
		if (x[0] == '-')
			continue;
		if (!given)
			return dyn_at(s, k) ? 0 : sed_script(p, s, x);
		break;
	}
	return 0;
}

/* ---- tar: options whose value is a command ---- */

struct tar_sink {
	const char *name;	/* the long option */
	size_t min;		/* shortest unique prefix getopt accepts */
	bool checkpoint;	/* value is ACTION: only exec=CMD runs */
};

static const struct tar_sink tar_sinks_long[] = {
	{ "--checkpoint-action", 13, true },
	{ "--info-script", 5, false },
	{ "--new-volume-script", 7, false },
	{ "--rmt-command", 5, false },
	{ "--rsh-command", 5, false },
	{ "--to-command", 6, false },
	{ "--use-compress-program", 5, false },
	{ NULL, 0, false },
};

static int tar_value(struct sh_src *p, struct subject *s, const char *v,
		     bool checkpoint)
{
	if (checkpoint) {
		if (strncmp(v, "exec=", 5))
			return 0;
		v += 5;
	}
	return sink_run(p, s, v, strlen(v));
}

static int tar_sinks(struct sh_src *p, struct subject *s)
{
	const struct strlist *a = &s->raw_args;
	size_t k, q, next = 0;
	int error;

	for (k = 0; k < a->n; k++) {
		const char *x = a->v[k];

		if (!strcmp(x, "--"))
			break;
		if (x[0] == '-' && x[1] == '-') {
			size_t n = strcspn(x, "=");

			for (q = 0; tar_sinks_long[q].name; q++)
				if (n >= tar_sinks_long[q].min &&
				    !strncmp(x, tar_sinks_long[q].name, n))
					break;
			if (!tar_sinks_long[q].name)
				continue;
			if (x[n] == '=' && !dyn_at(s, k))
				error = tar_value(p, s, x + n + 1,
						  tar_sinks_long[q].checkpoint);
			else if (!x[n] && k + 1 < a->n && !dyn_at(s, k + 1))
				error = tar_value(p, s, a->v[++k],
						  tar_sinks_long[q].checkpoint);
			else
				error = 0;
			if (error < 0)
				return error;
			continue;
		}
		/* -I PROG, -IPROG, -F SCRIPT, in a cluster (-cIf): the
		 * rest of the cluster or the next word; the old style
		 * `tar cIf PROG x.tar` takes its values in order. */
		if (x[0] == '-' && x[1]) {
			const char *c = x + 1 + strcspn(x + 1, "bCfFgIKLNTVX");
			const char *v = !*c ? NULL : c[1] ? c + 1 :
					k + 1 < a->n ? a->v[++k] : NULL;

			if (v && (*c == 'I' || *c == 'F') &&
			    (error = tar_value(p, s, v, false)) < 0)
				return error;
		} else if (k == 0 && x[0]) {
			const char *c;

			for (c = x; *c && next + 1 < a->n; c++) {
				if (!strchr("bCfFgIKLNTVX", *c))
					continue;
				next++;
				if ((*c == 'I' || *c == 'F') &&
				    (error = tar_value(p, s, a->v[next],
						       false)) < 0)
					return error;
			}
			k = next;
		}
	}
	return 0;
}

/* ---- editors: vim -c '!cmd', emacs --eval '(shell-command "cmd")' ---- */

static int vim_cmd(struct sh_src *p, struct subject *s, const char *c)
{
	static const char *const pre[] = { "silent!", "silent", "sil!",
					   "sil", "exe", NULL };
	static const char *const io[] = { "read", "r", "write", "w", NULL };
	size_t k, n;
	const char *q;

	while (*c == ':' || *c == ' ')
		c++;
	for (k = 0; pre[k]; k++)
		if (!strncmp(c, pre[k], strlen(pre[k]))) {
			c += strlen(pre[k]);
			while (*c == ' ')
				c++;
			break;
		}
	c += strspn(c, "%.$,0123456789+-'");
	for (k = 0; io[k]; k++) {
		n = strlen(io[k]);
		if (!strncmp(c, io[k], n) && (c[n] == ' ' || c[n] == '!')) {
			q = c + n + strspn(c + n, " ");
			if (*q == '!')
				c = q;
			break;
		}
	}
	if (*c == '!')
		return sink_run(p, s, c + 1, strlen(c + 1));
	if (!strncmp(c, "term ", 5) || !strncmp(c, "terminal ", 9))
		return sink_run(p, s, strchr(c, ' '), strlen(strchr(c, ' ')));
	/* call system('cmd'), :echo system("cmd") */
	if ((q = strstr(c, "system(")) && (q[7] == '\'' || q[7] == '"')) {
		const char *e = strchr(q + 8, q[7]);

		if (e)
			return sink_run(p, s, q + 8, (size_t)(e - q - 8));
	}
	return 0;
}

static int vim_sinks(struct sh_src *p, struct subject *s)
{
	const struct strlist *a = &s->raw_args;
	size_t k;
	int error;

	for (k = 0; k < a->n; k++) {
		const char *x = a->v[k];

		if (!strcmp(x, "--"))
			break;
		if ((!strcmp(x, "-c") || !strcmp(x, "--cmd")) && k + 1 < a->n) {
			if (!dyn_at(s, ++k) &&
			    (error = vim_cmd(p, s, a->v[k])) < 0)
				return error;
		} else if (x[0] == '+' && x[1] && !dyn_at(s, k) &&
			   (error = vim_cmd(p, s, x + 1)) < 0) {
			return error;
		}
	}
	return 0;
}

/* The string literal at s (after its opening quote): unescaped. */
static const char *elisp_string(struct arena *a, const char *s, size_t *n)
{
	char *t = arena_alloc(a, strlen(s) + 1);
	size_t o = 0;

	if (!t)
		return NULL;
	for (; *s && *s != '"'; s++) {
		if (*s == '\\' && s[1])
			s++;
		t[o++] = *s;
	}
	t[o] = '\0';
	*n = o;
	return *s == '"' ? t : NULL;
}

static int emacs_sinks(struct sh_src *p, struct subject *s)
{
	static const char *const fns[] = { "(shell-command-to-string",
					   "(async-shell-command",
					   "(shell-command", NULL };
	const struct strlist *a = &s->raw_args;
	size_t k, f, n;
	int error;

	for (k = 0; k + 1 < a->n; k++) {
		const char *x = a->v[k], *c, *t;

		if (strcmp(x, "--eval") && strcmp(x, "-eval") &&
		    strcmp(x, "--execute"))
			continue;
		if (dyn_at(s, ++k))
			continue;
		for (c = a->v[k]; *c; c++)
			for (f = 0; fns[f]; f++) {
				size_t m = strlen(fns[f]);

				if (strncmp(c, fns[f], m))
					continue;
				c += m;
				while (*c == ' ')
					c++;
				if (*c != '"') {
					error = shi_marker(p, s,
							   SH_MARK_EXEC);
				} else if (!(t = elisp_string(p->g->a, c + 1,
							      &n))) {
					error = shi_marker(p, s,
							   SH_MARK_EXEC);
				} else {
					error = sink_run(p, s, t, n);
				}
				if (error < 0)
					return error;
				break;
			}
	}
	return 0;
}

/* ---- make: a makefile given as text ---- */

/* A variable's value as the shell will see it in a recipe: `$$` is `$`,
 * a reference to another variable is unknown. */
static char *mk_value(struct arena *a, const char *v, size_t n)
{
	char *t = arena_alloc(a, n * 9 + 1), *o = t;
	size_t k;

	if (!t)
		return NULL;
	for (k = 0; k < n; k++) {
		if (v[k] != '$') {
			*o++ = v[k];
		} else if (k + 1 < n && v[k + 1] == '$') {
			*o++ = '$';
			k++;
		} else {
			memcpy(o, "$MAKE_VAR", 9);
			o += 9;
			if (k + 1 < n && (v[k + 1] == '(' || v[k + 1] == '{'))
				while (k + 1 < n && v[k] != ')' && v[k] != '}')
					k++;
			else
				k++;
		}
	}
	*o = '\0';
	return t;
}

/* Recipe lines of `mk` as shell text: `$$` is `$`, `$(shell X)` runs X,
 * a variable the makefile sets to a literal is expanded, any other make
 * variable is an unknown shell variable. */
int shs_makefile(struct sh_src *p, struct subject *s, const char *mk)
{
	struct sh_str out = { NULL, 0, 0 };
	const char *names[64], *vals[64];
	size_t nv = 0, n = strlen(mk), i = 0, k;
	bool in_rule = false;
	int error;

	while (i < n) {
		size_t e = line_end(mk, n, i), j;
		const char *l = mk + i;
		size_t ln = e - i;

		/* a backslash-newline continues the line */
		while (e < n && ln && mk[e - 1] == '\\') {
			e = line_end(mk, n, e + 1);
			ln = e - i;
		}
		i = e + 1;
		if (ln && l[0] == '\t' && in_rule) {
			l++, ln--;
			while (ln && (*l == '@' || *l == '-' || *l == '+' ||
				      *l == ' '))
				l++, ln--;
			for (j = 0; j < ln; j++) {
				const char *v = NULL;
				char c = l[j];

				if (c != '$' || j + 1 >= ln) {
					if ((error = shl_str_put(p, &out, l + j,
								 1)) < 0)
						return error;
					continue;
				}
				c = l[++j];
				if (c == '$') {
					v = "$";
				} else if ((c == '(' || c == '{') &&
					   !strncmp(l + j + 1, "shell ", 6)) {
					v = "$(";
					j += 6;
				} else if (c == '(' || c == '{') {
					char close = c == '(' ? ')' : '}';
					size_t b = j + 1, q = b;

					while (q < ln && l[q] != close &&
					       l[q] != '$')
						q++;
					if (q < ln && l[q] == close) {
						for (k = 0; k < nv; k++)
							if (strlen(names[k]) ==
							    q - b &&
							    !strncmp(names[k],
								     l + b,
								     q - b))
								break;
						v = k < nv ? vals[k] : "$MAKE_VAR";
						j = q;
					} else {
						v = "$MAKE_VAR";
					}
				} else {
					v = "$MAKE_VAR";	/* $@ $< $X */
				}
				if ((error = shl_str_put(p, &out, v,
							 strlen(v))) < 0)
					return error;
			}
			if ((error = shl_str_put(p, &out, "\n", 1)) < 0)
				return error;
			continue;
		}
		if (!ln || l[0] == '#')
			continue;
		/* NAME = VALUE (also := ::= ?=) before any rule */
		for (j = 0; j < ln && (isalnum((unsigned char)l[j]) ||
				       l[j] == '_'); j++)
			;
		k = j;
		while (k < ln && l[k] == ' ')
			k++;
		if (j && k < ln && (l[k] == '=' || (k + 1 < ln &&
		    strchr(":?", l[k]) && (l[k + 1] == '=' ||
		    (l[k + 1] == ':' && k + 2 < ln && l[k + 2] == '='))))) {
			char *nm, *vl;

			k += strcspn(l + k, "=") + 1;
			while (k < ln && l[k] == ' ')
				k++;
			if (nv < 64 &&
			    (nm = arena_strndup(p->g->a, l, j)) &&
			    (vl = mk_value(p->g->a, l + k, ln - k))) {
				names[nv] = nm;
				vals[nv++] = vl;
			}
			continue;
		}
		in_rule = memchr(l, ':', ln) != NULL;
	}
	if (!out.n)
		return 0;
	return sink_run(p, s, out.v, out.n);
}

/* ---- the registry ---- */

static const struct {
	const char *program;
	int (*run)(struct sh_src *p, struct subject *s);
} sinks[] = {
	{ "emacs", emacs_sinks }, { "ex", vim_sinks },
	{ "git", gitcfg_sinks }, { "gsed", sed_sinks }, { "gtar", tar_sinks },
	{ "gvim", vim_sinks }, { "nvim", vim_sinks }, { "rvim", vim_sinks },
	{ "sed", sed_sinks }, { "tar", tar_sinks }, { "vi", vim_sinks },
	{ "view", vim_sinks }, { "vim", vim_sinks }, { "vimdiff", vim_sinks },
};

int shs_run(struct sh_src *p, struct subject *s)
{
	size_t k;

	if (s->program_dynamic)
		return 0;
	for (k = 0; k < sizeof(sinks) / sizeof(sinks[0]); k++)
		if (!strcmp(s->program, sinks[k].program))
			return sinks[k].run(p, s);
	return 0;
}
