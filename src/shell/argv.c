/* argv.c - reads a command's words with its program's grammar into the
 * canonical argv (argv.h); the grammars are data, in argv_table.c.
 *
 * Security invariant: canonicalising only ever adds what the program
 * will do.  An option the table does not know is kept under the name it
 * was written with (rules on that spelling still see it), a prefix that
 * is ambiguous resolves to nothing (the program refuses the line), and
 * ARGV_HELP / ARGV_DRYRUN are set only by options the table marks so,
 * never guessed from a word that merely looks like one. */
#include "shell/argv.h"

#include <stdio.h>
#include <string.h>

#include "shell/argv_int.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/diag.h"

#define ROLE_HELP	1
#define ROLE_DRY	2

enum { AR_NONE, AR_REQ, AR_OPT };

struct optdef {
	const char *name;	/* in the table, nlen bytes, not terminated */
	size_t nlen;
	char shrt;
	unsigned char arity, role;
};

struct spec {
	const struct argv_grammar *g;
	struct optdef *v;
	size_t n;
	const struct spec *inherit;	/* the program's own, ARGV_G_INHERIT */
};

struct rd {
	struct arena *a;
	struct argv_canon *c;
	const struct subject *s;
	const char **raw, **norm;	/* the words after the program */
	size_t n;
	size_t capo, capp;
};

/* ---- the table ---- */

static const char *canon_prog(const char *p)
{
	size_t i;

	for (i = 0; argv_aliases[i][0]; i++)
		if (!strcmp(p, argv_aliases[i][0]))
			return argv_aliases[i][1];
	return p;
}

static const struct argv_grammar *grammar_find(const char *prog,
					       const char *sub)
{
	const struct argv_grammar *g;

	for (g = argv_grammars; g->prog; g++)
		if (g->prog[0] == prog[0] && !strcmp(g->prog, prog) &&
		    (sub ? g->sub && g->sub[0] == sub[0] &&
			   !strcmp(g->sub, sub) : !g->sub))
			return g;
	return NULL;
}

static const struct argv_grammar *grammar_find2(struct arena *a,
						const char *prog,
						const char *sub,
						const char *sub2)
{
	size_t n1 = strlen(sub), n2 = strlen(sub2);
	char *k = arena_alloc(a, n1 + n2 + 2);

	if (!k)
		return NULL;
	memcpy(k, sub, n1);
	k[n1] = ' ';
	memcpy(k + n1 + 1, sub2, n2 + 1);
	return grammar_find(prog, k);
}

bool argv_known_program(const char *program)
{
	return program && grammar_find(canon_prog(program), NULL) != NULL;
}

/* Reads a row's option list (see argv_table.c). */
static int spec_read(struct spec *sp, struct arena *a,
		     const struct argv_grammar *g)
{
	const char *p = g->opts;
	size_t cap = 1;

	memset(sp, 0, sizeof(*sp));
	sp->g = g;
	for (; *p; p++)
		cap += *p == ' ';
	if (!(sp->v = arena_calloc(a, cap, sizeof(*sp->v))))
		return CV_ENOMEM;
	p = g->opts;
	while (*p) {
		struct optdef *d = &sp->v[sp->n];
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *q = p, *stop = p + len;

		if (len == 0) {
			p++;
			continue;
		}
		if (*q == '^' || *q == '!')
			d->role = *q++ == '^' ? ROLE_HELP : ROLE_DRY;
		if (q + 1 < stop && q[1] == ',') {
			d->shrt = q[0];
			q += 2;
		}
		if (stop > q && (stop[-1] == '=' || stop[-1] == '?')) {
			d->arity = stop[-1] == '=' ? AR_REQ : AR_OPT;
			stop--;
		}
		if (stop > q) {
			d->nlen = (size_t)(stop - q);
			d->name = q;
		}
		if (d->name || d->shrt)
			sp->n++;
		p += len;
		if (*p == ' ')
			p++;
	}
	return 0;
}

/* ---- results ---- */

static int use_push(struct rd *r, const char *name, const char *value,
		    bool neg, bool global, bool known)
{
	if (!name)
		return CV_ENOMEM;
	struct argv_canon *c = r->c;
	struct argv_use *u = arena_grow(r->a, c->opts, &r->capo, sizeof(*u),
					c->nopts + 1);

	if (!u)
		return CV_ENOMEM;
	c->opts = u;
	u = &c->opts[c->nopts++];
	u->name = name;
	u->value = value;
	u->neg = neg;
	u->global = global;
	u->known = known;
	u->dry = false;
	return 0;
}

static int operand_push(struct rd *r, const char *w)
{
	struct argv_canon *c = r->c;
	const char **v = arena_grow(r->a, c->operands, &r->capp, sizeof(*v),
				    c->noperands + 1);

	if (!v)
		return CV_ENOMEM;
	c->operands = v;
	c->operands[c->noperands++] = w;
	return 0;
}

/* The name a definition is known by: its long name, or "-X". */
static const char *def_name(struct arena *a, const struct optdef *d)
{
	char *s;

	if (d->name)
		return arena_strndup(a, d->name, d->nlen);
	if (!(s = arena_alloc(a, 3)))
		return NULL;
	s[0] = '-';
	s[1] = d->shrt;
	s[2] = '\0';
	return s;
}

/* ---- looking an option up ---- */

static const struct optdef *find_short(const struct spec *sp, char ch)
{
	size_t i;

	for (; sp; sp = sp->inherit)
		for (i = 0; i < sp->n; i++)
			if (sp->v[i].shrt == ch)
				return &sp->v[i];
	return NULL;
}

static const struct optdef *find_exact(const struct spec *sp,
				       const char *name, size_t n)
{
	size_t i;

	for (; sp; sp = sp->inherit)
		for (i = 0; i < sp->n; i++)
			if (sp->v[i].name && sp->v[i].nlen == n &&
			    !memcmp(sp->v[i].name, name, n))
				return &sp->v[i];
	return NULL;
}

static bool negates(int style)
{
	return style == ARGV_STYLE_GIT || style == ARGV_STYLE_NOPT;
}

static bool abbreviates(int style)
{
	return style == ARGV_STYLE_GIT || style == ARGV_STYLE_GNU ||
	       style == ARGV_STYLE_NOPT;
}

/* A long option `name` (n bytes, no dashes, no "=value"): its definition,
 * *neg when it was the negated form.  *ambiguous when a prefix names more
 * than one option (the program refuses it). */
static const struct optdef *find_long(const struct spec *sp, int style,
				      const char *name, size_t n, bool *neg,
				      bool *ambiguous)
{
	const struct optdef *d, *hit = NULL;
	const struct spec *q;
	bool hneg = false;
	size_t i;

	*neg = false;
	*ambiguous = false;
	if ((d = find_exact(sp, name, n)))
		return d;
	if (negates(style) && n > 3 && !memcmp(name, "no-", 3) &&
	    (d = find_exact(sp, name + 3, n - 3))) {
		*neg = true;
		return d;
	}
	/* git: "--verify" is the negation of an option named "no-verify". */
	if (style == ARGV_STYLE_GIT) {
		for (q = sp; q; q = q->inherit)
			for (i = 0; i < q->n; i++) {
				d = &q->v[i];
				if (d->name && d->nlen == n + 3 &&
				    !memcmp(d->name, "no-", 3) &&
				    !memcmp(d->name + 3, name, n)) {
					*neg = true;
					return d;
				}
			}
	}
	if (!abbreviates(style) || n == 0)
		return NULL;
	for (q = sp; q; q = q->inherit)
		for (i = 0; i < q->n; i++) {
			bool ng = false;

			d = &q->v[i];
			if (!d->name)
				continue;
			if (d->nlen > n && !memcmp(d->name, name, n))
				ng = false;
			else if (negates(style) && n > 3 &&
				 !memcmp(name, "no-", 3) &&
				 d->nlen > n - 3 &&
				 !memcmp(d->name, name + 3, n - 3))
				ng = true;
			else
				continue;
			/* One option under two letters is one option. */
			if (hit && (hit->nlen != d->nlen ||
				    memcmp(hit->name, d->name, d->nlen) ||
				    hneg != ng)) {
				*ambiguous = true;
				return NULL;
			}
			hit = d;
			hneg = ng;
		}
	*neg = hneg;
	return hit;
}

static bool false_word(const char *v)
{
	return v && (!strcmp(v, "false") || !strcmp(v, "0") ||
		     !strcmp(v, "no") || !strcmp(v, "off") ||
		     !strcmp(v, "none") || !strcmp(v, "False") ||
		     !strcmp(v, "FALSE"));
}

/* ---- reading words ---- */

/* Reads options from word i on.  `stop`: options end at the first operand
 * (returned); otherwise operands are collected and options read on up to
 * `--`.  Returns the index reached. */
static int read_opts(size_t *out, struct rd *r, const struct spec *sp,
		     size_t i, bool stop, bool global)
{
	int style = sp->g->style, error;
	struct arena *a = r->a;

	while (i < r->n) {
		const char *w = r->raw[i];
		const struct optdef *d;
		const char *val = NULL;
		bool neg = false, amb = false;

		if (style == ARGV_STYLE_GITMAIN && !strcmp(w, "--")) {
			/* git: "unknown option: --"; nothing runs. */
			r->c->flags |= ARGV_FAILS;
			i = r->n;
			break;
		}
		if (!strcmp(w, "--") ||
		    (style == ARGV_STYLE_GIT && !strcmp(w, "--end-of-options"))) {
			i++;
			if (stop)
				break;
			for (; i < r->n; i++)
				if ((error = operand_push(r, r->norm[i])) < 0)
					return error;
			break;
		}
		if (w[0] != '-' || w[1] == '\0') {
			if (stop)
				break;
			if ((error = operand_push(r, r->norm[i])) < 0)
				return error;
			i++;
			continue;
		}
		i++;
		if (style == ARGV_STYLE_GOFLAG || w[1] == '-') {
			const char *nm = w + (w[1] == '-' ? 2 : 1);
			const char *eq = strchr(nm, '=');
			size_t n = eq ? (size_t)(eq - nm) : strlen(nm);

			if (eq)
				val = eq + 1;
			if (style == ARGV_STYLE_GOFLAG) {
				d = find_exact(sp, nm, n);
				if (!d && n == 1)
					d = find_short(sp, nm[0]);
			} else if (style == ARGV_STYLE_GITMAIN ||
				   style == ARGV_STYLE_EXACT ||
				   style == ARGV_STYLE_PFLAG) {
				d = find_exact(sp, nm, n);
			} else {
				d = find_long(sp, style, nm, n, &neg, &amb);
			}
			if (!d) {
				/* git answers --help for every command. */
				if (style == ARGV_STYLE_GIT &&
				    (!strcmp(nm, "help") ||
				     !strcmp(nm, "help-all")))
					r->c->flags |= ARGV_HELP;
				if (amb)
					r->c->flags |= ARGV_FAILS;
				if ((error = use_push(r, arena_strndup(a, nm,
								       n),
						      val, false, global,
						      false)) < 0)
					return error;
				continue;
			}
			if (d->arity == AR_REQ && !val) {
				if (i >= r->n) {
					r->c->flags |= ARGV_FAILS;
				} else {
					val = r->norm[i++];
				}
			} else if (d->arity == AR_NONE && val) {
				/* --flag=false: pflag, nopt and Go read it;
				 * git and getopt refuse a value. */
				if (style == ARGV_STYLE_PFLAG ||
				    style == ARGV_STYLE_GOFLAG ||
				    style == ARGV_STYLE_NOPT) {
					neg = neg != false_word(val);
					val = NULL;
				} else {
					r->c->flags |= ARGV_FAILS;
					continue;
				}
			}
			if ((error = use_push(r, def_name(a, d), val, neg,
					      global, true)) < 0)
				return error;
			r->c->opts[r->c->nopts - 1].dry = d->role == ROLE_DRY;
			if (d->role == ROLE_HELP && !neg)
				r->c->flags |= ARGV_HELP;
			continue;
		}
		/* A cluster of short options: -rf, -C dir, -Cdir, -n=x. */
		if (style == ARGV_STYLE_GITMAIN && w[2]) {
			/* git's own options are whole words (-C x, -c k=v):
			 * "unknown option: -C/x", nothing runs. */
			r->c->flags |= ARGV_FAILS;
			if ((error = use_push(r, w, NULL, false, global,
					      false)) < 0)
				return error;
			i = r->n;
			break;
		}
		for (const char *k = w + 1; *k; k++) {
			d = find_short(sp, *k);
			if (!d) {
				/* parse-options and cobra answer an unknown
				 * -h with the usage. */
				if (*k == 'h' && (style == ARGV_STYLE_GIT ||
						  style == ARGV_STYLE_PFLAG))
					r->c->flags |= ARGV_HELP;
				if ((error = use_push(r, arena_strndup(a, k - 1,
								       2),
						      NULL, false, global,
						      false)) < 0)
					return error;
				continue;
			}
			val = NULL;
			if (d->arity != AR_NONE) {
				if (k[1]) {
					val = k + 1;
					if (style == ARGV_STYLE_PFLAG &&
					    *val == '=')
						val++;
				} else if (d->arity == AR_REQ) {
					if (i < r->n)
						val = r->norm[i++];
					else
						r->c->flags |= ARGV_FAILS;
				}
			}
			if ((error = use_push(r, def_name(a, d), val, false,
					      global, true)) < 0)
				return error;
			r->c->opts[r->c->nopts - 1].dry = d->role == ROLE_DRY;
			if (d->role == ROLE_HELP)
				r->c->flags |= ARGV_HELP;
			if (d->arity != AR_NONE)
				break;
		}
	}
	*out = i;
	return 0;
}

/* ---- the environment and config the program reads ---- */

static const char *env_get(const struct subject *s, const char *name)
{
	size_t i, n = strlen(name);

	for (i = s->env.n; i-- > 0;)
		if (!strncmp(s->env.v[i], name, n) && s->env.v[i][n] == '=')
			return s->env.v[i] + n + 1;
	return NULL;
}

/* Splits `text` into words the way a simple command line is split
 * (blanks; '...' and "..." quote), as git splits an alias and terraform
 * TF_CLI_ARGS. */
static int split_words(struct strlist *out, struct arena *a, const char *t)
{
	size_t n = strlen(t);
	char *buf = arena_alloc(a, n + 1);
	size_t k;

	if (!buf)
		return CV_ENOMEM;
	while (*t) {
		char q = 0;

		while (*t == ' ' || *t == '\t' || *t == '\n')
			t++;
		if (!*t)
			break;
		k = 0;
		while (*t && (q || (*t != ' ' && *t != '\t' && *t != '\n'))) {
			if (!q && (*t == '\'' || *t == '"'))
				q = *t;
			else if (q && *t == q)
				q = 0;
			else if (*t == '\\' && q != '\'' && t[1])
				buf[k++] = *++t;
			else
				buf[k++] = *t;
			t++;
		}
		buf[k] = '\0';
		if (strlist_push(out, a, arena_strdup(a, buf)) < 0)
			return CV_ENOMEM;
	}
	return 0;
}

/* Inserts `extra` before word `at`. */
static int words_insert(struct rd *r, size_t at, const struct strlist *extra)
{
	size_t n = r->n + extra->n;
	const char **raw, **norm;

	if (!extra->n)
		return 0;
	raw = arena_calloc(r->a, n + 1, sizeof(*raw));
	norm = arena_calloc(r->a, n + 1, sizeof(*norm));
	if (!raw || !norm)
		return CV_ENOMEM;
	memcpy(raw, r->raw, at * sizeof(*raw));
	memcpy(norm, r->norm, at * sizeof(*norm));
	memcpy(raw + at, extra->v, extra->n * sizeof(*raw));
	memcpy(norm + at, extra->v, extra->n * sizeof(*norm));
	memcpy(raw + at + extra->n, r->raw + at, (r->n - at) * sizeof(*raw));
	memcpy(norm + at + extra->n, r->norm + at,
	       (r->n - at) * sizeof(*norm));
	r->raw = raw;
	r->norm = norm;
	r->n = n;
	return 0;
}

/* git's configuration from the command line and the environment, in the
 * order git reads it (a later entry wins): GIT_CONFIG_PARAMETERS,
 * GIT_CONFIG_COUNT with GIT_CONFIG_KEY_<n>/VALUE_<n>, then -c and
 * --config-env.  Entries are "key=value", the key as written. */
static int git_config(struct strlist *out, struct rd *r)
{
	const struct subject *s = r->s;
	const char *p = env_get(s, "GIT_CONFIG_PARAMETERS"), *cnt;
	size_t i;
	int error;

	if (p && (error = split_words(out, r->a, p)) < 0)
		return error;
	if ((cnt = env_get(s, "GIT_CONFIG_COUNT"))) {
		unsigned long n = 0;

		for (; *cnt >= '0' && *cnt <= '9' && n < 1000; cnt++)
			n = n * 10 + (unsigned long)(*cnt - '0');
		for (i = 0; i < n; i++) {
			char kn[40], vn[40];
			const char *k, *v;
			char *e;

			snprintf(kn, sizeof(kn), "GIT_CONFIG_KEY_%zu", i);
			snprintf(vn, sizeof(vn), "GIT_CONFIG_VALUE_%zu", i);
			if (!(k = env_get(s, kn)))
				continue;
			v = env_get(s, vn);
			if (!v)
				v = "";
			if (!(e = arena_alloc(r->a, strlen(k) +
					      strlen(v) + 2)))
				return CV_ENOMEM;
			strcpy(e, k);
			strcat(e, "=");
			strcat(e, v);
			if (strlist_push(out, r->a, e) < 0)
				return CV_ENOMEM;
		}
	}
	for (i = 0; i < r->c->nopts; i++) {
		const struct argv_use *u = &r->c->opts[i];

		if (!u->global || !u->value)
			continue;
		if (!strcmp(u->name, "-c")) {
			if (strlist_push(out, r->a, u->value) < 0)
				return CV_ENOMEM;
		} else if (!strcmp(u->name, "config-env")) {
			/* --config-env=KEY=ENVVAR: the value is $ENVVAR. */
			const char *eq = strrchr(u->value, '=');
			const char *v = eq ? env_get(s, eq + 1) : NULL;
			char *e;

			if (!eq || !v)
				continue;
			if (!(e = arena_alloc(r->a, strlen(u->value) +
					      strlen(v) + 2)))
				return CV_ENOMEM;
			memcpy(e, u->value, (size_t)(eq - u->value) + 1);
			strcpy(e + (eq - u->value) + 1, v);
			if (strlist_push(out, r->a, e) < 0)
				return CV_ENOMEM;
		}
	}
	return 0;
}

/* ASCII case-insensitive compare of n bytes (config keys). */
static bool key_eq(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

/* The last value of config key `key` ("section.name"), or NULL.  A key
 * with no "=" is boolean true.  `key` may end in "*" for a middle part
 * ("remote.*.mirror"). */
static const char *config_get(const struct strlist *cfg, const char *key)
{
	size_t i, n = strlen(key);
	const char *star = strchr(key, '*');

	for (i = cfg->n; i-- > 0;) {
		const char *e = cfg->v[i], *eq = strchr(e, '=');
		size_t en = eq ? (size_t)(eq - e) : strlen(e);

		if (star) {
			size_t pre = (size_t)(star - key), post = n - pre - 1;

			if (en < pre + post + 1 || !key_eq(e, key, pre) ||
			    !key_eq(e + en - post, star + 1, post))
				continue;
		} else if (en != n || !key_eq(e, key, n)) {
			continue;
		}
		return eq ? eq + 1 : "true";
	}
	return NULL;
}

static bool git_command(const char *sub)
{
	size_t n = strlen(sub);
	const char *p = argv_git_commands;

	if (!n || strchr(sub, ' '))
		return false;
	while ((p = strstr(p, sub))) {
		if (p[-1] == ' ' && p[n] == ' ')
			return true;
		p += n;
	}
	return false;
}

/* alias.NAME, followed until a git command: the words replace word `at`. */
static int git_alias(struct rd *r, const struct strlist *cfg, size_t at)
{
	size_t depth;
	int error;

	if (!cfg->n)
		return 0;	/* no configuration: no alias */
	for (depth = 0; depth < CV_MAX_ARGV_ALIASES; depth++) {
		const char *sub = r->raw[at], *v;
		struct strlist words = { 0 };
		char *key;

		if (git_command(sub) || grammar_find("git", sub))
			return 0;
		if (!(key = arena_alloc(r->a, strlen(sub) + 7)))
			return CV_ENOMEM;
		strcpy(key, "alias.");
		strcat(key, sub);
		if (!(v = config_get(cfg, key)))
			return 0;
		/* "!cmd" runs a shell command: another mechanism's (exec
		 * sinks); the subcommand is left as written. */
		if (*v == '!')
			return 0;
		if ((error = split_words(&words, r->a, v)) < 0)
			return error;
		if (!words.n)
			return 0;
		/* Replace word `at` with the alias's words. */
		r->raw[at] = words.v[0];
		r->norm[at] = words.v[0];
		words.v++;
		words.n--;
		if ((error = words_insert(r, at + 1, &words)) < 0)
			return error;
		r->c->flags |= ARGV_ALIAS;
	}
	r->c->flags |= ARGV_FAILS;	/* git: alias loop */
	return 0;
}

/* What git's environment and configuration add to the command line. */
static int git_implied(struct rd *r, const struct strlist *cfg)
{
	struct argv_canon *c = r->c;
	const char *v;
	size_t i;
	bool dir = false, tree = false;
	int error;

	for (i = 0; i < c->nopts; i++) {
		dir |= c->opts[i].global && !strcmp(c->opts[i].name, "git-dir");
		tree |= c->opts[i].global &&
			!strcmp(c->opts[i].name, "work-tree");
	}
	if (!dir && (v = env_get(r->s, "GIT_DIR")) &&
	    (error = use_push(r, "git-dir", v, false, true, true)) < 0)
		return error;
	if (!tree && (v = env_get(r->s, "GIT_WORK_TREE")) &&
	    (error = use_push(r, "work-tree", v, false, true, true)) < 0)
		return error;
	if (!c->sub)
		return 0;
	/* clean.requireForce=false: `git clean` deletes without -f. */
	if (!strcmp(c->sub, "clean") &&
	    false_word(config_get(cfg, "clean.requireForce")) &&
	    (error = use_push(r, "force", NULL, false, false, true)) < 0)
		return error;
	/* remote.<name>.mirror: `git push` to it mirrors. */
	if (!strcmp(c->sub, "push") &&
	    (v = config_get(cfg, "remote.*.mirror")) && !false_word(v) &&
	    (error = use_push(r, "mirror", NULL, false, false, true)) < 0)
		return error;
	return 0;
}

/* TF_CLI_ARGS and TF_CLI_ARGS_<cmd>: words terraform inserts after the
 * subcommand, the command's own first. */
static int tf_implied(struct rd *r, size_t at, const char *sub)
{
	struct strlist extra = { 0 };
	char name[96];
	const char *v;
	size_t k;
	int error;

	if (strlen(sub) > 64)
		return 0;
	snprintf(name, sizeof(name), "TF_CLI_ARGS_%s", sub);
	for (k = 12; name[k]; k++)
		if (name[k] == '-' || name[k] == ' ')
			name[k] = '_';
	if ((v = env_get(r->s, name)) &&
	    (error = split_words(&extra, r->a, v)) < 0)
		return error;
	if ((v = env_get(r->s, "TF_CLI_ARGS")) &&
	    (error = split_words(&extra, r->a, v)) < 0)
		return error;
	return words_insert(r, at, &extra);
}

/* ---- the roles, and the line ---- */

/* A dry run when the last use of a dry-run option sets it. */
static void set_roles(struct argv_canon *c)
{
	size_t i;

	for (i = 0; i < c->nopts; i++) {
		const struct argv_use *u = &c->opts[i];

		if (u->dry && argv_last(c, u->name) == u && !u->neg &&
		    !false_word(u->value))
			c->flags |= ARGV_DRYRUN;
	}
}

struct linebuf {
	char *p;
	size_t n, cap;
};

static int line_put(struct linebuf *b, struct arena *a, const char *s,
		    bool word)
{
	size_t n = strlen(s), k;

	if (b->n + n + 2 > b->cap) {
		size_t cap = (b->n + n + 2) * 2;
		char *p = arena_alloc(a, cap);

		if (!p)
			return CV_ENOMEM;
		if (b->n)
			memcpy(p, b->p, b->n);
		b->p = p;
		b->cap = cap;
	}
	if (b->n)
		b->p[b->n++] = ' ';
	for (k = 0; k < n; k++) {
		char ch = s[k];

		if (word && (ch == ' ' || ch == '\t' || ch == '\n'))
			ch = '\x1f';
		b->p[b->n++] = ch;
	}
	b->p[b->n] = '\0';
	return 0;
}

static const char *use_text(struct arena *a, const struct argv_use *u)
{
	size_t n = strlen(u->name) + (u->value ? strlen(u->value) + 1 : 0) +
		   6;
	char *s = arena_alloc(a, n);

	if (!s)
		return NULL;
	if (u->name[0] == '-') {
		strcpy(s, u->name);
	} else {
		strcpy(s, u->neg ? "--no-" : "--");
		strcat(s, u->name);
	}
	if (u->value) {
		strcat(s, "=");
		strcat(s, u->value);
	}
	return s;
}

static int build_line(struct argv_canon *c, struct arena *a)
{
	struct linebuf b = { 0 };
	size_t i;
	int pass, error;

	if ((error = line_put(&b, a, c->program, true)) < 0)
		return error;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < c->nopts; i++) {
			const char *t;

			if (c->opts[i].global != (pass == 0))
				continue;
			if (!(t = use_text(a, &c->opts[i])))
				return CV_ENOMEM;
			if ((error = line_put(&b, a, t, true)) < 0)
				return error;
		}
		if (pass == 0 && c->sub &&
		    (error = line_put(&b, a, c->sub, true)) < 0)
			return error;
		if (pass == 0 && c->sub2 &&
		    (error = line_put(&b, a, c->sub2, true)) < 0)
			return error;
	}
	if (c->noperands && (error = line_put(&b, a, "--", false)) < 0)
		return error;
	for (i = 0; i < c->noperands; i++)
		if ((error = line_put(&b, a, c->operands[i], true)) < 0)
			return error;
	c->line = b.p;
	return 0;
}

/* ---- the whole command ---- */

static int canonicalise(struct rd *r, const struct argv_grammar *g)
{
	struct argv_canon *c = r->c;
	struct spec *top, *sub = NULL;
	const struct argv_grammar *gs;
	struct strlist cfg = { 0 };
	bool git = !strcmp(g->prog, "git");
	bool posix = g->style == ARGV_STYLE_GNU &&
		     r->s && env_get(r->s, "POSIXLY_CORRECT");
	size_t i = 0;
	int error;

	if (!(top = arena_calloc(r->a, 1, sizeof(*top))) ||
	    !(sub = arena_calloc(r->a, 1, sizeof(*sub))))
		return CV_ENOMEM;
	/* The program's own options are read only when there are some
	 * (most commands start with their subcommand), or inherited. */
	top->g = g;
	if ((!(g->flags & ARGV_G_SUB) || (g->flags & ARGV_G_INHERIT) ||
	     (r->n && r->raw[0][0] == '-')) &&
	    (error = spec_read(top, r->a, g)) < 0)
		return error;
	c->spec = top;
	if (!(g->flags & ARGV_G_SUB)) {
		c->grammar = true;
		if ((error = read_opts(&i, r, top, 0, posix, false)) < 0)
			return error;
		for (; i < r->n; i++)
			if ((error = operand_push(r, r->norm[i])) < 0)
				return error;
		set_roles(c);
		return 0;
	}
	if ((error = read_opts(&i, r, top, 0, true, true)) < 0)
		return error;
	if (git && (error = git_config(&cfg, r)) < 0)
		return error;
	if (i < r->n && !(c->flags & ARGV_HELP)) {
		if (git && (error = git_alias(r, &cfg, i)) < 0)
			return error;
		c->sub = r->raw[i++];
		if (!strcmp(g->prog, "terraform") &&
		    (error = tf_implied(r, i, c->sub)) < 0)
			return error;
		if (git && !strcmp(c->sub, "help"))
			c->flags |= ARGV_HELP;
	}
	gs = c->sub ? grammar_find(g->prog, c->sub) : NULL;
	if (gs && (gs->flags & ARGV_G_SUBSUB) && i < r->n &&
	    r->raw[i][0] != '-') {
		const struct argv_grammar *g2 =
			grammar_find2(r->a, g->prog, c->sub, r->raw[i]);

		if (g2) {
			c->sub2 = r->raw[i++];
			gs = g2;
		}
	}
	if (gs) {
		if ((error = spec_read(sub, r->a, gs)) < 0)
			return error;
		if (g->flags & ARGV_G_INHERIT)
			sub->inherit = top;
		c->spec = sub;
		c->grammar = true;
		if ((error = read_opts(&i, r, sub, i,
				       gs->style == ARGV_STYLE_GOFLAG,
				       false)) < 0)
			return error;
		for (; i < r->n; i++)
			if ((error = operand_push(r, r->norm[i])) < 0)
				return error;
		set_roles(c);
	} else if (c->sub) {
		/* No grammar: words kept as they are; `CMD --help` right
		 * after the subcommand is still the program's help. */
		if (i < r->n && (!strcmp(r->raw[i], "--help") ||
				 !strcmp(r->raw[i], "-h") ||
				 (g->style == ARGV_STYLE_GOFLAG &&
				  !strcmp(r->raw[i], "-help"))))
			c->flags |= ARGV_HELP;
		for (; i < r->n; i++) {
			const char *w = r->raw[i];

			if (w[0] == '-' && w[1] && strcmp(w, "--"))
				error = use_push(r, w + 1 + (w[1] == '-'),
						 NULL, false, false, false);
			else
				error = operand_push(r, r->norm[i]);
			if (error < 0)
				return error;
		}
	}
	/* terraform's CLI answers -h, -help and --help anywhere. */
	if (!strcmp(g->prog, "terraform"))
		for (i = 0; i < r->n && strcmp(r->raw[i], "--"); i++)
			if (!strcmp(r->raw[i], "-h") ||
			    !strcmp(r->raw[i], "-help") ||
			    !strcmp(r->raw[i], "--help"))
				c->flags |= ARGV_HELP;
	if (git && (error = git_implied(r, &cfg)) < 0)
		return error;
	return 0;
}

int argv_canonical(const struct argv_canon **out, struct arena *a,
		   struct subject *s)
{
	const struct argv_grammar *g;
	struct argv_canon *c;
	struct rd r;
	int error;

	*out = NULL;
	if (s->canon_done) {
		*out = s->canon;
		return 0;
	}
	s->canon_done = true;
	if (s->kind != SUBJECT_COMMAND || s->program_dynamic || !s->program ||
	    !(g = grammar_find(canon_prog(s->program), NULL)))
		return 0;
	if (!(c = arena_calloc(a, 1, sizeof(*c))))
		return CV_ENOMEM;
	memset(&r, 0, sizeof(r));
	r.a = a;
	r.c = c;
	r.s = s;
	r.n = s->raw_args.n;
	r.raw = arena_calloc(a, r.n + 1, sizeof(*r.raw));
	r.norm = arena_calloc(a, r.n + 1, sizeof(*r.norm));
	if (!r.raw || !r.norm)
		return CV_ENOMEM;
	if (r.n) {
		memcpy(r.raw, s->raw_args.v, r.n * sizeof(*r.raw));
		memcpy(r.norm, s->args.v, r.n * sizeof(*r.norm));
	}
	c->program = s->program;
	c->arena = a;
	if ((error = canonicalise(&r, g)) < 0)
		return error;
	/* Without a grammar for what runs, the words keep their order. */
	if (c->grammar)
		error = build_line(c, a);
	else
		c->line = s->line;
	if (error < 0)
		return error;
	s->canon = c;
	*out = c;
	return 0;
}

const char *argv_short_name(const struct argv_canon *c, char letter)
{
	const struct optdef *d;

	if (!c || !c->spec)
		return NULL;
	d = find_short(c->spec, letter);
	if (!d || !d->name)
		return NULL;	/* a short-only option: "-X" is its name */
	return arena_strndup(c->arena, d->name, d->nlen);
}

const struct argv_use *argv_last(const struct argv_canon *c,
				 const char *name)
{
	size_t i;
	bool subs = c->sub != NULL;

	for (i = c->nopts; i-- > 0;)
		if ((!subs || !c->opts[i].global) &&
		    !strcmp(c->opts[i].name, name))
			return &c->opts[i];
	return NULL;
}
