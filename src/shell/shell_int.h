/* shell_int.h - private interface between shell_lex, shell_parse and
 * shell_norm.  Not for other modules: they use shell.h.
 * A struct sh_src is one text being parsed (the tool call's command, the
 * inside of a $( ), a `bash -c` string, a here-doc fed to a shell); nested
 * texts are parsed by recursion that is bounded by CV_MAX_SHELL_DEPTH, and
 * everything they allocate lives in the request's arena. */
#ifndef CV_SHELL_INT_H
#define CV_SHELL_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "shell/shell.h"
#include "shell/subject.h"

/* Placeholders left in a word where bash would substitute text we do not
 * know.  A nested parse that meets "$(…)" again must not treat the "…" as
 * a command, so the text is shared. */
#define SH_ELLIPSIS "\xe2\x80\xa6"

/* Scratch text, grown in the arena by doubling: no per-character malloc. */
struct sh_str {
	char *v;
	size_t n, cap;
};

enum sh_tok_type {
	TK_EOF, TK_WORD, TK_NL, TK_SEMI, TK_AMP, TK_AND, TK_OR, TK_PIPE,
	TK_PIPEAMP, TK_LPAREN, TK_RPAREN, TK_DSEMI, TK_REDIR,
};

enum sh_redir_kind {
	RK_IN, RK_OUT, RK_APPEND, RK_INOUT, RK_ALLOUT, RK_ALLAPPEND,
	RK_DUPOUT, RK_DUPIN, RK_HEREDOC, RK_HEREDOC_TABS, RK_HERESTR,
};

#define SW_QUOTED	1u	/* some part was quoted or escaped */
#define SW_DYN		2u	/* unresolved $VAR, ${ }, $( ), ` ` */
#define SW_SUBST	4u	/* contains a command/process substitution */
#define SW_GLOB		8u	/* an unquoted pattern */
#define SW_MATCHED	32u	/* a path an unquoted pattern matched */
#define SW_TILDE_Q	16u	/* starts with a quoted '~': not the home */

/* Per byte of a word's value: how bash will treat it after quote
 * removal (shell_expand.c).  Only brace, tilde, splitting and pathname
 * expansion look at it, so a word with none of their characters has no
 * mask (NULL). */
#define SHM_Q	0	/* quoted or escaped: literal */
#define SHM_L	1	/* unquoted, from the source text */
#define SHM_X	2	/* unquoted, the result of an expansion */
#define SHM_S	3	/* between two parameters of "$@": a word break */
/* Between two positional parameters in the value of $@; where lex_dollar
 * writes one into a word, its mask byte is SHM_S. */
#define SH_ARGSEP	"\x01"

struct sh_word {
	const char *val;	/* quotes removed, known variables expanded */
	size_t len;
	size_t start, end;	/* source offsets */
	unsigned flags;
	const unsigned char *mask;	/* SHM_* per byte of val, or NULL */
	struct strlist progs;	/* programs substituted into the word */
};

struct sh_tok {
	enum sh_tok_type type;
	enum sh_redir_kind rk;	/* TK_REDIR */
	size_t start, end;
	struct sh_word w;	/* TK_WORD */
};

struct sh_redir {
	enum sh_redir_kind kind;
	struct sh_word target;	/* file, fd, here-doc delimiter or string */
	size_t heredoc;		/* index into sh_src.hd for RK_HEREDOC* */
};

struct sh_cmd {
	struct sh_word *w;
	size_t nw, capw;
	struct sh_redir *r;
	size_t nr, capr;
	size_t start, end;	/* source slice */
	bool started;
};

struct sh_vars {
	const struct sh_vars *up;	/* enclosing scope, looked up too */
	const char **name, **val;
	size_t n, cap;
	/* A function's scope: its positional parameters and `local`
	 * names; other assignments go to the scope that called it. */
	bool fn;
};

/* A function defined in the call (name() { ...; }): its body's text,
 * inlined where it is called with the call's arguments as $1..; an
 * alias (alias name='text'): its text, put in place of the name. */
struct sh_func {
	const char *name;
	const char *body;
	size_t len;
	int active;		/* calls of it being inlined now */
	bool called;
	bool alias;
};

/* A here-doc waiting for its body (read after the next newline). */
struct sh_heredoc {
	const char *delim;
	bool strip_tabs, quoted, have_body, done;
	const char *body;
	size_t body_len;
	struct subject *subj;	/* the command that reads it, once known */
	struct subject *pipe_to;	/* `cat <<EOF | sh`: the shell */
	bool owner_set;
};

/* A file written earlier in the call (shell_files.c). */
struct sh_file {
	const char *path;	/* normalised */
	const char *text;	/* NULL: what was written is not known */
	const struct subject *by;
};

struct sh_ctx {
	struct subject_list *out;
	struct arena *a;
	const struct shell_env *env;
	struct diag *d;
	size_t home_len;
	struct sh_file *files;
	size_t nfiles, capfiles;
	bool files_full;
	/* What the text parsed last writes to stdout, when known: the
	 * value of `"$(echo ... | base64 -d)"`. */
	const char *sub_out;
	bool sub_unknown;
	size_t made;	/* bytes produced, see shl_budget() */
	/* The working directory as statements run (cd, pushd, popd): NULL
	 * once a cd went somewhere computed at run time. */
	const char *cwd, *oldcwd;
	const char *dirstack[8];
	size_t ndirs;
	bool sub_pure;		/* sub_out made by echo/printf/pwd... only */
	/* Positional parameters for the next text parsed (`bash -c STR
	 * $0 $1 ...`), consumed by it. */
	const char *const *posv;
	size_t posn;
	bool pos_pending;
	/* shell_expand.c: the passwd database, read once when needed. */
	const char *passwd;
	bool passwd_read;
	size_t dirents;		/* directory entries read for globs */
	/* Functions and aliases defined so far (shell_parse.c);
	 * funcs_full: one was not recorded, so an unknown name may be
	 * one. */
	struct sh_func *funcs;
	size_t nfuncs, capfuncs;
	bool funcs_full, expand_aliases;
	bool vars_full;		/* a scope's table overflowed */
	/* A dotenv sourced earlier (`source .env`): its values are in
	 * unknown variables; printing or sending one reads it. */
	const char *dotenv;
	size_t replays;		/* bodies re-read, see CV_MAX_REPLAYS */
	size_t nph;		/* placeholders written for unknown values */
	/* NAME=value of every `export NAME=value` so far, for the
	 * environment of later commands (subject.env). */
	struct strlist exported;
	/* The command being emitted reads a pipe: what the stage before
	 * wrote (NULL: unknown), and that stage (xargs items). */
	bool piped, pipe_unknown;
	const char *pipe_text;
	const struct subject *pipe_prev;
	const struct subject *found_by;	/* see subject.found_by */
};

struct sh_src {
	struct sh_ctx *g;
	const char *s;
	size_t n, pos;
	int depth;
	struct sh_vars *vars;
	const struct strlist *via;	/* wrappers around this whole text */
	const struct strlist *in_from;	/* what feeds this whole text */
	struct sh_str scratch;
	struct sh_str mscratch;		/* the mask being built, SHM_* */
	size_t *seps;			/* offsets of "$@" breaks in it */
	size_t nseps, capseps;
	struct sh_heredoc *hd;
	size_t nhd, caphd, hd_next;	/* hd_next: first without a body */
};

/* shell_lex.c */
int shl_next(struct sh_src *p, struct sh_tok *t);
void shl_skip_blanks(struct sh_src *p);
bool shl_at_arith(const struct sh_src *p);
int shl_skip_arith(struct sh_src *p);
/* Expands a here-doc body as bash would (no quote removal): finds the
 * commands substituted into it; *outp gets the expanded text. */
int shl_expand_body(struct sh_src *p, const char *s, size_t n,
		    struct strlist *progs, const char **outp);
int shl_var_set(struct sh_src *p, const char *name, size_t nlen,
		const char *val);
/* As shl_var_set, in the current scope even in a function (`local`). */
int shl_var_local(struct sh_src *p, const char *name, size_t nlen,
		  const char *val);
void shl_incomplete(struct sh_src *p, const char *why);
int shl_str_put(struct sh_src *p, struct sh_str *b, const char *s, size_t n);
/* Counts n more bytes of text produced (words, expanded values, here-doc
 * bodies, decoded or concatenated values); past CV_MAX_SHELL_BYTES in one
 * call it is CV_ETOOBIG ("too large to judge"), and stays so. */
int shl_budget(struct sh_src *p, size_t n);

/* Looks up a variable: assigned in this text or an enclosing one, a
 * positional parameter, or HOME / PWD from the environment.  NULL when
 * the value is not known. */
const char *shl_var_get(const struct sh_src *p, const char *name, size_t n);
/* Whether the text assigned `name` (known or not), or the table of names
 * overflowed: the environment's value no longer holds. */
bool shl_var_assigned(const struct sh_src *p, const char *name, size_t n);
/* Sets the positional parameters $0.. of the current scope. */
int shl_set_positional(struct sh_src *p, const char *const *v, size_t n);

/* shell_parse.c */
int shp_parse_sub(struct sh_src *parent, const char *s, size_t n,
		  const struct strlist *via, const struct strlist *in_from);
/* Text that runs in the parent's shell and scope (an alias's expansion):
 * counts as a body re-read (CV_MAX_REPLAYS). */
int shp_parse_here(struct sh_src *parent, const char *s, size_t n,
		   const struct strlist *in_from);
/* The function or alias `name` (n bytes) if one is defined, else NULL. */
struct sh_func *shp_func(struct sh_ctx *g, const char *name, size_t n,
			 bool alias);
/* Records a function or alias; a full table sets funcs_full. */
int shp_define(struct sh_src *p, const char *name, const char *body,
	       size_t len, bool alias);
/* A call of function f with arguments argv[0..argc) (NULL: unknown):
 * its body parsed with them as $1.., in a scope of its own whose
 * assignments reach the caller, as bash does. */
int shp_call(struct sh_src *p, struct sh_func *f, const char *const *argv,
	     size_t argc, const struct strlist *in_from);
int shp_collect(struct sh_src *p, size_t from, struct strlist *progs);
int sh_push_unique(struct strlist *l, struct arena *a, const char *s);

/* shell_norm.c */
enum interp {
	I_NONE, I_PYTHON, I_PERL, I_RUBY, I_NODE, I_DENO, I_PHP, I_LUA,
	I_R, I_OSA, I_PWSH, I_AWK,
};
enum interp shn_interp(const char *program);
int shn_emit(struct sh_src *p, struct sh_cmd *c,
	     const struct strlist *in_from, struct subject **final);
/* 1: reads its stdin as shell, 2: as interpreter code, 3: as a makefile
 * (make -f -), 0: none of these. */
int shn_stdin_kind(const struct subject *s);

/* shell_inline.c: inline code of other languages.  shi_code() records
 * `code` as s's inline code and, for a language it reads, turns what the
 * code does (shell-outs, file and network operations) into subjects.
 * shi_marker() adds a subject the rules ask about: SH_MARK_EXEC for a
 * command computed at run time, SH_MARK_PATH for a destructive file
 * operation on a computed path.  Both names cannot be typed as a command
 * without quotes. */
#define SH_MARK_EXEC	"'<computed-exec>'"
#define SH_MARK_PATH	"'<computed-path>'"
int shi_code(struct sh_src *p, struct subject *s, const char *code);
int shi_marker(struct sh_src *p, struct subject *s, const char *marker);
/* As shi_code, for code run by `program` (a script's #! line). */
int shi_code_as(struct sh_src *p, struct subject *s, const char *program,
		const char *code);

/* shell_files.c: files written earlier in the call.  shf_written()
 * records s's output files (text NULL: unknown content), shf_body() gives
 * the files s writes the here-doc body it reads, shf_proc_subst() records
 * a <( ) of known output, shf_run() judges s when it runs one of them. */
#define SH_PROCSUBST	"<(\xe2\x80\xa6)"
int shf_written(struct sh_src *p, const struct subject *s, const char *text,
		bool unknown);
int shf_body(struct sh_src *p, const struct subject *s, const char *body);
int shf_proc_subst(struct sh_src *p, const char *text, bool unknown);
int shf_run(struct sh_src *p, struct subject *s, const char *raw);

/* shell_sinks.c: commands a program runs from its options, config keys
 * or script (git -c alias.x='!cmd', sed e, tar --to-command, vim -c '!'):
 * shs_run() parses them as shell run by s; shs_makefile() does it for the
 * recipes of a makefile s reads as text (make -f - <<EOF). */
int shs_run(struct sh_src *p, struct subject *s);
int shs_makefile(struct sh_src *p, struct subject *s, const char *mk);

/* shell_files.c: the text the call wrote to `path` (normalised like a
 * word): *text NULL and *unknown false when it did not write it, *unknown
 * when it wrote something that cannot be known (a download). */
int shf_text(struct sh_src *p, const char *path, const char **text,
	     bool *unknown);

/* shell_db.c: database clients.  shdb_args() judges the statements s is
 * given in its argv (and the files it reads), shdb_stdin() is 2 when s
 * reads statements from stdin, shdb_code() judges such a text. */
bool shdb_client(const char *program);
int shdb_args(struct sh_src *p, struct subject *s);
int shdb_stdin(const struct subject *s);
int shdb_code(struct sh_src *p, struct subject *s, const char *text);

/* shell_expand.c: the expansions bash makes after parsing, on words
 * whose mask says they apply: braces, tilde forms, field splitting of
 * unquoted expansions, pathname expansion (bounded readdir under the
 * cwd).  *out gets the resulting words (n of them). */
int shx_expand(struct sh_src *p, const struct sh_word *in, size_t nin,
	       struct sh_word **out, size_t *nout);
/* Bash's pattern matching (extglob off); `path`: wildcards do not match
 * '/', a leading '.' must be matched literally. */
bool shx_match(const char *pat, size_t pn, const char *s, size_t sn,
	       bool path);
/* A value to store (an assignment, `set --`, a loop's list, an array):
 * its unquoted tilde prefixes replaced by the directory they name, as
 * bash does before storing it, so that a later "$v" is that directory
 * and not a file named "~".  `assign`: also after each unquoted ':'
 * (PATH=~/bin:~/x).  `m` is the word's mask (SHM_*), NULL for none. */
int shx_value(struct sh_src *p, const char *v, const unsigned char *m,
	      bool assign, const char **outp);
/* The value a word gives a variable (a loop's value, an argument bound
 * to $1, `set --`): shx_value() of a word fresh from the lexer, and for
 * one shx_expand() made, its leading unquoted "~" as the home. */
int shx_word_value(struct sh_src *p, const struct sh_word *w,
		   const char **outp);
/* The home of `user` in the passwd database, or NULL. */
const char *shx_user_home(struct sh_src *p, const char *user, size_t n);

/* shell_decode.c: decoders, NULL when the input is not what they read or
 * the output would exceed CV_MAX_DECODE_BYTES. */
const char *shd_base64(struct arena *a, const char *s, size_t n,
		       size_t *outn);
const char *shd_hex(struct arena *a, const char *s, size_t n, size_t *outn);
const char *shd_reverse(struct arena *a, const char *s, size_t n);
const char *shd_rot13(struct arena *a, const char *s, size_t n);
const char *shd_tr(struct arena *a, const char *set1, const char *set2,
		   const char *s, size_t n);
const char *shd_escapes(struct arena *a, const char *s, size_t n, bool echo);
/* What pipeline stage s writes when it reads `in` (NULL: unknown or
 * nothing): echo/printf text, a decoder's output, cat's input.  *unknown
 * is set when s is a decoder of input we could not see. */
const char *shd_stage_output(struct sh_src *p, const struct subject *s,
			     const char *in, bool in_unknown, bool *unknown);

#endif
