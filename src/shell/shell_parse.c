/* shell_parse.c - bash grammar, read just far enough to find every simple
 * command: lists, pipelines, subshells, groups, reserved-word constructs,
 * functions, here-docs.
 * Security invariants: every word that bash could run as a command is
 * either emitted as a subject or consumed by a construct whose words are
 * never run (for-lists, case patterns, [[ ]]) - and substitutions in those
 * words are still parsed by the lexer.  The grammar is a flat state machine
 * with an explicit stack of open constructs, so input size never turns into
 * C recursion; only nested texts recurse, bounded by CV_MAX_SHELL_DEPTH. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell/shell_int.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/diag.h"

enum mode {
	M_NORMAL,	/* commands */
	M_CASE_WORD,	/* after `case` */
	M_CASE_IN,	/* after `case WORD` */
	M_CASE_PAT,	/* patterns up to `)` */
	M_FOR_NAME,	/* after `for` / `select` */
	M_FOR_IN,	/* after the name */
	M_FOR_WORDS,	/* the list after `in` */
	M_FUNC_NAME,	/* after `function` */
	M_DBRACKET,	/* inside [[ ]] */
	M_ARRAY,	/* the words of NAME=( ... ) */
};

/* What the run has changed so far, to undo a body that was read only to
 * find its end (a function's definition, a loop's body before its
 * values are known): subjects, files written, the cwd. */
struct snap {
	size_t nout, nfiles, ndirs;
	const char *cwd, *oldcwd;
	const char *dirs[8];
};

/* A loop whose body is judged once per value: `for NAME in WORDS` (the
 * values known when every word is), `while read NAMES` (the lines of a
 * literal producer: a pipe from echo/printf, a here-string or here-doc
 * after `done`). */
struct loop {
	char kind;			/* 'f' for, 'r' while read */
	const char *var;		/* for */
	const char **vals;		/* for: the values */
	size_t nvals;
	bool known;			/* vals, or input, are known */
	const char **names;		/* read: its variables */
	size_t nnames;
	char delim;			/* read -d */
	bool split;			/* read splits on IFS (no IFS=) */
	bool raw;			/* read -r */
	bool later;			/* read: input after `done` */
	bool literal;			/* read: a here-doc's text, whose
					 * "~" no shell expanded */
	const char *input;		/* read: what it reads */
	size_t body, body_end;		/* the body's text */
	int hd;				/* here-doc after done, or -1 */
	struct snap snap;
};

struct frame {
	char kind;			/* '(' '{' 'c' (case) 'd' (do) */
	struct strlist pipe_saved;	/* what fed the construct */
	size_t stage_saved;
	struct loop *loop;		/* 'd' of a loop we can run */
	/* The body of a function definition: its name, where it starts,
	 * the state before it and the scope it was read in. */
	const char *fname;
	size_t fbody;
	struct snap snap;
	struct sh_vars *fvars;
};

struct parser {
	struct sh_src *p;
	struct sh_cmd cmd;
	enum mode mode;
	struct frame *st;
	size_t nst, capst;
	struct strlist base;		/* feeds every command of the text */
	struct strlist pipe_in;		/* feeds the current pipeline stage */
	size_t stage_start;		/* first subject of the current stage */
	/* What the previous pipeline stage writes, when we know it: its
	 * here-docs and echo/printf text.  `cat <<EOF | sh` and
	 * `echo 'rm -rf ~' | bash` run that text as shell. */
	size_t *prev_hd;
	size_t nprev_hd, capprev_hd;
	const char *prev_text;
	const struct subject *prev_final;	/* the stage before the pipe */
	bool prev_unknown;		/* a decoder of unseen input */
	bool after_pipe;
	size_t prev_lo, prev_hi;	/* the previous stage's subjects */
	/* What the last statement writes, and how many there were: the
	 * output of a $( ) with one pipeline is known (shell_decode.c). */
	const char *last_out;
	bool last_unknown;
	size_t nstmt;
	/* The abstract run: a for's name and words, a loop waiting for
	 * its `do`, a while's condition, a read loop waiting for the
	 * input after `done`, a function waiting for its body. */
	const char *for_var;
	struct sh_word *for_w;
	size_t for_n, for_cap;
	bool for_in, for_sel;
	struct loop *pending;
	bool while_cond;
	struct loop *after_done;
	struct loop *hd_loop;
	const char *fn_pending;
	const char *arr_name;		/* NAME=( or NAME+=( */
	bool arr_append;
};

/* Small lists are kept free of duplicates; a long one (a hostile 10,000
 * stage pipeline of distinct names) is appended to as is, so the cost
 * stays linear. */
int sh_push_unique(struct strlist *l, struct arena *a, const char *s)
{
	if (!s || !*s)
		return 0;
	if (l->n <= 64 && strlist_has(l, s))
		return 0;
	return strlist_push(l, a, s) < 0 ? CV_ENOMEM : 0;
}

/* The programs of subjects [from, out->n), and what fed them. */
int shp_collect(struct sh_src *p, size_t from, struct strlist *progs)
{
	struct subject_list *out = p->g->out;
	size_t i, k;

	for (i = from; i < out->n; i++) {
		struct subject *s = out->v[i];

		if (sh_push_unique(progs, p->g->a, s->program) < 0)
			goto nomem;
		for (k = 0; k < s->input_from.n && k < 64; k++)
			if (sh_push_unique(progs, p->g->a,
					   s->input_from.v[k]) < 0)
				goto nomem;
	}
	return 0;
nomem:
	return diag_nomem(p->g->d);
}

/* A copy that shares the array: cap == n forces any later push on either
 * copy to reallocate instead of writing over the other's entries. */
static struct strlist share(struct strlist *l)
{
	struct strlist c = *l;

	c.cap = c.n;
	l->cap = l->n;
	return c;
}

static bool word_is(const struct sh_word *w, const char *kw)
{
	return !(w->flags & (SW_QUOTED | SW_DYN)) && !strcmp(w->val, kw);
}

static int parse_text(struct sh_ctx *g, struct sh_src *parent, const char *s,
		      size_t n, int depth, const struct strlist *via,
		      const struct strlist *in_from, struct sh_vars *scope);

static int uncalled(struct sh_src *top);

static void snap_take(struct parser *ps, struct snap *sn)
{
	struct sh_ctx *g = ps->p->g;

	sn->nout = g->out->n;
	sn->nfiles = g->nfiles;
	sn->ndirs = g->ndirs;
	sn->cwd = g->cwd;
	sn->oldcwd = g->oldcwd;
	memcpy(sn->dirs, g->dirstack, sizeof(sn->dirs));
}

/* Undoes what a body did when it was read (subjects, files, cwd). */
static void snap_back(struct parser *ps, const struct snap *sn)
{
	struct sh_ctx *g = ps->p->g;
	size_t i;

	if (g->out->n > sn->nout)
		g->out->n = sn->nout;
	if (g->nfiles > sn->nfiles)
		g->nfiles = sn->nfiles;
	g->ndirs = sn->ndirs;
	g->cwd = sn->cwd;
	g->oldcwd = sn->oldcwd;
	memcpy(g->dirstack, sn->dirs, sizeof(sn->dirs));
	if (ps->stage_start > g->out->n)
		ps->stage_start = g->out->n;
	for (i = 0; i < ps->nst; i++)
		if (ps->st[i].stage_saved > g->out->n)
			ps->st[i].stage_saved = g->out->n;
}

static int push_frame(struct parser *ps, char kind)
{
	struct frame *f;

	f = arena_grow(ps->p->g->a, ps->st, &ps->capst, sizeof(*f),
		       ps->nst + 1);
	if (!f)
		return diag_nomem(ps->p->g->d);
	ps->st = f;
	f = &ps->st[ps->nst++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->pipe_saved = share(&ps->pipe_in);
	f->stage_saved = ps->stage_start;
	return 0;
}

/* The frame just pushed is the body of the function named in
 * fn_pending: it is read in a scope of its own, to be thrown away with
 * everything else it did once its text is recorded. */
static int fn_begin(struct parser *ps)
{
	struct sh_src *p = ps->p;
	struct frame *f = &ps->st[ps->nst - 1];
	struct sh_vars *v = arena_alloc(p->g->a, sizeof(*v));

	if (!v)
		return diag_nomem(p->g->d);
	memset(v, 0, sizeof(*v));
	v->up = p->vars;
	f->fname = ps->fn_pending;
	f->fbody = p->pos;
	f->fvars = p->vars;
	snap_take(ps, &f->snap);
	p->vars = v;
	ps->fn_pending = NULL;
	return 0;
}

/* `end`: where the closing token starts, for a function's body. */
static int pop_frame(struct parser *ps, char kind, size_t end)
{
	struct sh_src *p = ps->p;
	struct frame *f;
	int rc;

	if (ps->nst == 0 || ps->st[ps->nst - 1].kind != kind)
		return 0;
	f = &ps->st[--ps->nst];
	ps->pipe_in = share(&f->pipe_saved);
	ps->stage_start = f->stage_saved;
	if (!f->fname)
		return 0;
	p->vars = f->fvars;
	if (end < f->fbody || end > p->n)
		return 0;
	/* A function does nothing where it is defined: its body is
	 * judged where it is called.  One the table cannot hold stays
	 * judged here. */
	rc = shp_define(p, f->fname, p->s + f->fbody, end - f->fbody, false);
	if (rc < 0)
		return rc;
	if (rc > 0)
		snap_back(ps, &f->snap);
	return 0;
}

static struct strlist *base_of(struct parser *ps)
{
	return ps->nst ? &ps->st[ps->nst - 1].pipe_saved : &ps->base;
}

/* ---- functions and aliases ---- */

struct sh_func *shp_func(struct sh_ctx *g, const char *name, size_t n,
			 bool alias)
{
	size_t i;

	for (i = 0; i < g->nfuncs; i++)
		if (g->funcs[i].alias == alias && g->funcs[i].body &&
		    strlen(g->funcs[i].name) == n &&
		    !memcmp(g->funcs[i].name, name, n))
			return &g->funcs[i];
	return NULL;
}

/* 1: recorded, 0: the table is full (funcs_full), < 0: error. */
int shp_define(struct sh_src *p, const char *name, const char *body,
	       size_t len, bool alias)
{
	struct sh_ctx *g = p->g;
	struct sh_func *f = shp_func(g, name, strlen(name), alias);
	const char *b = body ? arena_strndup(g->a, body, len) : NULL;

	if (body && !b)
		return diag_nomem(g->d);
	if (!f) {
		size_t i;

		for (i = 0; i < g->nfuncs; i++)
			if (!g->funcs[i].body)
				break;	/* a slot unset/unalias freed */
		if (i == g->nfuncs && g->nfuncs >= CV_MAX_FUNCS) {
			g->funcs_full = true;
			return 0;
		}
		if (i == g->nfuncs) {
			f = arena_grow(g->a, g->funcs, &g->capfuncs,
				       sizeof(*f), g->nfuncs + 1);
			if (!f)
				return diag_nomem(g->d);
			g->funcs = f;
			g->nfuncs++;
		}
		f = &g->funcs[i];
		memset(f, 0, sizeof(*f));
		if (!(f->name = arena_strdup(g->a, name)))
			return diag_nomem(g->d);
		f->alias = alias;
	}
	f->body = b;
	f->len = b ? len : 0;
	return 1;
}

/* One more body re-read: bounded in number and in bytes. */
static int replay_budget(struct sh_src *p, size_t n)
{
	if (++p->g->replays > CV_MAX_REPLAYS)
		return diag_set(p->g->d, CV_ETOOBIG,
				"more than %d loop bodies, function calls "
				"and aliases to judge", CV_MAX_REPLAYS);
	return shl_budget(p, n);
}

int shp_call(struct sh_src *p, struct sh_func *f, const char *const *argv,
	     size_t argc, const struct strlist *in_from)
{
	struct sh_ctx *g = p->g;
	struct sh_vars *scope;
	const char **pv;
	size_t k;
	int error;

	/* Recursion: the body is judged once more with unknown
	 * arguments, then no deeper. */
	if (f->active >= 2)
		return 0;
	if ((error = replay_budget(p, f->len)) < 0)
		return error;
	scope = arena_alloc(g->a, sizeof(*scope));
	pv = arena_alloc(g->a, (argc + 1) * sizeof(*pv));
	if (!scope || !pv)
		return diag_nomem(g->d);
	memset(scope, 0, sizeof(*scope));
	scope->up = p->vars;
	scope->fn = true;
	pv[0] = shl_var_get(p, "0", 1);
	for (k = 0; k < argc; k++)
		pv[k + 1] = f->active ? NULL : argv[k];
	g->posv = pv;
	g->posn = argc + 1;
	g->pos_pending = true;
	f->called = true;
	f->active++;
	error = parse_text(g, p, f->body, f->len, p->depth + 1, p->via,
			   in_from, scope);
	f->active--;
	return error;
}

/* ---- loops ---- */

/* The body [L->body, L->body_end) read again in the same scope. */
static int body_parse(struct parser *ps, const struct loop *L)
{
	struct sh_src *p = ps->p;
	size_t n = L->body_end - L->body;
	int error;

	if ((error = replay_budget(p, n)) < 0)
		return error;
	return parse_text(p->g, p, p->s + L->body, n, p->depth + 1, p->via,
			  base_of(ps), p->vars);
}

/* read NAMES: one line split as read does (IFS whitespace; the last
 * name takes the rest), backslashes removed without -r. */
static int read_bind(struct parser *ps, const struct loop *L,
		     const char *line, size_t n)
{
	struct sh_src *p = ps->p;
	const char *ifs = shl_var_get(p, "IFS", 3);
	char *v = arena_alloc(p->g->a, n + 1);
	size_t i, o = 0, k;
	int error;

	if (!v)
		return diag_nomem(p->g->d);
	for (i = 0; i < n; i++) {
		if (!L->raw && line[i] == '\\' && i + 1 < n)
			i++;
		v[o++] = line[i];
	}
	v[o] = '\0';
	if (!ifs)
		ifs = " \t\n";
	if (!L->split)
		ifs = "";
	i = 0;
	for (k = 0; k < L->nnames; k++) {
		const char *nm = L->names[k];
		size_t st, e;
		char *f;

		while (i < o && v[i] && strchr(ifs, v[i]))
			i++;
		st = i;
		if (k + 1 < L->nnames) {
			while (i < o && !(v[i] && strchr(ifs, v[i])))
				i++;
			e = i;
		} else {
			e = o;
			while (e > st && v[e - 1] && strchr(ifs, v[e - 1]))
				e--;
		}
		if (!(f = arena_strndup(p->g->a, v + st, e - st)))
			return diag_nomem(p->g->d);
		/* A producer's "~" is the home: printf %s ~/x printed the
		 * expanded path, which the subjects spell "~" (taking it
		 * for a file named "~" would miss the home). */
		if (!L->literal && f[0] == '~' && (f[1] == '/' || !f[1])) {
			struct sh_word tw;

			memset(&tw, 0, sizeof(tw));
			tw.val = f;
			if ((error = shx_word_value(p, &tw,
						    (const char **)&f)) < 0)
				return error;
		}
		if ((error = shl_var_set(p, nm, strlen(nm), f)) < 0)
			return error;
	}
	return 0;
}

static int loop_unknown(struct parser *ps, const struct loop *L)
{
	struct sh_src *p = ps->p;
	size_t k;
	int error;

	if (L->kind == 'f')
		return shl_var_set(p, L->var, strlen(L->var), NULL);
	for (k = 0; k < L->nnames; k++)
		if ((error = shl_var_set(p, L->names[k], strlen(L->names[k]),
					 NULL)) < 0)
			return error;
	return 0;
}

/* The body was read once with the loop's variables unknown; now that
 * the values are known, that reading is undone and the body is judged
 * once per value, in order, as bash runs it. */
static int replay(struct parser *ps, struct loop *L)
{
	struct sh_src *p = ps->p;
	size_t k, nl = 0, i;
	const char *in = L->input;
	int error;

	if (!L->known || L->body_end < L->body)
		return 0;
	if (L->kind == 'r') {
		size_t n = strlen(in);

		for (i = 0; i < n; i++)
			if (in[i] == L->delim)
				nl++;
		if (n && (!L->delim || in[n - 1] != L->delim))
			nl++;	/* read's last line without its newline */
		if (nl > CV_MAX_LOOP_VALUES)
			return 0;	/* too many: stays unknown */
	}
	snap_back(ps, &L->snap);
	ps->nstmt += 2;		/* a $( ) of a loop: output unknown */
	if (L->kind == 'f') {
		for (k = 0; k < L->nvals; k++) {
			if ((error = shl_var_set(p, L->var, strlen(L->var),
						 L->vals[k])) < 0 ||
			    (error = body_parse(ps, L)) < 0)
				return error;
		}
		return 0;
	}
	for (i = 0; in[i];) {
		const char *e = L->delim ? strchr(in + i, L->delim) : NULL;
		size_t len = e ? (size_t)(e - in - i) : strlen(in + i);

		if ((error = read_bind(ps, L, in + i, len)) < 0 ||
		    (error = body_parse(ps, L)) < 0)
			return error;
		i += len + (e ? 1 : 0);
	}
	/* read fails at the end and leaves its names empty */
	return loop_unknown(ps, L);
}

static struct loop *loop_new(struct parser *ps, char kind)
{
	struct loop *L = arena_alloc(ps->p->g->a, sizeof(*L));

	if (L) {
		memset(L, 0, sizeof(*L));
		L->kind = kind;
		L->hd = -1;
		L->delim = '\n';
	}
	return L;
}

static int values_push(struct parser *ps, struct loop *L, const char *v)
{
	const char **nv;
	size_t cap = L->nvals;

	if (L->nvals >= CV_MAX_LOOP_VALUES) {
		L->known = false;	/* too many to run: unknown */
		return 0;
	}
	nv = arena_grow(ps->p->g->a, L->vals, &cap, sizeof(*nv),
			L->nvals + 1);
	if (!nv)
		return diag_nomem(ps->p->g->d);
	L->vals = nv;
	L->vals[L->nvals++] = v;
	return 0;
}

/* The end of `for NAME [in WORDS]`: the values, if every one is known
 * (WORDS expanded as bash does: braces, globs against the disk, "$@"),
 * wait for the `do`. */
static int for_end(struct parser *ps)
{
	struct sh_src *p = ps->p;
	struct loop *L;
	struct sh_word *xw = NULL;
	size_t nx = 0, k;
	const char *v;
	int error;

	if (!ps->for_var)
		return 0;
	if (!(L = loop_new(ps, 'f')))
		return diag_nomem(p->g->d);
	L->var = ps->for_var;
	L->known = true;
	ps->for_var = NULL;
	if (!ps->for_in) {
		/* for x; do ...: the positional parameters */
		const char *all = shl_var_get(p, "@", 1), *q;
		const char *cnt = shl_var_get(p, "#", 1);

		if (!all || !cnt) {
			L->known = false;
		} else if (strcmp(cnt, "0")) {
			while ((q = strchr(all, SH_ARGSEP[0]))) {
				char *x = arena_strndup(p->g->a, all,
							(size_t)(q - all));

				if (!x || (error = values_push(ps, L, x)) < 0)
					return x ? error : diag_nomem(p->g->d);
				all = q + 1;
			}
			if ((error = values_push(ps, L, all)) < 0)
				return error;
		}
	} else if (ps->for_n &&
		   (error = shx_expand(p, ps->for_w, ps->for_n, &xw,
				       &nx)) < 0) {
		return error;
	}
	for (k = 0; k < nx && L->known; k++) {
		if (xw[k].flags & SW_DYN) {
			L->known = false;
			break;
		}
		/* A pattern that matched is what it matched. */
		if ((xw[k].flags & SW_GLOB) && k + 1 < nx &&
		    (xw[k + 1].flags & SW_MATCHED))
			continue;
		if ((error = shx_word_value(p, &xw[k], &v)) < 0 ||
		    (error = values_push(ps, L, v)) < 0)
			return error;
	}
	ps->for_n = 0;
	ps->pending = L;
	return 0;
}

/* `read [-r] [-d D] NAMES` as a while's condition, or on its own: what
 * it reads, when known, gives its names their values. */
static int read_cmd(struct parser *ps, const struct sh_cmd *c, bool cond,
		    const char *input, bool in_unk, bool later)
{
	struct sh_src *p = ps->p;
	struct loop *L;
	size_t i, k;

	for (i = 0; i < c->nw && strchr(c->w[i].val, '=') &&
	     !(c->w[i].flags & SW_QUOTED); i++)
		;
	if (i >= c->nw || (c->w[i].flags & (SW_QUOTED | SW_DYN)) ||
	    strcmp(c->w[i].val, "read"))
		return 0;
	if (!(L = loop_new(ps, 'r')))
		return diag_nomem(p->g->d);
	L->split = true;
	for (k = 0; k < i; k++)
		if (!strncmp(c->w[k].val, "IFS=", 4) && !c->w[k].val[4])
			L->split = false;
	L->known = input && !in_unk;
	L->later = later;
	L->input = input;
	for (k = i + 1; k < c->nw; k++) {
		const char *x = c->w[k].val;
		const char **nn;
		size_t cap = L->nnames;

		if (c->w[k].flags & SW_DYN) {
			L->known = false;
			continue;
		}
		if (x[0] == '-' && x[1] && L->nnames == 0) {
			size_t j;

			for (j = 1; x[j]; j++) {
				const char *val;

				if (x[j] == 'r')
					L->raw = true;
				if (!strchr("adinNptu", x[j]))
					continue;
				/* an option's value: attached or next */
				if (x[j + 1])
					val = x + j + 1;
				else
					val = ++k < c->nw ? c->w[k].val : "";
				if (x[j] == 'd')
					L->delim = val[0];
				if (strchr("anNu", x[j]))
					L->known = false;	/* not lines */
				break;
			}
			continue;
		}
		nn = arena_grow(p->g->a, L->names, &cap, sizeof(*nn),
				L->nnames + 1);
		if (!nn)
			return diag_nomem(p->g->d);
		L->names = nn;
		L->names[L->nnames++] = x;
	}
	if (!L->nnames) {
		static const char *const reply[] = { "REPLY" };

		L->names = (const char **)reply;
		L->nnames = 1;
	}
	if (cond) {
		ps->pending = L;
		return 0;
	}
	/* A read on its own: the first line, or unknown. */
	if (L->known) {
		const char *e = L->delim ? strchr(input, L->delim) : NULL;

		return read_bind(ps, L, input, e ? (size_t)(e - input)
						  : strlen(input));
	}
	return loop_unknown(ps, L);
}

/* Here-doc bodies are handed to the command that reads them. */
static int heredocs_deliver(struct parser *ps, bool at_eof)
{
	struct sh_src *p = ps->p;
	struct arena *a = p->g->a;
	int error = 0;
	size_t i;

	for (i = 0; i < p->nhd; i++) {
		struct sh_heredoc *h = &p->hd[i];
		struct subject *s = h->subj;
		int kind;

		if (h->done || !h->owner_set)
			continue;
		if (!h->have_body) {
			if (!at_eof)
				continue;
			shl_incomplete(p, "missing here-document body");
			h->body = "";
			h->body_len = 0;
		}
		h->done = true;
		kind = s ? shn_stdin_kind(s) : 0;
		if (!kind && h->pipe_to && shn_stdin_kind(h->pipe_to)) {
			s = h->pipe_to;
			kind = shn_stdin_kind(s);
		}
		if (kind == 1) {
			struct strlist via = { NULL, 0, 0 };
			size_t k;

			for (k = 0; k < s->via.n; k++)
				if (strlist_push(&via, a, s->via.v[k]) < 0)
					goto nomem;
			if (sh_push_unique(&via, a, s->program) < 0)
				goto nomem;
			error = shp_parse_sub(p, h->body, h->body_len, &via,
					      &s->input_from);
		} else {
			struct strlist progs = { NULL, 0, 0 };
			const char *txt = h->body;

			/* Substitutions in an unquoted body run whoever
			 * reads it. */
			if (!h->quoted) {
				error = shl_expand_body(p, h->body,
							h->body_len, &progs,
							&txt);
				if (error < 0)
					return error;
			}
			if (kind == 2 &&
			    (error = shi_code(p, s, h->body)) < 0)
				return error;
			if (kind == 3 &&
			    (error = shs_makefile(p, s, txt)) < 0)
				return error;
			/* cat > x.sh <<EOF: what x.sh holds. */
			if (!kind && s && (!strcmp(s->program, "cat") ||
					   !strcmp(s->program, "tee")) &&
			    (error = shf_body(p, s, txt)) < 0)
				return error;
			if (s)
				for (size_t k = 0; k < progs.n; k++)
					if (sh_push_unique(&s->input_from, a,
							   progs.v[k]) < 0)
						goto nomem;
		}
		if (error < 0)
			return error;
	}
	if (p->hd_next >= p->nhd) {
		/* All delivered: reuse the table. */
		for (i = 0; i < p->nhd && p->hd[i].done; i++)
			;
		if (i == p->nhd)
			p->nhd = p->hd_next = 0;
	}
	return 0;
nomem:
	return diag_nomem(p->g->d);
}

/* Reads the bodies of pending here-docs; p->pos is after the newline. */
static void heredocs_read(struct sh_src *p)
{
	while (p->hd_next < p->nhd) {
		struct sh_heredoc *h = &p->hd[p->hd_next++];
		struct sh_str *b = &p->scratch;
		size_t dlen = strlen(h->delim), bstart = p->pos;
		size_t dstart = p->n;
		bool found = false;

		b->n = 0;
		while (p->pos < p->n) {
			size_t ls = p->pos, le;
			const char *nl = memchr(p->s + ls, '\n', p->n - ls);

			le = nl ? (size_t)(nl - p->s) : p->n;
			p->pos = nl ? le + 1 : p->n;
			if (h->strip_tabs)
				while (ls < le && p->s[ls] == '\t')
					ls++;
			if (le - ls == dlen && !memcmp(p->s + ls, h->delim,
						       dlen)) {
				found = true;
				while (ls > 0 && p->s[ls - 1] == '\t')
					ls--;
				dstart = ls < bstart ? bstart : ls;
				break;
			}
			if (h->strip_tabs &&
			    (shl_str_put(p, b, p->s + ls, p->pos - ls) < 0))
				return;
		}
		if (!found)
			shl_incomplete(p, "here-document not terminated");
		if (h->strip_tabs) {
			h->body = arena_strndup(p->g->a, b->v ? b->v : "",
						b->n);
			h->body_len = b->n;
		} else {
			size_t e = found ? dstart : p->n;

			h->body = arena_strndup(p->g->a, p->s + bstart,
						e - bstart);
			h->body_len = e - bstart;
		}
		h->have_body = h->body != NULL;
		if (!h->body) {
			h->body = "";
			h->body_len = 0;
		}
	}
}

static int cmd_add_word(struct parser *ps, const struct sh_word *w)
{
	struct sh_cmd *c = &ps->cmd;
	struct sh_word *v;

	if (c->nw >= CV_MAX_WORDS)
		return diag_set(ps->p->g->d, CV_ETOOBIG,
				"more than %d words in one command",
				CV_MAX_WORDS);
	v = arena_grow(ps->p->g->a, c->w, &c->capw, sizeof(*v), c->nw + 1);
	if (!v)
		return diag_nomem(ps->p->g->d);
	c->w = v;
	c->w[c->nw++] = *w;
	return 0;
}

static void cmd_touch(struct parser *ps, size_t start, size_t end)
{
	ps->fn_pending = NULL;
	if (!ps->cmd.started) {
		ps->cmd.started = true;
		ps->cmd.start = start;
	}
	ps->cmd.end = end;
}

/* The previous stage's output reaches `s`, the command after the pipe. */
static int feed_from_pipe(struct parser *ps, struct subject *s)
{
	struct sh_src *p = ps->p;
	size_t k;
	int kind, error;

	if (!s || !(kind = shn_stdin_kind(s)))
		return 0;
	if (!ps->prev_text && ps->prev_unknown)
		return shi_marker(p, s, SH_MARK_EXEC);
	for (k = 0; k < ps->nprev_hd; k++)
		p->hd[ps->prev_hd[k]].pipe_to = s;
	if (!ps->prev_text)
		return 0;
	if (kind == 2)
		return shi_code(p, s, ps->prev_text);
	if (kind == 3)
		return shs_makefile(p, s, ps->prev_text);
	{
		struct strlist via = { NULL, 0, 0 };

		for (k = 0; k < s->via.n; k++)
			if (strlist_push(&via, p->g->a, s->via.v[k]) < 0)
				return diag_nomem(p->g->d);
		if ((error = sh_push_unique(&via, p->g->a, s->program)) < 0)
			return error;
		return shp_parse_sub(p, ps->prev_text, strlen(ps->prev_text),
				     &via, &s->input_from);
	}
}

/* What pwd, dirname and basename print, computed from their operands
 * (lexically, as those programs do). */
static int path_output(struct parser *ps, const struct subject *s,
		       const char **outp)
{
	struct sh_src *p = ps->p;
	const struct strlist *a = &s->args;
	const char *pr = s->program, *r = NULL;
	char *o;
	size_t n;

	if (s->program_dynamic || s->nredirects)
		return 0;
	(void)ps;
	if (!strcmp(pr, "pwd") && !a->n) {
		/* The directory cd tracking says (shell_norm.c). */
		r = p->g->cwd ? shell_norm_path(p->g->a, p->g->env, p->g->cwd)
			      : NULL;
	} else if ((!strcmp(pr, "dirname") || !strcmp(pr, "basename")) &&
		   a->n == 1 && a->v[0][0] != '-' &&
		   !(s->arg_flags && (s->arg_flags[0] & ARG_DYNAMIC))) {
		const char *v = a->v[0], *sl = strrchr(v, '/');

		if (pr[0] == 'b')
			r = sl && sl[1] ? sl + 1 : v;
		else if (!sl)
			r = ".";
		else if (sl == v)
			r = "/";
		else if (!(r = arena_strndup(p->g->a, v, (size_t)(sl - v))))
			return diag_nomem(p->g->d);
	}
	if (!r && !strcmp(pr, "ls") && a->n >= 2 && !strcmp(a->v[0], "-d")) {
		/* ls -d PATHS prints the paths as given */
		struct sh_str b = { NULL, 0, 0 };
		size_t k;
		int error;

		for (k = 1; k < a->n; k++) {
			if (a->v[k][0] == '-' || (s->arg_flags &&
			    (s->arg_flags[k] & ARG_DYNAMIC)))
				return 0;
			const char *v = a->v[k];

			if (v[0] == '~' && (!v[1] || v[1] == '/') &&
			    !(v = shell_path_join(p->g->a, p->g->env, "/", v)))
				return 0;
			if ((error = shl_str_put(p, &b, v, strlen(v))) < 0 ||
			    (error = shl_str_put(p, &b, "\n", 1)) < 0)
				return error;
		}
		if ((error = shl_str_put(p, &b, "", 1)) < 0)
			return error;
		*outp = b.v;
		return 0;
	}
	if (!r)
		return 0;
	/* Paths are kept as "~/x" for rules, but the program prints the
	 * directory itself, which "$(pwd)" quoted must not turn literal. */
	if (r[0] == '~' && (!r[1] || r[1] == '/') &&
	    !(r = shell_path_join(p->g->a, p->g->env, "/", r)))
		return 0;
	n = strlen(r);
	if (!(o = arena_alloc(p->g->a, n + 2)))
		return diag_nomem(p->g->d);
	memcpy(o, r, n);
	o[n] = '\n';
	o[n + 1] = '\0';
	*outp = o;
	return 0;
}

/* A word of a for's list, kept for for_end(). */
static int for_word(struct parser *ps, const struct sh_word *w)
{
	struct sh_word *v;

	if (ps->for_n >= CV_MAX_WORDS)
		return diag_set(ps->p->g->d, CV_ETOOBIG,
				"more than %d words in one command",
				CV_MAX_WORDS);
	v = arena_grow(ps->p->g->a, ps->for_w, &ps->for_cap, sizeof(*v),
		       ps->for_n + 1);
	if (!v)
		return diag_nomem(ps->p->g->d);
	ps->for_w = v;
	ps->for_w[ps->for_n++] = *w;
	return 0;
}

/* done <<EOF: the here-doc's body, read at the newline, is the input. */
static int heredoc_loop(struct parser *ps)
{
	struct sh_src *p = ps->p;
	struct loop *L = ps->hd_loop;
	struct sh_heredoc *h;
	struct strlist progs = { NULL, 0, 0 };
	const char *txt;
	int error;

	ps->hd_loop = NULL;
	if (L->hd < 0 || (size_t)L->hd >= p->nhd)
		return 0;
	h = &p->hd[L->hd];
	if (!h->have_body)
		return 0;
	txt = h->body;
	if (!h->quoted &&
	    (error = shl_expand_body(p, h->body, h->body_len, &progs,
				     &txt)) < 0)
		return error;
	/* what a substitution in it prints is not known */
	if (progs.n || strstr(txt, SH_ELLIPSIS))
		return 0;
	L->input = txt;
	L->known = true;
	L->literal = true;
	return replay(ps, L);
}

/* The input a read loop takes from the redirections after its `done`:
 * a here-string, a here-doc (read later), else unknown. */
static struct loop *done_input(struct parser *ps, const struct sh_cmd *c)
{
	struct loop *L = ps->after_done;
	size_t i;

	ps->after_done = NULL;
	if (c->nw)
		return NULL;
	for (i = 0; i < c->nr; i++) {
		const struct sh_redir *r = &c->r[i];

		if (r->kind == RK_HERESTR && !(r->target.flags & SW_DYN) &&
		    !r->target.progs.n) {
			char *t = arena_alloc(ps->p->g->a,
					      strlen(r->target.val) + 2);

			if (!t)
				return NULL;
			strcpy(t, r->target.val);
			strcat(t, "\n");
			L->input = t;
			L->known = true;
			return L;
		}
		if (r->kind == RK_HEREDOC || r->kind == RK_HEREDOC_TABS) {
			L->hd = (int)r->heredoc;
			ps->hd_loop = L;
			return NULL;
		}
	}
	return NULL;
}

/* NAME=( or NAME+=( right after the word: an array's words follow. */
static bool array_start(struct parser *ps, const struct sh_tok *t)
{
	struct sh_src *p = ps->p;
	const struct sh_word *w;
	size_t k, e;

	if (!ps->cmd.nw)
		return false;
	w = &ps->cmd.w[ps->cmd.nw - 1];
	if (w->end != t->start || w->end > p->n || w->end < w->start + 2 ||
	    p->s[w->end - 1] != '=')
		return false;
	e = w->end - 1;
	if (e > w->start && p->s[e - 1] == '+')
		e--;
	for (k = w->start; k < e; k++) {
		char c = p->s[k];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      c == '_' || (k > w->start && c >= '0' && c <= '9')))
			return false;
	}
	if (k == w->start ||
	    !(ps->arr_name = arena_strndup(p->g->a, p->s + w->start,
					   e - w->start)))
		return false;
	ps->arr_append = p->s[e] == '+';
	ps->cmd.nw--;		/* NAME= is set by array_end() */
	ps->for_n = 0;
	ps->mode = M_ARRAY;
	return true;
}

/* NAME=(WORDS): NAME is its first element, NAME[@] all of them (one
 * word each in "${NAME[@]}"), NAME[#] how many, NAME[0..15] each.  An
 * element not known makes NAME[@] unknown; [k]=v forms too. */
static int array_end(struct parser *ps)
{
	struct sh_src *p = ps->p;
	struct arena *a = p->g->a;
	const char *nm = ps->arr_name, *v, *all = NULL, *cnt;
	struct sh_word *xw = NULL;
	struct sh_str b = { NULL, 0, 0 };
	size_t nx = 0, k, have = 0, nl = strlen(nm);
	bool known = true;
	char key[300], num[24];
	int error;

	ps->mode = M_NORMAL;
	if (nl > 256)
		return 0;
	if (ps->arr_append) {
		snprintf(key, sizeof(key), "%s[#]", nm);
		cnt = shl_var_get(p, key, strlen(key));
		snprintf(key, sizeof(key), "%s[@]", nm);
		all = shl_var_get(p, key, strlen(key));
		known = cnt && all;
		have = cnt ? (size_t)strtoul(cnt, NULL, 10) : 0;
		if (known && have && (error = shl_str_put(p, &b, all,
							 strlen(all))) < 0)
			return error;
	}
	if (ps->for_n && (error = shx_expand(p, ps->for_w, ps->for_n, &xw,
					     &nx)) < 0)
		return error;
	ps->for_n = 0;
	for (k = 0; k < nx; k++) {
		if ((xw[k].flags & SW_DYN) || xw[k].val[0] == '[')
			known = false;
		if ((xw[k].flags & SW_GLOB) && k + 1 < nx &&
		    (xw[k + 1].flags & SW_MATCHED))
			continue;
		if ((error = shx_word_value(p, &xw[k], &v)) < 0)
			return error;
		if (have < 16) {
			snprintf(key, sizeof(key), "%s[%zu]", nm, have);
			if ((error = shl_var_set(p, key, strlen(key),
				     (xw[k].flags & SW_DYN) ? NULL : v)) < 0)
				return error;
		}
		if (have == 0 && (error = shl_var_set(p, nm, nl,
				  (xw[k].flags & SW_DYN) ? NULL : v)) < 0)
			return error;
		if ((have && (error = shl_str_put(p, &b, SH_ARGSEP, 1)) < 0) ||
		    (error = shl_str_put(p, &b, v, strlen(v))) < 0)
			return error;
		have++;
	}
	if (!ps->arr_append && !have &&
	    (error = shl_var_set(p, nm, nl, "")) < 0)
		return error;
	snprintf(num, sizeof(num), "%zu", have);
	all = known ? arena_strndup(a, b.v ? b.v : "", b.n) : NULL;
	if (known && !all)
		return diag_set(p->g->d, CV_ENOMEM, "out of memory");
	snprintf(key, sizeof(key), "%s[@]", nm);
	if ((error = shl_var_set(p, key, strlen(key), all)) < 0)
		return error;
	snprintf(key, sizeof(key), "%s[#]", nm);
	return shl_var_set(p, key, strlen(key),
			   known ? arena_strdup(a, num) : NULL);
}

/* Ends the current simple command; `pipe` says a | follows. */
static int finish(struct parser *ps, bool pipe)
{
	struct sh_src *p = ps->p;
	struct sh_cmd *c = &ps->cmd;
	struct subject *final = NULL;
	const char *input, *outp;
	bool in_unk, unk = false, cond = ps->while_cond, herestr = false;
	struct loop *run_now = ps->after_done ? done_input(ps, c) : NULL;
	size_t i;
	int error = 0;

	if (ps->after_done)
		ps->after_done = NULL;
	if (c->nw && !pipe)
		ps->while_cond = false;
	if (c->nw || c->nr) {
		struct strlist in = share(&ps->pipe_in);

		p->g->piped = ps->after_pipe;
		p->g->pipe_text = ps->after_pipe ? ps->prev_text : NULL;
		p->g->pipe_unknown = ps->after_pipe && ps->prev_unknown;
		p->g->pipe_prev = ps->after_pipe ? ps->prev_final : NULL;
		error = shn_emit(p, c, &in, &final);
		p->g->piped = false;
		p->g->pipe_text = NULL;
		p->g->pipe_prev = NULL;
		if (error < 0)
			return error;
		if (ps->after_pipe && (error = feed_from_pipe(ps, final)) < 0)
			return error;
		if (ps->after_pipe && final) {
			final->piped = true;
			final->pipe_lo = ps->prev_lo;
			final->pipe_hi = ps->prev_hi;
		}
		for (i = 0; i < c->nr; i++) {
			struct sh_redir *r = &c->r[i];

			if (r->kind == RK_HEREDOC ||
			    r->kind == RK_HEREDOC_TABS) {
				p->hd[r->heredoc].subj = final;
				p->hd[r->heredoc].owner_set = true;
			}
		}
	}
	input = ps->after_pipe ? ps->prev_text : NULL;
	in_unk = ps->after_pipe && ps->prev_unknown;
	for (i = 0; i < c->nr; i++)
		if (c->r[i].kind == RK_HERESTR) {
			input = c->r[i].target.val;
			in_unk = (c->r[i].target.flags & SW_DYN) ||
				 c->r[i].target.progs.n;
			herestr = true;
		}
	if (c->nw && !pipe) {
		/* read NAMES: as a while's condition, the loop's input; on
		 * its own, the values it reads (here-strings add a
		 * newline, which read drops). */
		bool later = !ps->after_pipe && !herestr;

		if ((error = read_cmd(ps, c, cond, later ? NULL : input,
				      in_unk || (ps->after_pipe && !input),
				      cond && later)) < 0)
			return error;
	}
	ps->nprev_hd = 0;
	ps->prev_text = NULL;
	ps->prev_unknown = false;
	outp = NULL;
	if (final && (pipe || p->depth > 0 || final->nredirects)) {
		/* What this stage writes: to the next stage, to a file, or
		 * as the value of the $( ) being parsed. */
		outp = shd_stage_output(p, final, input, in_unk, &unk);
	}
	if (final && !outp && !unk && (pipe || p->depth > 0) &&
	    (error = path_output(ps, final, &outp)) < 0)
		return error;
	if ((error = shf_written(p, final, outp, unk)) < 0)
		return error;
	/* cd prints nothing: $(cd ~ && pwd) is pwd's output. */
	if (final && !final->program_dynamic && !strcmp(final->program, "cd")) {
		;
	} else if (!pipe && (c->nw || c->nr)) {
		ps->nstmt++;
		ps->last_out = final && !final->nredirects ? outp : NULL;
		ps->last_unknown = unk;
	}
	if (pipe && final)
		final->pipe_out = true;
	if (pipe) {
		ps->prev_text = outp;
		ps->prev_final = final;
		ps->prev_unknown = unk;
		for (i = 0; i < c->nr; i++) {
			struct sh_redir *r = &c->r[i];
			size_t *v;

			if (r->kind != RK_HEREDOC &&
			    r->kind != RK_HEREDOC_TABS)
				continue;
			v = arena_grow(p->g->a, ps->prev_hd, &ps->capprev_hd,
				       sizeof(*v), ps->nprev_hd + 1);
			if (!v)
				return diag_nomem(p->g->d);
			ps->prev_hd = v;
			ps->prev_hd[ps->nprev_hd++] = r->heredoc;
		}
	}
	ps->after_pipe = pipe;
	c->nw = c->nr = 0;
	c->started = false;
	if (pipe) {
		if ((error = shp_collect(p, ps->stage_start,
					 &ps->pipe_in)) < 0)
			return error;
		ps->prev_lo = ps->stage_start;
		ps->prev_hi = p->g->out->n;
	} else {
		ps->pipe_in = share(base_of(ps));
	}
	ps->stage_start = p->g->out->n;
	return run_now ? replay(ps, run_now) : 0;
}

static int add_redir(struct parser *ps, const struct sh_tok *op,
		     const struct sh_tok *target)
{
	struct sh_src *p = ps->p;
	struct sh_cmd *c = &ps->cmd;
	struct sh_redir *r;

	r = arena_grow(p->g->a, c->r, &c->capr, sizeof(*r), c->nr + 1);
	if (!r)
		return diag_nomem(p->g->d);
	c->r = r;
	r = &c->r[c->nr++];
	memset(r, 0, sizeof(*r));
	r->kind = op->rk;
	r->target = target->w;
	if (op->rk == RK_HEREDOC || op->rk == RK_HEREDOC_TABS) {
		struct sh_heredoc *h;

		h = arena_grow(p->g->a, p->hd, &p->caphd, sizeof(*h),
			       p->nhd + 1);
		if (!h)
			return diag_nomem(p->g->d);
		p->hd = h;
		h = &p->hd[p->nhd];
		memset(h, 0, sizeof(*h));
		h->delim = target->w.val;
		h->quoted = target->w.flags & SW_QUOTED;
		h->strip_tabs = op->rk == RK_HEREDOC_TABS;
		r->heredoc = p->nhd++;
	}
	return 0;
}

/* A word at the start of a command may be a reserved word. */
static int reserved(struct parser *ps, const struct sh_word *w, bool *used)
{
	static const char *const skip[] = {
		"!", "if", "then", "elif", "else", "fi", "until", NULL,
	};
	struct sh_src *p = ps->p;
	size_t i;
	int error;

	*used = true;
	if (word_is(w, "{")) {
		if ((error = push_frame(ps, '{')) < 0)
			return error;
		return ps->fn_pending ? fn_begin(ps) : 0;
	}
	/* A function's body is a group or a subshell; anything else is
	 * read where it stands. */
	ps->fn_pending = NULL;
	for (i = 0; skip[i]; i++)
		if (word_is(w, skip[i]))
			return 0;
	if (word_is(w, "while")) {
		ps->while_cond = true;
		return 0;
	}
	if (word_is(w, "do")) {
		struct loop *L = ps->pending;

		ps->pending = NULL;
		ps->while_cond = false;
		if ((error = push_frame(ps, 'd')) < 0)
			return error;
		if (!L)
			return 0;
		/* Read once with the loop's names unknown: what the body
		 * is, and where it ends. */
		ps->st[ps->nst - 1].loop = L;
		L->body = p->pos;
		snap_take(ps, &L->snap);
		return loop_unknown(ps, L);
	}
	if (word_is(w, "done")) {
		struct loop *L;

		if (!ps->nst || ps->st[ps->nst - 1].kind != 'd')
			return 0;
		L = ps->st[ps->nst - 1].loop;
		pop_frame(ps, 'd', w->start);
		if (!L)
			return 0;
		L->body_end = w->start;
		if (L->kind == 'r' && L->later) {
			ps->after_done = L;	/* done <<< "$input" */
			return 0;
		}
		return replay(ps, L);
	}
	if (word_is(w, "}"))
		return pop_frame(ps, '{', w->start);
	if (word_is(w, "case")) {
		ps->mode = M_CASE_WORD;
		return push_frame(ps, 'c');
	}
	if (word_is(w, "esac"))
		return pop_frame(ps, 'c', w->start);
	if (word_is(w, "for") || word_is(w, "select")) {
		shl_skip_blanks(ps->p);
		if (shl_at_arith(ps->p))
			return shl_skip_arith(ps->p);
		ps->mode = M_FOR_NAME;
		ps->for_var = NULL;
		ps->for_n = 0;
		ps->for_in = false;
		/* select runs its body for what the user types */
		ps->for_sel = w->val[0] == 's';
		return 0;
	}
	if (word_is(w, "function")) {
		ps->mode = M_FUNC_NAME;
		return 0;
	}
	if (word_is(w, "[[")) {
		ps->mode = M_DBRACKET;
		return 0;
	}
	if (word_is(w, "coproc")) {
		/* coproc NAME { ...; }: the name is not a command. */
		size_t save = p->pos, j;

		shl_skip_blanks(p);
		for (j = p->pos; j < p->n && (p->s[j] == '_' ||
		     (p->s[j] >= 'a' && p->s[j] <= 'z') ||
		     (p->s[j] >= 'A' && p->s[j] <= 'Z') ||
		     (p->s[j] >= '0' && p->s[j] <= '9')); j++)
			;
		while (j < p->n && (p->s[j] == ' ' || p->s[j] == '\t'))
			j++;
		if (j > p->pos && j < p->n &&
		    (p->s[j] == '{' || p->s[j] == '('))
			p->pos = j;
		else
			p->pos = save;
		return 0;
	}
	*used = false;
	return 0;
}

static int parse_program(struct parser *ps)
{
	struct sh_src *p = ps->p;
	struct sh_tok t, t2;
	bool used;
	int error;

	for (;;) {
		bool at_cmd = ps->mode == M_NORMAL && !ps->cmd.nw &&
			      !ps->cmd.nr;

		if (at_cmd) {
			shl_skip_blanks(p);
			if (shl_at_arith(p)) {
				if ((error = shl_skip_arith(p)) < 0)
					return error;
				continue;
			}
		}
		if ((error = shl_next(p, &t)) < 0)
			return error;
		switch (t.type) {
		case TK_WORD:
			switch (ps->mode) {
			case M_ARRAY:
				if ((error = for_word(ps, &t.w)) < 0)
					return error;
				continue;
			case M_DBRACKET:
				if (word_is(&t.w, "]]"))
					ps->mode = M_NORMAL;
				continue;
			case M_CASE_WORD:
				ps->mode = M_CASE_IN;
				continue;
			case M_CASE_IN:
				ps->mode = M_CASE_PAT;
				continue;
			case M_CASE_PAT:
				if (word_is(&t.w, "esac")) {
					pop_frame(ps, 'c', t.start);
					ps->mode = M_NORMAL;
				}
				continue;
			case M_FOR_NAME:
				ps->mode = M_FOR_IN;
				if (!ps->for_sel &&
				    !(t.w.flags & (SW_QUOTED | SW_DYN)))
					ps->for_var = t.w.val;
				continue;
			case M_FOR_IN:
				if (word_is(&t.w, "in")) {
					ps->mode = M_FOR_WORDS;
					ps->for_in = true;
					continue;
				}
				ps->mode = M_NORMAL;
				if ((error = for_end(ps)) < 0)
					return error;
				if (word_is(&t.w, "do") &&
				    (error = reserved(ps, &t.w, &used)) < 0)
					return error;
				continue;
			case M_FOR_WORDS:
				if (ps->for_var && (error = for_word(ps,
							&t.w)) < 0)
					return error;
				continue;
			case M_FUNC_NAME:
				ps->mode = M_NORMAL;
				if (!(t.w.flags & (SW_QUOTED | SW_DYN)))
					ps->fn_pending = t.w.val;
				continue;
			case M_NORMAL:
				break;
			}
			if (at_cmd) {
				if ((error = reserved(ps, &t.w, &used)) < 0)
					return error;
				if (used)
					continue;
			}
			cmd_touch(ps, t.start, t.end);
			if ((error = cmd_add_word(ps, &t.w)) < 0)
				return error;
			continue;
		case TK_REDIR:
			if ((error = shl_next(p, &t2)) < 0)
				return error;
			if (t2.type != TK_WORD) {
				shl_incomplete(p, "missing redirection target");
				memset(&t2, 0, sizeof(t2));
				t2.w.val = "";
				p->pos = t2.start > t.end ? t2.start : t.end;
				if (t2.type == TK_EOF)
					p->pos = p->n;
			}
			if (ps->mode == M_DBRACKET)
				continue;
			cmd_touch(ps, t.start, t2.type == TK_WORD ? t2.end
								  : t.end);
			if ((error = add_redir(ps, &t, &t2)) < 0)
				return error;
			continue;
		case TK_PIPE:
		case TK_PIPEAMP:
			if (ps->mode == M_DBRACKET || ps->mode == M_CASE_PAT)
				continue;
			if ((error = finish(ps, true)) < 0)
				return error;
			continue;
		case TK_NL:
			if (ps->mode == M_ARRAY)
				continue;
			if ((error = finish(ps, false)) < 0)
				return error;
			heredocs_read(p);
			if (ps->hd_loop && (error = heredoc_loop(ps)) < 0)
				return error;
			if ((error = heredocs_deliver(ps, false)) < 0)
				return error;
			if (ps->mode == M_FOR_WORDS || ps->mode == M_FOR_IN) {
				ps->mode = M_NORMAL;
				if ((error = for_end(ps)) < 0)
					return error;
			}
			continue;
		case TK_SEMI:
		case TK_AMP:
		case TK_AND:
		case TK_OR:
			if (ps->mode == M_DBRACKET)
				continue;
			if ((error = finish(ps, false)) < 0)
				return error;
			if ((ps->mode == M_FOR_WORDS ||
			     ps->mode == M_FOR_IN) &&
			    (error = for_end(ps)) < 0)
				return error;
			if (ps->mode != M_CASE_PAT && ps->mode != M_CASE_IN)
				ps->mode = M_NORMAL;
			continue;
		case TK_DSEMI:
			if ((error = finish(ps, false)) < 0)
				return error;
			ps->mode = ps->nst && ps->st[ps->nst - 1].kind == 'c'
				   ? M_CASE_PAT : M_NORMAL;
			continue;
		case TK_LPAREN:
			if (ps->mode == M_DBRACKET || ps->mode == M_CASE_PAT)
				continue;
			if (ps->mode == M_NORMAL && array_start(ps, &t))
				continue;
			if ((ps->cmd.nw == 1 && !ps->cmd.nr) ||
			    (ps->fn_pending && !ps->cmd.nw && !ps->cmd.nr)) {
				/* name () body: a function definition;
				 * function name () body too. */
				size_t save = p->pos;
				const struct sh_word *nw = ps->cmd.nw ?
					&ps->cmd.w[0] : NULL;

				if ((error = shl_next(p, &t2)) < 0)
					return error;
				if (t2.type == TK_RPAREN) {
					if (nw) {
						ps->fn_pending = nw->flags &
							(SW_QUOTED | SW_DYN)
							? NULL : nw->val;
					}
					ps->cmd.nw = 0;
					ps->cmd.started = false;
					continue;
				}
				p->pos = save;
			}
			/* A subshell keeps what feeds it: a | ( ... ). */
			if ((ps->cmd.nw || ps->cmd.nr) &&
			    (error = finish(ps, false)) < 0)
				return error;
			if ((error = push_frame(ps, '(')) < 0)
				return error;
			if (ps->fn_pending && (error = fn_begin(ps)) < 0)
				return error;
			continue;
		case TK_RPAREN:
			if (ps->mode == M_ARRAY) {
				if ((error = array_end(ps)) < 0)
					return error;
				continue;
			}
			if (ps->mode == M_DBRACKET)
				continue;
			if (ps->mode == M_CASE_PAT) {
				ps->mode = M_NORMAL;
				continue;
			}
			if ((error = finish(ps, false)) < 0)
				return error;
			if ((error = pop_frame(ps, '(', t.start)) < 0)
				return error;
			continue;
		case TK_EOF:
			if ((error = finish(ps, false)) < 0)
				return error;
			return heredocs_deliver(ps, true);
		}
	}
}

/* `scope`: the variables the text reads and sets (a loop's body, a
 * function's call); NULL: a scope of its own inside the parent's. */
static int parse_text(struct sh_ctx *g, struct sh_src *parent, const char *s,
		      size_t n, int depth, const struct strlist *via,
		      const struct strlist *in_from, struct sh_vars *scope)
{
	struct sh_vars vars;
	struct sh_src src;
	struct parser ps;
	static const struct strlist none = { NULL, 0, 0 };
	int error;

	if (depth > CV_MAX_SHELL_DEPTH)
		return diag_set(g->d, CV_ETOOBIG,
				"shell nesting deeper than %d",
				CV_MAX_SHELL_DEPTH);
	memset(&vars, 0, sizeof(vars));
	vars.up = parent ? parent->vars : NULL;
	memset(&src, 0, sizeof(src));
	src.g = g;
	src.s = s;
	src.n = n;
	src.depth = depth;
	src.vars = scope ? scope : &vars;
	src.via = via ? via : &none;
	src.in_from = in_from ? in_from : &none;
	if (g->pos_pending) {
		g->pos_pending = false;
		if ((error = shl_set_positional(&src, g->posv, g->posn)) < 0)
			return error;
	}
	memset(&ps, 0, sizeof(ps));
	ps.p = &src;
	ps.base = *src.in_from;
	ps.base.cap = ps.base.n;
	ps.pipe_in = ps.base;
	ps.stage_start = g->out->n;
	error = parse_program(&ps);
	if (error >= 0 && !parent)
		error = uncalled(&src);
	g->sub_out = ps.nstmt == 1 ? ps.last_out : NULL;
	g->sub_unknown = ps.nstmt == 1 && ps.last_unknown;
	return error;
}

int shp_parse_sub(struct sh_src *parent, const char *s, size_t n,
		  const struct strlist *via, const struct strlist *in_from)
{
	return parse_text(parent->g, parent, s, n, parent->depth + 1, via,
			  in_from, NULL);
}

int shp_parse_here(struct sh_src *parent, const char *s, size_t n,
		   const struct strlist *in_from)
{
	int error;

	if ((error = replay_budget(parent, n)) < 0)
		return error;
	return parse_text(parent->g, parent, s, n, parent->depth + 1,
			  parent->via, in_from, parent->vars);
}

/* Functions never called by their name when a command computed at run
 * time could call them ($CMD, eval "$X"): judged as if called with
 * unknown arguments. */
static int uncalled(struct sh_src *top)
{
	struct sh_ctx *g = top->g;
	size_t i, n = g->out->n;
	bool dyn = false;
	int error;

	for (i = 0; i < g->nfuncs; i++)
		if (!g->funcs[i].alias && g->funcs[i].body &&
		    !g->funcs[i].called)
			break;
	if (i == g->nfuncs)
		return 0;
	for (i = 0; i < n && !dyn; i++)
		dyn = g->out->v[i]->program_dynamic ||
		      (g->out->v[i]->program &&
		       !strcmp(g->out->v[i]->program, SH_MARK_EXEC));
	for (i = 0; dyn && i < g->nfuncs; i++) {
		struct sh_func *f = &g->funcs[i];

		if (f->alias || !f->body || f->called)
			continue;
		f->active = 1;	/* unknown arguments */
		error = shp_call(top, f, NULL, 0, NULL);
		f->active = 0;
		if (error < 0)
			return error;
	}
	return 0;
}

int shell_parse(struct subject_list *out, struct arena *a,
		const struct shell_env *env, const char *text, size_t len,
		struct diag *d)
{
	static const struct shell_env noenv = { 0 };
	struct sh_ctx g;

	memset(&g, 0, sizeof(g));
	g.out = out;
	g.a = a;
	g.env = env ? env : &noenv;
	g.d = d;
	g.cwd = g.env->cwd;
	if (g.env->home) {
		g.home_len = strlen(g.env->home);
		while (g.home_len > 1 && g.env->home[g.home_len - 1] == '/')
			g.home_len--;
	}
	return parse_text(&g, NULL, text ? text : "", text ? len : 0, 0,
			  NULL, NULL, NULL);
}
