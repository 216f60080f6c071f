/* shell_lex.c - bash tokens: words with their quoting, and operators.
 * Security invariant: no input text is dropped.  What the lexer cannot
 * read completely (an unbalanced quote, an unterminated $( ) is closed at
 * the end of the input and reported through parse_incomplete, never
 * skipped.  Substitutions found inside a word are parsed right away as
 * nested shell text, so their commands become subjects before the command
 * that uses them.  Every scan is iterative; only nesting recurses, through
 * shp_parse_sub(), which enforces CV_MAX_SHELL_DEPTH. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell/shell_int.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/diag.h"
#include "util/text.h"

#define PH_CMD "$(" SH_ELLIPSIS ")"
#define PH_TICK "`" SH_ELLIPSIS "`"
#define PH_ARITH "$((" SH_ELLIPSIS "))"

void shl_incomplete(struct sh_src *p, const char *why)
{
	if (!p->g->out->parse_incomplete) {
		p->g->out->parse_incomplete = true;
		p->g->out->parse_problem = why;
	}
}

int shl_budget(struct sh_src *p, size_t n)
{
	struct sh_ctx *g = p->g;

	if (n > CV_MAX_SHELL_BYTES - g->made) {
		g->made = CV_MAX_SHELL_BYTES;
		return diag_set(g->d, CV_ETOOBIG, "the command expands to more "
				"than %u MiB of text (CV_MAX_SHELL_BYTES): too "
				"large to judge",
				(unsigned)(CV_MAX_SHELL_BYTES >> 20));
	}
	g->made += n;
	return 0;
}

/* Every byte the shell model writes goes through here or str_putc(), so
 * shl_budget() sees all of it: self-referencing assignments (A=$B$B;
 * B=$A$A; ...) double a value per step and would otherwise reach
 * gigabytes from a few hundred bytes of command. */
int shl_str_put(struct sh_src *p, struct sh_str *b, const char *s, size_t n)
{
	char *v;
	int error;

	if ((error = shl_budget(p, n)) < 0)
		return error;
	if (n > b->cap - b->n || !b->v) {
		v = arena_grow(p->g->a, b->v, &b->cap, 1, b->n + n + 1);
		if (!v)
			return diag_nomem(p->g->d);
		b->v = v;
	}
	memcpy(b->v + b->n, s, n);
	b->n += n;
	return 0;
}

static int str_putc(struct sh_src *p, struct sh_str *b, char c)
{
	if (b->v && b->n + 1 < b->cap && p->g->made < CV_MAX_SHELL_BYTES) {
		b->v[b->n++] = c;
		p->g->made++;
		return 0;
	}
	return shl_str_put(p, b, &c, 1);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Characters that end an unquoted word. */
static bool is_meta(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' ||
	       c == '&' || c == '|' || c == '(' || c == ')' || c == '<' ||
	       c == '>';
}

static bool is_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

/* The innermost scope's slot for `name` (its value may be NULL:
 * assigned, not known), or NULL when the text never assigned it. */
static const char *const *var_slot(const struct sh_src *p, const char *name,
				   size_t n)
{
	const struct sh_vars *v = p->vars;
	size_t i;

	for (; v; v = v->up)
		for (i = v->n; i-- > 0;)
			if (strlen(v->name[i]) == n &&
			    !memcmp(v->name[i], name, n))
				return (const char *const *)&v->val[i];
	return NULL;
}

/* Does an assigned value hold a variable kept as spelt because it was
 * unknown ("$FOO/bin")?  $HOME and $PWD are spelt for paths' sake and
 * known places, not unknowns. */
static bool spelt_unknown(const char *v)
{
	for (; (v = strchr(v, '$')); v++) {
		const char *n = v + 1 + (v[1] == '{');
		size_t k = 0;

		while (is_name_char(n[k]))
			k++;
		if (!k || !is_name_start(n[0]) ||
		    (k == 4 && !strncmp(n, "HOME", 4)) ||
		    (k == 3 && !strncmp(n, "PWD", 3)))
			continue;
		return true;
	}
	return false;
}

static const char *var_get(const struct sh_src *p, const char *name,
			   size_t n)
{
	const char *const *slot;

	/* A table that overflowed lost a name: nothing is known. */
	if (p->g->vars_full)
		return NULL;
	slot = var_slot(p, name, n);
	return slot ? *slot : NULL;
}

bool shl_var_assigned(const struct sh_src *p, const char *name, size_t n)
{
	return p->g->vars_full || var_slot(p, name, n);
}

const char *shl_var_get(const struct sh_src *p, const char *name, size_t n)
{
	const char *v = var_get(p, name, n);

	if (v || p->g->vars_full)
		return v;
	/* A name assigned as unknown (NULL) shadows the environment too. */
	if (n == 4 && !memcmp(name, "HOME", 4)) {
		const char *h = p->g->env->tilde ? p->g->env->tilde
						 : p->g->env->home;

		return h && h[0] == '/' ? h : NULL;
	}
	if (n == 3 && !memcmp(name, "PWD", 3) && p->g->env->cwd &&
	    p->g->env->cwd[0] == '/')
		return p->g->env->cwd;
	return NULL;
}

static bool has_var(const struct sh_vars *v, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (strlen(v->name[i]) == n && !memcmp(v->name[i], name, n))
			return true;
	return false;
}

static int var_put(struct sh_src *p, struct sh_vars *v, const char *name,
		   size_t nlen, const char *val);

int shl_var_set(struct sh_src *p, const char *name, size_t nlen,
		const char *val)
{
	struct sh_vars *v = p->vars;

	/* In a function, a name that is not its own (local, $1..) is the
	 * caller's: the scopes up to the first that is no function's. */
	if (nlen && is_name_start(name[0]))
		while (v->fn && v->up && !has_var(v, name, nlen))
			v = (struct sh_vars *)v->up;
	return var_put(p, v, name, nlen, val);
}

int shl_var_local(struct sh_src *p, const char *name, size_t nlen,
		  const char *val)
{
	return var_put(p, p->vars, name, nlen, val);
}

static int var_put(struct sh_src *p, struct sh_vars *v, const char *name,
		   size_t nlen, const char *val)
{
	struct arena *a = p->g->a;
	const char **nn, **nv;
	size_t i, cap;

	for (i = 0; i < v->n; i++)
		if (strlen(v->name[i]) == nlen &&
		    !memcmp(v->name[i], name, nlen)) {
			v->val[i] = val;
			return 0;
		}
	if (v->n >= CV_MAX_SHELL_VARS) {
		/* Full: the name is unknown from here on, never its old
		 * value (an outer scope's, or the environment's). */
		p->g->vars_full = true;
		return 0;
	}
	cap = v->cap;
	nn = arena_grow(a, v->name, &cap, sizeof(*nn), v->n + 1);
	if (!nn)
		return diag_nomem(p->g->d);
	cap = v->cap;
	nv = arena_grow(a, v->val, &cap, sizeof(*nv), v->n + 1);
	if (!nv)
		return diag_nomem(p->g->d);
	v->cap = cap;
	v->name = nn;
	v->val = nv;
	if (!(v->name[v->n] = arena_strndup(a, name, nlen)))
		return diag_nomem(p->g->d);
	v->val[v->n++] = val;
	return 0;
}

int shl_set_positional(struct sh_src *p, const char *const *v, size_t n)
{
	struct sh_str all = { NULL, 0, 0 };
	char name[24], num[24];
	size_t i;
	bool unknown = false;
	int error, k;

	for (i = 0; i < n && i < 100; i++) {
		k = snprintf(name, sizeof(name), "%zu", i);
		if ((error = shl_var_set(p, name, (size_t)k, v[i])) < 0)
			return error;
		if (i == 0)
			continue;
		if (!v[i]) {
			unknown = true;
			continue;
		}
		if ((all.n && (error = shl_str_put(p, &all, SH_ARGSEP,
						    1)) < 0) ||
		    (error = shl_str_put(p, &all, v[i], strlen(v[i]))) < 0)
			return error;
	}
	k = snprintf(num, sizeof(num), "%zu", n ? n - 1 : 0);
	{
		const char *j = arena_strndup(p->g->a, all.v ? all.v : "",
					      all.n);
		const char *c = arena_strndup(p->g->a, num, (size_t)k);

		if (!j || !c)
			return diag_nomem(p->g->d);
		if (unknown)
			j = NULL;
		char *star = j ? arena_strndup(p->g->a, j, strlen(j)) : NULL;
		size_t q;

		for (q = 0; star && star[q]; q++)
			if (star[q] == SH_ARGSEP[0])
				star[q] = ' ';
		if ((error = shl_var_set(p, "@", 1, j)) < 0 ||
		    (error = shl_var_set(p, "*", 1, star)) < 0 ||
		    (error = shl_var_set(p, "#", 1, c)) < 0)
			return error;
	}
	return 0;
}

void shl_skip_blanks(struct sh_src *p)
{
	while (p->pos < p->n) {
		char c = p->s[p->pos];

		if (is_blank(c))
			p->pos++;
		else if (c == '\\' && p->pos + 1 < p->n &&
			 p->s[p->pos + 1] == '\n')
			p->pos += 2;
		else
			break;
	}
}

/* Finds the end of a $( ), ${ } or ( ) opened just before `i`: returns
 * the offset of the closing character, or p->n when it is missing.  An
 * explicit stack of open contexts keeps this linear and recursion-free. */
static size_t scan_close(struct sh_src *p, size_t i, char open, bool *ok)
{
	const char *s = p->s;
	size_t n = p->n, depth = 0, cap = 64;
	char small[64], *st = small, *big;

	st[depth++] = open;
	while (i < n) {
		char top = st[depth - 1], c = s[i];

		if (c == '\\' && top != '\'') {
			i += 2;
			continue;
		}
		if (top == '"') {
			if (c == '"') {
				depth--;
				i++;
			} else if (c == '$' && i + 1 < n &&
				   (s[i + 1] == '(' || s[i + 1] == '{')) {
				c = s[i + 1];
				i += 2;
				goto push;
			} else if (c == '`') {
				i++;
				goto push;
			} else {
				i++;
			}
			if (depth == 0)
				break;
			continue;
		}
		if (top == '`') {
			if (c == '`')
				depth--;
			i++;
			if (depth == 0)
				break;
			continue;
		}
		/* ( or { context */
		if (c == '\'') {
			const char *q = memchr(s + i + 1, '\'', n - i - 1);

			i = q ? (size_t)(q - s) + 1 : n;
			continue;
		}
		if (c == '#' && top == '(' && i > 0 &&
		    (is_blank(s[i - 1]) || s[i - 1] == '\n' ||
		     s[i - 1] == ';' || s[i - 1] == '(')) {
			const char *q = memchr(s + i, '\n', n - i);

			i = q ? (size_t)(q - s) : n;
			continue;
		}
		if ((c == ')' && top == '(') || (c == '}' && top == '{')) {
			if (--depth == 0)
				break;
			i++;
			continue;
		}
		if (c == '$' && i + 1 < n && (s[i + 1] == '(' ||
					      s[i + 1] == '{')) {
			c = s[i + 1];
			i += 2;
			goto push;
		}
		if (c == '"' || c == '`' || (c == '(' && top == '(')) {
			i++;
			goto push;
		}
		i++;
		continue;
push:
		if (depth == cap) {
			size_t ncap = cap;

			big = arena_grow(p->g->a, st == small ? NULL : st,
					 &ncap, 1, cap + 1);
			if (!big) {
				*ok = false;
				return n;
			}
			if (st == small)
				memcpy(big, small, cap);
			st = big;
			cap = ncap;
		}
		st[depth++] = c == '{' ? '{' : c;
	}
	*ok = true;
	return i < n ? i : n;
}

/* Records the programs of subjects [from, out->n) into the word. */
static int collect_into(struct sh_src *p, size_t from, struct sh_word *w)
{
	return shp_collect(p, from, &w->progs);
}

/* Parses s[a, b) as a nested command list (a substitution). */
static int sub_parse(struct sh_src *p, const char *text, size_t len,
		     struct sh_word *w)
{
	size_t from = p->g->out->n, i;
	int error;

	w->flags |= SW_DYN | SW_SUBST;
	p->g->sub_out = NULL;
	p->g->sub_unknown = false;
	if (len == strlen(SH_ELLIPSIS) && !memcmp(text, SH_ELLIPSIS, len))
		return 0;	/* our own placeholder, parsed once already */
	if ((error = shp_parse_sub(p, text, len, p->via, p->in_from)) < 0)
		return error;
	/* Output that only echo, printf, cd, pwd, dirname, basename, a
	 * lookup (which, command -v) or a decoder we ran (base64 -d, xxd -r,
	 * rev, tr) made is a plain value: the command it spells is judged
	 * by what it does, under its own rule.  Output we could not
	 * compute stays "computed". */
	p->g->sub_pure = true;
	for (i = from; i < p->g->out->n; i++) {
		const struct subject *x = p->g->out->v[i];
		static const char *const pure[] = { "echo", "printf", "cd",
			"pwd", "dirname", "basename", "which", "command",
			"type", "base64", "basenc", "b64decode", "openssl",
			"xxd", "rev", "tr", "cat", "tee", NULL };
		size_t k;

		for (k = 0; pure[k] && (x->program_dynamic ||
				       strcmp(x->program, pure[k])); k++)
			;
		if (!pure[k])
			p->g->sub_pure = false;
	}
	return collect_into(p, from, w);
}

/* $( ... ) at p->pos pointing after "$(" (or "<(" / ">("). */
static int lex_cmdsubst(struct sh_src *p, struct sh_word *w)
{
	size_t start = p->pos, end;
	bool ok;
	int error;

	end = scan_close(p, start, '(', &ok);
	if (!ok)
		return diag_nomem(p->g->d);
	if (end >= p->n)
		shl_incomplete(p, "unterminated command substitution");
	p->pos = end < p->n ? end + 1 : p->n;
	if ((error = sub_parse(p, p->s + start, end - start, w)) < 0)
		return error;
	return 0;
}

/* `...`: inside, a backslash quotes only $ ` \ (and " within "..."). */
static int lex_backtick(struct sh_src *p, struct sh_word *w, bool in_dq,
			struct sh_str *out)
{
	struct sh_str inner = { NULL, 0, 0 };
	const char *s = p->s;
	size_t i = p->pos, nph = p->g->nph;
	unsigned dyn = w->flags & SW_DYN;
	int error;

	for (;;) {
		if (i >= p->n) {
			shl_incomplete(p, "unterminated backquote");
			break;
		}
		if (s[i] == '`') {
			i++;
			break;
		}
		if (s[i] == '\\' && i + 1 < p->n &&
		    (s[i + 1] == '$' || s[i + 1] == '`' || s[i + 1] == '\\' ||
		     (in_dq && s[i + 1] == '"'))) {
			i++;
		}
		if ((error = str_putc(p, &inner, s[i])) < 0)
			return error;
		i++;
	}
	p->pos = i;
	if ((error = sub_parse(p, inner.v ? inner.v : "", inner.n, w)) < 0)
		return error;
	if (p->g->sub_out) {
		const char *o = p->g->sub_out;
		size_t on = strlen(o);

		while (on && o[on - 1] == '\n')
			on--;
		if (p->g->sub_pure)
			w->flags = (w->flags & ~SW_DYN) | dyn;
		/* The inner command's unknowns are resolved in its output. */
		p->g->nph = nph;
		return shl_str_put(p, out, o, on);
	}
	p->g->nph++;
	return shl_str_put(p, out, PH_TICK, strlen(PH_TICK));
}

/* $(( ... )): arithmetic is skipped, but substitutions inside it run. */
static int lex_arith_word(struct sh_src *p, struct sh_word *w,
			  struct sh_str *out)
{
	const char *s = p->s;
	size_t i = p->pos, depth = 2;
	int error;

	while (i < p->n && depth > 0) {
		if (s[i] == '`') {
			struct sh_str tmp = { NULL, 0, 0 };

			p->pos = i + 1;
			if ((error = lex_backtick(p, w, false, &tmp)) < 0)
				return error;
			i = p->pos;
			continue;
		}
		if (s[i] == '$' && i + 1 < p->n && s[i + 1] == '(' &&
		    !(i + 2 < p->n && s[i + 2] == '(')) {
			p->pos = i + 2;
			if ((error = lex_cmdsubst(p, w)) < 0)
				return error;
			i = p->pos;
			continue;
		}
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')')
			depth--;
		i++;
	}
	if (depth > 0)
		shl_incomplete(p, "unterminated arithmetic expansion");
	p->pos = i;
	w->flags |= SW_DYN;
	p->g->nph++;
	return shl_str_put(p, out, PH_ARITH, strlen(PH_ARITH));
}

/* "((" starts an arithmetic command only when its parentheses close as
 * "))"; otherwise bash reads nested subshells, as in "((true); rm -rf ~)",
 * and so must we, or the commands inside would never be judged. */
bool shl_at_arith(const struct sh_src *p)
{
	const char *s = p->s;
	size_t i, depth = 2;
	char q = 0;

	if (!(p->pos + 1 < p->n && s[p->pos] == '(' && s[p->pos + 1] == '('))
		return false;
	for (i = p->pos + 2; i < p->n; i++) {
		if (q) {
			if (s[i] == q)
				q = 0;
			else if (s[i] == '\\' && q == '"')
				i++;
			continue;
		}
		if (s[i] == '\'' || s[i] == '"' || s[i] == '`') {
			q = s[i];
		} else if (s[i] == '\\') {
			i++;
		} else if (s[i] == '(') {
			/* Bounded, so "((((…" cannot make this quadratic;
			 * deeper nesting is refused by the parser anyway. */
			if (++depth > 2 * CV_MAX_SHELL_DEPTH)
				return false;
		} else if (s[i] == ')') {
			if (--depth == 1)
				return i + 1 < p->n && s[i + 1] == ')';
		}
	}
	return false;
}

/* (( ... )) as a command, or for (( ... )): skipped, substitutions run. */
int shl_skip_arith(struct sh_src *p)
{
	struct sh_word w;
	struct sh_str tmp = { NULL, 0, 0 };

	memset(&w, 0, sizeof(w));
	p->pos += 2;
	return lex_arith_word(p, &w, &tmp);
}

static int put_utf8(struct sh_src *p, struct sh_str *out, unsigned long cp)
{
	char b[4];

	return shl_str_put(p, out, b, text_put_utf8(b, cp));
}

/* $'...' with p->pos after the opening quote.  A decoded NUL ends the
 * string's contribution, as in bash. */
static int lex_ansi(struct sh_src *p, struct sh_str *out)
{
	const char *s = p->s;
	size_t i = p->pos, n = p->n, k;
	bool cut = false;
	unsigned long v;
	int error = 0, d;
	char c;

	for (;;) {
		if (i >= n) {
			shl_incomplete(p, "unterminated $' quote");
			break;
		}
		c = s[i++];
		if (c == '\'')
			break;
		if (c != '\\' || i >= n) {
			if (!cut)
				error = str_putc(p, out, c);
			if (error < 0)
				return error;
			continue;
		}
		c = s[i++];
		switch (c) {
		case 'a': v = 7; break;
		case 'b': v = 8; break;
		case 'e': case 'E': v = 27; break;
		case 'f': v = 12; break;
		case 'n': v = 10; break;
		case 'r': v = 13; break;
		case 't': v = 9; break;
		case 'v': v = 11; break;
		case 'c':
			v = i < n ? (unsigned long)(s[i++] & 0x1f) : '\\';
			break;
		case 'x':
			for (v = 0, k = 0; k < 2 && i < n &&
			     (d = text_hexval(s[i])) >= 0; k++, i++)
				v = v * 16 + (unsigned long)d;
			if (k == 0) {
				if (!cut && (error = shl_str_put(p, out,
							 "\\x", 2)) < 0)
					return error;
				continue;
			}
			break;
		case 'u': case 'U':
			for (v = 0, k = 0; k < (c == 'u' ? 4u : 8u) && i < n &&
			     (d = text_hexval(s[i])) >= 0; k++, i++)
				v = v * 16 + (unsigned long)d;
			if (!cut && k > 0) {
				if (v == 0)
					cut = true;
				else if ((error = put_utf8(p, out, v)) < 0)
					return error;
				continue;
			}
			if (k > 0)
				continue;
			v = (unsigned long)(unsigned char)c;
			if (!cut && (error = str_putc(p, out, '\\')) < 0)
				return error;
			break;
		default:
			if (c >= '0' && c <= '7') {
				v = (unsigned long)(c - '0');
				for (k = 1; k < 3 && i < n && s[i] >= '0' &&
				     s[i] <= '7'; k++, i++)
					v = v * 8 + (unsigned long)(s[i] - '0');
				v &= 0xff;
				break;
			}
			if (c == '\\' || c == '\'' || c == '"' || c == '?') {
				v = (unsigned long)(unsigned char)c;
				break;
			}
			/* Unknown escape: both characters stay. */
			if (!cut && (error = str_putc(p, out, '\\')) < 0)
				return error;
			v = (unsigned long)(unsigned char)c;
			break;
		}
		if (v == 0)
			cut = true;
		if (!cut && (error = str_putc(p, out, (char)v)) < 0)
			return error;
	}
	p->pos = i;
	return 0;
}

static int lex_word_in(struct sh_src *p, struct sh_word *w, bool whole);

/* The word inside ${v:-WORD} and friends, expanded as bash does (quotes
 * removed, variables and substitutions expanded), into *val.  Programs it
 * substitutes go to w. */
static int operand(struct sh_src *p, struct sh_word *w, const char *s,
		   size_t n, const char **val)
{
	struct sh_src sub = *p;
	struct sh_word ow;
	size_t i;
	int error;

	sub.s = s;
	sub.n = n;
	sub.pos = 0;
	memset(&sub.scratch, 0, sizeof(sub.scratch));
	memset(&sub.mscratch, 0, sizeof(sub.mscratch));
	if ((error = lex_word_in(&sub, &ow, true)) < 0)
		return error;
	w->flags |= ow.flags & (SW_DYN | SW_SUBST);
	for (i = 0; i < ow.progs.n; i++)
		if (sh_push_unique(&w->progs, p->g->a, ow.progs.v[i]) < 0)
			return diag_nomem(p->g->d);
	*val = ow.val;
	return 0;
}

/* ${v#p} ${v##p} ${v%p} ${v%%p}: the shortest or longest match removed. */
static const char *trim(struct arena *a, const char *v, const char *pat,
			bool suffix, bool longest)
{
	size_t n = strlen(v), pn = strlen(pat), k;

	for (k = 0; k <= n; k++) {
		size_t len = longest ? n - k : k;

		if (suffix ? shx_match(pat, pn, v + n - len, len, false)
			   : shx_match(pat, pn, v, len, false))
			return suffix ? arena_strndup(a, v, n - len)
				      : v + len;
	}
	return v;
}

/* ${v/p/r} ${v//p/r} ${v/#p/r} ${v/%p/r}. */
static int replace(struct sh_src *p, struct sh_str *out, const char *v,
		   const char *pat, const char *rep, char mode)
{
	size_t n = strlen(v), pn = strlen(pat), i = 0, len;
	bool done = false;
	int error;

	if (!pn)
		return shl_str_put(p, out, v, n);
	while (i <= n) {
		bool hit = false;

		if (!done && (mode != '#' || i == 0))
			for (len = n - i + 1; len-- > 0;) {
				if (mode == '%' && i + len != n)
					continue;
				if (shx_match(pat, pn, v + i, len, false)) {
					hit = true;
					break;
				}
			}
		if (hit && (len > 0 || mode != '/')) {
			if ((error = shl_str_put(p, out, rep,
						 strlen(rep))) < 0)
				return error;
			if (mode != 'a')
				done = true;
			if (len == 0) {
				if (i < n && (error = shl_str_put(p, out,
							 v + i, 1)) < 0)
					return error;
				i++;
			}
			i += len;
			continue;
		}
		if (i < n && (error = shl_str_put(p, out, v + i, 1)) < 0)
			return error;
		i++;
	}
	return 0;
}

static bool is_special_param(char c)
{
	return c == '@' || c == '*' || c == '#' || c == '?' || c == '$' ||
	       c == '!' || c == '-' || (c >= '0' && c <= '9');
}

/* ${ ... } with p->pos after "${".  A parameter whose value is known
 * (assigned earlier, positional, HOME/PWD) expands, with the operators
 * bash applies: defaults, alternatives, errors, trims, replacement,
 * length, indirection, case.  Anything else stays as text, dynamic, with
 * the substitutions inside run. */
/* "$@" and "${a[@]}": one word per parameter; note where they break. */
static int put_params(struct sh_src *p, struct sh_str *out, const char *val)
{
	const char *q;
	int error;

	while ((q = strchr(val, SH_ARGSEP[0]))) {
		size_t *v;

		if ((error = shl_str_put(p, out, val, (size_t)(q - val))) < 0)
			return error;
		v = arena_grow(p->g->a, p->seps, &p->capseps, sizeof(*v),
			       p->nseps + 1);
		if (!v)
			return diag_set(p->g->d, CV_ENOMEM, "out of memory");
		p->seps = v;
		p->seps[p->nseps++] = out->n;
		if ((error = str_putc(p, out, ' ')) < 0)
			return error;
		val = q + 1;
	}
	return shl_str_put(p, out, val, strlen(val));
}

/* ${a[@]} ${a[*]} ${a[N]} ${#a[@]}: the name with its subscript as the
 * parser stores arrays (shell_parse.c, array_end); *star for [*]; false
 * for a subscript we do not read (${a[i]}, ${a[$k]}). */
static bool subscript(const char *s, size_t *i, size_t end, char *key,
		      size_t cap, size_t nb, size_t ne, bool len_op,
		      bool *all, bool *star)
{
	size_t j = *i + 1, k;

	while (j < end && s[j] != ']')
		j++;
	if (j >= end || ne - nb + 8 > cap)
		return false;
	*all = j == *i + 2 && (s[*i + 1] == '@' || s[*i + 1] == '*');
	*star = *all && s[*i + 1] == '*';
	for (k = *i + 1; !*all && k < j; k++)
		if (s[k] < '0' || s[k] > '9' || j - *i - 1 > 6)
			return false;
	if (j == *i + 1)
		return false;
	memcpy(key, s + nb, ne - nb);
	if (*all)
		memcpy(key + (ne - nb), len_op ? "[#]" : "[@]", 4);
	else {
		memcpy(key + (ne - nb), s + *i, j - *i + 1);
		key[ne - nb + j - *i + 1] = '\0';
	}
	*i = j + 1;
	return true;
}

static int lex_brace(struct sh_src *p, struct sh_word *w, struct sh_str *out)
{
	const char *s = p->s, *val = NULL, *opd = NULL;
	size_t start = p->pos, end, i, nb, ne;
	bool ok, len_op = false, bang = false, ran = false, sub = false;
	int error;

	end = scan_close(p, start, '{', &ok);
	if (!ok)
		return diag_nomem(p->g->d);
	if (end >= p->n)
		shl_incomplete(p, "unterminated ${");
	p->pos = end < p->n ? end + 1 : p->n;
	i = start;
	if (i + 1 < end && s[i] == '#' && (is_name_start(s[i + 1]) ||
					   is_special_param(s[i + 1]))) {
		len_op = true;
		i++;
	} else if (i + 1 < end && s[i] == '!' && is_name_start(s[i + 1])) {
		bang = true;
		i++;
	}
	nb = i;
	if (i < end && is_name_start(s[i]))
		while (i < end && is_name_char(s[i]))
			i++;
	else if (i < end && s[i] >= '0' && s[i] <= '9')
		while (i < end && s[i] >= '0' && s[i] <= '9')
			i++;
	else if (i < end && is_special_param(s[i]))
		i++;
	ne = i;
	if (ne > nb && i < end && s[i] == '[' && is_name_start(s[nb])) {
		char key[300];
		bool all, star;

		if (bang || !subscript(s, &i, end, key, sizeof(key), nb, ne,
				       len_op, &all, &star))
			goto dynamic;
		val = shl_var_get(p, key, strlen(key));
		if (!val)
			goto dynamic;
		if (len_op && all) {
			if (i != end)
				goto dynamic;
			return shl_str_put(p, out, val, strlen(val));
		}
		if (all && !star && i == end && !len_op)
			return put_params(p, out, val);
		if (all) {
			/* [*] and operators: the elements joined by ' ' */
			char *j = arena_strdup(p->g->a, val), *q;

			if (!j)
				return diag_set(p->g->d, CV_ENOMEM,
						"out of memory");
			for (q = j; *q; q++)
				if (*q == SH_ARGSEP[0])
					*q = ' ';
			val = j;
		}
		ne = nb;	/* no name to assign to (${a[0]:=x}) */
		sub = true;
	} else if (ne > nb) {
		val = shl_var_get(p, s + nb, ne - nb);
		if (bang && val) {
			size_t k, vn = strlen(val);

			for (k = 0; k < vn && is_name_char(val[k]); k++)
				;
			val = k == vn && vn && is_name_start(val[0])
			      ? shl_var_get(p, val, vn) : NULL;
		}
	}
	if ((ne == nb && !sub) || (len_op && i != end) || (bang && i != end &&
						  s[i] != ':' && s[i] != '-' &&
						  s[i] != '#' && s[i] != '%'))
		goto dynamic;
	if (i == end) {
		if (!val)
			goto dynamic;
		if (len_op) {
			char num[24];
			int k = snprintf(num, sizeof(num), "%zu",
					 strlen(val));

			return shl_str_put(p, out, num, (size_t)k);
		}
		/* ${HOME} keeps its spelling for rules, like $HOME. */
		if (ne - nb == 4 && !memcmp(s + nb, "HOME", 4) && !bang &&
		    !var_get(p, "HOME", 4)) {
			p->g->nph++;
			return shl_str_put(p, out, "${HOME}", 7);
		}
		return shl_str_put(p, out, val, strlen(val));
	}
	{
		char op = s[i], op2 = i + 1 < end ? s[i + 1] : 0;
		bool colon = op == ':';
		size_t o;

		if (colon) {
			op = op2;
			i++;
		}
		if (op != '-' && op != '=' && op != '?' && op != '+' &&
		    op != '#' && op != '%' && op != '/' && op != '^' &&
		    op != ',')
			goto dynamic;	/* ${v:1:2} and the like */
		if (colon && (op == '#' || op == '%' || op == '/' ||
			      op == '^' || op == ','))
			goto dynamic;
		o = i + 1;
		if ((op == '#' || op == '%' || op == '^' || op == ',') &&
		    o < end && s[o] == op)
			o++;
		if (op == '/') {
			size_t k;
			char mode = '/';
			const char *pat, *rep = "";
			struct sh_str r = { NULL, 0, 0 };

			if (o < end && (s[o] == '/' || s[o] == '#' ||
					s[o] == '%')) {
				mode = s[o] == '/' ? 'a' : s[o];
				o++;
			}
			for (k = o; k < end && s[k] != '/'; k++)
				if (s[k] == '\\')
					k++;
			if (k > end)
				k = end;
			ran = true;
			if ((error = operand(p, w, s + o, k - o, &pat)) < 0)
				return error;
			if (k < end && (error = operand(p, w, s + k + 1,
						end - k - 1, &rep)) < 0)
				return error;
			if (!val)
				goto dynamic;
			if ((error = replace(p, &r, val, pat, rep, mode)) < 0)
				return error;
			return shl_str_put(p, out, r.v ? r.v : "", r.n);
		}
		ran = true;
		if ((error = operand(p, w, s + o, end - o, &opd)) < 0)
			return error;
		switch (op) {
		case '-': case '=':
			/* An unknown value is taken as unset: the default is
			 * what bash will most likely use, and the worse. */
			if (!val || (colon && !val[0]))
				val = opd;
			if (op == '=' && ne - nb > 0 &&
			    is_name_start(s[nb]) && !bang &&
			    (error = shl_var_set(p, s + nb, ne - nb,
						 val)) < 0)
				return error;
			break;
		case '?':
			if (!val)
				goto dynamic;
			break;
		case '+':
			/* Unknown: the alternative, which may be used. */
			val = val && colon && !val[0] ? "" : opd;
			break;
		case '#': case '%':
			if (!val)
				goto dynamic;
			val = trim(p->g->a, val, opd, op == '%', o - i == 2);
			if (!val)
				return diag_nomem(p->g->d);
			break;
		case '^': case ',': {
			char *c;
			size_t k;

			if (!val)
				goto dynamic;
			if (!(c = arena_strndup(p->g->a, val, strlen(val))))
				return diag_nomem(p->g->d);
			for (k = 0; c[k] && (k == 0 || o - i == 2); k++)
				if (op == '^' && c[k] >= 'a' && c[k] <= 'z')
					c[k] = (char)(c[k] - 32);
				else if (op == ',' && c[k] >= 'A' &&
					 c[k] <= 'Z')
					c[k] = (char)(c[k] + 32);
			val = c;
			break;
		}
		}
		return shl_str_put(p, out, val, strlen(val));
	}
dynamic:
	w->flags |= SW_DYN;
	p->g->nph++;
	/* Run what is substituted inside, e.g. ${x:-$(cmd)}, unless the
	 * operand was expanded (and its substitutions run) already. */
	for (i = start; !ran && i < end; i++) {
		if (s[i] == '\\') {
			i++;
		} else if (s[i] == '$' && i + 1 < end && s[i + 1] == '(') {
			size_t e;

			e = scan_close(p, i + 2, '(', &ok);
			if (!ok)
				return diag_nomem(p->g->d);
			if (e > end)
				e = end;
			if ((error = sub_parse(p, s + i + 2, e - i - 2, w)) < 0)
				return error;
			i = e;
		}
	}
	if ((error = shl_str_put(p, out, "${", 2)) < 0)
		return error;
	if ((error = shl_str_put(p, out, s + start, end - start)) < 0)
		return error;
	return str_putc(p, out, '}');
}

/* After a '$' (p->pos at the character following it). */
static int lex_dollar(struct sh_src *p, struct sh_word *w, bool in_dq,
		      struct sh_str *out)
{
	const char *s = p->s, *val;
	size_t i = p->pos, n = p->n;
	char c;

	if (i >= n)
		return str_putc(p, out, '$');
	c = s[i];
	if (c == '(' && i + 1 < n && s[i + 1] == '(') {
		p->pos = i + 2;
		return lex_arith_word(p, w, out);
	}
	if (c == '(') {
		unsigned dyn = w->flags & SW_DYN;
		size_t nph = p->g->nph;
		int error;

		p->pos = i + 1;
		if ((error = lex_cmdsubst(p, w)) < 0)
			return error;
		if (p->g->sub_out) {
			/* "$(echo ... | base64 -d)": its known output, as
			 * bash substitutes it (trailing newlines cut). */
			const char *o = p->g->sub_out;
			size_t on = strlen(o);

			while (on && o[on - 1] == '\n')
				on--;
			/* Known, but computed: $(echo ~) is a value, not a
			 * tilde; unquoted it is split and globbed. */
			if (p->g->sub_pure)
				w->flags = (w->flags & ~SW_DYN) | dyn;
			/* What the inner command left unknown ($HOME kept
			 * spelt) is a value in its output: it splits. */
			p->g->nph = nph;
			return shl_str_put(p, out, o, on);
		}
		p->g->nph++;
		return shl_str_put(p, out, PH_CMD, strlen(PH_CMD));
	}
	if (c == '{') {
		p->pos = i + 1;
		return lex_brace(p, w, out);
	}
	if (is_name_start(c)) {
		size_t j = i;

		while (j < n && is_name_char(s[j]))
			j++;
		p->pos = j;
		if ((val = var_get(p, s + i, j - i))) {
			/* X=$FOO keeps $FOO spelt: X is as unknown as FOO
			 * ($HOME stays a known place). */
			if (spelt_unknown(val))
				w->flags |= SW_DYN;
			return shl_str_put(p, out, val, strlen(val));
		}
		p->g->nph++;
		/* $HOME keeps its spelling (paths know it); $PWD is the
		 * cwd when known. */
		if ((val = shl_var_get(p, s + i, j - i))) {
			if (j - i == 3)
				return shl_str_put(p, out, val, strlen(val));
		} else {
			w->flags |= SW_DYN;
		}
		return shl_str_put(p, out, s + i - 1, j - i + 1);
	}
	if ((c >= '0' && c <= '9') || c == '@' || c == '*' || c == '#' ||
	    c == '?' || c == '$' || c == '!' || c == '-') {
		p->pos = i + 1;
		/* Positional parameters set by `bash -c STR _ ARG` or
		 * `set --` are known. */
		if ((val = var_get(p, s + i, 1)) && c == '@')
			return put_params(p, out, val);
		if (val)
			return shl_str_put(p, out, val, strlen(val));
		w->flags |= SW_DYN;
		p->g->nph++;
		return shl_str_put(p, out, s + i - 1, 2);
	}
	(void)in_dq;
	return str_putc(p, out, '$');
}

/* "..." with p->pos after the opening quote. */
static int lex_dquote(struct sh_src *p, struct sh_word *w, struct sh_str *out)
{
	const char *s = p->s;
	int error = 0;

	for (;;) {
		size_t i = p->pos;
		char c;

		if (i >= p->n) {
			shl_incomplete(p, "unterminated double quote");
			return 0;
		}
		c = s[i];
		if (c == '"') {
			p->pos = i + 1;
			return 0;
		}
		if (c == '\\' && i + 1 < p->n) {
			char e = s[i + 1];

			p->pos = i + 2;
			if (e == '\n')
				continue;
			if (e == '$' || e == '`' || e == '"' || e == '\\')
				error = str_putc(p, out, e);
			else
				error = shl_str_put(p, out, s + i, 2);
		} else if (c == '$') {
			p->pos = i + 1;
			error = lex_dollar(p, w, true, out);
		} else if (c == '`') {
			p->pos = i + 1;
			error = lex_backtick(p, w, true, out);
		} else {
			/* Copy a run of ordinary characters at once. */
			size_t j = i + 1;

			while (j < p->n && s[j] != '"' && s[j] != '\\' &&
			       s[j] != '$' && s[j] != '`')
				j++;
			p->pos = j;
			error = shl_str_put(p, out, s + i, j - i);
		}
		if (error < 0)
			return error;
	}
}

/* Fills the mask up to the value's length with `kind`.  The mask mirrors
 * bytes shl_budget() has counted already, so it is not counted again. */
static int mask_to(struct sh_src *p, size_t n, unsigned char kind)
{
	struct sh_str *m = &p->mscratch;

	if (m->n >= n)
		return 0;
	if (!m->v || n >= m->cap) {
		char *v = arena_grow(p->g->a, m->v, &m->cap, 1, n + 1);

		if (!v)
			return diag_nomem(p->g->d);
		m->v = v;
	}
	memset(m->v + m->n, kind, n - m->n);
	m->n = n;
	return 0;
}

/* Whether the expansions after parsing can change the word: a mask is
 * kept only then. */
static bool wants_mask(struct sh_src *p, const char *v,
		       const unsigned char *m, size_t n)
{
	const char *ifs = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		char c = v[i];

		if (m[i] == SHM_S)
			return true;	/* "$@": one word per parameter */
		if (m[i] == SHM_X && !ifs)
			ifs = shl_var_get(p, "IFS", 3);
		if (m[i] == SHM_X && ifs && c && strchr(ifs, c))
			return true;
		if (m[i] == SHM_L && (c == '{' || c == '*' || c == '?' ||
				      c == '[' || (c == '~' && i == 0)))
			return true;
		/* NAME=~/x, PATH=a:~/b: an assignment's tilde prefixes */
		if (m[i] == SHM_L && c == '~' && m[i - 1] == SHM_L &&
		    (v[i - 1] == '=' || v[i - 1] == ':'))
			return true;
		if (m[i] == SHM_X && (c == ' ' || c == '\t' || c == '\n' ||
				      c == '*' || c == '?' || c == '['))
			return true;
	}
	return false;
}

/* One word; `whole`: the text is one word (the operand of ${v:-...}),
 * blanks and operators included. */
static int lex_word_in(struct sh_src *p, struct sh_word *w, bool whole)
{
	struct sh_str *out = &p->scratch;
	const char *s = p->s;
	int error = 0;

	memset(w, 0, sizeof(*w));
	w->start = p->pos;
	out->n = 0;
	p->mscratch.n = 0;
	p->nseps = 0;
	while (p->pos < p->n) {
		size_t i = p->pos, nph = p->g->nph;
		char c = s[i];
		unsigned char kind = SHM_Q;

		/* '~x', "~", \~ first: a file named "~", not the home. */
		if (!out->n && i + 1 < p->n && s[i + 1] == '~' &&
		    (c == '\'' || c == '"' || c == '\\'))
			w->flags |= SW_TILDE_Q;

		if ((c == '<' || c == '>') && i + 1 < p->n &&
		    s[i + 1] == '(') {
			/* Process substitution inside or as a word. */
			char ph[8 + sizeof(SH_ELLIPSIS)];

			p->pos = i + 2;
			if ((error = lex_cmdsubst(p, w)) < 0)
				return error;
			if (c == '<' && (error = shf_proc_subst(p,
					p->g->sub_out, p->g->sub_unknown)) < 0)
				return error;
			ph[0] = c;
			memcpy(ph + 1, "(" SH_ELLIPSIS ")",
			       sizeof("(" SH_ELLIPSIS ")"));
			error = shl_str_put(p, out, ph, strlen(ph));
		} else if (is_meta(c) && !whole) {
			break;
		} else if (c == '\\') {
			if (i + 1 >= p->n) {
				p->pos = i + 1;
				error = str_putc(p, out, '\\');
			} else if (s[i + 1] == '\n') {
				p->pos = i + 2;
			} else {
				p->pos = i + 2;
				w->flags |= SW_QUOTED;
				error = str_putc(p, out, s[i + 1]);
			}
		} else if (c == '\'') {
			const char *q = memchr(s + i + 1, '\'', p->n - i - 1);
			size_t e = q ? (size_t)(q - s) : p->n;

			if (!q)
				shl_incomplete(p, "unterminated single quote");
			w->flags |= SW_QUOTED;
			error = shl_str_put(p, out, s + i + 1, e - i - 1);
			p->pos = q ? e + 1 : e;
		} else if (c == '"') {
			w->flags |= SW_QUOTED;
			p->pos = i + 1;
			error = lex_dquote(p, w, out);
		} else if (c == '$' && i + 1 < p->n && s[i + 1] == '\'') {
			w->flags |= SW_QUOTED;
			p->pos = i + 2;
			error = lex_ansi(p, out);
		} else if (c == '$' && i + 1 < p->n && s[i + 1] == '"') {
			w->flags |= SW_QUOTED;
			p->pos = i + 2;
			error = lex_dquote(p, w, out);
		} else if (c == '$') {
			p->pos = i + 1;
			kind = SHM_X;
			error = lex_dollar(p, w, false, out);
		} else if (c == '`') {
			p->pos = i + 1;
			kind = SHM_X;
			error = lex_backtick(p, w, false, out);
		} else {
			kind = SHM_L;
			size_t j = i + 1;

			if (c == '\0')
				shl_incomplete(p, "NUL byte in command");
			while (j < p->n && !is_meta(s[j]) && s[j] != '\\' &&
			       s[j] != '\'' && s[j] != '"' && s[j] != '$' &&
			       s[j] != '`' && s[j] != '\0')
				j++;
			p->pos = j;
			error = shl_str_put(p, out, s + i, j - i);
		}
		/* Text standing for an unknown value is no syntax. */
		if (p->g->nph != nph)
			kind = SHM_Q;
		if (error < 0 || (error = mask_to(p, out->n, kind)) < 0)
			return error;
		for (; p->nseps; p->nseps--)
			if (p->seps[p->nseps - 1] < p->mscratch.n)
				p->mscratch.v[p->seps[p->nseps - 1]] = SHM_S;
	}
	w->end = p->pos;
	w->len = out->n;
	w->val = arena_strndup(p->g->a, out->v ? out->v : "", out->n);
	if (!w->val)
		return diag_nomem(p->g->d);
	if (out->n && p->mscratch.v) {
		const unsigned char *m = (const unsigned char *)p->mscratch.v;

		if (wants_mask(p, w->val, m, out->n)) {
			if (!(w->mask = (const unsigned char *)arena_strndup(
				      p->g->a, p->mscratch.v, out->n)))
				return diag_nomem(p->g->d);
		}
	}
	return 0;
}

static int lex_word(struct sh_src *p, struct sh_word *w)
{
	return lex_word_in(p, w, false);
}

/* A redirection operator at p->pos, after an optional fd number or
 * {var}; returns false if there is none. */
static bool lex_redir_op(struct sh_src *p, size_t i, struct sh_tok *t)
{
	const char *s = p->s;
	size_t n = p->n;
	char c = s[i], c1 = i + 1 < n ? s[i + 1] : 0;
	char c2 = i + 2 < n ? s[i + 2] : 0;
	size_t len = 1;

	if (c == '<') {
		if (c1 == '(')
			return false;
		if (c1 == '<' && c2 == '<') {
			t->rk = RK_HERESTR;
			len = 3;
		} else if (c1 == '<' && c2 == '-') {
			t->rk = RK_HEREDOC_TABS;
			len = 3;
		} else if (c1 == '<') {
			t->rk = RK_HEREDOC;
			len = 2;
		} else if (c1 == '>') {
			t->rk = RK_INOUT;
			len = 2;
		} else if (c1 == '&') {
			t->rk = RK_DUPIN;
			len = 2;
		} else {
			t->rk = RK_IN;
		}
	} else if (c == '>') {
		if (c1 == '(')
			return false;
		if (c1 == '>') {
			t->rk = RK_APPEND;
			len = 2;
		} else if (c1 == '|') {
			t->rk = RK_OUT;
			len = 2;
		} else if (c1 == '&') {
			t->rk = RK_DUPOUT;
			len = 2;
		} else {
			t->rk = RK_OUT;
		}
	} else if (c == '&' && c1 == '>') {
		if (c2 == '>') {
			t->rk = RK_ALLAPPEND;
			len = 3;
		} else {
			t->rk = RK_ALLOUT;
			len = 2;
		}
	} else {
		return false;
	}
	t->type = TK_REDIR;
	p->pos = i + len;
	t->end = p->pos;
	return true;
}

int shl_next(struct sh_src *p, struct sh_tok *t)
{
	const char *s = p->s;
	size_t i, j;
	char c, c1;

	memset(t, 0, sizeof(*t));
again:
	shl_skip_blanks(p);
	i = p->pos;
	t->start = i;
	if (i >= p->n) {
		t->type = TK_EOF;
		t->end = i;
		return 0;
	}
	c = s[i];
	c1 = i + 1 < p->n ? s[i + 1] : 0;
	if (c == '#') {
		const char *q = memchr(s + i, '\n', p->n - i);

		p->pos = q ? (size_t)(q - s) : p->n;
		goto again;
	}
	t->end = i + 1;
	p->pos = i + 1;
	switch (c) {
	case '\n':
		t->type = TK_NL;
		return 0;
	case ';':
		if (c1 == ';') {
			p->pos = i + 2;
			if (i + 2 < p->n && s[i + 2] == '&')
				p->pos++;
			t->type = TK_DSEMI;
		} else if (c1 == '&') {
			p->pos = i + 2;
			t->type = TK_DSEMI;
		} else {
			t->type = TK_SEMI;
		}
		t->end = p->pos;
		return 0;
	case '&':
		if (c1 == '&') {
			p->pos = i + 2;
			t->type = TK_AND;
		} else if (lex_redir_op(p, i, t)) {
			return 0;
		} else {
			t->type = TK_AMP;
		}
		t->end = p->pos;
		return 0;
	case '|':
		if (c1 == '|') {
			p->pos = i + 2;
			t->type = TK_OR;
		} else if (c1 == '&') {
			p->pos = i + 2;
			t->type = TK_PIPEAMP;
		} else {
			t->type = TK_PIPE;
		}
		t->end = p->pos;
		return 0;
	case '(':
		t->type = TK_LPAREN;
		return 0;
	case ')':
		t->type = TK_RPAREN;
		return 0;
	default:
		break;
	}
	p->pos = i;
	if (lex_redir_op(p, i, t))
		return 0;
	/* 2>file, 10<&3: a number right before < or > is the fd. */
	for (j = i; j < p->n && s[j] >= '0' && s[j] <= '9'; j++)
		;
	if (j > i && j < p->n && (s[j] == '<' || s[j] == '>') &&
	    lex_redir_op(p, j, t)) {
		t->start = i;
		return 0;
	}
	/* {fd}>file */
	if (c == '{' && c1 && is_name_start(c1)) {
		for (j = i + 1; j < p->n && is_name_char(s[j]); j++)
			;
		if (j + 1 < p->n && s[j] == '}' &&
		    (s[j + 1] == '<' || s[j + 1] == '>') &&
		    lex_redir_op(p, j + 1, t)) {
			t->start = i;
			return 0;
		}
	}
	t->type = TK_WORD;
	{
		int error = lex_word(p, &t->w);

		t->end = p->pos;
		return error;
	}
}

/* Here-doc bodies with an unquoted delimiter: $ and ` are live. */
int shl_expand_body(struct sh_src *p, const char *s, size_t n,
		    struct strlist *progs, const char **outp)
{
	struct sh_src sub = *p;
	struct sh_word w;
	struct sh_str out = { NULL, 0, 0 };
	int error = 0;

	memset(&w, 0, sizeof(w));
	sub.s = s;
	sub.n = n;
	sub.pos = 0;
	sub.scratch.v = NULL;
	sub.scratch.n = sub.scratch.cap = 0;
	while (sub.pos < n && error >= 0) {
		size_t i = sub.pos, j;
		char c = s[i];

		if (c == '\\' && i + 1 < n) {
			sub.pos = i + 2;
			if (s[i + 1] != '\n')
				error = shl_str_put(&sub, &out, s + i, 2);
		} else if (c == '$') {
			sub.pos = i + 1;
			error = lex_dollar(&sub, &w, true, &out);
		} else if (c == '`') {
			sub.pos = i + 1;
			error = lex_backtick(&sub, &w, true, &out);
		} else {
			for (j = i + 1; j < n && s[j] != '\\' && s[j] != '$' &&
			     s[j] != '`'; j++)
				;
			sub.pos = j;
			error = shl_str_put(&sub, &out, s + i, j - i);
		}
	}
	if (error < 0)
		return error;
	*progs = w.progs;
	*outp = arena_strndup(p->g->a, out.v ? out.v : "", out.n);
	if (!*outp)
		return diag_nomem(p->g->d);
	return 0;
}
