/* shell_parse.c - bash grammar, read just far enough to find every simple
 * command: lists, pipelines, subshells, groups, reserved-word constructs,
 * functions, here-docs.
 * Security invariants: every word that bash could run as a command is
 * either emitted as a subject or consumed by a construct whose words are
 * never run (for-lists, case patterns, [[ ]]) - and substitutions in those
 * words are still parsed by the lexer.  The grammar is a flat state machine
 * with an explicit stack of open constructs, so input size never turns into
 * C recursion; only nested texts recurse, bounded by CV_MAX_SHELL_DEPTH. */
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
};

struct frame {
	char kind;			/* '(' '{' 'c' (case) */
	struct strlist pipe_saved;	/* what fed the construct */
	size_t stage_saved;
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
	bool prev_unknown;		/* a decoder of unseen input */
	bool after_pipe;
	/* What the last statement writes, and how many there were: the
	 * output of a $( ) with one pipeline is known (shell_decode.c). */
	const char *last_out;
	bool last_unknown;
	size_t nstmt;
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
	return diag_set(p->g->d, CV_ENOMEM, "out of memory");
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

static int push_frame(struct parser *ps, char kind)
{
	struct frame *f;

	f = arena_grow(ps->p->g->a, ps->st, &ps->capst, sizeof(*f),
		       ps->nst + 1);
	if (!f)
		return diag_set(ps->p->g->d, CV_ENOMEM, "out of memory");
	ps->st = f;
	f = &ps->st[ps->nst++];
	f->kind = kind;
	f->pipe_saved = share(&ps->pipe_in);
	f->stage_saved = ps->stage_start;
	return 0;
}

static void pop_frame(struct parser *ps, char kind)
{
	struct frame *f;

	if (ps->nst == 0 || ps->st[ps->nst - 1].kind != kind)
		return;
	f = &ps->st[--ps->nst];
	ps->pipe_in = share(&f->pipe_saved);
	ps->stage_start = f->stage_saved;
}

static struct strlist *base_of(struct parser *ps)
{
	return ps->nst ? &ps->st[ps->nst - 1].pipe_saved : &ps->base;
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
	return diag_set(p->g->d, CV_ENOMEM, "out of memory");
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
		return diag_set(ps->p->g->d, CV_ENOMEM, "out of memory");
	c->w = v;
	c->w[c->nw++] = *w;
	return 0;
}

static void cmd_touch(struct parser *ps, size_t start, size_t end)
{
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
				return diag_set(p->g->d, CV_ENOMEM,
						"out of memory");
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
			return diag_set(p->g->d, CV_ENOMEM, "out of memory");
	}
	if (!r)
		return 0;
	n = strlen(r);
	if (!(o = arena_alloc(p->g->a, n + 2)))
		return diag_set(p->g->d, CV_ENOMEM, "out of memory");
	memcpy(o, r, n);
	o[n] = '\n';
	o[n + 1] = '\0';
	*outp = o;
	return 0;
}

/* Ends the current simple command; `pipe` says a | follows. */
static int finish(struct parser *ps, bool pipe)
{
	struct sh_src *p = ps->p;
	struct sh_cmd *c = &ps->cmd;
	struct subject *final = NULL;
	const char *input, *outp;
	bool in_unk, unk = false;
	size_t i;
	int error = 0;

	if (c->nw || c->nr) {
		struct strlist in = share(&ps->pipe_in);

		error = shn_emit(p, c, &in, &final);
		if (error < 0)
			return error;
		if (ps->after_pipe && (error = feed_from_pipe(ps, final)) < 0)
			return error;
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
			in_unk = false;
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
	if (pipe) {
		ps->prev_text = outp;
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
				return diag_set(p->g->d, CV_ENOMEM,
						"out of memory");
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
	} else {
		ps->pipe_in = share(base_of(ps));
	}
	ps->stage_start = p->g->out->n;
	return 0;
}

static int add_redir(struct parser *ps, const struct sh_tok *op,
		     const struct sh_tok *target)
{
	struct sh_src *p = ps->p;
	struct sh_cmd *c = &ps->cmd;
	struct sh_redir *r;

	r = arena_grow(p->g->a, c->r, &c->capr, sizeof(*r), c->nr + 1);
	if (!r)
		return diag_set(p->g->d, CV_ENOMEM, "out of memory");
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
			return diag_set(p->g->d, CV_ENOMEM, "out of memory");
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
		"!", "if", "then", "elif", "else", "fi", "do", "done",
		"while", "until", NULL,
	};
	size_t i;

	*used = true;
	for (i = 0; skip[i]; i++)
		if (word_is(w, skip[i]))
			return 0;
	if (word_is(w, "{"))
		return push_frame(ps, '{');
	if (word_is(w, "}")) {
		pop_frame(ps, '{');
		return 0;
	}
	if (word_is(w, "case")) {
		ps->mode = M_CASE_WORD;
		return push_frame(ps, 'c');
	}
	if (word_is(w, "esac")) {
		pop_frame(ps, 'c');
		return 0;
	}
	if (word_is(w, "for") || word_is(w, "select")) {
		shl_skip_blanks(ps->p);
		if (shl_at_arith(ps->p))
			return shl_skip_arith(ps->p);
		ps->mode = M_FOR_NAME;
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
		struct sh_src *p = ps->p;
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
					pop_frame(ps, 'c');
					ps->mode = M_NORMAL;
				}
				continue;
			case M_FOR_NAME:
				ps->mode = M_FOR_IN;
				continue;
			case M_FOR_IN:
				ps->mode = word_is(&t.w, "in") ? M_FOR_WORDS
							       : M_NORMAL;
				continue;
			case M_FOR_WORDS:
				continue;
			case M_FUNC_NAME:
				ps->mode = M_NORMAL;
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
			if ((error = finish(ps, false)) < 0)
				return error;
			heredocs_read(p);
			if ((error = heredocs_deliver(ps, false)) < 0)
				return error;
			if (ps->mode == M_FOR_WORDS || ps->mode == M_FOR_IN)
				ps->mode = M_NORMAL;
			continue;
		case TK_SEMI:
		case TK_AMP:
		case TK_AND:
		case TK_OR:
			if (ps->mode == M_DBRACKET)
				continue;
			if ((error = finish(ps, false)) < 0)
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
			if (ps->cmd.nw == 1 && !ps->cmd.nr) {
				/* name () body: a function definition. */
				size_t save = p->pos;

				if ((error = shl_next(p, &t2)) < 0)
					return error;
				if (t2.type == TK_RPAREN) {
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
			continue;
		case TK_RPAREN:
			if (ps->mode == M_DBRACKET)
				continue;
			if (ps->mode == M_CASE_PAT) {
				ps->mode = M_NORMAL;
				continue;
			}
			if ((error = finish(ps, false)) < 0)
				return error;
			pop_frame(ps, '(');
			continue;
		case TK_EOF:
			if ((error = finish(ps, false)) < 0)
				return error;
			return heredocs_deliver(ps, true);
		}
	}
}

static int parse_text(struct sh_ctx *g, struct sh_src *parent, const char *s,
		      size_t n, int depth, const struct strlist *via,
		      const struct strlist *in_from)
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
	src.vars = &vars;
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
	g->sub_out = ps.nstmt == 1 ? ps.last_out : NULL;
	g->sub_unknown = ps.nstmt == 1 && ps.last_unknown;
	return error;
}

int shp_parse_sub(struct sh_src *parent, const char *s, size_t n,
		  const struct strlist *via, const struct strlist *in_from)
{
	return parse_text(parent->g, parent, s, n, parent->depth + 1, via,
			  in_from);
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
			  NULL, NULL);
}
