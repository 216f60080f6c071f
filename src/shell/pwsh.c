/* pwsh.c - PowerShell read as sh: a translator in front of shell_parse().
 * The PowerShell text is tokenized and parsed here, and every command is
 * written out as the POSIX command with the same effect (Remove-Item
 * -Recurse -Force X -> rm -r -f -- 'X').  The sh parser then yields the
 * subjects that the rules and the effect engine already understand.
 * Security invariants:
 *  - every word is single-quoted ('\'' for a quote): sh sees the value as
 *    it is, and no PowerShell text can become sh syntax;
 *  - a value that cannot be known (unassigned variable, computed
 *    expression, subexpression that is not literal) is emitted as
 *    "$CCVETO_PS_UNKNOWN", dynamic for the sh layer (destructive => ask);
 *  - code that may run (script blocks, -Command, -EncodedCommand, iex of
 *    a literal, cmd /c) is translated too, as commands that run;
 *  - unbalanced quotes, braces or here-strings set `incomplete` (ask);
 *  - nesting beyond CV_MAX_SHELL_DEPTH, input or sh text beyond
 *    CV_MAX_PWSH_BYTES and work beyond CV_MAX_PWSH_WORK
 *    are CV_ETOOBIG (deny); a full variable table makes later variables
 *    unknown, never absent;
 *  - input is pointer + length: nothing past `len` is read; NUL and the
 *    marker bytes below in the input read as unknown.
 * Cost is linear in the text: static tables, no per-call setup. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shell/pwsh.h"
#include "util/arena.h"
#include "util/bounds.h"

#define NOMEM(d) diag_nomem(d)

/* Marker bytes inside a value: an unknown part, the home directory. */
#define PW_UNK	'\x01'
#define PW_HOME	'\x02'
#define UNKNOWN_SH "\"$CCVETO_PS_UNKNOWN\""

enum origin { O_NONE, O_FILE, O_WEB, O_BLOCK, O_HASH, O_BOOL };

struct phash;

/* One value.  s holds text with PW_UNK / PW_HOME markers; a script block
 * holds its PowerShell source; a hashtable its entries. */
struct pv {
	const char *s;
	size_t n;
	enum origin origin;
	const char *oarg;		/* O_FILE: path, O_WEB: url */
	const struct phash *h;		/* O_HASH */
	bool *ran;			/* O_BLOCK: set once it is read as
					 * commands */
};

/* A list of values (an array, or the values of one argument). */
struct pvs {
	struct pv *v;
	size_t n, cap;
};

struct phash {
	size_t n;
	bool over;			/* more keys than fit: unknown */
	const char *key[32];
	struct pvs val[32];
};

struct sb {
	char *p;
	size_t n, cap;
};

struct pvar {
	char name[64];
	struct pvs vals;
};

struct src {
	const char *p;
	size_t len, i;
};

struct pw {
	struct arena *a;
	const struct shell_env *env;
	struct diag *d;
	size_t total;
	int depth;
	bool incomplete;
	const char *base;		/* basename of env->home */
	size_t nbase;
	struct pvar *vars;		/* grown on first use: most calls
					 * assign nothing */
	size_t nvars, vcap;
	const char *dl[16];		/* files downloaded in this call */
	size_t ndl;
	struct pv *blocks;		/* every script block read, so that
					 * none goes unjudged */
	size_t nblocks, bcap;
};

/* ---- output and values ---- */

static int too_big(struct pw *w)
{
	return diag_set(w->d, CV_ETOOBIG, "PowerShell command larger than %u "
			"bytes, or more than %u bytes of work to read",
			CV_MAX_PWSH_BYTES, CV_MAX_PWSH_WORK);
}

/* Counts n bytes of output against CV_MAX_PWSH_WORK. */
static int charge(struct pw *w, size_t n)
{
	if (n > CV_MAX_PWSH_WORK || w->total + n > CV_MAX_PWSH_WORK)
		return too_big(w);
	w->total += n;
	return 0;
}

static int sb_put(struct pw *w, struct sb *b, const char *s, size_t n)
{
	int e;

	if ((e = charge(w, n)) < 0)
		return e;
	/* most texts are a word or a line: start at 48 bytes, not 8 */
	if (b->n + n + 1 > b->cap &&
	    !(b->p = arena_grow(w->a, b->p, &b->cap, 1, b->n + n + 1 < 48 &&
				!b->cap ? 48 : b->n + n + 1)))
		return NOMEM(w->d);
	if (n)
		memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
	return 0;
}

static int sb_str(struct pw *w, struct sb *b, const char *s)
{
	return sb_put(w, b, s, strlen(s));
}

static int sb_ch(struct pw *w, struct sb *b, char c)
{
	return sb_put(w, b, &c, 1);
}

static int pvs_push(struct pw *w, struct pvs *l, struct pv v)
{
	if (l->n + 1 > l->cap &&
	    !(l->v = arena_grow(w->a, l->v, &l->cap, sizeof(*l->v), l->n + 1)))
		return NOMEM(w->d);
	l->v[l->n++] = v;
	return 0;
}

static int pvs_cat(struct pw *w, struct pvs *l, const struct pvs *m)
{
	size_t i;
	int e;

	for (i = 0; m && i < m->n; i++)
		if ((e = pvs_push(w, l, m->v[i])) < 0)
			return e;
	return 0;
}

static struct pv pv_lit(const char *s, size_t n)
{
	struct pv v = { s, n, O_NONE, NULL, NULL, NULL };

	return v;
}

static const struct pv pv_unknown = { "\x01", 1, O_NONE, NULL, NULL, NULL };

static int push_unknown(struct pw *w, struct pvs *l)
{
	return pvs_push(w, l, pv_unknown);
}

static bool pv_known(const struct pv *v)
{
	return v->origin != O_BLOCK && v->origin != O_HASH &&
	       !memchr(v->s, PW_UNK, v->n);
}

/* One value from a list: the list joined by spaces, as PowerShell turns
 * an array into a string. */
static int pvs_join(struct pw *w, const struct pvs *l, struct pv *out)
{
	struct sb b = { 0 };
	size_t i;
	int e;

	if (l->n == 1) {
		*out = l->v[0];
		return 0;
	}
	if ((e = sb_put(w, &b, "", 0)) < 0)
		return e;
	for (i = 0; i < l->n; i++) {
		const struct pv *v = &l->v[i];

		if ((i && (e = sb_ch(w, &b, ' ')) < 0) ||
		    (e = v->origin == O_BLOCK || v->origin == O_HASH ?
			 sb_ch(w, &b, PW_UNK) : sb_put(w, &b, v->s, v->n)) < 0)
			return e;
	}
	*out = pv_lit(b.p, b.n);
	return 0;
}

/* ---- characters ---- */

static int at(const struct src *s, size_t k)
{
	return s->i + k < s->len ? (unsigned char)s->p[s->i + k] : -1;
}

/* Bytes of a Unicode quote or dash PowerShell accepts as ASCII: 3, or 0. */
static int uni(const struct src *s, const char *set)
{
	if (at(s, 0) == 0xe2 && at(s, 1) == 0x80 && at(s, 2) >= 0 &&
	    strchr(set, at(s, 2)))
		return 3;
	return 0;
}

static bool is_squote(const struct src *s)
{
	return at(s, 0) == '\'' || uni(s, "\x98\x99\x9a\x9b");
}

static bool is_dquote(const struct src *s)
{
	return at(s, 0) == '"' || uni(s, "\x9c\x9d\x9e");
}

static bool is_dash(const struct src *s)
{
	return at(s, 0) == '-' || uni(s, "\x93\x94\x95");
}

static size_t qlen(const struct src *s)
{
	return at(s, 0) < 0x80 ? 1 : 3;
}

/* Bytes of the blank at the cursor, 0 if none: PowerShell separates
 * words by every Unicode space (NBSP, U+2000-U+200A, U+3000 ...), so a
 * reader that took them for letters would see one unknown word where
 * PowerShell sees `Remove-Item ~`. */
static inline size_t space_len(const struct src *s)
{
	int c = at(s, 0), c1, c2;

	if (c == ' ' || c == '\t' || c == '\f' || c == '\v')
		return 1;
	if (c < 0xc2)
		return 0;
	c1 = at(s, 1);
	c2 = at(s, 2);
	if (c == 0xc2 && (c1 == 0xa0 || c1 == 0x85))
		return 2;
	if (c == 0xe2 && c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8a) ||
					 c2 == 0xaf || c2 == 0xa8 ||
					 c2 == 0xa9))
		return 3;
	if ((c == 0xe2 && c1 == 0x81 && c2 == 0x9f) ||
	    (c == 0xe3 && c1 == 0x80 && c2 == 0x80) ||
	    (c == 0xe1 && c1 == 0x9a && c2 == 0x80))
		return 3;
	return 0;
}

static bool is_space(const struct src *s)
{
	return space_len(s) != 0;
}

static bool is_nl(int c)
{
	return c == '\n' || c == '\r';
}

/* Skips blanks, comments and backtick line continuations; newlines too
 * when `nl`. */
static void skip_ws(struct pw *w, struct src *s, bool nl)
{
	for (;;) {
		int c = at(s, 0);

		if (is_space(s)) {
			s->i += space_len(s);
		} else if (c == '`' && is_nl(at(s, 1))) {
			s->i += at(s, 1) == '\r' && at(s, 2) == '\n' ? 3 : 2;
		} else if (nl && is_nl(c)) {
			s->i++;
		} else if (c == '<' && at(s, 1) == '#') {
			s->i += 2;
			while (s->i < s->len &&
			       !(at(s, 0) == '#' && at(s, 1) == '>'))
				s->i++;
			if (s->i >= s->len)
				w->incomplete = true;
			else
				s->i += 2;
		} else if (c == '#') {
			while (s->i < s->len && !is_nl(at(s, 0)))
				s->i++;
		} else {
			return;
		}
	}
}

static bool word_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* The keyword `kw` (lower case) at the cursor, not a prefix of a word. */
static bool keyword(const struct src *s, const char *kw)
{
	size_t n = strlen(kw);

	return s->i + n <= s->len && (s->p[s->i] | 0x20) == kw[0] &&
	       !strncasecmp(s->p + s->i, kw, n) &&
	       !word_char(at(s, (size_t)n)) && at(s, n) != '-';
}

/* Byte of the input as it goes into a value: the marker bytes and NUL
 * are unknown, never markers. */
static char in_byte(int c)
{
	return c <= PW_HOME ? PW_UNK : (char)c;
}

/* ---- balanced text (script blocks, parens) ---- */

static void scan_to(struct pw *w, struct src *s, int close);

static void scan_squote(struct pw *w, struct src *s)
{
	s->i += qlen(s);
	while (s->i < s->len) {
		if (is_squote(s)) {
			s->i += qlen(s);
			if (!is_squote(s))
				return;
		}
		s->i++;
	}
	w->incomplete = true;
}

static void scan_dquote(struct pw *w, struct src *s)
{
	s->i += qlen(s);
	while (s->i < s->len) {
		if (at(s, 0) == '`') {
			s->i += 2;
			continue;
		}
		if (at(s, 0) == '$' && at(s, 1) == '(') {
			s->i += 2;
			scan_to(w, s, ')');
			continue;
		}
		if (is_dquote(s)) {
			s->i += qlen(s);
			if (!is_dquote(s))
				return;
		}
		s->i++;
	}
	w->incomplete = true;
}

/* Here-string at "@'" or "@\"": its end is the quote then "@" at the
 * start of a line. */
static void scan_here(struct pw *w, struct src *s)
{
	char q = s->p[s->i + 1];

	s->i += 2;
	while (s->i < s->len) {
		if (is_nl(at(s, 0)) && at(s, 1) == q && at(s, 2) == '@') {
			s->i += 3;
			return;
		}
		if (is_nl(at(s, 0)) && at(s, 0) == '\r' && at(s, 1) == '\n' &&
		    at(s, 2) == q && at(s, 3) == '@') {
			s->i += 4;
			return;
		}
		s->i++;
	}
	w->incomplete = true;
}

/* Moves past the bracket `close` that ends the text at the cursor,
 * stepping over strings, comments and nested brackets. */
static void scan_to(struct pw *w, struct src *s, int close)
{
	int depth = 0;

	while (s->i < s->len) {
		int c = at(s, 0);

		if (c == '`') {
			s->i += 2;
		} else if (is_squote(s)) {
			scan_squote(w, s);
		} else if (is_dquote(s)) {
			scan_dquote(w, s);
		} else if (c == '@' && (at(s, 1) == '\'' || at(s, 1) == '"') &&
			   is_nl(at(s, 2))) {
			scan_here(w, s);
		} else if (c == '#' || (c == '<' && at(s, 1) == '#')) {
			skip_ws(w, s, false);
			if (at(s, 0) == '#' || at(s, 0) == '<')
				s->i++;
		} else if (c == '(' || c == '{' || c == '[') {
			depth++;
			s->i++;
		} else if (c == ')' || c == '}' || c == ']') {
			s->i++;
			if (depth == 0) {
				if (c != close)
					w->incomplete = true;
				return;
			}
			depth--;
		} else {
			s->i++;
		}
		if (s->i > s->len)
			s->i = s->len;
	}
	w->incomplete = true;
}

/* ---- variables ---- */

static void lower_name(char *dst, size_t cap, const char *s, size_t n)
{
	size_t i;

	if (n >= cap)
		n = cap - 1;
	for (i = 0; i < n; i++)
		dst[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 :
				 s[i]);
	dst[n] = '\0';
}

static struct pvar *var_find(struct pw *w, const char *name)
{
	size_t i;

	for (i = 0; i < w->nvars; i++)
		if (!strcmp(w->vars[i].name, name))
			return &w->vars[i];
	return NULL;
}

/* A full table leaves the variable out: later reads see it as unassigned,
 * which is unknown.  An earlier value is overwritten or forgotten, never
 * kept stale. */
static void var_set(struct pw *w, const char *name, const struct pvs *vals)
{
	static const char fixed[][17] = { "home", "true", "false", "null",
		"pshome", "host", "pid", "executioncontext", "shellid",
		"profile" };
	struct pvar *v = var_find(w, name);
	size_t k;

	/* read-only in PowerShell: an assignment fails, the value stays */
	for (k = 0; k < sizeof(fixed) / sizeof(fixed[0]); k++)
		if (!strcmp(name, fixed[k]))
			return;
	if (strlen(name) >= sizeof(v->name) - 1)
		return;
	if (!v) {
		struct pvar *nv;

		/* out of room (or memory): the variable stays unknown */
		if (w->nvars >= CV_MAX_PWSH_VARS ||
		    !(nv = arena_grow(w->a, w->vars, &w->vcap, sizeof(*nv),
				      w->nvars + 1)))
			return;
		w->vars = nv;
		v = &w->vars[w->nvars++];
		snprintf(v->name, sizeof(v->name), "%s", name);
	}
	v->vals = *vals;
}

static void var_forget(struct pw *w, const char *name)
{
	struct pvar *v = var_find(w, name);
	struct pvs u = { (struct pv *)&pv_unknown, 1, 0 };

	if (v)
		v->vals = u;
}

/* "\Users\<name>" for $env:HOMEPATH. */
static const char *home_path(struct pw *w)
{
	struct sb b = { 0 };

	if (!w->base || sb_str(w, &b, "\\Users\\") < 0 ||
	    sb_put(w, &b, w->base, w->nbase) < 0)
		return NULL;
	return b.p;
}

/* An environment variable PowerShell (or cmd) knows without running. */
static int env_value(struct pw *w, const char *name, struct pvs *out)
{
	static const struct { char name[13], value[36]; } fixed[] = {
		{ "temp", "/tmp" }, { "tmp", "/tmp" }, { "tmpdir", "/tmp" },
		{ "homedrive", "C:" }, { "systemdrive", "C:" },
		{ "systemroot", "C:\\Windows" }, { "windir", "C:\\Windows" },
		{ "programfiles", "C:\\Program Files" },
		{ "programdata", "C:\\ProgramData" },
		{ "comspec", "C:\\Windows\\System32\\cmd.exe" },
	};
	static const char roaming[] = "\x02/AppData/Roaming",
			  local[] = "\x02/AppData/Local";
	char key[72];
	struct pvar *v;
	size_t i;

	/* set earlier in the command: that value */
	snprintf(key, sizeof(key), "env:%s", name);
	if ((v = var_find(w, key)))
		return pvs_cat(w, out, &v->vals);
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (!strcmp(name, fixed[i].name))
			return pvs_push(w, out, pv_lit(fixed[i].value,
						strlen(fixed[i].value)));
	if (!strcmp(name, "home") || !strcmp(name, "userprofile"))
		return pvs_push(w, out, pv_lit("\x02", 1));
	if (!strcmp(name, "appdata"))
		return pvs_push(w, out, pv_lit(roaming, sizeof(roaming) - 1));
	if (!strcmp(name, "localappdata"))
		return pvs_push(w, out, pv_lit(local, sizeof(local) - 1));
	if (!strcmp(name, "homepath")) {
		const char *h = home_path(w);

		return h ? pvs_push(w, out, pv_lit(h, strlen(h))) :
			   push_unknown(w, out);
	}
	if ((!strcmp(name, "username") || !strcmp(name, "user")) && w->base)
		return pvs_push(w, out, pv_lit(w->base, w->nbase));
	if (!strcmp(name, "pwd") && w->env->cwd)
		return pvs_push(w, out, pv_lit(w->env->cwd,
					       strlen(w->env->cwd)));
	return push_unknown(w, out);
}

/* The value of $name (lower case, scope prefix removed). */
static int var_value(struct pw *w, const char *name, struct pvs *out)
{
	struct pvar *v;

	if (!strncmp(name, "env:", 4))
		return env_value(w, name + 4, out);
	if ((v = var_find(w, name)))
		return pvs_cat(w, out, &v->vals);
	if (!strcmp(name, "home"))
		return pvs_push(w, out, pv_lit("\x02", 1));
	if (!strcmp(name, "pwd") && w->env->cwd)
		return pvs_push(w, out, pv_lit(w->env->cwd,
					       strlen(w->env->cwd)));
	if (!strcmp(name, "true")) {
		struct pv t = { "true", 4, O_BOOL, NULL, NULL, NULL };

		return pvs_push(w, out, t);
	}
	if (!strcmp(name, "false")) {
		struct pv f = { "false", 5, O_BOOL, NULL, NULL, NULL };

		return pvs_push(w, out, f);
	}
	if (!strcmp(name, "null"))
		return pvs_push(w, out, pv_lit("", 0));
	if (!strcmp(name, "profile")) {
		/* the current user's profile, which every session runs */
		static const char prof[] = "\x02/Documents/PowerShell/"
					   "Microsoft.PowerShell_profile.ps1";

		return pvs_push(w, out, pv_lit(prof, sizeof(prof) - 1));
	}
	return push_unknown(w, out);
}

/* ---- paths ---- */

static bool alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* "a/b/../c" is "a/c" in a rooted path, as PowerShell resolves a path
 * before it acts (C:\x\y\..\.. is C:\).  A ".." after the root, the home
 * marker or an unknown part stays; "." and empty components go; UNC
 * (//server) is left alone.  In place; returns the new length. */
static size_t dot_dot(char *p, size_t n)
{
	size_t o, i;

	if (n >= 2 && p[0] == '/' && p[1] == '/')
		return n;
	o = i = p[0] == '/' ? 1 : 0;
	while (i < n) {
		size_t j = i, k, q;

		while (j < n && p[j] != '/')
			j++;
		k = j - i;
		if (k == 0 || (k == 1 && p[i] == '.')) {
			i = j + 1;
			continue;
		}
		if (k == 2 && p[i] == '.' && p[i + 1] == '.') {
			for (q = o; q > 0 && p[q - 1] != '/'; q--)
				;
			/* the last component written is p[q..o) */
			if (o > q && !(o - q == 2 && p[q] == '.' &&
				       p[q + 1] == '.') &&
			    !memchr(p + q, PW_UNK, o - q) &&
			    !memchr(p + q, PW_HOME, o - q)) {
				o = q > 1 ? q - 1 : q;
				i = j + 1;
				continue;
			}
		}
		if (o && p[o - 1] != '/')
			p[o++] = '/';
		memmove(p + o, p + i, k);
		o += k;
		i = j + 1;
	}
	return o;
}

/* A Windows path as a POSIX one: "\" is "/", C:\Users\<me> is the home,
 * other drives are /x (Git Bash), UNC stays remote-looking (//server),
 * a drive-relative C:foo is unknown. */
static int win_path(struct pw *w, const struct pv *in, struct pv *out)
{
	struct sb b = { 0 };
	const char *s = in->s;
	size_t n = in->n, i = 0;
	int e;

	*out = *in;
	if (in->origin == O_BLOCK || in->origin == O_HASH)
		return 0;
	if (n > 12 && !strncasecmp(s, "filesystem::", 12)) {
		s += 12;
		n -= 12;
	}
	if ((e = sb_put(w, &b, "", 0)) < 0)
		return e;
	if (n >= 2 && alpha((unsigned char)s[0]) && s[1] == ':') {
		if (n > 2 && s[2] != '\\' && s[2] != '/') {
			/* C:foo is relative to C:'s own current directory,
			 * which is not known */
			if ((e = sb_ch(w, &b, PW_UNK)) < 0)
				return e;
			*out = pv_lit(b.p, b.n);
			return 0;
		}
		i = 2;
		if (n - i > 7 && (s[0] == 'c' || s[0] == 'C') &&
		    !strncasecmp(s + 3, "users", 5) &&
		    (s[8] == '\\' || s[8] == '/')) {
			size_t k = 9, end = 9;

			while (end < n && s[end] != '\\' && s[end] != '/')
				end++;
			if (w->base && end - k == w->nbase &&
			    !strncasecmp(s + k, w->base, w->nbase)) {
				if ((e = sb_ch(w, &b, PW_HOME)) < 0)
					return e;
			} else if ((e = sb_str(w, &b, "/home/")) < 0 ||
				   (e = sb_put(w, &b, s + k, end - k)) < 0) {
				return e;
			}
			i = end;
		} else {
			char drive[3] = { '/', (char)(s[0] | 0x20), 0 };

			if ((e = sb_str(w, &b, drive)) < 0)
				return e;
		}
	} else if (n >= 2 && s[0] == '\\' && s[1] == '\\') {
		if ((e = sb_str(w, &b, "//")) < 0)
			return e;
		i = 2;
	} else if (n >= 1 && s[0] == '~' && (n == 1 || s[1] == '\\' ||
					      s[1] == '/')) {
		if ((e = sb_ch(w, &b, PW_HOME)) < 0)
			return e;
		i = 1;
	}
	for (; i < n; i++)
		if ((e = sb_ch(w, &b, s[i] == '\\' ? '/' : s[i])) < 0)
			return e;
	if (b.n && (b.p[0] == '/' || b.p[0] == PW_HOME))
		b.n = dot_dot(b.p, b.n);
	*out = *in;
	out->s = b.p;
	out->n = b.n;
	return 0;
}

static int win_paths(struct pw *w, struct pvs *l)
{
	size_t i;
	int e;

	for (i = 0; l && i < l->n; i++)
		if ((e = win_path(w, &l->v[i], &l->v[i])) < 0)
			return e;
	return 0;
}

/* Does a native program's argument look like a Windows path? */
static bool looks_windows(const struct pv *v)
{
	if (v->n >= 3 && alpha((unsigned char)v->s[0]) && v->s[1] == ':' &&
	    (v->s[2] == '\\' || v->s[2] == '/'))
		return true;
	if (v->n >= 2 && v->s[0] == '\\' && v->s[1] == '\\')
		return true;
	/* ~ and ~/x: PowerShell 7 gives native programs the home */
	if (v->n >= 1 && v->s[0] == '~' && (v->n == 1 || v->s[1] == '/' ||
					    v->s[1] == '\\'))
		return true;
	return memchr(v->s, '\\', v->n) && !memchr(v->s, ' ', v->n);
}

/* ---- sh words ---- */

/* One value as one sh word.  `glob`: * ? [ ] stay pattern characters
 * (a -Path of PowerShell is a wildcard). */
static int emit_word(struct pw *w, struct sb *o, const struct pv *v,
		     bool glob)
{
	const char *s = v->s;
	size_t n = v->n, i = 0;
	bool open = false;
	int e;

	if (v->origin == O_BLOCK || v->origin == O_HASH)
		return sb_str(w, o, UNKNOWN_SH);
	if (n == 0)
		return sb_str(w, o, "''");
	if (s[0] == PW_HOME && (n == 1 || s[1] == '/' || s[1] == '\\')) {
		if ((e = sb_ch(w, o, '~')) < 0)
			return e;
		i = 1;
	}
	for (; i < n; i++) {
		char c = s[i];

		/* a NUL never reaches the sh text: it is unknown */
		if (c == PW_UNK || c == PW_HOME || c == '\0' ||
		    (glob && strchr("*?[]", c))) {
			if (open && (e = sb_ch(w, o, '\'')) < 0)
				return e;
			open = false;
			if (c == PW_HOME && w->env->home)
				e = sb_ch(w, o, '\'') < 0 ? w->d->code :
				    sb_str(w, o, w->env->home) < 0 ?
				    w->d->code : sb_ch(w, o, '\'');
			else if (c == PW_HOME || c == PW_UNK || c == '\0')
				e = sb_str(w, o, UNKNOWN_SH);
			else
				e = sb_ch(w, o, c);
			if (e < 0)
				return e;
			continue;
		}
		if (!open && (e = sb_ch(w, o, '\'')) < 0)
			return e;
		open = true;
		if (c == '\'') {
			e = sb_str(w, o, "'\\''");
		} else {
			/* a run of plain bytes in one copy */
			size_t k = i + 1;

			while (k < n && s[k] != '\'' && s[k] != PW_UNK &&
			       s[k] != PW_HOME && s[k] != '\0' &&
			       !(glob && strchr("*?[]", s[k])))
				k++;
			e = sb_put(w, o, s + i, k - i);
			i = k - 1;
		}
		if (e < 0)
			return e;
	}
	if (open)
		return sb_ch(w, o, '\'');
	return 0;
}

static int emit_words(struct pw *w, struct sb *o, const struct pvs *l,
		      bool glob)
{
	size_t i;
	int e;

	for (i = 0; l && i < l->n; i++)
		if ((e = sb_ch(w, o, ' ')) < 0 ||
		    (e = emit_word(w, o, &l->v[i], glob)) < 0)
			return e;
	return 0;
}

/* A file the call downloads (-OutFile, DownloadFile, BITS): run later as
 * a program, it is run as a script the call wrote, which the sh layer
 * does not read and so asks.  Past 16 files the rest are not tracked; a
 * downloaded program then reads as the program it is named. */
static void downloaded(struct pw *w, const struct pv *v)
{
	const char *s = v->s;
	size_t n = v->n;

	if (!pv_known(v) || w->ndl >= sizeof(w->dl) / sizeof(w->dl[0]))
		return;
	if (n > 2 && s[0] == '.' && s[1] == '/')
		s += 2, n -= 2;
	w->dl[w->ndl] = arena_strndup(w->a, s, n);
	if (w->dl[w->ndl])
		w->ndl++;
}

static bool was_downloaded(const struct pw *w, const struct pv *v)
{
	const char *s = v->s;
	size_t n = v->n, i;

	if (n > 2 && s[0] == '.' && s[1] == '/')
		s += 2, n -= 2;
	for (i = 0; i < w->ndl; i++)
		if (strlen(w->dl[i]) == n && !memcmp(w->dl[i], s, n))
			return true;
	return false;
}

/* ---- the parser ---- */

/* Where a parse writes: `pre` gets commands that run first (inside
 * subexpressions), `out` the statement itself. */
struct ctx {
	struct sb *pre;
};

static int translate(struct pw *w, const char *text, size_t len,
		     struct sb *out);
static int parse_expr(struct pw *w, struct src *s, struct ctx *c,
		      struct pvs *out, bool comma);
static int parse_arg(struct pw *w, struct src *s, struct ctx *c,
		     struct pvs *out);
static int statements(struct pw *w, struct src *s, struct sb *out,
		      int close, struct pvs *value);

static int run_code(struct pw *w, struct sb *o, const struct pv *code,
		    bool cmd);
static int postfix(struct pw *w, struct src *s, struct ctx *c,
		   struct pvs *v);
static bool expr_start(const struct src *s);
static int split_cmdline(struct pw *w, const struct pv *v, struct pvs *out);
static int invoke(struct pw *w, struct sb *o, const struct pv *name,
		  const struct pvs *args);
static int pipeline(struct pw *w, struct src *s, struct ctx *c,
		    struct sb *line, struct pvs *value);

static int deeper(struct pw *w)
{
	if (++w->depth > CV_MAX_SHELL_DEPTH)
		return diag_set(w->d, CV_ETOOBIG, "PowerShell nested deeper "
				"than %d levels", CV_MAX_SHELL_DEPTH);
	return 0;
}

/* `(...)`, `$(...)` or `@(...)` at the cursor (after the opener): its
 * statements run first (into pre); its value when literal. */
static int subexpr(struct pw *w, struct src *s, struct ctx *c,
		   struct pvs *out)
{
	struct src in = *s;
	struct pvs val = { 0 };
	size_t start = s->i;
	int e;

	scan_to(w, s, ')');
	in.len = s->i > start && s->p[s->i - 1] == ')' ? s->i - 1 : s->i;
	in.i = start;
	if ((e = deeper(w)) < 0 ||
	    (e = statements(w, &in, c->pre, -1, &val)) < 0)
		return e;
	w->depth--;
	if (val.n)
		return pvs_cat(w, out, &val);
	return push_unknown(w, out);
}

/* A script block at "{": its source, translated where it may run. */
static int block(struct pw *w, struct src *s, struct pvs *out)
{
	size_t start = ++s->i;
	struct pv v = { 0 };
	struct pv *nb;

	scan_to(w, s, '}');
	v.origin = O_BLOCK;
	v.s = s->p + start;
	v.n = (s->i > start && s->p[s->i - 1] == '}' ? s->i - 1 : s->i) -
	      start;
	/* a block no command runs is read at the end of its statement */
	if (!(v.ran = arena_calloc(w->a, 1, sizeof(*v.ran))) ||
	    !(nb = arena_grow(w->a, w->blocks, &w->bcap, sizeof(*nb),
			      w->nblocks + 1)))
		return NOMEM(w->d);
	w->blocks = nb;
	w->blocks[w->nblocks++] = v;
	return pvs_push(w, out, v);
}

/* The source of a script block, run as commands. */
static int run_block(struct pw *w, const struct pv *v, struct sb *out)
{
	if (v->origin != O_BLOCK)
		return 0;
	if (v->ran)
		*v->ran = true;
	return translate(w, v->s, v->n, out);
}

/* Blocks made since `from` that nothing ran ($h = @{ x = { … } },
 * .ForEach({ … })): read as if they ran, since a later `& $h.x` or a
 * method can. */
static int unrun_blocks(struct pw *w, size_t from, struct sb *out)
{
	size_t k;
	int e;

	for (k = from; k < w->nblocks; k++) {
		struct pv v = w->blocks[k];

		if (*v.ran)
			continue;
		if ((e = run_block(w, &v, out)) < 0 ||
		    (e = sb_ch(w, out, '\n')) < 0)
			return e;
	}
	return 0;
}

/* A variable reference at "$": its values into out (unknown if not
 * known).  `member`: .x and [i] after it make it unknown. */
static int var_ref(struct pw *w, struct src *s, struct ctx *c,
		   struct pvs *out, bool member)
{
	char name[72];
	size_t start;
	int e;

	s->i++;
	if (at(s, 0) == '(') {
		s->i++;
		return subexpr(w, s, c, out);
	}
	if (at(s, 0) == '{') {
		start = ++s->i;
		while (s->i < s->len && at(s, 0) != '}')
			s->i += at(s, 0) == '`' ? 2 : 1;
		if (s->i >= s->len) {
			w->incomplete = true;
			s->i = s->len;
			return push_unknown(w, out);
		}
		lower_name(name, sizeof(name), s->p + start, s->i - start);
		s->i++;
	} else {
		start = s->i;
		while (word_char(at(s, 0)) ||
		       (at(s, 0) == ':' && word_char(at(s, 1)) &&
			s->i > start && !memchr(s->p + start, ':',
						s->i - start)))
			s->i++;
		if (s->i == start) {
			int ch = at(s, 0);

			if (ch == '$' || ch == '?' || ch == '^') {
				s->i++;
				return push_unknown(w, out);
			}
			/* A lone "$" is literal. */
			return pvs_push(w, out, pv_lit("$", 1));
		}
		lower_name(name, sizeof(name), s->p + start, s->i - start);
	}
	{
		/* $global:x, $script:x ... are x. */
		static const char scopes[][10] = { "global:", "script:",
			"local:", "private:", "using:", "variable:" };
		size_t k;
		char *p = name;

		for (k = 0; k < sizeof(scopes) / sizeof(scopes[0]); k++)
			if (!strncmp(p, scopes[k], strlen(scopes[k])))
				memmove(p, p + strlen(scopes[k]),
					strlen(p + strlen(scopes[k])) + 1);
	}
	if (member && ((at(s, 0) == '.' && word_char(at(s, 1))) ||
		       at(s, 0) == '[')) {
		/* $x.FullName, $x.Delete(), $x[0] */
		struct pvs base = { 0 };

		if ((e = var_value(w, name, &base)) < 0 ||
		    (e = postfix(w, s, c, &base)) < 0)
			return e;
		return pvs_cat(w, out, &base);
	}
	if (member && (at(s, 0) == '.' && at(s, 1) == '$'))
		goto computed;
	return var_value(w, name, out);
computed:
	/* $x.Name, $x[0], $x.Method(...): computed. */
	while (at(s, 0) == '.' || at(s, 0) == '[') {
		if (at(s, 0) == '[') {
			s->i++;
			scan_to(w, s, ']');
			continue;
		}
		s->i++;
		while (word_char(at(s, 0)) || at(s, 0) == '$')
			s->i++;
		if (at(s, 0) == '(') {
			struct pvs junk = { 0 };

			s->i++;
			if ((e = subexpr(w, s, c, &junk)) < 0)
				return e;
		}
	}
	return push_unknown(w, out);
}

/* Backtick escape at "`" in an expandable string or bareword. */
static char escape(struct src *s)
{
	int c = at(s, 1);

	s->i += 2;
	switch (c) {
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	case '0': return PW_UNK;
	case 'a': return '\a';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'v': return '\v';
	case 'e': return '\x1b';
	case -1: s->i = s->len; return PW_UNK;
	default: return in_byte(c);
	}
}

/* Appends values to a text being built: a multi-value list joins with
 * spaces. */
static int sb_vals(struct pw *w, struct sb *b, const struct pvs *l)
{
	struct pv v;
	int e;

	if ((e = pvs_join(w, l, &v)) < 0)
		return e;
	if (v.origin == O_BLOCK || v.origin == O_HASH)
		return sb_ch(w, b, PW_UNK);
	return sb_put(w, b, v.s, v.n);
}

/* '...' (quotes doubled inside). */
static int squote(struct pw *w, struct src *s, struct sb *b)
{
	int e;

	s->i += qlen(s);
	while (s->i < s->len) {
		if (is_squote(s)) {
			s->i += qlen(s);
			if (!is_squote(s))
				return 0;
		}
		if ((e = sb_ch(w, b, in_byte(at(s, 0)))) < 0)
			return e;
		s->i++;
	}
	w->incomplete = true;
	return 0;
}

/* "..." with $var, $(...) and backtick escapes; `here`: a here-string
 * body up to "\n\"@". */
static int dquote(struct pw *w, struct src *s, struct ctx *c, struct sb *b,
		  bool here)
{
	int e;

	if (!here)
		s->i += qlen(s);
	while (s->i < s->len) {
		int ch = at(s, 0);

		if (here && is_nl(ch)) {
			size_t k = ch == '\r' && at(s, 1) == '\n' ? 2 : 1;

			if (at(s, k) == '"' && at(s, k + 1) == '@') {
				s->i += k + 2;
				return 0;
			}
		} else if (!here && is_dquote(s)) {
			s->i += qlen(s);
			if (!is_dquote(s))
				return 0;
		}
		if (ch == '`') {
			if ((e = sb_ch(w, b, escape(s))) < 0)
				return e;
			continue;
		}
		if (ch == '$' && (word_char(at(s, 1)) || at(s, 1) == '{' ||
				  at(s, 1) == '(')) {
			struct pvs v = { 0 };

			if ((e = var_ref(w, s, c, &v, false)) < 0 ||
			    (e = sb_vals(w, b, &v)) < 0)
				return e;
			continue;
		}
		if ((e = sb_ch(w, b, in_byte(ch))) < 0)
			return e;
		s->i++;
	}
	w->incomplete = true;
	return 0;
}

/* @'...'@ at "@'": the literal body. */
static int here_single(struct pw *w, struct src *s, struct sb *b)
{
	int e;

	s->i += 2;
	while (s->i < s->len && !is_nl(at(s, 0)))
		s->i++;	/* the rest of the opening line is no body */
	if (at(s, 0) == '\r' && at(s, 1) == '\n')
		s->i++;
	s->i++;
	while (s->i < s->len) {
		int ch = at(s, 0);
		size_t k = ch == '\r' && at(s, 1) == '\n' ? 2 : 1;

		if (is_nl(ch) && at(s, k) == '\'' && at(s, k + 1) == '@') {
			s->i += k + 2;
			return 0;
		}
		if ((e = sb_ch(w, b, in_byte(ch))) < 0)
			return e;
		s->i++;
	}
	w->incomplete = true;
	return 0;
}

/* A string literal at the cursor into one value; 1 when there was one. */
static int string_lit(struct pw *w, struct src *s, struct ctx *c,
		      struct sb *b)
{
	int e;

	if ((e = sb_put(w, b, "", 0)) < 0)
		return e;
	if (is_squote(s))
		return squote(w, s, b) < 0 ? w->d->code : 1;
	if (is_dquote(s))
		return dquote(w, s, c, b, false) < 0 ? w->d->code : 1;
	if (at(s, 0) == '@' && at(s, 1) == '\'')
		return here_single(w, s, b) < 0 ? w->d->code : 1;
	if (at(s, 0) == '@' && at(s, 1) == '"') {
		s->i += 2;
		while (s->i < s->len && !is_nl(at(s, 0)))
			s->i++;
		if (at(s, 0) == '\r' && at(s, 1) == '\n')
			s->i++;
		s->i++;
		if (s->i > s->len)
			s->i = s->len;
		/* the body starts after the newline; its end is \n"@ */
		s->i--;
		return dquote(w, s, c, b, true) < 0 ? w->d->code : 1;
	}
	return 0;
}

/* The value of a hashtable entry: an expression, or a command
 * (@{ file = Get-Item ~/.ssh/id_rsa }), which runs first. */
static int hash_value(struct pw *w, struct src *s, struct ctx *c,
		      struct pvs *val)
{
	struct sb line = { 0 };
	int e;

	if (expr_start(s) || at(s, 0) == '-' || at(s, 0) == '!')
		return parse_expr(w, s, c, val, true);
	if ((e = sb_put(w, &line, "", 0)) < 0 ||
	    (e = pipeline(w, s, c, &line, val)) < 0)
		return e;
	if (line.n && ((e = sb_put(w, c->pre, line.p, line.n)) < 0 ||
		       (e = sb_ch(w, c->pre, '\n')) < 0))
		return e;
	return 0;
}

/* @{ k = v; ... } at "@{". */
static int hashtable(struct pw *w, struct src *s, struct ctx *c,
		     struct pvs *out)
{
	struct phash *h = arena_calloc(w->a, 1, sizeof(*h));
	struct pv v = { "", 0, O_HASH, NULL, NULL, NULL };
	int e;

	if (!h)
		return NOMEM(w->d);
	s->i += 2;
	for (;;) {
		struct sb key = { 0 };
		size_t start;

		skip_ws(w, s, true);
		while (at(s, 0) == ';') {
			s->i++;
			skip_ws(w, s, true);
		}
		if (at(s, 0) == '}' || s->i >= s->len)
			break;
		start = s->i;
		if ((e = string_lit(w, s, c, &key)) < 0)
			return e;
		if (!e) {
			while (word_char(at(s, 0)) || at(s, 0) == '-')
				s->i++;
			if (s->i == start) {
				/* not a key: skip what it is */
				s->i++;
				continue;
			}
			if ((e = sb_put(w, &key, s->p + start,
					s->i - start)) < 0)
				return e;
		}
		skip_ws(w, s, false);
		if (at(s, 0) != '=') {
			w->incomplete = true;
			continue;
		}
		s->i++;
		skip_ws(w, s, true);
		{
			struct pvs junk = { 0 }, *val = &junk;

			if (h->n < sizeof(h->key) / sizeof(h->key[0])) {
				h->key[h->n] = key.p;
				val = &h->val[h->n++];
			} else {
				h->over = true;
			}
			if ((e = hash_value(w, s, c, val)) < 0)
				return e;
		}
	}
	if (at(s, 0) == '}')
		s->i++;
	else
		w->incomplete = true;
	v.h = h;
	return pvs_push(w, out, v);
}

/* [Type] at "[": the type name, lower case, into name. */
static void type_name(struct pw *w, struct src *s, char *name, size_t cap)
{
	size_t start = ++s->i;

	scan_to(w, s, ']');
	lower_name(name, cap, s->p + start,
		   s->i > start ? s->i - start - 1 : 0);
}

/* Arguments of a method call at "(": each one a value. */
static int method_args(struct pw *w, struct src *s, struct ctx *c,
		       struct pvs *args, size_t max)
{
	size_t k = 0;
	int e;

	s->i++;
	for (;;) {
		skip_ws(w, s, true);
		if (at(s, 0) == ')') {
			s->i++;
			return 0;
		}
		if (s->i >= s->len) {
			w->incomplete = true;
			return 0;
		}
		if (k < max) {
			if ((e = parse_expr(w, s, c, &args[k], false)) < 0)
				return e;
			k++;
		} else {
			struct pvs junk = { 0 };

			if ((e = parse_expr(w, s, c, &junk, false)) < 0)
				return e;
		}
		skip_ws(w, s, true);
		if (at(s, 0) == ',')
			s->i++;
		else if (at(s, 0) != ')') {
			/* something the parser does not follow */
			scan_to(w, s, ')');
			return 0;
		}
	}
}

static int one(struct pw *w, const struct pvs *l, struct pv *v)
{
	if (!l->n) {
		*v = pv_unknown;
		return 0;
	}
	return pvs_join(w, l, v);
}

/* ".NET" calls that touch files or the network, written as the POSIX
 * command: [IO.File]::Delete(p), (New-Object Net.WebClient)
 * .DownloadString(u) ... */
static int dotnet_call(struct pw *w, struct ctx *c, const char *type,
		       const char *meth, struct pvs *args, struct pvs *out)
{
	struct pv p0, p1;
	struct sb *o = c->pre;
	int e;

	if ((e = one(w, &args[0], &p0)) < 0 || (e = one(w, &args[1], &p1)) < 0)
		return e;
	if ((e = win_path(w, &p0, &p0)) < 0)
		return e;
	if (!strcmp(meth, "downloadstring") || !strcmp(meth, "downloaddata")) {
		struct pv v = pv_unknown;

		v.origin = O_WEB;
		v.oarg = arena_strndup(w->a, p0.s, p0.n);
		if ((e = sb_str(w, o, "curl -fsSL ")) < 0 ||
		    (e = emit_word(w, o, &p0, false)) < 0 ||
		    (e = sb_ch(w, o, '\n')) < 0)
			return e;
		return pvs_push(w, out, v);
	}
	if (!strcmp(meth, "downloadfile")) {
		if ((e = win_path(w, &p1, &p1)) < 0)
			return e;
		downloaded(w, &p1);
		if (
		    (e = sb_str(w, o, "curl -fsSL -o ")) < 0 ||
		    (e = emit_word(w, o, &p1, false)) < 0 ||
		    (e = sb_ch(w, o, ' ')) < 0 ||
		    (e = emit_word(w, o, &p0, false)) < 0)
			return e;
		return sb_ch(w, o, '\n') < 0 ? w->d->code :
		       push_unknown(w, out);
	}
	if (strstr(type, "environment") && (!strcmp(meth, "getfolderpath") ||
	    !strcmp(meth, "getenvironmentvariable") ||
	    !strcmp(meth, "expandenvironmentvariables"))) {
		/* [Environment]::GetFolderPath('UserProfile'), ...('HOME') */
		char name[40];

		if (!pv_known(&p0) || p0.n >= sizeof(name) || meth[0] == 'x')
			return push_unknown(w, out);
		lower_name(name, sizeof(name), p0.s, p0.n);
		if (meth[3] == 'f') {
			static const struct { char key[24], val[24]; } dirs[] = {
				{ "userprofile", "userprofile" },
				{ "personal", "mydocuments" },
				{ "mydocuments", "mydocuments" },
				{ "desktop", "desktop" },
				{ "applicationdata", "appdata" },
				{ "localapplicationdata", "localappdata" },
			};
			size_t k;

			for (k = 0; k < sizeof(dirs) / sizeof(dirs[0]); k++)
				if (!strcmp(name, dirs[k].key))
					break;
			if (k == sizeof(dirs) / sizeof(dirs[0]))
				return push_unknown(w, out);
			static const char docs[] = "\x02/Documents",
					  desk[] = "\x02/Desktop";

			if (!strcmp(dirs[k].val, "mydocuments"))
				return pvs_push(w, out, pv_lit(docs,
							sizeof(docs) - 1));
			if (!strcmp(dirs[k].val, "desktop"))
				return pvs_push(w, out, pv_lit(desk,
							sizeof(desk) - 1));
			return env_value(w, dirs[k].val, out);
		}
		return env_value(w, name, out);
	}
	if (strstr(type, "process") && !strcmp(meth, "start")) {
		/* [Diagnostics.Process]::Start(prog, "args") */
		struct pvs argv = { 0 };

		if ((e = split_cmdline(w, &p1, &argv)) < 0 ||
		    (e = invoke(w, o, &p0, &argv)) < 0 ||
		    (e = sb_ch(w, o, '\n')) < 0)
			return e;
		return push_unknown(w, out);
	}
	if (strstr(type, "scriptblock") && !strcmp(meth, "create")) {
		/* code made from a string: read as if it runs */
		if ((e = run_code(w, o, &p0, false)) < 0 ||
		    (e = sb_ch(w, o, '\n')) < 0)
			return e;
		return push_unknown(w, out);
	}
	if (!strstr(type, "file") && !strstr(type, "directory"))
		return push_unknown(w, out);
	if (!strcmp(meth, "delete")) {
		e = sb_str(w, o, strstr(type, "directory") ? "rm -r -f -- " :
			   "rm -f -- ");
	} else if (!strncmp(meth, "readall", 7) || !strcmp(meth, "openread") ||
		   !strcmp(meth, "readlines") || !strcmp(meth, "open") ||
		   !strcmp(meth, "opentext")) {
		struct pv v = pv_unknown;

		v.origin = O_FILE;
		v.oarg = arena_strndup(w->a, p0.s, p0.n);
		if ((e = sb_str(w, o, "cat -- ")) < 0 ||
		    (e = emit_word(w, o, &p0, false)) < 0 ||
		    (e = sb_ch(w, o, '\n')) < 0)
			return e;
		return pvs_push(w, out, v);
	} else if (!strncmp(meth, "writeall", 8) ||
		   !strncmp(meth, "appendall", 9) || !strcmp(meth, "create") ||
		   !strcmp(meth, "openwrite") || !strcmp(meth, "createtext")) {
		if ((e = sb_str(w, o, "printf '%s' ")) < 0 ||
		    (e = emit_word(w, o, &p1, false)) < 0 ||
		    (e = sb_str(w, o, meth[0] == 'a' ? " >> " : " > ")) < 0)
			return e;
	} else if (!strcmp(meth, "copy") || !strcmp(meth, "move")) {
		if ((e = win_path(w, &p1, &p1)) < 0 ||
		    (e = sb_str(w, o, meth[0] == 'c' ? "cp -- " :
				"mv -- ")) < 0 ||
		    (e = emit_word(w, o, &p0, false)) < 0 ||
		    (e = sb_ch(w, o, ' ')) < 0)
			return e;
		p0 = p1;
	} else if (!strcmp(meth, "createdirectory")) {
		e = sb_str(w, o, "mkdir -p -- ");
	} else {
		return push_unknown(w, out);
	}
	if (e < 0 || (e = emit_word(w, o, &p0, false)) < 0 ||
	    (e = sb_ch(w, o, '\n')) < 0)
		return e;
	return push_unknown(w, out);
}

/* One operand of an expression. */
static int primary(struct pw *w, struct src *s, struct ctx *c,
		   struct pvs *out)
{
	struct sb b = { 0 };
	int ch = at(s, 0), e;

	if ((e = string_lit(w, s, c, &b)) < 0)
		return e;
	if (e)
		return pvs_push(w, out, pv_lit(b.p, b.n));
	if (ch == '$')
		return var_ref(w, s, c, out, false);
	if (ch == '@' && at(s, 1) == '{')
		return hashtable(w, s, c, out);
	if (ch == '@' && at(s, 1) == '(') {
		s->i += 2;
		return subexpr(w, s, c, out);
	}
	if (ch == '(') {
		s->i++;
		return subexpr(w, s, c, out);
	}
	if (ch == '{')
		return block(w, s, out);
	if (ch == '[') {
		char type[64], meth[64];
		size_t start;

		type_name(w, s, type, sizeof(type));
		if (at(s, 0) == ':' && at(s, 1) == ':') {
			struct pvs args[2] = { { 0 }, { 0 } };

			s->i += 2;
			start = s->i;
			while (word_char(at(s, 0)))
				s->i++;
			lower_name(meth, sizeof(meth), s->p + start,
				   s->i - start);
			if (at(s, 0) != '(')
				return push_unknown(w, out);
			if ((e = method_args(w, s, c, args, 2)) < 0)
				return e;
			return dotnet_call(w, c, type, meth, args, out);
		}
		skip_ws(w, s, false);
		/* a cast: [string]$x is $x, others are computed */
		if (strcmp(type, "string") && strcmp(type, "io.fileinfo") &&
		    strcmp(type, "system.string")) {
			struct pvs junk = { 0 };

			if (s->i < s->len && !strchr(";|)}\n\r,", at(s, 0)) &&
			    (e = primary(w, s, c, &junk)) < 0)
				return e;
			return push_unknown(w, out);
		}
		return primary(w, s, c, out);
	}
	if (ch == '-' || ch == '!') {
		/* unary -not, -bnot, -join, !: computed */
		struct pvs junk = { 0 };

		s->i++;
		while (word_char(at(s, 0)))
			s->i++;
		skip_ws(w, s, false);
		if (s->i < s->len && !strchr(";|)}\n\r", at(s, 0)) &&
		    (e = primary(w, s, c, &junk)) < 0)
			return e;
		return push_unknown(w, out);
	}
	{
		/* a number or a bare word in an expression */
		size_t start = s->i;

		while (word_char(at(s, 0)) || at(s, 0) == '.' ||
		       at(s, 0) == '-')
			s->i++;
		if (s->i == start) {
			s->i++;
			return push_unknown(w, out);
		}
		return pvs_push(w, out, pv_lit(s->p + start, s->i - start));
	}
}

/* The path an object stands for: a Get-Item result, a child of a listed
 * directory, or a string (which a FileInfo cast would make). */
static bool obj_path(struct pw *w, const struct pvs *v, struct pv *p)
{
	(void)w;
	if (v->n != 1)
		return false;
	if (v->v[0].origin == O_FILE && v->v[0].oarg) {
		*p = pv_lit(v->v[0].oarg, strlen(v->v[0].oarg));
		return true;
	}
	if (v->v[0].origin != O_NONE)
		return false;
	*p = v->v[0];
	return true;
}

/* Methods of file and script objects that act: $item.Delete(),
 * .MoveTo(d), .CopyTo(d), $ExecutionContext.InvokeCommand
 * .InvokeScript(s).  1 when handled (out has the value), 0 when not,
 * <0 on error.  `self`: the object's path, NULL when unknown. */
static int obj_method(struct pw *w, struct ctx *c, const struct pv *self,
		      const char *meth, struct pvs *args, struct pvs *out)
{
	struct pv p = self ? *self : pv_unknown, a0;
	struct sb *o = c->pre;
	int e;

	if ((e = one(w, &args[0], &a0)) < 0)
		return e;
	if (!strcmp(meth, "invokescript") || !strcmp(meth, "newscriptblock") ||
	    !strcmp(meth, "invokereturnasis")) {
		if (!args[0].n)
			return 0;
		if ((e = run_code(w, o, &a0, false)) < 0 ||
		    (e = sb_ch(w, o, '\n')) < 0 ||
		    (e = push_unknown(w, out)) < 0)
			return e;
		return 1;
	}
	if ((!strcmp(meth, "run") || !strcmp(meth, "exec")) && args[0].n) {
		/* WScript.Shell .Run("cmd /c …"): a Windows command line */
		if ((e = run_code(w, o, &a0, true)) < 0 ||
		    (e = sb_ch(w, o, '\n')) < 0 ||
		    (e = push_unknown(w, out)) < 0)
			return e;
		return 1;
	}
	if (!strcmp(meth, "shellexecute") && args[0].n) {
		struct pvs argv = { 0 };
		struct pv a1;

		if ((e = one(w, &args[1], &a1)) < 0 ||
		    (args[1].n && (e = split_cmdline(w, &a1, &argv)) < 0) ||
		    (e = invoke(w, o, &a0, &argv)) < 0 ||
		    (e = sb_ch(w, o, '\n')) < 0 ||
		    (e = push_unknown(w, out)) < 0)
			return e;
		return 1;
	}
	if (strcmp(meth, "delete") && strcmp(meth, "moveto") &&
	    strcmp(meth, "copyto"))
		return 0;
	if ((e = win_path(w, &p, &p)) < 0)
		return e;
	if (meth[0] == 'd') {
		if ((e = sb_str(w, o, "rm -r -f -- ")) < 0 ||
		    (e = emit_word(w, o, &p, false)) < 0)
			return e;
	} else {
		if ((e = win_path(w, &a0, &a0)) < 0 ||
		    (e = sb_str(w, o, meth[0] == 'm' ? "mv -- " :
				"cp -r -- ")) < 0 ||
		    (e = emit_word(w, o, &p, false)) < 0 ||
		    (e = sb_ch(w, o, ' ')) < 0 ||
		    (e = emit_word(w, o, &a0, false)) < 0)
			return e;
	}
	if ((e = sb_ch(w, o, '\n')) < 0 || (e = push_unknown(w, out)) < 0)
		return e;
	return 1;
}

/* .Member, .Method(...), [index] after an operand. */
static int postfix(struct pw *w, struct src *s, struct ctx *c,
		   struct pvs *v)
{
	int e;

	while (at(s, 0) == '.' || at(s, 0) == '[' ||
	       (at(s, 0) == ':' && at(s, 1) == ':')) {
		char meth[64];
		size_t start;

		if (at(s, 0) == '[') {
			s->i++;
			scan_to(w, s, ']');
			v->n = 0;
			if ((e = push_unknown(w, v)) < 0)
				return e;
			continue;
		}
		s->i += at(s, 0) == ':' ? 2 : 1;
		start = s->i;
		while (word_char(at(s, 0)))
			s->i++;
		if (s->i == start)
			return 0;
		lower_name(meth, sizeof(meth), s->p + start, s->i - start);
		if (at(s, 0) == '(') {
			struct pvs args[2] = { { 0 }, { 0 } };
			struct pv self;
			bool known = obj_path(w, v, &self);

			if ((e = method_args(w, s, c, args, 2)) < 0)
				return e;
			v->n = 0;
			if ((e = obj_method(w, c, known ? &self : NULL, meth,
					    args, v)) != 0)
				continue;
			if ((e = dotnet_call(w, c, "webclient", meth, args,
					     v)) < 0)
				return e;
			continue;
		}
		{
			/* .FullName of an item is its path */
			struct pv self;

			if ((!strcmp(meth, "fullname") ||
			     !strcmp(meth, "pspath") ||
			     !strcmp(meth, "path") ||
			     !strcmp(meth, "providerpath")) &&
			    obj_path(w, v, &self)) {
				v->n = 0;
				if ((e = pvs_push(w, v, self)) < 0)
					return e;
				continue;
			}
		}
		v->n = 0;
		if ((e = push_unknown(w, v)) < 0)
			return e;
	}
	return 0;
}

/* 'text {0} {1}' -f a, b with literal parts: 1 and cur holds the text,
 * 0 when it cannot be folded (alignment, format strings, unknown parts). */
static int format(struct pw *w, struct pvs *cur, const struct pvs *args)
{
	const struct pv *f = &cur->v[0];
	struct sb b = { 0 };
	size_t i, k;
	int e;

	if (f->origin != O_NONE || !pv_known(f))
		return 0;
	for (k = 0; k < args->n; k++)
		if (args->v[k].origin == O_BLOCK ||
		    args->v[k].origin == O_HASH)
			return 0;
	if ((e = sb_put(w, &b, "", 0)) < 0)
		return e;
	for (i = 0; i < f->n; i++) {
		if (f->s[i] == '{' && i + 1 < f->n && f->s[i + 1] == '{') {
			e = sb_ch(w, &b, '{');
			i++;
		} else if (f->s[i] == '}' && i + 1 < f->n &&
			   f->s[i + 1] == '}') {
			e = sb_ch(w, &b, '}');
			i++;
		} else if (f->s[i] == '{') {
			size_t j = i + 1, idx = 0;

			while (j < f->n && f->s[j] >= '0' && f->s[j] <= '9' &&
			       idx < 1000)
				idx = idx * 10 + (size_t)(f->s[j++] - '0');
			if (j == i + 1 || j >= f->n || f->s[j] != '}' ||
			    idx >= args->n)
				return 0;
			e = sb_put(w, &b, args->v[idx].s, args->v[idx].n);
			i = j;
		} else {
			e = sb_ch(w, &b, f->s[i]);
		}
		if (e < 0)
			return e;
	}
	cur->v[0] = pv_lit(b.p, b.n);
	return 1;
}

/* An expression: operands joined by operators.  Known: literals, ','
 * arrays and '+' of two literals; everything else is computed.  `comma`:
 * ',' builds an array (not inside method arguments). */
static int parse_expr(struct pw *w, struct src *s, struct ctx *c,
		      struct pvs *out, bool comma)
{
	struct pvs cur = { 0 };
	int e;

	if ((e = primary(w, s, c, &cur)) < 0 ||
	    (e = postfix(w, s, c, &cur)) < 0)
		return e;
	for (;;) {
		struct pvs rhs = { 0 };
		size_t save = s->i;
		int ch;

		skip_ws(w, s, false);
		ch = at(s, 0);
		if (ch == ',' && comma) {
			s->i++;
			skip_ws(w, s, true);
			if ((e = primary(w, s, c, &rhs)) < 0 ||
			    (e = postfix(w, s, c, &rhs)) < 0 ||
			    (e = pvs_cat(w, &cur, &rhs)) < 0)
				return e;
			continue;
		}
		if (ch == '+' && at(s, 1) != '=' ) {
			struct pv a, b2;
			struct sb cat = { 0 };

			s->i++;
			skip_ws(w, s, true);
			if ((e = primary(w, s, c, &rhs)) < 0 ||
			    (e = postfix(w, s, c, &rhs)) < 0)
				return e;
			if (cur.n == 1 && rhs.n == 1 &&
			    cur.v[0].origin == O_NONE &&
			    rhs.v[0].origin == O_NONE) {
				a = cur.v[0];
				b2 = rhs.v[0];
				if ((e = sb_put(w, &cat, a.s, a.n)) < 0 ||
				    (e = sb_put(w, &cat, b2.s, b2.n)) < 0)
					return e;
				cur.v[0] = pv_lit(cat.p, cat.n);
			} else {
				cur.n = 0;
				if ((e = push_unknown(w, &cur)) < 0)
					return e;
			}
			continue;
		}
		if ((is_dash(s) && alpha(at(s, qlen(s)))) ||
		    (ch >= 0 && strchr("*/%", ch) && at(s, 1) != '=') ||
		    (ch == '.' && at(s, 1) == '.') ||
		    (ch == '-' && at(s, 1) != '=' && at(s, 1) != '-')) {
			/* -f of literals is folded ('rm {0}' -f '~');
			 * -replace, -join, -eq, ..: computed */
			size_t op = s->i + qlen(s);
			bool fmt;

			s->i += qlen(s);
			while (word_char(at(s, 0)) || at(s, 0) == '.')
				s->i++;
			fmt = s->i - op == 1 && (s->p[op] | 0x20) == 'f';
			skip_ws(w, s, true);
			if ((e = parse_expr(w, s, c, &rhs, comma)) < 0)
				return e;
			if (fmt && cur.n == 1 && (e = format(w, &cur, &rhs)) != 0) {
				if (e < 0)
					return e;
				continue;
			}
			cur.n = 0;
			if ((e = push_unknown(w, &cur)) < 0)
				return e;
			continue;
		}
		s->i = save;
		break;
	}
	return pvs_cat(w, out, &cur);
}

/* ---- command mode ---- */

static bool arg_end(const struct src *s)
{
	int c = at(s, 0);

	/* NUL is not a terminator: it reads as an unknown byte */
	return c < 0 || is_space(s) || (c > 0 && strchr(";|&(){},<>\n\r", c));
}

/* Bytes that end a plain run of a bare word: quotes, $, backtick,
 * blanks and the operators.  Markers and non-ASCII bytes (Unicode
 * quotes and spaces) end it too, so they take the slow path. */
static bool plain_byte(unsigned char c)
{
	static const unsigned char stop[128] = {
		['`'] = 1, ['$'] = 1, ['\''] = 1, ['"'] = 1, [' '] = 1,
		['\t'] = 1, ['\f'] = 1, ['\v'] = 1, [';'] = 1, ['|'] = 1,
		['&'] = 1, ['('] = 1, [')'] = 1, ['{'] = 1, ['}'] = 1,
		[','] = 1, ['<'] = 1, ['>'] = 1, ['\n'] = 1, ['\r'] = 1,
	};

	return c > PW_HOME && c < 0x80 && !stop[c];
}

/* A bare word in command mode, with $var and backtick escapes; quotes
 * inside join it (a'b'"c" is one argument). */
static int bareword(struct pw *w, struct src *s, struct ctx *c,
		    struct pvs *out)
{
	struct sb b = { 0 };
	size_t k = s->i;
	int e;

	/* Most words are one plain run: one copy, no buffer to grow. */
	while (k < s->len && plain_byte((unsigned char)s->p[k]))
		k++;
	if (k > s->i) {
		struct src end = *s;

		end.i = k;
		if (arg_end(&end)) {
			char *p;

			if ((e = charge(w, k - s->i)) < 0)
				return e;
			if (!(p = arena_strndup(w->a, s->p + s->i, k - s->i)))
				return NOMEM(w->d);
			e = pvs_push(w, out, pv_lit(p, k - s->i));
			s->i = k;
			return e;
		}
	}
	if ((e = sb_put(w, &b, "", 0)) < 0)
		return e;
	while (!arg_end(s)) {
		int ch = at(s, 0);

		if (ch == '`') {
			/* outside "..." a backtick only quotes the next
			 * character (`n is n, not a newline) */
			if (is_nl(at(s, 1)))
				break;
			if ((e = sb_ch(w, &b, in_byte(at(s, 1)))) < 0)
				return e;
			s->i = at(s, 1) < 0 ? s->len : s->i + 2;
			continue;
		}
		if (is_squote(s) || is_dquote(s)) {
			if ((e = string_lit(w, s, c, &b)) < 0)
				return e;
			continue;
		}
		if (ch == '$' && (word_char(at(s, 1)) || at(s, 1) == '{' ||
				  at(s, 1) == '(')) {
			struct pvs v = { 0 };

			if ((e = var_ref(w, s, c, &v, false)) < 0 ||
			    (e = sb_vals(w, &b, &v)) < 0)
				return e;
			continue;
		}
		{
			/* a run of plain bytes in one copy */
			k = s->i;

			while (k < s->len &&
			       plain_byte((unsigned char)s->p[k]))
				k++;
			if (k == s->i) {
				e = sb_ch(w, &b, in_byte(ch));
				k++;
			} else {
				e = sb_put(w, &b, s->p + s->i, k - s->i);
			}
			if (e < 0)
				return e;
			s->i = k;
		}
	}
	return pvs_push(w, out, pv_lit(b.p, b.n));
}

/* One argument value in command mode (an array when joined by ','). */
static int parse_arg(struct pw *w, struct src *s, struct ctx *c,
		     struct pvs *out)
{
	int e;

	for (;;) {
		int ch = at(s, 0);
		struct pvs v = { 0 };

		if (ch == '$' && !(at(s, 1) == '(')) {
			/* $x (or $x.y) is an expression; $x\rest a word */
			size_t save = s->i;

			if ((e = var_ref(w, s, c, &v, true)) < 0)
				return e;
			if (!arg_end(s) && at(s, 0) != ',') {
				s->i = save;
				v.n = 0;
				if ((e = bareword(w, s, c, &v)) < 0)
					return e;
			}
		} else if (ch == '(' || ch == '{' || ch == '@' ||
			   (ch == '$' && at(s, 1) == '(')) {
			if (ch == '@' && word_char(at(s, 1))) {
				/* @splat outside a command's arguments */
				s->i++;
				if ((e = var_ref(w, s, c, &v, false)) < 0)
					return e;
				s->i--;
				s->i++;
			} else if ((e = primary(w, s, c, &v)) < 0 ||
				   (e = postfix(w, s, c, &v)) < 0) {
				return e;
			}
			if (!arg_end(s) && at(s, 0) != ',') {
				struct pvs rest = { 0 };
				struct sb b = { 0 };

				if ((e = bareword(w, s, c, &rest)) < 0 ||
				    (e = sb_vals(w, &b, &v)) < 0 ||
				    (e = sb_vals(w, &b, &rest)) < 0)
					return e;
				v.n = 0;
				if ((e = pvs_push(w, &v, pv_lit(b.p, b.n))) < 0)
					return e;
			}
		} else if ((e = bareword(w, s, c, &v)) < 0) {
			return e;
		}
		if ((e = pvs_cat(w, out, &v)) < 0)
			return e;
		{
			size_t save = s->i;

			skip_ws(w, s, false);
			if (at(s, 0) != ',') {
				s->i = save;
				return 0;
			}
			s->i++;
			skip_ws(w, s, true);
		}
	}
}

/* ---- cmdlets ---- */

enum kind {
	K_PASS, K_RM, K_READ, K_WRITE, K_NEWITEM, K_MKDIR, K_COPY, K_MOVE,
	K_RENAME, K_LS, K_CD, K_POPD, K_WEB, K_BITS, K_MAIL, K_ICM, K_SESSION,
	K_STOPCOMP, K_RESTART, K_KILL, K_FORMATVOL, K_CLEARDISK, K_INITDISK,
	K_IEX, K_START, K_FOREACH, K_JOIN, K_GETLOC, K_ECHO, K_ZIP, K_UNZIP,
	K_TEE, K_RESOLVE, K_CLEAR, K_SELECT, K_TEST, K_ALIAS, K_WMI,
};

#define SW 0x01		/* a switch: takes no value */
#define WRITE_APPEND 1

/* The tables hold their strings, not pointers to them: in the static
 * hook every pointer in static data is relocated at each start, and the
 * hook starts for every tool call. */
struct pparam {
	char name[33];		/* lower case; "" ends a table */
	char aliases[20];	/* space-separated, lower case */
	unsigned char flags;
	signed char pos;	/* position, or -1 */
};

struct cmdlet {
	char name[20];		/* lower case */
	unsigned char kind;	/* enum kind */
	unsigned char mode;
	const struct pparam *params;
};

#define END { "", "", 0, -1 }

static const struct pparam p_rm[] = {
	{ "path", "", 0, 0 }, { "literalpath", "pspath lp", 0, -1 },
	{ "recurse", "", SW, -1 }, { "force", "", SW, -1 },
	{ "filter", "", 0, -1 }, { "include", "", 0, -1 },
	{ "exclude", "", 0, -1 }, { "credential", "", 0, -1 },
	{ "stream", "", 0, -1 }, END,
};
static const struct pparam p_read[] = {
	{ "path", "", 0, 0 }, { "literalpath", "pspath lp", 0, -1 },
	{ "raw", "", SW, -1 }, { "totalcount", "first head", 0, -1 },
	{ "tail", "last", 0, -1 }, { "encoding", "", 0, -1 },
	{ "force", "", SW, -1 }, { "delimiter", "", 0, -1 },
	{ "wait", "", SW, -1 }, { "readcount", "", 0, -1 },
	{ "asbytestream", "", SW, -1 }, { "stream", "", 0, -1 },
	{ "filter", "", 0, -1 }, { "include", "", 0, -1 },
	{ "exclude", "", 0, -1 }, { "algorithm", "", 0, -1 },
	{ "header", "", 0, -1 }, { "usetablinecontent", "", SW, -1 }, END,
};
static const struct pparam p_sls[] = {
	{ "pattern", "", 0, 0 }, { "path", "", 0, 1 },
	{ "literalpath", "pspath lp", 0, -1 }, { "simplematch", "", SW, -1 },
	{ "casesensitive", "", SW, -1 }, { "quiet", "", SW, -1 },
	{ "list", "", SW, -1 }, { "notmatch", "", SW, -1 },
	{ "allmatches", "", SW, -1 }, { "raw", "", SW, -1 },
	{ "context", "", 0, -1 }, { "encoding", "", 0, -1 },
	{ "inputobject", "", 0, -1 }, { "include", "", 0, -1 },
	{ "exclude", "", 0, -1 }, END,
};
static const struct pparam p_write[] = {
	{ "path", "filepath", 0, 0 }, { "literalpath", "pspath lp", 0, -1 },
	{ "value", "", 0, 1 }, { "inputobject", "", 0, -1 },
	{ "append", "", SW, -1 }, { "force", "", SW, -1 },
	{ "encoding", "", 0, -1 }, { "nonewline", "", SW, -1 },
	{ "noclobber", "", SW, -1 }, { "passthru", "", SW, -1 },
	{ "width", "", 0, -1 }, { "stream", "", 0, -1 },
	{ "filter", "", 0, -1 }, { "include", "", 0, -1 },
	{ "exclude", "", 0, -1 }, { "variable", "", 0, -1 }, END,
};
static const struct pparam p_newitem[] = {
	{ "path", "", 0, 0 }, { "name", "", 0, -1 },
	{ "itemtype", "type", 0, -1 }, { "value", "target", 0, -1 },
	{ "force", "", SW, -1 }, { "credential", "", 0, -1 }, END,
};
static const struct pparam p_copy[] = {
	{ "path", "", 0, 0 }, { "destination", "", 0, 1 },
	{ "literalpath", "pspath lp", 0, -1 }, { "recurse", "", SW, -1 },
	{ "force", "", SW, -1 }, { "container", "", SW, -1 },
	{ "filter", "", 0, -1 }, { "include", "", 0, -1 },
	{ "exclude", "", 0, -1 }, { "passthru", "", SW, -1 },
	{ "tosession", "", 0, -1 }, { "fromsession", "", 0, -1 },
	{ "credential", "", 0, -1 }, END,
};
static const struct pparam p_rename[] = {
	{ "path", "", 0, 0 }, { "newname", "", 0, 1 },
	{ "literalpath", "pspath lp", 0, -1 }, { "force", "", SW, -1 },
	{ "passthru", "", SW, -1 }, { "credential", "", 0, -1 }, END,
};
static const struct pparam p_ls[] = {
	{ "path", "", 0, 0 }, { "filter", "", 0, 1 },
	{ "literalpath", "pspath lp", 0, -1 }, { "recurse", "s", SW, -1 },
	{ "force", "", SW, -1 }, { "include", "", 0, -1 },
	{ "exclude", "", 0, -1 }, { "depth", "", 0, -1 },
	{ "name", "", SW, -1 }, { "file", "af", SW, -1 },
	{ "directory", "ad dir", SW, -1 }, { "hidden", "ah h", SW, -1 },
	{ "readonly", "ar", SW, -1 }, { "system", "as", SW, -1 },
	{ "attributes", "", 0, -1 }, { "followsymlink", "", SW, -1 }, END,
};
static const struct pparam p_cd[] = {
	{ "path", "", 0, 0 }, { "literalpath", "pspath lp", 0, -1 },
	{ "passthru", "", SW, -1 }, { "stackname", "", 0, -1 }, END,
};
static const struct pparam p_web[] = {
	{ "uri", "url", 0, 0 }, { "outfile", "", 0, -1 },
	{ "method", "", 0, -1 }, { "infile", "", 0, -1 },
	{ "body", "", 0, -1 }, { "headers", "", 0, -1 },
	{ "contenttype", "", 0, -1 }, { "form", "", 0, -1 },
	{ "usebasicparsing", "", SW, -1 }, { "credential", "", 0, -1 },
	{ "skipcertificatecheck", "", SW, -1 }, { "useragent", "", 0, -1 },
	{ "timeoutsec", "", 0, -1 }, { "maximumredirection", "", 0, -1 },
	{ "passthru", "", SW, -1 }, { "websession", "", 0, -1 },
	{ "sessionvariable", "sv", 0, -1 }, { "token", "", 0, -1 },
	{ "authentication", "", 0, -1 }, { "proxy", "", 0, -1 },
	{ "usedefaultcredentials", "", SW, -1 }, { "resume", "", SW, -1 },
	{ "custommethod", "cm", 0, -1 }, END,
};
static const struct pparam p_bits[] = {
	{ "source", "", 0, 0 }, { "destination", "", 0, 1 },
	{ "transfertype", "", 0, -1 }, { "credential", "", 0, -1 },
	{ "displayname", "", 0, -1 }, { "asynchronous", "", SW, -1 },
	{ "priority", "", 0, -1 }, END,
};
static const struct pparam p_mail[] = {
	{ "to", "", 0, 0 }, { "subject", "", 0, 1 }, { "body", "", 0, 2 },
	{ "smtpserver", "computername", 0, 3 },
	{ "attachments", "pspath", 0, -1 }, { "from", "", 0, -1 },
	{ "cc", "", 0, -1 }, { "bcc", "", 0, -1 },
	{ "credential", "", 0, -1 }, { "usessl", "", SW, -1 },
	{ "port", "", 0, -1 }, { "bodyashtml", "bah", SW, -1 }, END,
};
static const struct pparam p_icm[] = {
	{ "scriptblock", "command", 0, 0 }, { "computername", "cn", 0, -1 },
	{ "session", "", 0, -1 }, { "hostname", "", 0, -1 },
	{ "filepath", "", 0, -1 }, { "argumentlist", "args", 0, -1 },
	{ "credential", "", 0, -1 }, { "asjob", "", SW, -1 },
	{ "username", "", 0, -1 }, { "keyfilepath", "", 0, -1 },
	{ "noprofile", "", SW, -1 }, END,
};
static const struct pparam p_stopcomp[] = {
	{ "computername", "cn", 0, 0 }, { "force", "", SW, -1 },
	{ "credential", "", 0, -1 }, { "wait", "", SW, -1 }, END,
};
static const struct pparam p_kill[] = {
	{ "id", "", 0, 0 }, { "name", "processname", 0, -1 },
	{ "inputobject", "", 0, -1 }, { "force", "", SW, -1 },
	{ "passthru", "", SW, -1 }, END,
};
static const struct pparam p_disk[] = {
	{ "driveletter", "number", 0, 0 }, { "filesystem", "", 0, -1 },
	{ "newfilesystemlabel", "", 0, -1 }, { "force", "", SW, -1 },
	{ "full", "", SW, -1 }, { "removedata", "", SW, -1 },
	{ "removeoem", "", SW, -1 }, { "partitionstyle", "", 0, -1 },
	{ "inputobject", "", 0, -1 }, { "partitionnumber", "", 0, -1 },
	{ "disknumber", "", 0, -1 }, { "confirm", "", SW, -1 }, END,
};
static const struct pparam p_iex[] = {
	{ "command", "", 0, 0 }, END,
};
static const struct pparam p_start[] = {
	{ "filepath", "path", 0, 0 }, { "argumentlist", "args", 0, 1 },
	{ "verb", "", 0, -1 }, { "workingdirectory", "", 0, -1 },
	{ "wait", "", SW, -1 }, { "nonewwindow", "", SW, -1 },
	{ "passthru", "", SW, -1 }, { "windowstyle", "", 0, -1 },
	{ "credential", "", 0, -1 }, { "loaduserprofile", "lup", SW, -1 },
	{ "redirectstandardoutput", "rso", 0, -1 },
	{ "redirectstandarderror", "rse", 0, -1 },
	{ "redirectstandardinput", "rsi", 0, -1 },
	{ "usenewenvironment", "", SW, -1 }, END,
};
static const struct pparam p_foreach[] = {
	{ "process", "", 0, 0 }, { "begin", "", 0, -1 }, { "end", "", 0, -1 },
	{ "membername", "", 0, -1 }, { "filterscript", "", 0, -1 },
	{ "inputobject", "", 0, -1 }, { "parallel", "", 0, -1 },
	{ "throttlelimit", "", 0, -1 }, END,
};
static const struct pparam p_join[] = {
	{ "path", "", 0, 0 }, { "childpath", "", 0, 1 },
	{ "additionalchildpath", "", 0, 2 }, { "resolve", "", SW, -1 }, END,
};
static const struct pparam p_echo[] = {
	{ "inputobject", "object msg message", 0, 0 },
	{ "nonewline", "", SW, -1 }, { "separator", "", 0, -1 },
	{ "foregroundcolor", "fgcolor", 0, -1 },
	{ "backgroundcolor", "bgcolor", 0, -1 },
	{ "noenumerate", "", SW, -1 }, END,
};
static const struct pparam p_zip[] = {
	{ "path", "", 0, 0 }, { "destinationpath", "", 0, 1 },
	{ "literalpath", "pspath lp", 0, -1 }, { "force", "", SW, -1 },
	{ "update", "", SW, -1 }, { "compressionlevel", "", 0, -1 },
	{ "passthru", "", SW, -1 }, END,
};
static const struct pparam p_tee[] = {
	{ "path", "filepath", 0, 0 }, { "literalpath", "pspath lp", 0, -1 },
	{ "append", "", SW, -1 }, { "variable", "", 0, -1 },
	{ "inputobject", "", 0, -1 }, { "encoding", "", 0, -1 }, END,
};
static const struct pparam p_mp[] = {
	{ "disablerealtimemonitoring", "drtm", 0, -1 },
	{ "disablebehaviormonitoring", "dbm", 0, -1 },
	{ "disableioavprotection", "dioavp", 0, -1 },
	{ "disablescriptscanning", "dscrptsc", 0, -1 },
	{ "disableintrusionpreventionsystem", "dips", 0, -1 },
	{ "disableblockatfirstseen", "dbaf", 0, -1 },
	{ "disablearchivescanning", "darchsc", 0, -1 },
	{ "disableremovabledrivescanning", "drdsc", 0, -1 },
	{ "disablescanningnetworkfiles", "dsnf", 0, -1 },
	{ "disableemailscanning", "demsc", 0, -1 },
	{ "exclusionpath", "", 0, -1 }, { "exclusionprocess", "", 0, -1 },
	{ "exclusionextension", "", 0, -1 },
	{ "exclusionipaddress", "", 0, -1 },
	{ "mapsreporting", "", 0, -1 }, { "submitsamplesconsent", "", 0, -1 },
	{ "enablecontrolledfolderaccess", "", 0, -1 },
	{ "puaprotection", "", 0, -1 }, { "force", "", SW, -1 }, END,
};
static const struct pparam p_policy[] = {
	{ "executionpolicy", "", 0, 0 }, { "scope", "", 0, 1 },
	{ "force", "", SW, -1 }, END,
};
static const struct pparam p_itemprop[] = {
	{ "path", "", 0, 0 }, { "name", "", 0, 1 },
	{ "literalpath", "pspath lp", 0, -1 }, { "value", "", 0, 2 },
	{ "force", "", SW, -1 }, { "propertytype", "type", 0, -1 }, END,
};
static const struct pparam p_user[] = {
	{ "name", "", 0, 0 }, { "sid", "", 0, -1 },
	{ "inputobject", "", 0, -1 }, END,
};
static const struct pparam p_alias[] = {
	{ "name", "", 0, 0 }, { "value", "", 0, 1 },
	{ "description", "", 0, -1 }, { "option", "", 0, -1 },
	{ "passthru", "", SW, -1 }, { "scope", "", 0, -1 },
	{ "force", "", SW, -1 }, END,
};
static const struct pparam p_wmi[] = {
	{ "class", "classname", 0, 0 }, { "name", "methodname", 0, 1 },
	{ "argumentlist", "args arguments", 0, 2 },
	{ "computername", "cn", 0, -1 }, { "namespace", "", 0, -1 },
	{ "credential", "", 0, -1 }, { "path", "", 0, -1 },
	{ "inputobject", "", 0, -1 }, { "cimsession", "", 0, -1 }, END,
};
static const struct pparam p_split[] = {
	{ "path", "", 0, 0 }, { "literalpath", "pspath lp", 0, -1 },
	{ "parent", "", SW, -1 }, { "leaf", "", SW, -1 },
	{ "qualifier", "", SW, -1 }, { "noqualifier", "", SW, -1 },
	{ "resolve", "", SW, -1 }, { "isabsolute", "", SW, -1 },
	{ "extension", "", SW, -1 }, { "leafbase", "", SW, -1 }, END,
};
static const struct pparam p_select[] = {
	{ "property", "", 0, 0 }, { "excludeproperty", "", 0, -1 },
	{ "expandproperty", "", 0, -1 }, { "unique", "", SW, -1 },
	{ "caseinsensitive", "", SW, -1 }, { "last", "", 0, -1 },
	{ "first", "", 0, -1 }, { "skip", "", 0, -1 },
	{ "skiplast", "", 0, -1 }, { "wait", "", SW, -1 },
	{ "index", "", 0, -1 }, { "skipindex", "", 0, -1 },
	{ "inputobject", "", 0, -1 }, END,
};
static const struct pparam p_none[] = { END };

/* Common parameters every cmdlet takes. */
static const struct pparam p_common[] = {
	{ "verbose", "vb", SW, -1 }, { "debug", "db", SW, -1 },
	{ "erroraction", "ea", 0, -1 }, { "warningaction", "wa", 0, -1 },
	{ "informationaction", "infa", 0, -1 },
	{ "errorvariable", "ev", 0, -1 }, { "warningvariable", "wv", 0, -1 },
	{ "informationvariable", "iv", 0, -1 },
	{ "outvariable", "ov", 0, -1 }, { "outbuffer", "ob", 0, -1 },
	{ "pipelinevariable", "pv", 0, -1 }, { "whatif", "wi", SW, -1 },
	{ "confirm", "cf", SW, -1 }, { "progressaction", "proga", 0, -1 },
	END,
};

/* One row per cmdlet, sorted by name (bsearch): the POSIX command it
 * becomes and its parameters in table order (the first of an ambiguous
 * prefix wins, the more destructive reading). */
static const struct cmdlet cmdlets[] = {
	{ "add-content", K_WRITE, WRITE_APPEND, p_write },
	{ "add-mppreference", K_PASS, 0, p_mp },
	{ "clear-content", K_CLEAR, 0, p_write },
	{ "clear-disk", K_CLEARDISK, 0, p_disk },
	{ "compress-archive", K_ZIP, 0, p_zip },
	{ "convert-path", K_RESOLVE, 0, p_cd },
	{ "copy-item", K_COPY, 0, p_copy },
	{ "disable-localuser", K_PASS, 0, p_user },
	{ "enter-pssession", K_SESSION, 0, p_icm },
	{ "expand-archive", K_UNZIP, 0, p_zip },
	{ "export-csv", K_WRITE, 2, p_write },
	{ "foreach-object", K_FOREACH, 0, p_foreach },
	{ "format-volume", K_FORMATVOL, 0, p_disk },
	{ "get-childitem", K_LS, 0, p_ls },
	{ "get-content", K_READ, 0, p_read },
	{ "get-filehash", K_READ, 0, p_read },
	{ "get-item", K_READ, 3, p_read },
	{ "get-location", K_GETLOC, 0, p_none },
	{ "import-clixml", K_READ, 0, p_read },
	{ "import-csv", K_READ, 0, p_read },
	{ "initialize-disk", K_INITDISK, 0, p_disk },
	{ "invoke-cimmethod", K_WMI, 1, p_wmi },
	{ "invoke-command", K_ICM, 0, p_icm },
	{ "invoke-expression", K_IEX, 0, p_iex },
	{ "invoke-restmethod", K_WEB, 0, p_web },
	{ "invoke-webrequest", K_WEB, 0, p_web },
	{ "invoke-wmimethod", K_WMI, 0, p_wmi },
	{ "join-path", K_JOIN, 0, p_join },
	{ "mkdir", K_MKDIR, 0, p_newitem },
	{ "move-item", K_MOVE, 0, p_copy },
	{ "new-alias", K_ALIAS, 0, p_alias },
	{ "new-item", K_NEWITEM, 0, p_newitem },
	{ "new-itemproperty", K_PASS, 0, p_itemprop },
	{ "out-file", K_WRITE, 2, p_write },
	{ "pop-location", K_POPD, 0, p_cd },
	{ "push-location", K_CD, 0, p_cd },
	{ "remove-item", K_RM, 0, p_rm },
	{ "remove-itemproperty", K_PASS, 0, p_itemprop },
	{ "remove-localuser", K_PASS, 0, p_user },
	{ "remove-partition", K_INITDISK, 0, p_disk },
	{ "rename-item", K_RENAME, 0, p_rename },
	{ "resolve-path", K_RESOLVE, 0, p_cd },
	{ "restart-computer", K_RESTART, 0, p_stopcomp },
	{ "select-object", K_SELECT, 0, p_select },
	{ "select-string", K_READ, 1, p_sls },
	{ "send-mailmessage", K_MAIL, 0, p_mail },
	{ "set-alias", K_ALIAS, 0, p_alias },
	{ "set-content", K_WRITE, 0, p_write },
	{ "set-executionpolicy", K_PASS, 0, p_policy },
	{ "set-itemproperty", K_PASS, 0, p_itemprop },
	{ "set-location", K_CD, 0, p_cd },
	{ "set-mppreference", K_PASS, 0, p_mp },
	{ "sort-object", K_SELECT, 0, p_none },
	{ "split-path", K_TEST, 0, p_split },
	{ "start-bitstransfer", K_BITS, 0, p_bits },
	{ "start-process", K_START, 0, p_start },
	{ "stop-computer", K_STOPCOMP, 0, p_stopcomp },
	{ "stop-process", K_KILL, 0, p_kill },
	{ "tee-object", K_TEE, 0, p_tee },
	{ "test-path", K_TEST, 0, p_ls },
	{ "where-object", K_FOREACH, 0, p_foreach },
	{ "write-host", K_ECHO, 0, p_echo },
	{ "write-output", K_ECHO, 0, p_echo },
};

/* Aliases, sorted (bsearch; tests/unit/test_pwsh.c checks the order and
 * that each names a row above).  `native`: on Linux the word is a program
 * (PowerShell 7 defines no rm, ls, cat ... there), so arguments the cmdlet
 * does not take (rm -rf) make it that program. */
static const struct alias {
	char name[8], cmdlet[20];
	bool native;
} aliases[] = {
	{ "%", "foreach-object", false },
	{ "?", "where-object", false },
	{ "ac", "add-content", false },
	{ "cat", "get-content", true },
	{ "cd", "set-location", false },
	{ "chdir", "set-location", false },
	{ "clc", "clear-content", false },
	{ "copy", "copy-item", false },
	{ "cp", "copy-item", true },
	{ "cpi", "copy-item", false },
	{ "curl", "invoke-webrequest", true },
	{ "cvpa", "convert-path", false },
	{ "del", "remove-item", false },
	{ "dir", "get-childitem", false },
	{ "echo", "write-output", false },
	{ "epcsv", "export-csv", false },
	{ "erase", "remove-item", false },
	{ "etsn", "enter-pssession", false },
	{ "foreach", "foreach-object", false },
	{ "gc", "get-content", false },
	{ "gci", "get-childitem", false },
	{ "gi", "get-item", false },
	{ "gl", "get-location", false },
	{ "icm", "invoke-command", false },
	{ "iex", "invoke-expression", false },
	{ "ipcsv", "import-csv", false },
	{ "irm", "invoke-restmethod", false },
	{ "iwr", "invoke-webrequest", false },
	{ "kill", "stop-process", true },
	{ "ls", "get-childitem", true },
	{ "md", "mkdir", false },
	{ "mi", "move-item", false },
	{ "move", "move-item", false },
	{ "mv", "move-item", true },
	{ "nal", "new-alias", false },
	{ "ni", "new-item", false },
	{ "popd", "pop-location", false },
	{ "pushd", "push-location", false },
	{ "pwd", "get-location", false },
	{ "rd", "remove-item", false },
	{ "ren", "rename-item", false },
	{ "ri", "remove-item", false },
	{ "rm", "remove-item", true },
	{ "rmdir", "remove-item", false },
	{ "rni", "rename-item", false },
	{ "rp", "remove-itemproperty", false },
	{ "rvpa", "resolve-path", false },
	{ "sal", "set-alias", false },
	{ "saps", "start-process", false },
	{ "sc", "set-content", false },
	{ "select", "select-object", false },
	{ "sl", "set-location", false },
	{ "sls", "select-string", false },
	{ "sort", "sort-object", true },
	{ "sp", "set-itemproperty", false },
	{ "spps", "stop-process", false },
	{ "start", "start-process", false },
	{ "tee", "tee-object", true },
	{ "type", "get-content", false },
	{ "wget", "invoke-webrequest", true },
	{ "where", "where-object", false },
	{ "write", "write-output", false },
};

/* Is the lower-case word s (n bytes) one of the space-separated names of
 * `list`?  Called for every command word against every row: the first
 * byte and the length decide most comparisons. */
static bool in_list(const char *list, const char *s, size_t n)
{
	while (*list) {
		const char *t = list;

		while (*t && *t != ' ')
			t++;
		if ((size_t)(t - list) == n && list[0] == s[0] &&
		    !memcmp(list, s, n))
			return true;
		list = *t ? t + 1 : t;
	}
	return false;
}

static int cmdlet_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct cmdlet *)elem)->name);
}

static int alias_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct alias *)elem)->name);
}

/* The row of a command word: its name or an alias, any case.  *native:
 * the word is an alias that is also a program on Linux. */
static const struct cmdlet *find_cmdlet(const char *word, size_t n,
					bool *by_alias, bool *native)
{
	const struct alias *al;
	char name[32];

	*by_alias = *native = false;
	if (!n || n >= sizeof(name) || memchr(word, '\0', n))
		return NULL;
	lower_name(name, sizeof(name), word, n);
	if ((al = bsearch(name, aliases, sizeof(aliases) / sizeof(aliases[0]),
			  sizeof(aliases[0]), alias_cmp))) {
		*by_alias = true;
		*native = al->native;
		memcpy(name, al->cmdlet, strlen(al->cmdlet) + 1);
	}
	return bsearch(name, cmdlets, sizeof(cmdlets) / sizeof(cmdlets[0]),
		       sizeof(cmdlets[0]), cmdlet_cmp);
}

/* The parameter `-name` (lower case) of a table: exact name or alias,
 * else the first one it is a prefix of. */
static const struct pparam *find_param(const struct pparam *t,
				       const char *name, size_t n)
{
	const struct pparam *p, *first = NULL;

	/* a NUL in the name is no parameter (and would end strncmp early) */
	if (!n || memchr(name, '\0', n))
		return NULL;
	for (p = t; p->name[0]; p++) {
		if (p->name[0] == name[0] && !strncmp(p->name, name, n)) {
			if (!p->name[n])
				return p;	/* the full name */
			if (!first)
				first = p;
		}
		if (p->aliases[0] && in_list(p->aliases, name, n))
			return p;
	}
	return first;
}

/* One argument as written: a parameter with or without its value, or a
 * positional value. */
struct parg {
	const char *name;	/* lower case, to match; NULL: positional */
	const char *raw;	/* as written, for programs (-D is not -d) */
	size_t nlen;
	const struct pparam *p;	/* the parameter it binds, or NULL */
	struct pvs vals;
	bool has_val, colon;
};

struct cmd {
	struct pv name;		/* the command word */
	const struct cmdlet *c;
	bool by_alias, native;	/* named by an alias (a program too) */
	bool call;		/* `& x`: a call of a value */
	struct parg *args;
	size_t nargs, cap;
	struct sb redir;	/* sh redirections */
	bool block_cmd;		/* `& { ... }` */
	struct pv blockv;
	bool whatif, unknown_splat, stop_parsing;
};

static int push_arg(struct pw *w, struct cmd *m, const struct parg *a)
{
	if (m->nargs + 1 > m->cap &&
	    !(m->args = arena_grow(w->a, m->args, &m->cap, sizeof(*m->args),
				   m->nargs + 1)))
		return NOMEM(w->d);
	m->args[m->nargs++] = *a;
	return 0;
}

/* The values bound to parameter `name` (canonical), or NULL. */
static struct pvs *bval(struct cmd *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nargs; i++)
		if (m->args[i].p && !strcmp(m->args[i].p->name, name))
			return &m->args[i].vals;
	return NULL;
}

/* Is the switch `name` on? -Sw, -Sw:$true; an unknown value is on. */
static bool bsw(struct cmd *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nargs; i++) {
		const struct parg *a = &m->args[i];

		if (!a->p || strcmp(a->p->name, name))
			continue;
		if (!a->colon || !a->vals.n)
			return true;
		if (a->vals.v[0].n == 5 &&
		    !strncasecmp(a->vals.v[0].s, "false", 5))
			return false;
		if (a->vals.v[0].n == 1 && a->vals.v[0].s[0] == '0')
			return false;
		return true;
	}
	return false;
}

/* Binds parameters and positional values.  An unknown parameter of a
 * cmdlet makes PowerShell stop; it is kept so pass-through shows it. */
static int bind(struct pw *w, struct cmd *m)
{
	const struct pparam *t = m->c ? m->c->params : p_none;
	size_t i, k;
	int pos = 0;

	for (i = 0; i < m->nargs; i++) {
		struct parg *a = &m->args[i];

		if (!a->name)
			continue;
		a->p = find_param(t, a->name, a->nlen);
		if (!a->p) {
			const struct pparam *cp =
				find_param(p_common, a->name, a->nlen);

			/* -WhatIf makes the command do nothing: only a
			 * switch that is surely on counts (-WhatIf:0 and
			 * -WhatIf:$x run the command) */
			if (cp && !strcmp(cp->name, "whatif"))
				m->whatif = !a->colon ||
					    (a->vals.n == 1 &&
					     ((a->vals.v[0].n == 4 &&
					       !strncasecmp(a->vals.v[0].s,
							    "true", 4)) ||
					      (a->vals.v[0].n == 1 &&
					       a->vals.v[0].s[0] == '1')));
			a->p = cp;
		}
		/* A switch took no value: a value that followed it is
		 * positional (-Recurse C:\x). */
		if (a->p && (a->p->flags & SW) && a->has_val && !a->colon) {
			struct parg b = { 0 };

			b.vals = a->vals;
			a->vals.n = 0;
			a->vals.v = NULL;
			a->has_val = false;
			if (push_arg(w, m, &b) < 0)
				return w->d->code;
			/* keep order: move it right after */
			b = m->args[m->nargs - 1];
			memmove(&m->args[i + 2], &m->args[i + 1],
				(m->nargs - i - 2) * sizeof(*m->args));
			m->args[i + 1] = b;
			a = &m->args[i];
		}
	}
	for (i = 0; i < m->nargs; i++) {
		struct parg *a = &m->args[i];
		const struct pparam *p = NULL;

		if (a->name)
			continue;
		for (;; pos++) {
			for (k = 0; t[k].name[0]; k++)
				if (t[k].pos == pos)
					break;
			if (!t[k].name[0]) {
				p = NULL;
				break;
			}
			if (!bval(m, t[k].name)) {
				p = &t[k];
				pos++;
				break;
			}
		}
		a->p = p;	/* NULL: an extra positional value */
	}
	return 0;
}

/* All values of the path-like parameters, converted. */
static int paths_of(struct pw *w, struct cmd *m, struct pvs *out,
		    bool *literal)
{
	static const char names[][12] = { "path", "literalpath" };
	size_t i, k;
	int e;

	*literal = false;
	for (k = 0; k < 2; k++) {
		struct pvs *v = bval(m, names[k]);

		if (v && (e = pvs_cat(w, out, v)) < 0)
			return e;
		if (v && k == 1)
			*literal = true;
	}
	/* extra positional values are paths too (the safe reading) */
	for (i = 0; i < m->nargs; i++)
		if (!m->args[i].name && !m->args[i].p &&
		    (e = pvs_cat(w, out, &m->args[i].vals)) < 0)
			return e;
	if (m->unknown_splat && (e = push_unknown(w, out)) < 0)
		return e;
	return win_paths(w, out);
}

/* Paths as words: a -Path is a wildcard, a -LiteralPath is not. */
static int emit_paths(struct pw *w, struct sb *o, const struct pvs *paths,
		      bool literal)
{
	return emit_words(w, o, paths, !literal);
}

/* Scripts blocks among the arguments of a command that does not say
 * when they run: they may run now. */
static int run_arg_blocks(struct pw *w, struct ctx *c, struct cmd *m)
{
	size_t i, k;
	int e;

	for (i = 0; i < m->nargs; i++)
		for (k = 0; k < m->args[i].vals.n; k++)
			if (m->args[i].vals.v[k].origin == O_BLOCK &&
			    ((e = run_block(w, &m->args[i].vals.v[k],
					    c->pre)) < 0 ||
			     (e = sb_ch(w, c->pre, '\n')) < 0))
				return e;
	return 0;
}

/* The arguments of a cmdlet without a translation, for the rules that
 * name it: parameters by their lower-case name (-DisableRealtime:$true is
 * "-disablerealtimemonitoring true"), values as words, Windows paths
 * converted. */
static int emit_passthru_args(struct pw *w, struct sb *o, struct cmd *m)
{
	size_t i, k;
	int e;

	for (i = 0; i < m->nargs; i++) {
		struct parg *a = &m->args[i];
		struct pvs v = a->vals;

		if (a->name) {
			struct sb b = { 0 };

			if ((e = sb_ch(w, &b, '-')) < 0 ||
			    (e = a->p ? sb_str(w, &b, a->p->name) :
			     sb_put(w, &b, a->name, a->nlen)) < 0 ||
			    (e = sb_ch(w, o, ' ')) < 0 ||
			    (e = emit_word(w, o, &(struct pv){ b.p, b.n,
					   O_NONE, NULL, NULL, NULL },
					   false)) < 0)
				return e;
		} else {
			for (k = 0; k < v.n; k++)
				if (looks_windows(&v.v[k]) &&
				    (e = win_path(w, &v.v[k], &v.v[k])) < 0)
					return e;
		}
		if ((e = emit_words(w, o, &v, false)) < 0)
			return e;
	}
	return 0;
}

/* ---- native programs, pwsh -c, cmd /c ---- */

static int translate_cmd(struct pw *w, const char *text, size_t len,
			 struct sb *out);

static int base64_utf16(struct pw *w, const char *s, size_t n,
			struct sb *out)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t acc = 0;
	int bits = 0, e;
	unsigned char pair[2];
	size_t i, np = 0;

	for (i = 0; i < n; i++) {
		const char *p;

		if (s[i] == '=' || s[i] == ' ' || s[i] == '\n' || s[i] == '\r')
			continue;
		if (!s[i] || !(p = strchr(tab, s[i])))
			return 1;
		acc = (acc << 6) | (uint32_t)(p - tab);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			pair[np++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
			if (np == 2) {
				unsigned cp = pair[0] | (unsigned)pair[1] << 8;
				char u[3];
				size_t k = 0;

				np = 0;
				/* UTF-16LE to UTF-8; surrogates unknown */
				if (cp >= 0xd800 && cp < 0xe000)
					u[k++] = PW_UNK;
				else if (cp < 0x80)
					u[k++] = in_byte((int)cp);
				else if (cp < 0x800) {
					u[k++] = (char)(0xc0 | cp >> 6);
					u[k++] = (char)(0x80 | (cp & 0x3f));
				} else {
					u[k++] = (char)(0xe0 | cp >> 12);
					u[k++] = (char)(0x80 |
							((cp >> 6) & 0x3f));
					u[k++] = (char)(0x80 | (cp & 0x3f));
				}
				if ((e = sb_put(w, out, u, k)) < 0)
					return e;
			}
		}
	}
	return 0;
}

/* Code given as a value (pwsh -c, iex, cmd /c) run as commands: a literal
 * is translated, an unknown one is a command computed at run time. */
static int run_code(struct pw *w, struct sb *o, const struct pv *code,
		    bool cmd)
{
	int e;

	if (!pv_known(code) || memchr(code->s, PW_HOME, code->n)) {
		if (code->origin == O_WEB && code->oarg) {
			if ((e = sb_str(w, o, "curl -fsSL ")) < 0 ||
			    (e = emit_word(w, o, &(struct pv){ code->oarg,
					   strlen(code->oarg), O_NONE, NULL,
					   NULL, NULL }, false)) < 0)
				return e;
			return sb_str(w, o, " | sh");
		}
		if (!memchr(code->s, PW_UNK, code->n) && pv_known(code)) {
			/* only the home is marked: spell it out */
			struct sb b = { 0 };
			size_t i;

			for (i = 0; i < code->n; i++)
				if ((e = code->s[i] == PW_HOME ?
				     sb_str(w, &b, cmd ? "%USERPROFILE%" :
					    "$HOME") :
				     sb_ch(w, &b, code->s[i])) < 0)
					return e;
			return run_code(w, o, &(struct pv){ b.p, b.n, O_NONE,
					NULL, NULL, NULL }, cmd);
		}
		if ((e = sb_str(w, o, "invoke-expression ")) < 0)
			return e;
		return emit_word(w, o, code, false);
	}
	if ((e = sb_str(w, o, "{\n")) < 0)
		return e;
	if ((e = deeper(w)) < 0)
		return e;
	e = cmd ? translate_cmd(w, code->s, code->n, o) :
		  translate(w, code->s, code->n, o);
	if (e < 0)
		return e;
	w->depth--;
	return sb_str(w, o, "\ntrue\n}");
}

static void prog_base(const struct pv *v, const char **b, size_t *n)
{
	const char *s = v->s, *p;
	size_t len = v->n;

	for (p = s + len; p > s && p[-1] != '/' && p[-1] != '\\'; p--)
		;
	len -= (size_t)(p - s);
	if (len > 4 && !strncasecmp(p + len - 4, ".exe", 4))
		len -= 4;
	*b = p;
	*n = len;
}

static int invoke(struct pw *w, struct sb *o, const struct pv *name,
		  const struct pvs *args);

/* pwsh / powershell arguments: -Command, -EncodedCommand, or a file. */
static int invoke_pwsh(struct pw *w, struct sb *o, const struct pvs *args)
{
	struct sb code = { 0 };
	size_t i;
	int e;

	if ((e = sb_put(w, &code, "", 0)) < 0)
		return e;
	for (i = 0; i < args->n; i++) {
		const struct pv *a = &args->v[i];
		char f[32];
		size_t k;

		if (!a->n || (a->s[0] != '-' && a->s[0] != '/')) {
			/* -File, or the command text itself */
			break;
		}
		lower_name(f, sizeof(f), a->s + 1, a->n - 1);
		k = strlen(f);
		if (k && !strncmp("command", f, k)) {
			i++;
			break;
		}
		if (!strncmp(f, "ex", 2) || !strcmp(f, "ep") ||
		    (k && (!strncmp("windowstyle", f, k) ||
			   !strncmp("inputformat", f, k) ||
			   !strncmp("outputformat", f, k) ||
			   !strncmp("configurationname", f, k) ||
			   !strncmp("workingdirectory", f, k) ||
			   !strcmp(f, "wd") || !strcmp(f, "version") ||
			   !strcmp(f, "v") || !strcmp(f, "settingsfile") ||
			   !strcmp(f, "custompipename")))) {
			i++;
			continue;
		}
		if (k && (!strncmp("encodedcommand", f, k) ||
			  !strcmp(f, "ec"))) {
			struct sb dec = { 0 };

			if (i + 1 >= args->n)
				return 0;
			a = &args->v[i + 1];
			if ((e = sb_put(w, &dec, "", 0)) < 0)
				return e;
			if (!pv_known(a) || (e = base64_utf16(w, a->s, a->n,
							      &dec)) > 0)
				return run_code(w, o, &pv_unknown, false);
			if (e < 0)
				return e;
			return run_code(w, o, &(struct pv){ dec.p, dec.n,
					O_NONE, NULL, NULL, NULL }, false);
		}
		if (k && !strncmp("file", f, k)) {
			/* a script file, not read here: run as a program, so
			 * a script this call wrote or downloaded asks */
			if (i + 1 >= args->n)
				return sb_str(w, o, "true");
			return invoke(w, o, &args->v[i + 1],
				      &(struct pvs){ args->v + i + 2,
					      args->n - i - 2, 0 });
		}
	}
	if (i >= args->n)
		return sb_str(w, o, "true");
	if (args->v[i].n == 1 && args->v[i].s[0] == '-')
		/* -Command -: the code comes from stdin */
		return run_code(w, o, &pv_unknown, false);
	for (; i < args->n; i++) {
		const struct pv *a = &args->v[i];

		if (a->origin == O_BLOCK) {
			/* pwsh -c { … }: the block is the code, read below */
			if (a->ran)
				*a->ran = true;
			if ((e = sb_put(w, &code, a->s, a->n)) < 0)
				return e;
		} else if ((e = sb_put(w, &code, a->s, a->n)) < 0)
			return e;
		if (i + 1 < args->n && (e = sb_ch(w, &code, ' ')) < 0)
			return e;
	}
	if (args->v[args->n - 1].origin == O_WEB)
		return run_code(w, o, &args->v[args->n - 1], false);
	return run_code(w, o, &(struct pv){ code.p, code.n, O_NONE, NULL,
				NULL, NULL }, false);
}

/* A native program (or a script path) with its arguments; `pre` keeps
 * the text of pwsh -c and cmd /c translations. */
static int invoke(struct pw *w, struct sb *o, const struct pv *name,
		  const struct pvs *args)
{
	const char *b;
	size_t n, i;
	struct pv prog;
	int e;

	if (!pv_known(name))
		goto plain;
	prog_base(name, &b, &n);
	if ((n == 4 && !strncasecmp(b, "pwsh", 4)) ||
	    (n == 10 && !strncasecmp(b, "powershell", 10)))
		return invoke_pwsh(w, o, args);
	if (n == 3 && !strncasecmp(b, "cmd", 3)) {
		struct sb code = { 0 };

		for (i = 0; i < args->n; i++) {
			const struct pv *a = &args->v[i];

			if (a->n == 2 && a->s[0] == '/' &&
			    strchr("cCkKrR", a->s[1]))
				break;
		}
		if (i >= args->n)
			return sb_str(w, o, "true");
		if ((e = sb_put(w, &code, "", 0)) < 0)
			return e;
		for (i++; i < args->n; i++) {
			struct pv a;

			if ((e = pvs_join(w, &(struct pvs){ &args->v[i], 1,
					  0 }, &a)) < 0 ||
			    (e = sb_put(w, &code, a.s, a.n)) < 0 ||
			    (i + 1 < args->n &&
			     (e = sb_ch(w, &code, ' ')) < 0))
				return e;
		}
		return run_code(w, o, &(struct pv){ code.p, code.n, O_NONE,
				NULL, NULL, NULL }, true);
	}
plain:
	prog = *name;
	if (pv_known(name) && (e = win_path(w, name, &prog)) < 0)
		return e;
	/* x.exe just downloaded: the sh layer drops ".exe" from program
	 * names, so run it as the script the call wrote */
	if (w->ndl && was_downloaded(w, &prog) && (e = sb_str(w, o, "sh ")) < 0)
		return e;
	if ((e = emit_word(w, o, &prog, false)) < 0)
		return e;
	for (i = 0; i < args->n; i++) {
		struct pv a = args->v[i];

		if (looks_windows(&a) && (e = win_path(w, &a, &a)) < 0)
			return e;
		if ((e = sb_ch(w, o, ' ')) < 0 ||
		    (e = emit_word(w, o, &a, false)) < 0)
			return e;
	}
	return 0;
}

/* The arguments of a native call as values: -x:v joined back. */
static int native_args(struct pw *w, struct cmd *m, struct pvs *out)
{
	size_t i;
	int e;

	for (i = 0; i < m->nargs; i++) {
		struct parg *a = &m->args[i];

		if (a->name) {
			struct sb b = { 0 };

			if ((e = sb_ch(w, &b, '-')) < 0 ||
			    (e = a->raw ? sb_str(w, &b, a->raw) :
				 sb_put(w, &b, a->name, a->nlen)) < 0)
				return e;
			if (a->colon) {
				struct pv v;

				if ((e = sb_ch(w, &b, ':')) < 0 ||
				    (e = one(w, &a->vals, &v)) < 0 ||
				    (e = sb_put(w, &b, v.s, v.n)) < 0)
					return e;
				if ((e = pvs_push(w, out, pv_lit(b.p,
							b.n))) < 0)
					return e;
				continue;
			}
			if ((e = pvs_push(w, out, pv_lit(b.p, b.n))) < 0)
				return e;
		}
		if ((e = pvs_cat(w, out, &a->vals)) < 0)
			return e;
	}
	return 0;
}

/* Splits a Windows command line (Start-Process -ArgumentList "a b",
 * cmd /c text) into words: blanks separate, "..." groups. */
static int split_cmdline(struct pw *w, const struct pv *v, struct pvs *out)
{
	size_t i = 0;
	int e;

	if (!pv_known(v))
		return pvs_push(w, out, *v);
	while (i < v->n) {
		struct sb b = { 0 };
		bool q = false;

		while (i < v->n && (v->s[i] == ' ' || v->s[i] == '\t'))
			i++;
		if (i >= v->n)
			break;
		if ((e = sb_put(w, &b, "", 0)) < 0)
			return e;
		for (; i < v->n && (q || (v->s[i] != ' ' && v->s[i] != '\t'));
		     i++) {
			if (v->s[i] == '"') {
				q = !q;
				continue;
			}
			if ((e = sb_ch(w, &b, v->s[i])) < 0)
				return e;
		}
		if ((e = pvs_push(w, out, pv_lit(b.p, b.n))) < 0)
			return e;
	}
	return 0;
}

/* cmd.exe text: %VAR%, & && || | separators, del / rd / type / copy /
 * move as their POSIX commands, other programs as they are. */
static int cmd_expand(struct pw *w, const char *s, size_t n, struct sb *b)
{
	size_t i;
	int e;

	for (i = 0; i < n; i++) {
		const char *end;

		if (s[i] == '%' && (end = memchr(s + i + 1, '%', n - i - 1)) &&
		    end > s + i + 1) {
			char name[64];
			struct pvs v = { 0 };

			lower_name(name, sizeof(name), s + i + 1,
				   (size_t)(end - s - i - 1));
			if ((e = env_value(w, name, &v)) < 0 ||
			    (e = sb_vals(w, b, &v)) < 0)
				return e;
			i = (size_t)(end - s);
			continue;
		}
		if ((e = sb_ch(w, b, s[i])) < 0)
			return e;
	}
	return 0;
}

static int cmd_simple(struct pw *w, const struct pvs *words, struct sb *o)
{
	struct pvs args = { 0 }, paths = { 0 };
	struct sb redir = { 0 };
	bool s_flag = false;
	const struct pv *name;
	char nm[16];
	size_t i;
	int e;

	if (!words->n)
		return sb_str(w, o, "true");
	name = &words->v[0];
	for (i = 1; i < words->n; i++) {
		const struct pv *a = &words->v[i];

		if (a->n && (a->s[0] == '>' || a->s[0] == '<' ||
			     (a->n > 1 && a->s[0] >= '0' && a->s[0] <= '9' &&
			      a->s[1] == '>'))) {
			struct pv t;
			size_t k = 0;

			while (k < a->n && strchr("0123456789<>&", a->s[k]))
				k++;
			if (k == a->n && i + 1 < words->n &&
			    !strchr(a->s, '&'))
				t = words->v[++i];
			else
				t = pv_lit(a->s + k, a->n - k);
			if (strchr(a->s, '&') && k == a->n)
				continue;
			if ((e = win_path(w, &t, &t)) < 0 ||
			    (e = sb_str(w, &redir, a->s[0] == '<' ? " < " :
					strstr(a->s, ">>") ? " >> " :
					" > ")) < 0)
				return e;
			if (t.n == 3 && !strncasecmp(t.s, "nul", 3))
				e = sb_str(w, &redir, "/dev/null");
			else
				e = emit_word(w, &redir, &t, false);
			if (e < 0)
				return e;
			continue;
		}
		if ((e = pvs_push(w, &args, *a)) < 0)
			return e;
	}
	lower_name(nm, sizeof(nm), name->s, name->n);
	if (name->n && name->s[0] == '@')
		memmove(nm, nm + 1, strlen(nm));
	if (!strcmp(nm, "del") || !strcmp(nm, "erase") || !strcmp(nm, "rd") ||
	    !strcmp(nm, "rmdir") || !strcmp(nm, "type") ||
	    !strcmp(nm, "copy") || !strcmp(nm, "move") || !strcmp(nm, "ren") ||
	    !strcmp(nm, "cd") || !strcmp(nm, "chdir") || !strcmp(nm, "md") ||
	    !strcmp(nm, "mkdir")) {
		for (i = 0; i < args.n; i++) {
			struct pv a = args.v[i];

			if (a.n >= 2 && a.s[0] == '/') {
				/* /s: the tree; /q, /f, /a: no effect here */
				if (a.s[1] == 's' || a.s[1] == 'S')
					s_flag = true;
				continue;
			}
			if ((e = win_path(w, &a, &a)) < 0 ||
			    (e = pvs_push(w, &paths, a)) < 0)
				return e;
		}
		if (nm[0] == 'd' || nm[0] == 'e')
			e = sb_str(w, o, s_flag ? "rm -r -f --" : "rm -f --");
		else if (nm[0] == 'r' && nm[1] != 'e')
			e = sb_str(w, o, s_flag ? "rm -r -f --" : "rmdir --");
		else if (nm[0] == 't')
			e = sb_str(w, o, "cat --");
		else if (nm[0] == 'c' && nm[1] == 'o')
			e = sb_str(w, o, "cp --");
		else if (nm[0] == 'c')
			e = sb_str(w, o, "cd");
		else if (nm[0] == 'm' && nm[1] == 'o')
			e = sb_str(w, o, "mv --");
		else if (nm[0] == 'm')
			e = sb_str(w, o, "mkdir -p --");
		else
			e = sb_str(w, o, "mv --");
		if (e < 0 || (e = emit_words(w, o, &paths, true)) < 0)
			return e;
		return sb_str(w, o, redir.p ? redir.p : "");
	}
	if (!strcmp(nm, "echo")) {
		if ((e = sb_str(w, o, "echo")) < 0 ||
		    (e = emit_words(w, o, &args, false)) < 0)
			return e;
		return sb_str(w, o, redir.p ? redir.p : "");
	}
	if (!strcmp(nm, "set") || !strcmp(nm, "rem") || !strcmp(nm, "cls") ||
	    !strcmp(nm, "title") || !strcmp(nm, "ver"))
		return sb_str(w, o, "true");
	if (!strcmp(nm, "format") && args.n) {
		struct pv d = args.v[0];

		if (d.n && d.s[d.n - 1] == ':')
			d.n--;		/* format D: */
		if ((e = sb_str(w, o, "mkfs.ntfs /dev/")) < 0)
			return e;
		return emit_word(w, o, &d, false);
	}
	if (!strcmp(nm, "call") || !strcmp(nm, "start")) {
		struct pvs rest = { args.v + (args.n ? 1 : 0),
				    args.n ? args.n - 1 : 0, 0 };

		if (!args.n)
			return sb_str(w, o, "true");
		/* start "title" prog: a first quoted word is the title */
		return invoke(w, o, &args.v[0], &rest);
	}
	if ((e = invoke(w, o, name, &args)) < 0)
		return e;
	return sb_str(w, o, redir.p ? redir.p : "");
}

static int translate_cmd(struct pw *w, const char *text, size_t len,
			 struct sb *out)
{
	struct sb t = { 0 };
	size_t i = 0;
	int e;

	if ((e = sb_put(w, &t, "", 0)) < 0 ||
	    (e = cmd_expand(w, text, len, &t)) < 0)
		return e;
	while (i <= t.n) {
		struct pvs words = { 0 };
		const char *sep = "\n";

		/* one simple command up to & && || | */
		for (;;) {
			struct sb b = { 0 };
			bool q = false;

			while (i < t.n && (t.p[i] == ' ' || t.p[i] == '\t'))
				i++;
			if (i >= t.n || strchr("&|\n\r", t.p[i]))
				break;
			if ((e = sb_put(w, &b, "", 0)) < 0)
				return e;
			for (; i < t.n && (q || !strchr(" \t&|\n\r", t.p[i]));
			     i++) {
				if (t.p[i] == '"') {
					q = !q;
					continue;
				}
				if (t.p[i] == '^' && i + 1 < t.n)
					i++;
				if ((e = sb_ch(w, &b, t.p[i])) < 0)
					return e;
			}
			if (q)
				w->incomplete = true;
			if ((e = pvs_push(w, &words, pv_lit(b.p, b.n))) < 0)
				return e;
		}
		if (i < t.n) {
			if (t.p[i] == '&' && i + 1 < t.n && t.p[i + 1] == '&')
				sep = " && ", i++;
			else if (t.p[i] == '|' && i + 1 < t.n &&
				 t.p[i + 1] == '|')
				sep = " || ", i++;
			else if (t.p[i] == '|')
				sep = " | ";
		}
		if ((e = cmd_simple(w, &words, out)) < 0 ||
		    (e = sb_str(w, out, sep)) < 0)
			return e;
		i++;
	}
	return 0;
}

/* ---- one command ---- */

/* Redirection at the cursor (>, >>, 2>, *>, 2>&1): its sh text. */
static int redirection(struct pw *w, struct src *s, struct ctx *c,
		       struct sb *r)
{
	int fd = -1, e;
	bool append;
	struct pvs t = { 0 };
	struct pv v;

	if (at(s, 0) == '*' || (at(s, 0) >= '1' && at(s, 0) <= '6'))
		fd = at(s, 0) == '*' ? 0 : at(s, 0) - '0', s->i++;
	if (at(s, 0) == '<') {
		/* not in PowerShell; read it as input */
		s->i++;
		skip_ws(w, s, false);
		if ((e = parse_arg(w, s, c, &t)) < 0)
			return e;
		return sb_str(w, r, "");
	}
	s->i++;
	append = at(s, 0) == '>';
	if (append)
		s->i++;
	if (at(s, 0) == '&' && at(s, 1) >= '1' && at(s, 1) <= '6') {
		s->i += 2;
		return sb_str(w, r, fd == 2 ? " 2>&1" : "");
	}
	skip_ws(w, s, false);
	if ((e = parse_arg(w, s, c, &t)) < 0 || (e = one(w, &t, &v)) < 0 ||
	    (e = win_path(w, &v, &v)) < 0)
		return e;
	if ((e = sb_str(w, r, fd == 2 ? " 2>" : " >")) < 0 ||
	    (append && (e = sb_ch(w, r, '>')) < 0) ||
	    (e = sb_ch(w, r, ' ')) < 0)
		return e;
	if (!v.n || (v.n == 4 && !strncmp(v.s, "true", 4)) ||
	    (t.n == 1 && t.v[0].n == 0))
		return sb_str(w, r, "/dev/null");
	return emit_word(w, r, &v, false);
}

static bool cmd_end(const struct src *s)
{
	int c = at(s, 0);

	return c < 0 || c == ';' || c == '|' || c == ')' || c == '}' ||
	       is_nl(c) || (c == '&' && at(s, 1) == '&');
}

/* Reads a command's name and arguments up to the end of the command. */
static int read_command(struct pw *w, struct src *s, struct ctx *c,
			struct cmd *m)
{
	struct pvs name = { 0 };
	int e;

	if (at(s, 0) == '&' && at(s, 1) != '&') {
		m->call = true;
		s->i++;
		skip_ws(w, s, false);
	} else if (at(s, 0) == '.' && (is_space(&(struct src){ s->p, s->len,
					s->i + 1 }) || at(s, 1) == '\'' ||
				       at(s, 1) == '"' || at(s, 1) == '(' ||
				       at(s, 1) == '$' || at(s, 1) == '{')) {
		/* dot-sourcing runs the script here */
		m->call = true;
		s->i++;
		skip_ws(w, s, false);
	}
	if (at(s, 0) == '{') {
		if ((e = block(w, s, &name)) < 0)
			return e;
		m->block_cmd = true;
		m->blockv = name.v[0];
	} else if ((e = parse_arg(w, s, c, &name)) < 0) {
		return e;
	}
	if ((e = one(w, &name, &m->name)) < 0)
		return e;
	if (!m->block_cmd && pv_known(&m->name) && m->name.n < 60 &&
	    w->nvars) {
		/* an alias the command set earlier */
		char key[72];
		struct pvar *al;

		memcpy(key, "alias:", 6);
		lower_name(key + 6, sizeof(key) - 6, m->name.s, m->name.n);
		if ((al = var_find(w, key)) &&
		    (e = one(w, &al->vals, &m->name)) < 0)
			return e;
	}
	if (!m->block_cmd && !m->call && pv_known(&m->name)) {
		const char *nm = m->name.s, *p;
		size_t n = m->name.n, k;

		/* Module\Cmdlet (Microsoft.PowerShell.Management\Remove-Item),
		 * not a path (C:\x\a-b, .\a-b) */
		for (p = nm + n; p > nm && p[-1] != '\\'; p--)
			;
		k = n - (size_t)(p - nm);
		if (p > nm && nm[0] != '.' && !memchr(nm, ':', n) &&
		    !memchr(nm, '/', n) && memchr(p, '-', k) &&
		    !memchr(p, '.', k) && memchr(nm, '\\', n) == p - 1) {
			n -= (size_t)(p - nm);
			nm = p;
		}
		m->c = find_cmdlet(nm, n, &m->by_alias, &m->native);
	} else if (m->call && pv_known(&m->name)) {
		m->c = find_cmdlet(m->name.s, m->name.n, &m->by_alias,
				   &m->native);
	}
	for (;;) {
		struct parg a = { 0 };

		skip_ws(w, s, false);
		if (cmd_end(s))
			break;
		if (at(s, 0) == '&')
			break;	/* a background job: ends the statement */
		if (at(s, 0) == '>' || ((at(s, 0) == '*' || (at(s, 0) >= '1' &&
		    at(s, 0) <= '6')) && at(s, 1) == '>') || at(s, 0) == '<') {
			if ((e = redirection(w, s, c, &m->redir)) < 0)
				return e;
			continue;
		}
		if (m->stop_parsing) {
			/* --%: the rest of the line as the program gets it */
			size_t start = s->i;
			struct pv v;

			while (s->i < s->len && !is_nl(at(s, 0)) &&
			       at(s, 0) != '|')
				s->i++;
			v = pv_lit(s->p + start, s->i - start);
			if ((e = split_cmdline(w, &v, &a.vals)) < 0 ||
			    (e = push_arg(w, m, &a)) < 0)
				return e;
			continue;
		}
		if (at(s, 0) == '@' && (word_char(at(s, 1)))) {
			/* @splat: a hashtable gives named arguments, an
			 * array positional ones */
			struct pvs v = { 0 };
			size_t k;

			if ((e = var_ref(w, s, c, &v, false)) < 0)
				return e;
			for (k = 0; k < v.n; k++) {
				const struct phash *h = v.v[k].h;
				size_t j;

				if (v.v[k].origin == O_HASH && h->over)
					m->unknown_splat = true;
				if (v.v[k].origin != O_HASH) {
					struct parg p = { 0 };

					if (!pv_known(&v.v[k]))
						m->unknown_splat = true;
					if ((e = pvs_push(w, &p.vals,
							  v.v[k])) < 0 ||
					    (e = push_arg(w, m, &p)) < 0)
						return e;
					continue;
				}
				for (j = 0; j < h->n; j++) {
					struct parg p = { 0 };
					char *nm = arena_strdup(w->a,
								h->key[j]);

					if (!nm)
						return NOMEM(w->d);
					lower_name(nm, strlen(nm) + 1, nm,
						   strlen(nm));
					p.name = nm;
					p.nlen = strlen(nm);
					p.colon = p.has_val = true;
					p.vals = h->val[j];
					if ((e = push_arg(w, m, &p)) < 0)
						return e;
				}
			}
			continue;
		}
		if (is_dash(s) && (alpha(at(s, qlen(s))) ||
				   at(s, qlen(s)) == '_' ||
				   at(s, qlen(s)) == '?')) {
			size_t start, dl = qlen(s);
			char *nm;

			s->i += dl;
			start = s->i;
			while (!arg_end(s) && at(s, 0) != ':' &&
			       at(s, 0) != '\'' && at(s, 0) != '"' &&
			       !(at(s, 0) == '`' && is_nl(at(s, 1))))
				s->i += at(s, 0) == '`' && at(s, 1) >= 0 ?
					2 : 1;
			if (s->i > s->len)
				s->i = s->len;
			if (!(nm = arena_strndup(w->a, s->p + start,
						 s->i - start)) ||
			    !(a.raw = arena_strndup(w->a, s->p + start,
						    s->i - start)))
				return NOMEM(w->d);
			lower_name(nm, s->i - start + 1, nm, s->i - start);
			{
				/* -Rec`urse is -Recurse */
				size_t r, o = 0;

				for (r = 0; r < s->i - start; r++)
					if (nm[r] != '`')
						nm[o++] = nm[r];
				nm[o] = '\0';
				a.nlen = o;
			}
			a.name = nm;
			if (at(s, 0) == ':') {
				s->i++;
				a.colon = true;
				skip_ws(w, s, false);
			} else if (!arg_end(s)) {
				/* -x'y': the quote is the value */
				a.colon = true;
			} else {
				skip_ws(w, s, false);
				if (cmd_end(s) || at(s, 0) == '>' ||
				    (is_dash(s) && alpha(at(s, qlen(s))))) {
					if ((e = push_arg(w, m, &a)) < 0)
						return e;
					continue;
				}
			}
			if (cmd_end(s)) {
				if ((e = push_arg(w, m, &a)) < 0)
					return e;
				continue;
			}
			a.has_val = true;
			if ((e = parse_arg(w, s, c, &a.vals)) < 0 ||
			    (e = push_arg(w, m, &a)) < 0)
				return e;
			continue;
		}
		if (is_dash(s) && at(s, 1) == '-' && at(s, 2) == '%') {
			m->stop_parsing = true;
			s->i += 3;
			continue;
		}
		{
			size_t before = s->i;

			if ((e = parse_arg(w, s, c, &a.vals)) < 0)
				return e;
			if (s->i == before) {
				/* a character no rule reads: step over it */
				w->incomplete = true;
				s->i++;
				continue;
			}
			if ((e = push_arg(w, m, &a)) < 0)
				return e;
		}
	}
	return 0;
}

/* A parameter of a switch-free named cmdlet given an unknown argument
 * (-rf) reads as a native program: `rm -rf ~` on Linux PowerShell. */
static bool native_style(const struct cmd *m)
{
	size_t i;

	if (!m->c || !m->native)
		return false;
	for (i = 0; i < m->nargs; i++)
		if (m->args[i].name &&
		    !find_param(m->c->params, m->args[i].name,
				m->args[i].nlen) &&
		    !find_param(p_common, m->args[i].name, m->args[i].nlen))
			return true;
	return false;
}

/* The element of a pipeline before this one, for commands that take
 * their paths from it. */
struct up {
	struct cmd *m;		/* a cmdlet, or NULL */
	struct pvs *vals;	/* an expression's values, or NULL */
	size_t start;		/* its text in the pipeline */
	struct up *prev;	/* the element before it */
};

/* Where a pipeline's objects come from: Where-Object and Select-Object
 * pass on (some of) what they get, so the producer is before them. */
static const struct up *producer(const struct up *up)
{
	while (up && up->m && up->m->c && up->prev &&
	       (up->m->c->kind == K_SELECT ||
		!strcmp(up->m->c->name, "where-object")))
		up = up->prev;
	return up;
}

enum { PROD_UNKNOWN, PROD_PATHS, PROD_LS };

/* The consumer replaces the pipeline from its producer on (gci P |
 * Remove-Item is find P -delete); what stood there still runs, so it
 * becomes a statement of its own first (a Where-Object block's commands
 * are judged too). */
static int replace_from(struct pw *w, struct ctx *c, struct sb *line,
			const struct up *from)
{
	size_t n = line->n;
	int e;

	if (n >= from->start + 3 && !memcmp(line->p + n - 3, " | ", 3))
		n -= 3;
	if (n > from->start &&
	    ((e = sb_put(w, c->pre, line->p + from->start,
			 n - from->start)) < 0 ||
	     (e = sb_ch(w, c->pre, '\n')) < 0))
		return e;
	line->n = from->start;
	line->p[line->n] = '\0';
	return 0;
}

static int paths_of(struct pw *w, struct cmd *m, struct pvs *out,
		    bool *literal);

/* What the producer gives a consumer that takes paths: known paths
 * (literals, Get-Item, Resolve-Path), a directory listing (PROD_LS: the
 * consumer becomes find P), or unknown. */
static int produced(struct pw *w, const struct up *up, struct pvs *paths,
		    const struct up **from)
{
	const struct up *p = producer(up);
	bool literal;
	int e;

	*from = p;
	if (!p)
		return PROD_UNKNOWN;
	if (p->vals) {
		if ((e = pvs_cat(w, paths, p->vals)) < 0 ||
		    (e = win_paths(w, paths)) < 0)
			return e;
		return PROD_PATHS;
	}
	if (!p->m || !p->m->c)
		return PROD_UNKNOWN;
	if (p->m->c->kind == K_LS)
		return PROD_LS;
	if ((p->m->c->kind == K_READ && p->m->c->mode == 3) ||
	    p->m->c->kind == K_RESOLVE) {
		if ((e = paths_of(w, p->m, paths, &literal)) < 0)
			return e;
		return paths->n ? PROD_PATHS : PROD_UNKNOWN;
	}
	return PROD_UNKNOWN;
}

static int ls_find(struct pw *w, struct sb *o, struct cmd *ls)
{
	struct pvs p = { 0 };
	struct pvs *f;
	bool literal;
	int e;

	if ((e = paths_of(w, ls, &p, &literal)) < 0)
		return e;
	if ((e = sb_str(w, o, "find")) < 0)
		return e;
	if (!p.n)
		e = sb_str(w, o, " .");
	else
		e = emit_paths(w, o, &p, literal);
	if (e < 0)
		return e;
	if ((f = bval(ls, "filter")) || (f = bval(ls, "include"))) {
		struct pv v;

		if ((e = one(w, f, &v)) < 0 ||
		    (e = sb_str(w, o, " -name ")) < 0 ||
		    (e = emit_word(w, o, &v, false)) < 0)
			return e;
	}
	return 0;
}

/* Text of the paths a cmdlet works on when it names none: from the
 * pipeline.  1: `o` now holds a command that replaces the upstream one. */
enum pipe_form { PF_NONE, PF_REPLACED, PF_XARGS };

static int web_cmd(struct pw *w, struct sb *o, struct cmd *m, bool piped,
		   struct pvs *value)
{
	struct pvs *u = bval(m, "uri"), *of = bval(m, "outfile"),
		   *in = bval(m, "infile"), *body = bval(m, "body"),
		   *meth = bval(m, "method"), *form = bval(m, "form");
	struct pv url = pv_unknown, v;
	int e;

	if (u && (e = one(w, u, &url)) < 0)
		return e;
	if (!u) {
		size_t i;

		for (i = 0; i < m->nargs; i++)
			if (!m->args[i].name && !m->args[i].p &&
			    m->args[i].vals.n)
				url = m->args[i].vals.v[0];
	}
	if ((e = sb_str(w, o, "curl")) < 0)
		return e;
	if (meth && (e = one(w, meth, &v)) == 0) {
		if ((e = sb_str(w, o, " -X ")) < 0 ||
		    (e = emit_word(w, o, &v, false)) < 0)
			return e;
	}
	if (of) {
		if ((e = one(w, of, &v)) < 0 || (e = win_path(w, &v, &v)) < 0)
			return e;
		downloaded(w, &v);
		if ((e = sb_str(w, o, " -o ")) < 0 ||
		    (e = emit_word(w, o, &v, false)) < 0)
			return e;
	}
	if (in) {
		if ((e = one(w, in, &v)) < 0 || (e = win_path(w, &v, &v)) < 0 ||
		    (e = sb_str(w, o, " -T ")) < 0 ||
		    (e = emit_word(w, o, &v, false)) < 0)
			return e;
	}
	if (form) {
		/* -Form @{ file = Get-Item X }: X is uploaded */
		const struct phash *h = form->n == 1 &&
			form->v[0].origin == O_HASH ? form->v[0].h : NULL;
		size_t k;

		for (k = 0; h && k < h->n; k++) {
			struct pv f;
			struct sb b = { 0 };

			if ((e = one(w, &h->val[k], &f)) < 0 ||
			    (e = sb_str(w, &b, h->key[k])) < 0 ||
			    (e = sb_ch(w, &b, '=')) < 0)
				return e;
			if (f.origin == O_FILE && f.oarg)
				e = sb_ch(w, &b, '@') < 0 ? w->d->code :
				    sb_str(w, &b, f.oarg);
			else
				e = sb_put(w, &b, f.s, f.origin == O_NONE ?
					   f.n : 0);
			if (e < 0 || (e = sb_str(w, o, " -F ")) < 0 ||
			    (e = emit_word(w, o, &(struct pv){ b.p, b.n,
					   O_NONE, NULL, NULL, NULL },
					   false)) < 0)
				return e;
		}
		if (!h && ((e = one(w, form, &v)) < 0 ||
			   (e = sb_str(w, o, " -F ")) < 0 ||
			   (e = emit_word(w, o, &v, false)) < 0))
			return e;
	}
	if (body) {
		if ((e = one(w, body, &v)) < 0)
			return e;
		if (v.origin == O_FILE && v.oarg) {
			struct pv f = pv_lit(v.oarg, strlen(v.oarg));
			struct sb at_f = { 0 };

			if ((e = sb_ch(w, &at_f, '@')) < 0 ||
			    (e = sb_put(w, &at_f, f.s, f.n)) < 0 ||
			    (e = sb_str(w, o, " --data-binary ")) < 0)
				return e;
			if (f.n && f.s[0] == PW_HOME) {
				/* @~/x: curl reads the home file */
				if ((e = sb_str(w, o, "@")) < 0 ||
				    (e = emit_word(w, o, &f, false)) < 0)
					return e;
			} else if ((e = emit_word(w, o, &(struct pv){ at_f.p,
					at_f.n, O_NONE, NULL, NULL, NULL },
					false)) < 0)
				return e;
		} else if ((e = sb_str(w, o, " -d ")) < 0 ||
			   (e = emit_word(w, o, &v, false)) < 0) {
			return e;
		}
	} else if (piped && !in) {
		if ((e = sb_str(w, o, " --data-binary @-")) < 0)
			return e;
	}
	if ((e = sb_ch(w, o, ' ')) < 0 ||
	    (e = emit_word(w, o, &url, false)) < 0)
		return e;
	if (value) {
		struct pv r = pv_unknown;

		r.origin = O_WEB;
		if (pv_known(&url))
			r.oarg = arena_strndup(w->a, url.s, url.n);
		return pvs_push(w, value, r);
	}
	return 0;
}

/* Writes one cmdlet as sh into o.  `up`: the pipeline element before it
 * (NULL: first); `value`: where a foldable command leaves its value. */
static int emit_cmdlet(struct pw *w, struct ctx *c, struct sb *o,
		       struct cmd *m, struct up *up, struct sb *line,
		       struct pvs *value)
{
	struct pvs paths = { 0 }, *v1, *v2;
	struct pv v;
	bool literal;
	int e;

	if ((e = bind(w, m)) < 0)
		return e;
	if (m->whatif)
		return sb_str(w, o, "true");
	if ((e = paths_of(w, m, &paths, &literal)) < 0)
		return e;
	switch (m->c->kind) {
	case K_RM: {
		bool r = bsw(m, "recurse") || m->unknown_splat,
		     f = bsw(m, "force") || m->unknown_splat;
		const char *flags = r && f ? "rm -r -f --" : r ? "rm -r --" :
				    f ? "rm -f --" : "rm --";

		if (paths.n && paths.v[0].n > 3 &&
		    (!strncasecmp(paths.v[0].s, "hk", 2) ||
		     !strncasecmp(paths.v[0].s, "registry::", 10))) {
			if ((e = sb_str(w, o, "remove-item")) < 0)
				return e;
			return emit_words(w, o, &paths, false);
		}
		if (!paths.n && up) {
			const struct up *from;
			int k = produced(w, up, &paths, &from);

			if (k < 0)
				return k;
			if (k == PROD_LS) {
				if ((e = replace_from(w, c, line, from)) < 0)
					return e;
				if ((e = ls_find(w, line, from->m)) < 0)
					return e;
				return sb_str(w, line, " -delete");
			}
			if (k == PROD_PATHS) {
				/* the producer only named them */
				if ((e = replace_from(w, c, line, from)) < 0)
					return e;
				if ((e = sb_str(w, line, flags)) < 0)
					return e;
				return emit_words(w, line, &paths, true);
			}
			/* objects from a command: unknown paths */
			if ((e = push_unknown(w, &paths)) < 0)
				return e;
		}
		if ((e = sb_str(w, o, flags)) < 0)
			return e;
		return emit_paths(w, o, &paths, literal);
	}
	case K_READ:
		if (m->c->mode == 1) {
			/* Select-String PATTERN PATH: reads PATH */
			if (!paths.n && up)
				return sb_str(w, o, "grep -e x");
		}
		if (!paths.n) {
			const struct up *from;
			int k;

			if (!up)
				return sb_str(w, o, "true");
			if ((k = produced(w, up, &paths, &from)) < 0)
				return k;
			if (k == PROD_LS) {
				if ((e = replace_from(w, c, line, from)) < 0)
					return e;
				if ((e = ls_find(w, line, from->m)) < 0)
					return e;
				return sb_str(w, line, " -type f -exec cat -- "
					      "'{}' '+'");
			}
			if (k == PROD_PATHS) {
				if ((e = replace_from(w, c, line, from)) < 0)
					return e;
				if ((e = sb_str(w, line, "cat --")) < 0)
					return e;
				return emit_words(w, line, &paths, true);
			}
			return sb_str(w, o, "cat -- " UNKNOWN_SH);
		}
		if ((e = sb_str(w, o, "cat --")) < 0 ||
		    (e = emit_paths(w, o, &paths, literal)) < 0)
			return e;
		if (value && paths.n == 1) {
			struct pv r = pv_unknown;

			r.origin = O_FILE;
			r.oarg = arena_strndup(w->a, paths.v[0].s,
					       paths.v[0].n);
			return pvs_push(w, value, r);
		}
		return 0;
	case K_WRITE:
	case K_CLEAR: {
		bool app = m->c->mode == WRITE_APPEND || bsw(m, "append");
		struct pvs *val = bval(m, "value");

		if (!val)
			val = bval(m, "inputobject");
		if (!paths.n && (e = push_unknown(w, &paths)) < 0)
			return e;
		if (m->c->kind == K_CLEAR)
			e = sb_str(w, o, "printf ''");
		else if (val) {
			if ((e = sb_str(w, o, "printf '%s'")) < 0 ||
			    (e = one(w, val, &v)) < 0 ||
			    (e = sb_ch(w, o, ' ')) < 0)
				return e;
			e = emit_word(w, o, &v, false);
		} else {
			e = sb_str(w, o, up ? "cat" : "printf ''");
		}
		if (e < 0)
			return e;
		if (paths.n == 1) {
			if ((e = sb_str(w, o, app ? " >> " : " > ")) < 0)
				return e;
			return emit_word(w, o, &paths.v[0], false);
		}
		if ((e = sb_str(w, o, app ? " | tee -a --" :
				" | tee --")) < 0 ||
		    (e = emit_words(w, o, &paths, false)) < 0)
			return e;
		return sb_str(w, o, " >/dev/null");
	}
	case K_TEE:
		if ((e = sb_str(w, o, bsw(m, "append") ? "tee -a --" :
				"tee --")) < 0)
			return e;
		return emit_words(w, o, &paths, false);
	case K_NEWITEM:
	case K_MKDIR: {
		struct pvs *name = bval(m, "name"), *type = bval(m, "itemtype"),
			   *val = bval(m, "value");
		char t[16] = "file";

		if (m->c->kind == K_MKDIR)
			strcpy(t, "directory");
		else if (type && (e = one(w, type, &v)) == 0)
			lower_name(t, sizeof(t), v.s, v.n);
		if (!paths.n && (e = pvs_push(w, &paths, pv_lit(".", 1))) < 0)
			return e;
		if (name) {
			struct sb b = { 0 };

			if ((e = one(w, name, &v)) < 0 ||
			    (e = sb_put(w, &b, paths.v[0].s,
					    paths.v[0].n)) < 0 ||
			    (e = sb_ch(w, &b, '/')) < 0 ||
			    (e = sb_put(w, &b, v.s, v.n)) < 0)
				return e;
			paths.v[0] = pv_lit(b.p, b.n);
			if ((e = win_path(w, &paths.v[0], &paths.v[0])) < 0)
				return e;
		}
		if (!strncmp(t, "dir", 3))
			return sb_str(w, o, "mkdir -p --") < 0 ? w->d->code :
			       emit_words(w, o, &paths, false);
		if (!strncmp(t, "sym", 3) || !strncmp(t, "junc", 4) ||
		    !strncmp(t, "hard", 4)) {
			if ((e = sb_str(w, o, t[0] == 'h' ? "ln --" :
					"ln -s --")) < 0)
				return e;
			if (val) {
				if ((e = one(w, val, &v)) < 0 ||
				    (e = win_path(w, &v, &v)) < 0 ||
				    (e = sb_ch(w, o, ' ')) < 0 ||
				    (e = emit_word(w, o, &v, false)) < 0)
					return e;
			}
			return emit_words(w, o, &paths, false);
		}
		if ((e = sb_str(w, o, "printf '%s' ")) < 0)
			return e;
		if (val) {
			if ((e = one(w, val, &v)) < 0 ||
			    (e = emit_word(w, o, &v, false)) < 0)
				return e;
		} else if ((e = sb_str(w, o, "''")) < 0) {
			return e;
		}
		if ((e = sb_str(w, o, " > ")) < 0)
			return e;
		return emit_word(w, o, &paths.v[0], false);
	}
	case K_COPY:
	case K_MOVE: {
		struct pvs dst = { 0 };
		bool mv = m->c->kind == K_MOVE;

		if ((v2 = bval(m, "destination")) &&
		    ((e = pvs_cat(w, &dst, v2)) < 0 ||
		     (e = win_paths(w, &dst)) < 0))
			return e;
		if (!dst.n && (e = pvs_push(w, &dst, pv_lit(".", 1))) < 0)
			return e;
		if (!paths.n && up) {
			const struct up *from;
			int k = produced(w, up, &paths, &from);

			if (k < 0)
				return k;
			if (k == PROD_LS) {
				if ((e = replace_from(w, c, line, from)) < 0)
					return e;
				if ((e = ls_find(w, line, from->m)) < 0 ||
				    (e = sb_str(w, line, mv ?
						" -exec mv -- '{}'" :
						" -exec cp -r -- '{}'")) < 0 ||
				    (e = emit_word(w, line, &dst.v[0],
						   false)) < 0)
					return e;
				return sb_str(w, line, " ';'");
			}
			if (k == PROD_PATHS) {
				if ((e = replace_from(w, c, line, from)) < 0)
					return e;
				o = line;
			} else if ((e = push_unknown(w, &paths)) < 0) {
				return e;
			}
		}
		if ((e = sb_str(w, o, mv ? "mv --" : "cp -r --")) < 0 ||
		    (e = emit_paths(w, o, &paths, literal)) < 0 ||
		    (e = sb_ch(w, o, ' ')) < 0)
			return e;
		return emit_word(w, o, &dst.v[0], false);
	}
	case K_RENAME: {
		struct pv nn = pv_unknown, p0;
		struct sb b = { 0 };
		const char *slash;

		if ((v2 = bval(m, "newname")) && (e = one(w, v2, &nn)) < 0)
			return e;
		if (!paths.n && (e = push_unknown(w, &paths)) < 0)
			return e;
		p0 = paths.v[0];
		if ((e = win_path(w, &nn, &nn)) < 0)
			return e;
		slash = NULL;
		{
			size_t k;

			for (k = p0.n; k > 0; k--)
				if (p0.s[k - 1] == '/') {
					slash = p0.s + k;
					break;
				}
		}
		if (memchr(nn.s, '/', nn.n) || !slash)
			b.n = 0, e = sb_put(w, &b, nn.s, nn.n);
		else if ((e = sb_put(w, &b, p0.s, (size_t)(slash - p0.s))) == 0)
			e = sb_put(w, &b, nn.s, nn.n);
		if (e < 0 || (e = sb_str(w, o, "mv -- ")) < 0 ||
		    (e = emit_word(w, o, &p0, false)) < 0 ||
		    (e = sb_ch(w, o, ' ')) < 0)
			return e;
		return emit_word(w, o, &(struct pv){ b.p, b.n, O_NONE, NULL,
				 NULL, NULL }, false);
	}
	case K_LS:
		if ((e = sb_str(w, o, bsw(m, "recurse") ? "ls -R --" :
				"ls --")) < 0)
			return e;
		return emit_paths(w, o, &paths, literal);
	case K_CD:
		if (!paths.n)
			return sb_str(w, o, "true");
		if ((e = sb_str(w, o, "cd -- ")) < 0)
			return e;
		return emit_word(w, o, &paths.v[0], false);
	case K_POPD:
		return sb_str(w, o, "cd -- " UNKNOWN_SH);
	case K_WEB:
		if (native_style(m)) {
			struct pvs a = { 0 };

			if ((e = native_args(w, m, &a)) < 0)
				return e;
			return invoke(w, o, &m->name, &a);
		}
		return web_cmd(w, o, m, up != NULL, value);
	case K_BITS: {
		struct pv src = pv_unknown, dst = pv_unknown,
			  tt = pv_lit("", 0);

		if ((v1 = bval(m, "source")) && (e = one(w, v1, &src)) < 0)
			return e;
		if ((v2 = bval(m, "destination")) && (e = one(w, v2, &dst)) < 0)
			return e;
		if ((v1 = bval(m, "transfertype")) && (e = one(w, v1, &tt)) < 0)
			return e;
		if (tt.n == 6 && !strncasecmp(tt.s, "upload", 6)) {
			if ((e = win_path(w, &src, &src)) < 0 ||
			    (e = sb_str(w, o, "curl -T ")) < 0 ||
			    (e = emit_word(w, o, &src, false)) < 0 ||
			    (e = sb_ch(w, o, ' ')) < 0)
				return e;
			return emit_word(w, o, &dst, false);
		}
		if ((e = win_path(w, &dst, &dst)) < 0)
			return e;
		downloaded(w, &dst);
		if ((e = sb_str(w, o, "curl -o ")) < 0 ||
		    (e = emit_word(w, o, &dst, false)) < 0 ||
		    (e = sb_ch(w, o, ' ')) < 0)
			return e;
		return emit_word(w, o, &src, false);
	}
	case K_MAIL: {
		struct pvs att = { 0 };
		struct pv host = pv_lit("localhost", 9);
		struct sb url = { 0 };
		size_t k;

		if ((v1 = bval(m, "attachments")) &&
		    ((e = pvs_cat(w, &att, v1)) < 0 ||
		     (e = win_paths(w, &att)) < 0))
			return e;
		if ((v2 = bval(m, "smtpserver")) && (e = one(w, v2, &host)) < 0)
			return e;
		if ((e = sb_str(w, &url, "smtp://")) < 0 ||
		    (e = sb_put(w, &url, host.s, host.n)) < 0)
			return e;
		if ((e = sb_str(w, o, "curl")) < 0)
			return e;
		for (k = 0; k < att.n; k++)
			if ((e = sb_str(w, o, " -T ")) < 0 ||
			    (e = emit_word(w, o, &att.v[k], false)) < 0)
				return e;
		if ((e = sb_ch(w, o, ' ')) < 0)
			return e;
		return emit_word(w, o, &(struct pv){ url.p, url.n, O_NONE,
				 NULL, NULL, NULL }, false);
	}
	case K_ICM:
	case K_SESSION: {
		struct pvs *cn = bval(m, "computername"), *sb = bval(m,
							"scriptblock");
		struct pvs hosts = { 0 };
		struct pv blk = { 0 };
		size_t k;

		if (!cn)
			cn = bval(m, "hostname");
		if (!cn)
			cn = bval(m, "session");
		if (cn && (e = pvs_cat(w, &hosts, cn)) < 0)
			return e;
		if (sb && sb->n && sb->v[0].origin != O_BLOCK) {
			/* Invoke-Command HOST { ... }: the first positional
			 * was the computer */
			if ((e = pvs_cat(w, &hosts, sb)) < 0)
				return e;
			sb = NULL;
		}
		for (k = 0; k < m->nargs; k++)
			if (!m->args[k].p && !m->args[k].name &&
			    m->args[k].vals.n &&
			    m->args[k].vals.v[0].origin == O_BLOCK)
				sb = &m->args[k].vals;
		if (sb && sb->n)
			blk = sb->v[0];
		if (!hosts.n) {
			/* local: the block runs here */
			if (blk.origin != O_BLOCK)
				return sb_str(w, o, "true");
			if ((e = sb_str(w, o, "{\n")) < 0 ||
			    (e = run_block(w, &blk, o)) < 0)
				return e;
			return sb_str(w, o, "\ntrue\n}");
		}
		for (k = 0; k < hosts.n; k++) {
			struct sb remote = { 0 };

			if (k && (e = sb_str(w, o, "; ")) < 0)
				return e;
			if ((e = sb_str(w, o, "ssh ")) < 0 ||
			    (e = emit_word(w, o, &hosts.v[k], false)) < 0)
				return e;
			if (blk.origin == O_BLOCK) {
				if ((e = sb_put(w, &remote, "", 0)) < 0 ||
				    (e = run_block(w, &blk, &remote)) < 0 ||
				    (e = sb_ch(w, o, ' ')) < 0 ||
				    (e = emit_word(w, o, &(struct pv){
					    remote.p, remote.n, O_NONE, NULL,
					    NULL, NULL }, false)) < 0)
					return e;
			}
		}
		return 0;
	}
	case K_STOPCOMP:
		return sb_str(w, o, "shutdown -h now");
	case K_RESTART:
		return sb_str(w, o, "reboot");
	case K_KILL:
		if (native_style(m)) {
			struct pvs a = { 0 };

			if ((e = native_args(w, m, &a)) < 0)
				return e;
			return invoke(w, o, &m->name, &a);
		}
		if ((v1 = bval(m, "name"))) {
			if ((e = sb_str(w, o, "pkill -x --")) < 0)
				return e;
			return emit_words(w, o, v1, false);
		}
		if ((e = sb_str(w, o, bsw(m, "force") ? "kill -9 --" :
				"kill --")) < 0)
			return e;
		v1 = bval(m, "id");
		if (!v1)
			return sb_str(w, o, up ? "" : " " UNKNOWN_SH);
		return emit_words(w, o, v1, false);
	case K_FORMATVOL:
	case K_CLEARDISK:
	case K_INITDISK: {
		struct pv d = pv_unknown;
		struct sb dev = { 0 };

		if ((v1 = bval(m, "driveletter")) && (e = one(w, v1, &d)) < 0)
			return e;
		if ((v1 = bval(m, "disknumber")) && (e = one(w, v1, &d)) < 0)
			return e;
		if ((e = sb_str(w, &dev, "/dev/disk")) < 0 ||
		    (e = sb_put(w, &dev, d.s, d.n)) < 0)
			return e;
		if ((e = sb_str(w, o, m->c->kind == K_FORMATVOL ? "mkfs.ntfs " :
				m->c->kind == K_CLEARDISK ? "blkdiscard " :
				"sgdisk --zap-all ")) < 0)
			return e;
		return emit_word(w, o, &(struct pv){ dev.p, dev.n, O_NONE,
				 NULL, NULL, NULL }, false);
	}
	case K_IEX: {
		struct pvs *cmdv = bval(m, "command");

		if (!cmdv) {
			if (!up)
				return sb_str(w, o, "true");
			if (up->vals) {
				/* 'text' | iex */
				if ((e = one(w, up->vals, &v)) < 0)
					return e;
				line->n = up->start;
				return run_code(w, line, &v, false);
			}
			return sb_str(w, o, "sh");
		}
		if ((e = one(w, cmdv, &v)) < 0)
			return e;
		return run_code(w, o, &v, false);
	}
	case K_START: {
		struct pv f = pv_unknown;
		struct pvs args = { 0 };
		size_t k;

		if ((v1 = bval(m, "filepath")) && (e = one(w, v1, &f)) < 0)
			return e;
		if ((v2 = bval(m, "argumentlist")))
			for (k = 0; k < v2->n; k++)
				if ((e = split_cmdline(w, &v2->v[k],
							 &args)) < 0)
					return e;
		for (k = 0; k < m->nargs; k++)
			if (!m->args[k].name && !m->args[k].p &&
			    (e = pvs_cat(w, &args, &m->args[k].vals)) < 0)
				return e;
		return invoke(w, o, &f, &args);
	}
	case K_FOREACH: {
		struct pvs item = { 0 };
		size_t k;

		if (up) {
			const struct up *from;
			int kk = produced(w, up, &item, &from);

			if (kk < 0)
				return kk;
			if (kk == PROD_LS) {
				/* each object is something under P */
				struct pvs dirs = { 0 };
				bool lit;
				size_t j;

				if ((e = paths_of(w, from->m, &dirs, &lit)) < 0)
					return e;
				if (!dirs.n &&
				    (e = pvs_push(w, &dirs,
						  pv_lit(".", 1))) < 0)
					return e;
				for (j = 0; j < dirs.n; j++) {
					struct sb b = { 0 };

					if ((e = sb_put(w, &b, dirs.v[j].s,
							dirs.v[j].n)) < 0 ||
					    (e = sb_str(w, &b, "/\x01")) < 0 ||
					    (e = pvs_push(w, &item, pv_lit(b.p,
							b.n))) < 0)
						return e;
				}
			}
		}
		if (!item.n && (e = push_unknown(w, &item)) < 0)
			return e;
		var_set(w, "_", &item);
		var_set(w, "psitem", &item);
		if ((e = sb_str(w, o, "{ ")) < 0)
			return e;
		for (k = 0; k < m->nargs; k++) {
			size_t j;

			for (j = 0; j < m->args[k].vals.n; j++) {
				const struct pv *bv = &m->args[k].vals.v[j];

				if (bv->origin == O_BLOCK &&
				    ((e = run_block(w, bv, o)) < 0 ||
				     (e = sb_str(w, o, "\n")) < 0))
					return e;
			}
		}
		var_forget(w, "_");
		var_forget(w, "psitem");
		return sb_str(w, o, "true; }");
	}
	case K_JOIN: {
		struct pvs *a = bval(m, "path"), *b2 = bval(m, "childpath");
		struct pvs *rest = bval(m, "additionalchildpath");
		struct sb r = { 0 };
		size_t k;

		if (!value)
			return sb_str(w, o, "true");
		if ((e = sb_put(w, &r, "", 0)) < 0)
			return e;
		if (a && (e = one(w, a, &v)) == 0)
			e = sb_put(w, &r, v.s, v.n);
		if (e < 0)
			return e;
		if (b2 && (e = one(w, b2, &v)) == 0 &&
		    (e = sb_ch(w, &r, '/')) == 0)
			e = sb_put(w, &r, v.s, v.n);
		if (e < 0)
			return e;
		for (k = 0; rest && k < rest->n; k++)
			if ((e = sb_ch(w, &r, '/')) < 0 ||
			    (e = sb_put(w, &r, rest->v[k].s, rest->v[k].n)) < 0)
				return e;
		if (!a)
			r.n = 0, e = sb_ch(w, &r, PW_UNK);
		if (e < 0)
			return e;
		if ((e = pvs_push(w, value, pv_lit(r.p, r.n))) < 0)
			return e;
		return sb_str(w, o, "true");
	}
	case K_GETLOC:
		if (value && (e = w->env->cwd ?
		    pvs_push(w, value, pv_lit(w->env->cwd,
					      strlen(w->env->cwd))) :
		    push_unknown(w, value)) < 0)
			return e;
		return sb_str(w, o, "pwd");
	case K_RESOLVE:
		if (value && (e = pvs_cat(w, value, &paths)) < 0)
			return e;
		return sb_str(w, o, "true");
	case K_ECHO: {
		struct pvs all = { 0 };
		size_t k;

		for (k = 0; k < m->nargs; k++)
			if ((!m->args[k].name || (m->args[k].p &&
			     !strcmp(m->args[k].p->name, "inputobject"))) &&
			    (e = pvs_cat(w, &all, &m->args[k].vals)) < 0)
				return e;
		if (value && all.n && (e = pvs_cat(w, value, &all)) < 0)
			return e;
		if ((e = sb_str(w, o, "echo")) < 0)
			return e;
		return emit_words(w, o, &all, false);
	}
	case K_ZIP:
	case K_UNZIP: {
		struct pv d = pv_unknown;

		if ((v2 = bval(m, "destinationpath")) &&
		    ((e = one(w, v2, &d)) < 0 || (e = win_path(w, &d, &d)) < 0))
			return e;
		if (m->c->kind == K_UNZIP) {
			if ((e = sb_str(w, o, "unzip -o")) < 0 ||
			    (e = emit_words(w, o, &paths, false)) < 0 ||
			    (e = sb_str(w, o, " -d ")) < 0)
				return e;
			return emit_word(w, o, &d, false);
		}
		if ((e = sb_str(w, o, "zip -r ")) < 0 ||
		    (e = emit_word(w, o, &d, false)) < 0)
			return e;
		return emit_paths(w, o, &paths, literal);
	}
	case K_SELECT: {
		/* Passes (some of) its input on: Select-Object -First/-Last N
		 * is head/tail, the rest cat.  Only a literal count is kept. */
		struct pvs *cnt = NULL;
		const char *tool = "cat";
		size_t k;

		if (m->c->params == p_select) {
			if ((cnt = bval(m, "first")))
				tool = "head -n ";
			else if ((cnt = bval(m, "last")))
				tool = "tail -n ";
		}
		if (!cnt || cnt->n != 1 || cnt->v[0].origin != O_NONE ||
		    !cnt->v[0].n || cnt->v[0].n > 9)
			return sb_str(w, o, "cat");
		for (k = 0; k < cnt->v[0].n; k++)
			if (cnt->v[0].s[k] < '0' || cnt->v[0].s[k] > '9')
				return sb_str(w, o, "cat");
		if ((e = sb_str(w, o, tool)) < 0)
			return e;
		return sb_put(w, o, cnt->v[0].s, cnt->v[0].n);
	}
	case K_TEST:
		/* looks at a path, reads nothing; Split-Path P is P's parent */
		if (value && m->c->name[1] == 'p' && paths.n == 1 &&
		    !bsw(m, "leaf")) {
			struct pv par = paths.v[0];

			while (par.n > 1 && par.s[par.n - 1] != '/')
				par.n--;
			if (par.n > 1)
				par.n--;
			if ((e = pvs_push(w, value, par)) < 0)
				return e;
		}
		if ((e = sb_str(w, o, "test -e")) < 0)
			return e;
		return emit_words(w, o, &paths, false);
	case K_ALIAS: {
		/* Set-Alias x Remove-Item: later `x` is Remove-Item */
		struct pvs *nm = bval(m, "name"), *val = bval(m, "value");
		struct pvs u = { 0 };
		char key[72];

		if (!nm || (e = one(w, nm, &v)) < 0 || !pv_known(&v) ||
		    v.n > 60)
			return e < 0 ? e : sb_str(w, o, "true");
		memcpy(key, "alias:", 6);
		lower_name(key + 6, sizeof(key) - 6, v.s, v.n);
		if (!val && (e = push_unknown(w, &u)) < 0)
			return e;
		var_set(w, key, val ? val : &u);
		return sb_str(w, o, "true");
	}
	case K_WMI: {
		/* Win32_Process Create: the command line runs */
		struct pvs *cls = bval(m, "class"), *mn = bval(m, "name"),
			   *al = bval(m, "argumentlist");
		struct pv cl = pv_unknown, nm = pv_unknown, line0 = pv_unknown;

		if ((cls && (e = one(w, cls, &cl)) < 0) ||
		    (mn && (e = one(w, mn, &nm)) < 0))
			return e;
		if (!(cl.n == 13 && !strncasecmp(cl.s, "win32_process", 13)) ||
		    !(nm.n == 6 && !strncasecmp(nm.s, "create", 6))) {
			if (!pv_known(&cl) || !pv_known(&nm))
				return run_code(w, o, &pv_unknown, false);
			return sb_str(w, o, "true");
		}
		if (al && al->n && al->v[0].origin == O_HASH) {
			const struct phash *h = al->v[0].h;
			size_t k;

			for (k = 0; k < h->n; k++)
				if (!strcasecmp(h->key[k], "commandline") &&
				    (e = one(w, &h->val[k], &line0)) < 0)
					return e;
		} else if (al && al->n) {
			line0 = al->v[0];
		}
		return run_code(w, o, &line0, true);
	}
	case K_PASS:
		break;
	}
	{
		char name[64];

		lower_name(name, sizeof(name), m->c->name, strlen(m->c->name));
		if ((e = sb_str(w, o, name)) < 0)
			return e;
		return emit_passthru_args(w, o, m);
	}
}

/* One element of a pipeline. */
static int emit_command(struct pw *w, struct ctx *c, struct sb *line,
			struct cmd *m, struct up *up, struct pvs *value)
{
	struct sb *o = line;
	int e;

	if (m->block_cmd) {
		/* & { ... } / . { ... } */
		if ((e = sb_str(w, o, "{\n")) < 0 ||
		    (e = run_block(w, &m->blockv, o)) < 0)
			return e;
		return sb_str(w, o, "\ntrue\n}");
	}
	if (m->c && !native_style(m)) {
		if (m->c->kind != K_FOREACH && m->c->kind != K_ICM &&
		    (e = run_arg_blocks(w, c, m)) < 0)
			return e;
		if ((e = emit_cmdlet(w, c, o, m, up, line, value)) < 0)
			return e;
	} else {
		struct pvs args = { 0 };
		const struct pv *nm = &m->name;
		char lname[64];

		/* blocks given to a program are read at the end of the
		 * statement, unless it runs them (pwsh -c { … }) */
		if ((e = native_args(w, m, &args)) < 0)
			return e;
		/* an unknown Verb-Noun cmdlet: its lower-case name */
		if (pv_known(nm) && memchr(nm->s, '-', nm->n) &&
		    !memchr(nm->s, '/', nm->n) && !memchr(nm->s, '\\', nm->n) &&
		    !memchr(nm->s, '.', nm->n) && nm->n < sizeof(lname)) {
			lower_name(lname, sizeof(lname), nm->s, nm->n);
			if ((e = sb_str(w, o, lname)) < 0 ||
			    (e = emit_passthru_args(w, o, m)) < 0)
				return e;
		} else if ((e = invoke(w, o, nm, &args)) < 0) {
			return e;
		}
	}
	return m->redir.n ? sb_put(w, o, m->redir.p, m->redir.n) : 0;
}

/* Does an expression start here (not a command)? */
static bool expr_start(const struct src *s)
{
	int c = at(s, 0);

	if (c == '$' || c == '(' || c == '[' || c == '@' ||
	    is_squote(s) || is_dquote(s) || (c >= '0' && c <= '9'))
		return true;
	return false;
}

/* pipeline ( | pipeline )*: each element a command or, first, an
 * expression.  `value`: the value when it is one foldable element. */
static int pipeline(struct pw *w, struct src *s, struct ctx *c,
		    struct sb *line, struct pvs *value)
{
	struct up up = { 0 }, *prev = NULL;
	struct pvs ev = { 0 };
	size_t nel = 0;
	int e;

	for (;;) {
		size_t start = line->n;

		skip_ws(w, s, false);
		if (nel && (e = sb_str(w, line, " | ")) < 0)
			return e;
		start = line->n;
		if (!nel && expr_start(s) && !(at(s, 0) == '@' &&
					       word_char(at(s, 1)))) {
			size_t save = s->i;

			if ((e = parse_expr(w, s, c, &ev, true)) < 0)
				return e;
			skip_ws(w, s, false);
			if (at(s, 0) == '.' || at(s, 0) == '\\' ||
			    (!cmd_end(s) && !strchr(">&", at(s, 0)) &&
			     at(s, 0) != -1)) {
				/* "...\tool.exe" args: a command after all */
				s->i = save;
				ev.n = 0;
				goto command;
			}
			up.m = NULL;
			up.vals = &ev;
			up.start = start;
			if ((e = sb_str(w, line, "echo")) < 0 ||
			    (e = emit_words(w, line, &ev, false)) < 0)
				return e;
			if (value)
				*value = ev;
			/* redirection of an expression: 'x' > file */
			if (at(s, 0) == '>' || (at(s, 0) == '2' &&
						at(s, 1) == '>')) {
				struct sb r = { 0 };

				if ((e = sb_put(w, &r, "", 0)) < 0 ||
				    (e = redirection(w, s, c, &r)) < 0 ||
				    (e = sb_put(w, line, r.p, r.n)) < 0)
					return e;
				if (value)
					value->n = 0;
			}
		} else {
			struct cmd *m;
			struct pvs *val;
command:
			val = NULL;
			if (!(m = arena_calloc(w->a, 1, sizeof(*m))))
				return NOMEM(w->d);
			if ((e = read_command(w, s, c, m)) < 0)
				return e;
			if (value && !nel)
				val = value;
			if ((e = emit_command(w, c, line, m, prev, val)) < 0)
				return e;
			up.m = m;
			up.vals = NULL;
			up.start = start;
		}
		up.prev = nel ? prev : NULL;
		prev = &up;
		nel++;
		skip_ws(w, s, false);
		if (at(s, 0) == '|' && at(s, 1) != '|') {
			s->i++;
			skip_ws(w, s, true);
			if (value)
				value->n = 0;
			prev = arena_calloc(w->a, 1, sizeof(*prev));
			if (!prev)
				return NOMEM(w->d);
			*prev = up;
			continue;
		}
		return 0;
	}
}

/* The right side of an assignment: a command pipeline or an
 * expression; its value when known. */
static int assignment(struct pw *w, struct src *s, struct ctx *c,
		      struct sb *line, const char *name, const char *raw)
{
	struct pvs v = { 0 };
	int e;

	skip_ws(w, s, true);
	if (expr_start(s) && !(at(s, 0) == '@' && word_char(at(s, 1)))) {
		size_t save = s->i, n0 = line->n;

		if ((e = parse_expr(w, s, c, &v, true)) < 0)
			return e;
		skip_ws(w, s, false);
		if (at(s, 0) == '|') {
			/* $x = 'a' | cmd */
			s->i = save;
			line->n = n0;
			v.n = 0;
			if ((e = pipeline(w, s, c, line, &v)) < 0)
				return e;
		}
	} else if ((e = pipeline(w, s, c, line, &v)) < 0) {
		return e;
	}
	if (!v.n && (e = push_unknown(w, &v)) < 0)
		return e;
	if (name) {
		var_set(w, name, &v);
		if (!strncmp(name, "env:", 4) && v.n) {
			struct sb b = { 0 };

			/* the environment keeps the name's case */
			if ((e = sb_put(w, &b, raw + 4, strlen(raw + 4))) < 0)
				return e;
			if (line->n && (e = sb_ch(w, line, '\n')) < 0)
				return e;
			if ((e = sb_str(w, line, "export ")) < 0 ||
			    (e = sb_put(w, line, b.p, b.n)) < 0 ||
			    (e = sb_ch(w, line, '=')) < 0 ||
			    (e = emit_word(w, line, &v.v[0], false)) < 0)
				return e;
		}
	}
	return 0;
}

/* Is this "$name =" (or +=, ...)?  Sets *name (lower case) and moves
 * past the operator. */
static bool is_assign(struct pw *w, struct src *s, char *name, size_t cap,
		      char *raw, bool *plain)
{
	struct src t = *s;
	size_t start;

	while (at(&t, 0) == '[') {
		t.i++;
		scan_to(w, &t, ']');
		skip_ws(w, &t, false);
	}
	if (at(&t, 0) != '$')
		return false;
	t.i++;
	if (at(&t, 0) == '{') {
		start = ++t.i;
		while (t.i < t.len && at(&t, 0) != '}')
			t.i++;
		lower_name(name, cap, t.p + start, t.i - start);
		snprintf(raw, cap, "%.*s", (int)(strlen(name)), t.p + start);
		t.i++;
	} else {
		start = t.i;
		while (word_char(at(&t, 0)) || at(&t, 0) == ':')
			t.i++;
		if (t.i == start)
			return false;
		lower_name(name, cap, t.p + start, t.i - start);
		snprintf(raw, cap, "%.*s", (int)(strlen(name)), t.p + start);
	}
	*plain = true;
	while (at(&t, 0) == '.' || at(&t, 0) == '[') {
		*plain = false;
		if (at(&t, 0) == '[') {
			t.i++;
			scan_to(w, &t, ']');
		} else {
			t.i++;
			while (word_char(at(&t, 0)))
				t.i++;
		}
	}
	skip_ws(w, &t, false);
	if (at(&t, 0) >= 0 && strchr("+-*/%", at(&t, 0)) && at(&t, 1) == '=') {
		*plain = false;
		t.i++;
	} else if (at(&t, 0) == '?' && at(&t, 1) == '?' && at(&t, 2) == '=') {
		*plain = false;
		t.i += 2;
	}
	if (at(&t, 0) != '=' || at(&t, 1) == '=')
		return false;
	t.i++;
	*s = t;
	{
		static const char scopes[][10] = { "global:", "script:",
			"local:", "private:", "using:" };
		size_t k;

		for (k = 0; k < 5; k++)
			if (!strncmp(name, scopes[k], strlen(scopes[k])))
				memmove(name, name + strlen(scopes[k]),
					strlen(name + strlen(scopes[k])) + 1);
	}
	return true;
}

/* ( ... ) of a keyword statement: its commands run. */
static int cond(struct pw *w, struct src *s, struct sb *out)
{
	struct pvs junk = { 0 };
	struct ctx c = { out };

	skip_ws(w, s, true);
	if (at(s, 0) != '(')
		return 0;
	s->i++;
	return subexpr(w, s, &c, &junk) < 0 ? w->d->code : 0;
}

static int body(struct pw *w, struct src *s, struct sb *out)
{
	struct src in = *s;
	size_t start;
	int e;

	skip_ws(w, s, true);
	if (at(s, 0) != '{') {
		w->incomplete = true;
		return 0;
	}
	start = ++s->i;
	scan_to(w, s, '}');
	in.i = start;
	in.len = s->i > start && s->p[s->i - 1] == '}' ? s->i - 1 : s->i;
	if ((e = deeper(w)) < 0 || (e = statements(w, &in, out, -1, NULL)) < 0)
		return e;
	w->depth--;
	return 0;
}

/* switch (...) { LABEL { ... } ... }: every label and action may run. */
static int switch_body(struct pw *w, struct src *s, struct sb *out)
{
	struct ctx c = { out };
	int e;

	skip_ws(w, s, true);
	if (at(s, 0) != '{') {
		w->incomplete = true;
		return 0;
	}
	s->i++;
	for (;;) {
		struct pvs junk = { 0 };
		size_t before;

		skip_ws(w, s, true);
		while (at(s, 0) == ';') {
			s->i++;
			skip_ws(w, s, true);
		}
		if (at(s, 0) == '}') {
			s->i++;
			return 0;
		}
		if (s->i >= s->len) {
			w->incomplete = true;
			return 0;
		}
		before = s->i;
		if (at(s, 0) == '{')
			e = body(w, s, out);
		else
			e = parse_expr(w, s, &c, &junk, true);
		if (e < 0)
			return e;
		if (s->i == before)
			s->i++;
	}
}

/* if / foreach / while / try ...: the conditions and every body may
 * run, so all are read, in order. 1 when a keyword was read. */
static int keyword_stmt(struct pw *w, struct src *s, struct sb *out)
{
	char var[72];
	int e;

	/* every keyword starts with one of these */
	if (at(s, 0) < 0 || !strchr("bcdefilprstuwBCDEFILPRSTUW", at(s, 0)) ||
	    !at(s, 0))
		return 0;
	if (keyword(s, "if")) {
		s->i += 2;
		if ((e = cond(w, s, out)) < 0 || (e = body(w, s, out)) < 0)
			return e;
		for (;;) {
			size_t save = s->i;

			skip_ws(w, s, true);
			if (keyword(s, "elseif")) {
				s->i += 6;
				if ((e = cond(w, s, out)) < 0 ||
				    (e = body(w, s, out)) < 0)
					return e;
			} else if (keyword(s, "else")) {
				s->i += 4;
				if ((e = body(w, s, out)) < 0)
					return e;
			} else {
				s->i = save;
				return 1;
			}
		}
	}
	if (keyword(s, "foreach") || keyword(s, "for") ||
	    keyword(s, "while") || keyword(s, "switch")) {
		bool fe = keyword(s, "foreach"), sw = keyword(s, "switch");

		s->i += fe ? 7 : keyword(s, "for") ? 3 :
			keyword(s, "while") ? 5 : 6;
		skip_ws(w, s, false);
		while (is_dash(s)) {
			/* switch -Regex -File x */
			while (!arg_end(s))
				s->i++;
			skip_ws(w, s, false);
		}
		if (fe && at(s, 0) == '(') {
			/* foreach ($x in LIST): $x holds every value */
			struct src t = *s;
			struct pvs list = { 0 };
			struct ctx c = { out };
			size_t start;

			t.i++;
			skip_ws(w, &t, false);
			if (at(&t, 0) == '$') {
				t.i++;
				start = t.i;
				while (word_char(at(&t, 0)))
					t.i++;
				lower_name(var, sizeof(var), t.p + start,
					   t.i - start);
				skip_ws(w, &t, false);
				if (keyword(&t, "in")) {
					t.i += 2;
					skip_ws(w, &t, true);
					if ((e = pipeline(w, &t, &c, out,
							  &list)) < 0)
						return e;
					if (!list.n && (e = push_unknown(w,
							&list)) < 0)
						return e;
					if ((e = sb_ch(w, out, '\n')) < 0)
						return e;
					var_set(w, var, &list);
					skip_ws(w, &t, true);
					if (at(&t, 0) == ')')
						t.i++;
					else
						scan_to(w, &t, ')');
					*s = t;
					return body(w, s, out) < 0 ?
					       w->d->code : 1;
				}
			}
		}
		if ((e = cond(w, s, out)) < 0)
			return e;
		if (sw)
			return switch_body(w, s, out) < 0 ? w->d->code : 1;
		return body(w, s, out) < 0 ? w->d->code : 1;
	}
	if (keyword(s, "do")) {
		s->i += 2;
		if ((e = body(w, s, out)) < 0)
			return e;
		skip_ws(w, s, true);
		if (keyword(s, "while") || keyword(s, "until")) {
			s->i += 5;
			if ((e = cond(w, s, out)) < 0)
				return e;
		}
		return 1;
	}
	if (keyword(s, "try") || keyword(s, "finally") ||
	    keyword(s, "begin") || keyword(s, "process") ||
	    keyword(s, "end") || keyword(s, "clean") ||
	    keyword(s, "dynamicparam")) {
		struct src t = *s;

		while (word_char(at(&t, 0)))
			t.i++;
		skip_ws(w, &t, true);
		if (at(&t, 0) != '{')
			return 0;
		*s = t;
		return body(w, s, out) < 0 ? w->d->code : 1;
	}
	if (keyword(s, "catch") || keyword(s, "trap")) {
		s->i += 5 - (keyword(s, "trap") ? 1 : 0);
		skip_ws(w, s, false);
		while (at(s, 0) == '[' || at(s, 0) == ',') {
			if (at(s, 0) == '[') {
				s->i++;
				scan_to(w, s, ']');
			} else {
				s->i++;
			}
			skip_ws(w, s, true);
		}
		return body(w, s, out) < 0 ? w->d->code : 1;
	}
	if (keyword(s, "function") || keyword(s, "filter") ||
	    keyword(s, "workflow")) {
		/* the body is read where it stands: it runs when called */
		while (word_char(at(s, 0)))
			s->i++;
		skip_ws(w, s, false);
		while (!arg_end(s) || at(s, 0) == '(' ) {
			if (at(s, 0) == '(') {
				s->i++;
				scan_to(w, s, ')');
				break;
			}
			s->i++;
		}
		return body(w, s, out) < 0 ? w->d->code : 1;
	}
	if (keyword(s, "param")) {
		s->i += 5;
		skip_ws(w, s, true);
		if (at(s, 0) == '(') {
			s->i++;
			scan_to(w, s, ')');
		}
		return 1;
	}
	if (keyword(s, "class") || keyword(s, "enum") || keyword(s, "using") ||
	    keyword(s, "data")) {
		/* declarations: nothing runs here */
		while (s->i < s->len && at(s, 0) != '{' && !is_nl(at(s, 0)))
			s->i++;
		if (at(s, 0) == '{') {
			s->i++;
			scan_to(w, s, '}');
		}
		return 1;
	}
	if (keyword(s, "return") || keyword(s, "throw") ||
	    keyword(s, "exit") || keyword(s, "break") ||
	    keyword(s, "continue")) {
		while (word_char(at(s, 0)))
			s->i++;
		return 2;	/* a pipeline may follow */
	}
	return 0;
}

/* Statements up to `close` (or the end); `value`: the value of a single
 * foldable statement. */
static int statements(struct pw *w, struct src *s, struct sb *out,
		      int close, struct pvs *value)
{
	size_t nstmt = 0;
	int e;

	if ((e = sb_put(w, out, "", 0)) < 0)
		return e;
	for (;;) {
		struct sb pre = { 0 }, line = { 0 };
		struct ctx c = { &pre };
		struct pvs v = { 0 };
		char name[72], raw[72];
		bool plain, bg = false;
		size_t b0;
		int k;

		skip_ws(w, s, true);
		while (at(s, 0) == ';') {
			s->i++;
			skip_ws(w, s, true);
		}
		if (s->i >= s->len)
			break;
		if (at(s, 0) == close) {
			s->i++;
			break;
		}
		if (at(s, 0) == ')' || at(s, 0) == '}') {
			/* a closer with no opener */
			w->incomplete = true;
			s->i++;
			continue;
		}
		if ((e = sb_put(w, &pre, "", 0)) < 0 ||
		    (e = sb_put(w, &line, "", 0)) < 0)
			return e;
		b0 = w->nblocks;
		nstmt++;
		if ((k = keyword_stmt(w, s, &line)) < 0)
			return k;
		if (k == 1) {
			if ((e = sb_put(w, out, line.p, line.n)) < 0 ||
			    (e = sb_ch(w, out, '\n')) < 0 ||
			    (e = unrun_blocks(w, b0, out)) < 0)
				return e;
			nstmt++;
			continue;
		}
		skip_ws(w, s, false);
		if (k == 2 && cmd_end(s))
			continue;
		for (;;) {
			struct sb part = { 0 };

			if ((e = sb_put(w, &part, "", 0)) < 0)
				return e;
			if (is_assign(w, s, name, sizeof(name), raw, &plain)) {
				if ((e = assignment(w, s, &c, &part,
						    plain ? name : NULL,
						    raw)) < 0)
					return e;
				if (!plain)
					var_forget(w, name);
				v.n = 0;
			} else if ((e = pipeline(w, s, &c, &part, &v)) < 0) {
				return e;
			}
			if ((e = sb_put(w, &line, part.p, part.n)) < 0)
				return e;
			skip_ws(w, s, false);
			if (at(s, 0) == '&' && at(s, 1) == '&') {
				s->i += 2;
				skip_ws(w, s, true);
				if ((e = sb_str(w, &line, " && ")) < 0)
					return e;
				v.n = 0;
				nstmt++;
				continue;
			}
			if (at(s, 0) == '|' && at(s, 1) == '|') {
				s->i += 2;
				skip_ws(w, s, true);
				if ((e = sb_str(w, &line, " || ")) < 0)
					return e;
				v.n = 0;
				nstmt++;
				continue;
			}
			/* `a & b`: a runs in the background, b is next */
			if (at(s, 0) == '&' && at(s, 1) != '&') {
				s->i++;
				bg = true;
			}
			break;
		}
		if (pre.n && ((e = sb_put(w, out, pre.p, pre.n)) < 0 ||
			      (pre.p[pre.n - 1] != '\n' &&
			       (e = sb_ch(w, out, '\n')) < 0)))
			return e;
		if (line.n && ((e = sb_put(w, out, line.p, line.n)) < 0 ||
			       (e = sb_ch(w, out, '\n')) < 0))
			return e;
		if ((e = unrun_blocks(w, b0, out)) < 0)
			return e;
		if (value && nstmt == 1)
			*value = v;
		if (!bg && !cmd_end(s) && s->i < s->len && at(s, 0) != close) {
			/* something after a command that ends it */
			w->incomplete = true;
			s->i++;
		}
	}
	if (value && nstmt != 1)
		value->n = 0;
	return 0;
}

static int translate(struct pw *w, const char *text, size_t len,
		     struct sb *out)
{
	struct src s = { text, len, 0 };
	int e;

	if ((e = deeper(w)) < 0)
		return e;
	/* a byte-order mark is not a command */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		s.i = 3;
	if ((e = statements(w, &s, out, -1, NULL)) < 0)
		return e;
	w->depth--;
	return 0;
}

int pwsh_self_check(void)
{
	size_t i, k;
	bool bad = false;

	for (i = 1; i < sizeof(cmdlets) / sizeof(cmdlets[0]); i++)
		if (strcmp(cmdlets[i - 1].name, cmdlets[i].name) >= 0)
			bad = true;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		bool named = false;

		if (i && strcmp(aliases[i - 1].name, aliases[i].name) >= 0)
			bad = true;
		for (k = 0; k < sizeof(cmdlets) / sizeof(cmdlets[0]); k++)
			named = named || !strcmp(cmdlets[k].name,
						 aliases[i].cmdlet);
		if (!named)
			bad = true;
	}
	return bad ? -1 : 0;
}

int pwsh_translate(struct arena *a, const struct shell_env *env,
		   const char *text, size_t len, const char **out,
		   size_t *out_len, bool *incomplete, struct diag *d)
{
	struct pw *w = arena_calloc(a, 1, sizeof(*w));
	struct sb o = { 0 };
	int e;

	*out = NULL;
	*out_len = 0;
	*incomplete = false;
	if (!w)
		return NOMEM(d);
	w->a = a;
	w->env = env;
	w->d = d;
	if (len > CV_MAX_PWSH_BYTES)
		return too_big(w);
	if (env->home) {
		const char *b = strrchr(env->home, '/');

		w->base = b ? b + 1 : env->home;
		w->nbase = strlen(w->base);
		if (!w->nbase)
			w->base = NULL;
	}
	if ((e = sb_put(w, &o, "", 0)) < 0 ||
	    (e = translate(w, text, len, &o)) < 0)
		return e;
	if (o.n > CV_MAX_PWSH_BYTES)
		return too_big(w);
	*out = o.p;
	*out_len = o.n;
	*incomplete = w->incomplete;
	return 0;
}

int pwsh_parse(struct subject_list *out, struct arena *a,
	       const struct shell_env *env, const char *text, size_t len,
	       struct diag *d)
{
	const char *sh;
	size_t n;
	bool inc;
	int e;

	if ((e = pwsh_translate(a, env, text, len, &sh, &n, &inc, d)) < 0)
		return e;
	if ((e = shell_parse(out, a, env, sh, n, d)) < 0)
		return e;
	if (inc) {
		out->parse_incomplete = true;
		if (!out->parse_problem)
			out->parse_problem = "PowerShell: unbalanced quote, "
					     "bracket, comment or here-string";
	}
	return 0;
}
