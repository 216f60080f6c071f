/* shell_files.c - files written earlier in the same call, and run later:
 * `cat > x.py <<EOF ... EOF; python3 x.py`, `echo '...' > s.sh && bash s.sh`,
 * `printf ... > run.sh; chmod +x run.sh; ./run.sh`, `source <(echo ...)`.
 * What a command writes to a path is remembered (the text when it is known,
 * "unknown" otherwise: `curl ... > i.sh`), and when that path is run as a
 * script, sourced or given to an interpreter, the remembered text is judged
 * as the code it is.
 * Security invariants: a script whose content is unknown, or a path written
 * after the table filled up (CV_MAX_WRITTEN_FILES), is run as a command
 * computed at run time (ask), never as nothing.  Running a script parses
 * it one level deeper, so a script that runs itself ends at
 * CV_MAX_SHELL_DEPTH (deny). */
#include <string.h>

#include "shell/shell_int.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/diag.h"

static int remember(struct sh_src *p, const struct subject *by,
		    const char *path, const char *text, bool append)
{
	struct sh_ctx *g = p->g;
	struct sh_file *f;
	size_t i;

	if (!path || !*path || !strncmp(path, "/dev/", 5))
		return 0;
	for (i = 0; i < g->nfiles; i++) {
		f = &g->files[i];
		if (strcmp(f->path, path))
			continue;
		if (append && f->text && text) {
			size_t a = strlen(f->text), b = strlen(text);
			char *t;

			if (a + b > CV_MAX_DECODE_BYTES) {
				f->text = NULL;
			} else {
				if (!(t = arena_alloc(g->a, a + b + 1)))
					goto nomem;
				memcpy(t, f->text, a);
				memcpy(t + a, text, b + 1);
				f->text = t;
			}
		} else {
			f->text = append && !f->text ? NULL : text;
		}
		f->by = by;
		return 0;
	}
	if (g->nfiles >= CV_MAX_WRITTEN_FILES) {
		g->files_full = true;
		return 0;
	}
	f = arena_grow(g->a, g->files, &g->capfiles, sizeof(*f),
		       g->nfiles + 1);
	if (!f)
		goto nomem;
	g->files = f;
	f = &g->files[g->nfiles++];
	f->path = path;
	f->text = text;
	f->by = by;
	return 0;
nomem:
	return diag_nomem(g->d);
}

/* A path written by a program whose output we do not follow (a
 * compiler, `cat a > b`) is forgotten: running it is running a local
 * program.  Downloads and undecoded decoder output are remembered as
 * unknown, so running them asks. */
static void forget(struct sh_ctx *g, const char *path)
{
	size_t i;

	for (i = 0; i < g->nfiles; i++)
		if (!strcmp(g->files[i].path, path))
			g->files[i].path = "";
}

int shf_written(struct sh_src *p, const struct subject *s, const char *text,
		bool unknown)
{
	bool fetch;
	size_t k;
	int error;

	if (!s)
		return 0;
	fetch = !s->program_dynamic && (!strcmp(s->program, "curl") ||
					!strcmp(s->program, "wget"));
	for (k = 0; k < s->nredirects; k++) {
		const struct redirect *r = &s->redirects[k];

		if (r->op != REDIR_OUT && r->op != REDIR_APPEND)
			continue;
		if (!text && !unknown && !fetch && strcmp(s->program, "cat") &&
		    strcmp(s->program, "tee")) {
			forget(p->g, r->target);
			continue;
		}
		if ((error = remember(p, s, r->target, text,
				      r->op == REDIR_APPEND)) < 0)
			return error;
	}
	/* tee FILE, curl -o FILE, wget -O FILE */
	if (!s->program_dynamic && !strcmp(s->program, "tee"))
		for (k = 0; k < s->args.n; k++)
			if (s->args.v[k][0] != '-' &&
			    (error = remember(p, s, s->args.v[k], text,
					      false)) < 0)
				return error;
	if (fetch)
		for (k = 0; k + 1 < s->args.n; k++)
			if ((!strcmp(s->args.v[k], "-o") ||
			     !strcmp(s->args.v[k], "--output") ||
			     !strcmp(s->args.v[k], "-O")) &&
			    (error = remember(p, s, s->args.v[k + 1], NULL,
					      false)) < 0)
				return error;
	return 0;
}

int shf_body(struct sh_src *p, const struct subject *s, const char *body)
{
	struct sh_ctx *g = p->g;
	size_t i;

	for (i = 0; i < g->nfiles; i++)
		if (g->files[i].by == s)
			g->files[i].text = body;
	return 0;
}

static const struct sh_file *lookup(struct sh_ctx *g, const char *path)
{
	size_t i;

	for (i = g->nfiles; i-- > 0;)
		if (!strcmp(g->files[i].path, path))
			return &g->files[i];
	return NULL;
}

int shf_text(struct sh_src *p, const char *path, const char **text,
	     bool *unknown)
{
	struct sh_ctx *g = p->g;
	const struct sh_file *f;
	const char *norm;

	*text = NULL;
	*unknown = false;
	if (!g->nfiles && !g->files_full)
		return 0;
	if (!(norm = shell_norm_path(g->a, g->env, path)))
		return diag_set(g->d, CV_ENOMEM, "out of memory");
	if (!(f = lookup(g, norm)) && !(f = lookup(g, path))) {
		/* written after the table filled up: not known */
		*unknown = g->files_full;
		return 0;
	}
	if (!f->text)
		*unknown = true;
	*text = f->text;
	return 0;
}

/* Every <( ) reads as the same placeholder, so two that differ are
 * one file of unknown content. */
int shf_proc_subst(struct sh_src *p, const char *text, bool unknown)
{
	const struct sh_file *f = lookup(p->g, SH_PROCSUBST);

	if (!text && !unknown)
		return 0;	/* <(kubectl completion bash): a program */
	if (f && (!f->text || !text || strcmp(f->text, text)))
		unknown = true;
	return remember(p, NULL, SH_PROCSUBST, unknown ? NULL : text, false);
}

/* The interpreter a script names on its #! line, or NULL for shell. */
static const char *shebang(struct arena *a, const char *text)
{
	const char *e, *b, *w;

	if (strncmp(text, "#!", 2))
		return NULL;
	e = strchr(text, '\n');
	if (!e)
		e = text + strlen(text);
	for (b = text + 2; b < e && (*b == ' ' || *b == '\t'); b++)
		;
	for (w = b; w < e && *w != ' ' && *w != '\t'; w++)
		;
	/* #!/usr/bin/env python3 */
	if (w - b >= 3 && !memcmp(w - 3, "env", 3) && w < e) {
		for (b = w; b < e && (*b == ' ' || *b == '\t'); b++)
			;
		for (w = b; w < e && *w != ' ' && *w != '\t'; w++)
			;
	}
	{
		const char *n = w;

		while (n > b && n[-1] != '/')
			n--;
		return arena_strndup(a, n, (size_t)(w - n));
	}
}

/* The script operand of `sh FILE`, `python3 FILE`, `. FILE`, `./FILE`. */
static const char *script_of(const struct subject *s, const char *raw,
			     bool *shell)
{
	const struct strlist *a = &s->args;
	enum interp it;
	size_t k;

	*shell = true;
	if (strchr(raw, '/'))
		return raw;
	if (!strcmp(s->program, "source") || !strcmp(s->program, "."))
		return a->n ? a->v[0] : NULL;
	it = shn_interp(s->program);
	if (shn_stdin_kind(s) == 0 && it == I_NONE) {
		/* a shell with a file operand (and no -c) */
		static const char *const sh[] = {
			"sh", "bash", "dash", "zsh", "ksh", "ash", "mksh",
			NULL,
		};
		size_t i;

		for (i = 0; sh[i] && strcmp(sh[i], s->program); i++)
			;
		if (!sh[i])
			return NULL;
		for (k = 0; k < a->n; k++) {
			if (a->v[k][0] == '-' && strchr(a->v[k], 'c'))
				return NULL;
			if (!strcmp(a->v[k], "-o") || !strcmp(a->v[k], "-O"))
				k++;
			else if (a->v[k][0] != '-' && a->v[k][0] != '+')
				return a->v[k];
		}
		return NULL;
	}
	if (it == I_NONE || it == I_AWK || s->code.n)
		return NULL;
	*shell = false;
	for (k = 0; k < a->n; k++) {
		const char *x = a->v[k];

		if (!strcmp(x, "-m"))
			return NULL;
		if (!strcmp(x, "-W") || !strcmp(x, "-X") || !strcmp(x, "-r") ||
		    !strcmp(x, "--require") || !strcmp(x, "-I"))
			k++;
		else if (x[0] != '-')
			return x;
	}
	return NULL;
}

/* The start-up file bash reads before its script: $BASH_ENV (a shell
 * that is not interactive), --rcfile / --init-file FILE (one that is). */
static const char *startup_of(const struct subject *s)
{
	size_t k;

	if (s->program_dynamic || strcmp(s->program, "bash"))
		return NULL;
	for (k = s->env.n; k-- > 0;)
		if (!strncmp(s->env.v[k], "BASH_ENV=", 9) && s->env.v[k][9])
			return s->env.v[k] + 9;
	for (k = 0; k + 1 < s->args.n; k++)
		if (!strcmp(s->args.v[k], "--rcfile") ||
		    !strcmp(s->args.v[k], "--init-file"))
			return s->args.v[k + 1];
	return NULL;
}

static int run_file(struct sh_src *p, struct subject *s, const char *path,
		    const char *raw, bool shell);

int shf_run(struct sh_src *p, struct subject *s, const char *raw)
{
	struct sh_ctx *g = p->g;
	const char *path, *start;
	bool shell;
	int error;

	if ((!g->nfiles && !g->files_full) || s->program_dynamic)
		return 0;
	/* BASH_ENV=FILE bash x.sh: FILE runs first, as shell. */
	if ((start = startup_of(s)) &&
	    (error = run_file(p, s, start, start, true)) < 0)
		return error;
	if (!(path = script_of(s, raw, &shell)))
		return 0;
	return run_file(p, s, path, raw, shell);
}

static int run_file(struct sh_src *p, struct subject *s, const char *path,
		    const char *raw, bool shell)
{
	struct sh_ctx *g = p->g;
	const struct sh_file *f;
	const char *norm, *lang;
	struct strlist via = { NULL, 0, 0 };
	size_t k;

	if (!(norm = shell_norm_path(g->a, g->env, path)))
		return diag_nomem(g->d);
	if (!(f = lookup(g, norm)) && !(f = lookup(g, path))) {
		if (g->files_full)
			return shi_marker(p, s, SH_MARK_EXEC);
		return 0;
	}
	if (!f->text)
		return shi_marker(p, s, SH_MARK_EXEC);
	if (!shell)
		return shi_code(p, s, f->text);
	lang = strchr(raw, '/') ? shebang(g->a, f->text) : NULL;
	if (lang && shn_interp(lang) != I_NONE)
		return shi_code_as(p, s, lang, f->text);
	for (k = 0; k < s->via.n; k++)
		if (strlist_push(&via, g->a, s->via.v[k]) < 0)
			return diag_nomem(g->d);
	if (sh_push_unique(&via, g->a, s->program) < 0)
		return diag_nomem(g->d);
	return shp_parse_sub(p, f->text, strlen(f->text), &via,
			     &s->input_from);
}
