/* shell_expand.c - the expansions bash makes on a word after parsing:
 * braces ({a,b} {1..3} {a..c}, nested, with prefix and suffix), tilde
 * forms (~user from the passwd database, ~+ the cwd, ~- the OLDPWD when
 * assigned), field splitting of unquoted expansions on $IFS, and pathname
 * expansion against the disk under the payload's cwd.
 * Security invariants: only bytes the lexer marked unquoted (SHM_L from
 * the source, SHM_X from an expansion) are ever treated as syntax, so
 * quoted data stays data; every expansion is bounded (bounds.h), and a
 * bound hit is either an error (braces, and the bytes of all expanded
 * words, counted by shl_budget(): the hook denies) or leaves the
 * pattern in place marked unknown (globs: the effect layer asks), never
 * a silent "no match".  The disk is only read: opendir/readdir/lstat of
 * directories the pattern names, at most CV_MAX_GLOB_DIRENTS entries. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "shell/shell_int.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/safefile.h"
#include "util/text.h"

#define NOMEM(p) diag_nomem((p)->g->d)

/* A word being expanded: value and mask of the same length. */
struct xw {
	char *v;
	unsigned char *m;
	size_t n;
};

struct xlist {
	struct xw *v;
	size_t n, cap;
};

/* ---- pattern matching ---- */

static bool class_match(const char *name, size_t n, unsigned char c)
{
	static const struct { const char *name; const char *set; } cls[] = {
		{ "alpha", "a-zA-Z" }, { "digit", "0-9" },
		{ "alnum", "a-zA-Z0-9" }, { "upper", "A-Z" },
		{ "lower", "a-z" }, { "space", " \t\n\r\v\f" },
		{ "xdigit", "0-9a-fA-F" }, { "punct", "!-/:-@[-`{-~" },
		{ "blank", " \t" }, { "print", " -~" }, { "graph", "!-~" },
		{ "cntrl", "\001-\037" }, { "word", "a-zA-Z0-9_" },
	};
	size_t i, k;

	for (i = 0; i < sizeof(cls) / sizeof(cls[0]); i++) {
		const char *s = cls[i].set;

		if (strlen(cls[i].name) != n || memcmp(cls[i].name, name, n))
			continue;
		for (k = 0; s[k]; k++) {
			if (s[k + 1] == '-' && s[k + 2]) {
				if (c >= (unsigned char)s[k] &&
				    c <= (unsigned char)s[k + 2])
					return true;
				k += 2;
			} else if (c == (unsigned char)s[k]) {
				return true;
			}
		}
		return false;
	}
	return false;
}

/* A bracket expression at pat[*pi] ('[' already seen at *pi - 1).
 * Returns 1 match, 0 no match, -1 not a bracket expression (then '['
 * is literal). */
static int bracket(const char *pat, size_t pn, size_t *pi, unsigned char c,
		   bool path)
{
	size_t i = *pi;
	bool neg = false, hit = false, first = true;

	if (i < pn && (pat[i] == '!' || pat[i] == '^')) {
		neg = true;
		i++;
	}
	for (;; first = false) {
		unsigned char lo, hi;

		if (i >= pn)
			return -1;
		if (pat[i] == ']' && !first)
			break;
		if (pat[i] == '[' && i + 1 < pn && pat[i + 1] == ':') {
			size_t e = i + 2;

			while (e + 1 < pn && !(pat[e] == ':' &&
					       pat[e + 1] == ']'))
				e++;
			if (e + 1 < pn) {
				if (class_match(pat + i + 2, e - i - 2, c))
					hit = true;
				i = e + 2;
				continue;
			}
		}
		if (pat[i] == '\\' && i + 1 < pn)
			i++;
		lo = (unsigned char)pat[i++];
		hi = lo;
		if (i + 1 < pn && pat[i] == '-' && pat[i + 1] != ']') {
			i++;
			if (pat[i] == '\\' && i + 1 < pn)
				i++;
			hi = (unsigned char)pat[i++];
		}
		if (c >= lo && c <= hi)
			hit = true;
	}
	*pi = i + 1;
	if (path && c == '/')
		return 0;
	return hit != neg;
}

bool shx_match(const char *pat, size_t pn, const char *s, size_t sn,
	       bool path)
{
	size_t pi = 0, si = 0, star_p = (size_t)-1, star_s = 0;

	if (path && sn && s[0] == '.' && !(pn && pat[0] == '.') &&
	    !(pn > 1 && pat[0] == '\\' && pat[1] == '.'))
		return false;
	while (si < sn || pi < pn) {
		if (pi < pn) {
			char c = pat[pi];

			if (c == '*') {
				while (pi < pn && pat[pi] == '*')
					pi++;
				star_p = pi;
				star_s = si;
				continue;
			}
			if (si < sn) {
				if (c == '?' && !(path && s[si] == '/')) {
					pi++;
					si++;
					continue;
				}
				if (c == '[') {
					size_t q = pi + 1;
					int r = bracket(pat, pn, &q,
						(unsigned char)s[si], path);

					if (r == 1) {
						pi = q;
						si++;
						continue;
					}
					if (r == 0)
						goto back;
					/* not a bracket: literal '[' */
				}
				if (c == '\\' && pi + 1 < pn)
					c = pat[++pi];
				if (c == s[si] && c != '?' ? true :
				    (c == s[si] && pat[pi] != '?')) {
					pi++;
					si++;
					continue;
				}
			}
		}
back:
		if (star_p == (size_t)-1 || star_s >= sn ||
		    (path && s[star_s] == '/'))
			return false;
		star_s++;
		si = star_s;
		pi = star_p;
	}
	return true;
}

static bool has_magic(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			continue;
		}
		if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return true;
	}
	return false;
}

bool shell_glob_reaches(const char *pattern, const char *path)
{
	const char *a = pattern, *b = path;

	if (!pattern || !path || (a[0] == '/') != (b[0] == '/'))
		return false;
	for (;;) {
		const char *ae, *be;

		while (*a == '/')
			a++;
		while (*b == '/')
			b++;
		if (!*a || !*b)
			return true;
		for (ae = a; *ae && *ae != '/'; ae++)
			;
		for (be = b; *be && *be != '/'; be++)
			;
		if (!shx_match(a, (size_t)(ae - a), b, (size_t)(be - b),
			       true))
			return false;
		a = ae;
		b = be;
	}
}

/* ---- the passwd database ---- */

const char *shx_user_home(struct sh_src *p, const char *user, size_t n)
{
	struct sh_ctx *g = p->g;
	const char *s, *e, *f;
	size_t k;
	int field;

	for (k = 0; k < n; k++)
		if (!((user[k] >= 'a' && user[k] <= 'z') ||
		      (user[k] >= 'A' && user[k] <= 'Z') ||
		      (user[k] >= '0' && user[k] <= '9') || user[k] == '_' ||
		      user[k] == '-' || user[k] == '.' ||
		      (user[k] == '$' && k == n - 1)))
			return NULL;
	if (!n)
		return NULL;
	if (!g->passwd_read) {
		struct buf b = BUF_INIT;

		g->passwd_read = true;
		/* The hook is static: no NSS, only the file. */
		if (safefile_read(&b, "/etc/passwd", CV_MAX_PASSWD_BYTES, 0,
				  NULL) == 0)
			g->passwd = arena_strndup(g->a, b.data ? b.data : "",
						  b.len);
		buf_release(&b);
	}
	for (s = g->passwd; s && *s; s = e + (*e == '\n')) {
		if (!(e = strchr(s, '\n')))
			e = s + strlen(s);
		if ((size_t)(e - s) <= n || memcmp(s, user, n) || s[n] != ':')
			continue;
		for (f = s, field = 0; f < e && field < 5; f++)
			if (*f == ':')
				field++;
		if (field < 5)
			return NULL;
		for (k = 0; f + k < e && f[k] != ':'; k++)
			;
		return k ? arena_strndup(g->a, f, k) : NULL;
	}
	return NULL;
}

/* ---- word lists ---- */

/* Expanded words count against the call's text budget (shl_budget). */
static int budget(struct sh_src *p, size_t n)
{
	return shl_budget(p, n);
}

/* Appends the concatenation of up to three (value, mask) pieces. */
static int xl_push3(struct sh_src *p, struct xlist *l, size_t at,
		    const char *v1, const unsigned char *m1, size_t n1,
		    const char *v2, const unsigned char *m2, size_t n2,
		    const char *v3, const unsigned char *m3, size_t n3)
{
	struct xw *v, w;
	size_t n = n1 + n2 + n3;
	int error;

	if ((error = budget(p, 2 * n + sizeof(w))) < 0)
		return error;
	w.n = n;
	w.v = arena_alloc(p->g->a, n + 1);
	w.m = arena_alloc(p->g->a, n + 1);
	if (!w.v || !w.m)
		return NOMEM(p);
	memcpy(w.v, v1, n1);
	memcpy(w.v + n1, v2, n2);
	memcpy(w.v + n1 + n2, v3, n3);
	w.v[n] = '\0';
	memcpy(w.m, m1, n1);
	if (m2)
		memcpy(w.m + n1, m2, n2);
	else
		memset(w.m + n1, SHM_L, n2);
	memcpy(w.m + n1 + n2, m3, n3);
	if (!(v = arena_grow(p->g->a, l->v, &l->cap, sizeof(*v), l->n + 1)))
		return NOMEM(p);
	l->v = v;
	memmove(l->v + at + 1, l->v + at, (l->n - at) * sizeof(*v));
	l->v[at] = w;
	l->n++;
	return 0;
}

/* ---- braces ---- */

/* The first brace expression of w that bash expands: [*ob, *cb] and
 * whether it is a sequence. */
static bool find_brace(const struct xw *w, size_t *ob, size_t *cb,
		       bool *seq)
{
	size_t i, j, depth;

	for (i = 0; i < w->n; i++) {
		bool comma = false;

		if (w->v[i] != '{' || w->m[i] != SHM_L)
			continue;
		if (i > 0 && w->v[i - 1] == '$' && w->m[i - 1] == SHM_L)
			continue;
		for (j = i + 1, depth = 1; j < w->n; j++) {
			if (w->m[j] != SHM_L)
				continue;
			if (w->v[j] == '{')
				depth++;
			else if (w->v[j] == '}' && --depth == 0)
				break;
			else if (w->v[j] == ',' && depth == 1)
				comma = true;
		}
		if (j >= w->n)
			return false;
		*ob = i;
		*cb = j;
		if (comma) {
			*seq = false;
			return true;
		}
		{
			const char *d = memchr(w->v + i + 1, '.', j - i - 1);

			if (d && d + 1 < w->v + j && d[1] == '.') {
				*seq = true;
				return true;
			}
		}
	}
	return false;
}

static bool parse_int(const char *s, size_t n, long *out, size_t *width)
{
	size_t i = 0;
	long v = 0;
	bool neg = false;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	if (i == n || n - i > 9)
		return false;
	*width = s[i] == '0' && n - i > 1 ? n : 0;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return true;
}

/* {x..y[..z]}: the items, or false when it is not a valid sequence
 * (then the braces are literal, as in bash). */
static int sequence(struct sh_src *p, struct xlist *l, size_t at,
		    const struct xw *w, size_t ob, size_t cb, size_t *countp)
{
	const char *s = w->v + ob + 1, *d1, *d2;
	size_t n = cb - ob - 1, wa, wb, wc, count = 0;
	long a, b, step = 1, v;
	char buf[32];
	int error;

	*countp = 0;
	if (!(d1 = strstr(s, "..")) || d1 >= s + n)
		return 0;
	d2 = strstr(d1 + 2, "..");
	if (d2 && d2 >= s + n)
		d2 = NULL;
	if (parse_int(s, (size_t)(d1 - s), &a, &wa) &&
	    parse_int(d1 + 2, (size_t)((d2 ? d2 : s + n) - d1 - 2), &b, &wb)) {
		if (d2 && !parse_int(d2 + 2, (size_t)(s + n - d2 - 2), &step,
				     &wc))
			return 0;
		if (step < 0)
			step = -step;
		if (step == 0)
			step = 1;
		if ((a > b ? a - b : b - a) / step + 1 > CV_MAX_BRACE_WORDS)
			return diag_set(p->g->d, CV_ETOOBIG,
					"brace expansion of more than %d words",
					CV_MAX_BRACE_WORDS);
		for (v = a;; v += a <= b ? step : -step) {
			int k;

			if (a <= b ? v > b : v < b)
				break;
			k = snprintf(buf, sizeof(buf), "%0*ld",
				     (int)(wa > wb ? wa : wb), v);
			if ((error = xl_push3(p, l, at + count++, w->v, w->m,
					      ob, buf, NULL, (size_t)k,
					      w->v + cb + 1, w->m + cb + 1,
					      w->n - cb - 1)) < 0)
				return error;
		}
		*countp = count;
		return 0;
	}
	if (d1 - s == 1 && !d2 && s + n - d1 - 2 == 1) {
		unsigned char x = (unsigned char)s[0], y = (unsigned char)d1[2];
		unsigned c;

		if (!((x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z')) ||
		    !((y >= 'a' && y <= 'z') || (y >= 'A' && y <= 'Z')))
			return 0;
		for (c = x;; c = x <= y ? c + 1 : c - 1) {
			char ch = (char)c;

			if ((error = xl_push3(p, l, at + count++, w->v, w->m,
					      ob, &ch, NULL, 1,
					      w->v + cb + 1, w->m + cb + 1,
					      w->n - cb - 1)) < 0)
				return error;
			if (c == y)
				break;
		}
		*countp = count;
	}
	return 0;
}

/* Replaces l->v[at] by its brace expansion; *did says whether it had
 * one.  The alternatives keep their masks (a quoted part stays quoted). */
static int brace_one(struct sh_src *p, struct xlist *l, size_t at,
		     bool *did)
{
	struct xw w = l->v[at];
	size_t ob, cb, i, start, depth, count = 0;
	bool seq;
	int error;

	*did = false;
	while (find_brace(&w, &ob, &cb, &seq)) {
		if (seq) {
			if ((error = sequence(p, l, at, &w, ob, cb,
					      &count)) < 0)
				return error;
			if (count) {
				*did = true;
				goto drop;
			}
			/* Not a sequence: the '{' is literal; mark it so. */
			w.m[ob] = SHM_Q;
			continue;
		}
		for (i = ob + 1, start = i, depth = 0; i <= cb; i++) {
			if (w.m[i] != SHM_L)
				continue;
			if (w.v[i] == '{')
				depth++;
			else if (w.v[i] == '}' && depth)
				depth--;
			else if ((w.v[i] == ',' && !depth) || i == cb) {
				if ((error = xl_push3(p, l, at + count++,
						w.v, w.m, ob,
						w.v + start, w.m + start,
						i - start, w.v + cb + 1,
						w.m + cb + 1,
						w.n - cb - 1)) < 0)
					return error;
				start = i + 1;
			}
		}
		*did = true;
		goto drop;
	}
	return 0;
drop:
	/* The original sits after the `count` new words. */
	memmove(l->v + at + count, l->v + at + count + 1,
		(l->n - at - count - 1) * sizeof(*l->v));
	l->n--;
	if (l->n > CV_MAX_BRACE_WORDS)
		return diag_set(p->g->d, CV_ETOOBIG,
				"brace expansion of more than %d words",
				CV_MAX_BRACE_WORDS);
	return 0;
}

/* ---- tilde ---- */

static int tilde(struct sh_src *p, struct xw *w, bool *unknown)
{
	const char *home = NULL;
	size_t k;

	if (!w->n || w->v[0] != '~' || w->m[0] != SHM_L)
		return 0;
	for (k = 1; k < w->n && w->v[k] != '/'; k++)
		if (w->m[k] != SHM_L)
			return 0;	/* ~"x": no tilde expansion */
	if (k == 1)
		return 0;	/* ~: the home, which paths spell "~" */
	if (k == 2 && w->v[1] == '+') {
		home = p->g->cwd;	/* tracked through cd (shell_norm.c) */
		if (!home)
			*unknown = true;
	} else if (k == 2 && w->v[1] == '-') {
		if (!(home = shl_var_get(p, "OLDPWD", 6)))
			home = p->g->oldcwd;
		if (!home)
			*unknown = true;
	} else {
		home = shx_user_home(p, w->v + 1, k - 1);
	}
	if (!home)
		return 0;
	{
		size_t hn = strlen(home), n = hn + w->n - k;
		char *v = arena_alloc(p->g->a, n + 1);
		unsigned char *m = arena_alloc(p->g->a, n + 1);

		if (!v || !m)
			return NOMEM(p);
		memcpy(v, home, hn);
		memcpy(v + hn, w->v + k, w->n - k + 1);
		memset(m, SHM_Q, hn);
		memcpy(m + hn, w->m + k, w->n - k);
		w->v = v;
		w->m = m;
		w->n = n;
	}
	return 0;
}

/* ---- field splitting ---- */

static int split(struct sh_src *p, struct xlist *l, size_t at,
		 const char *ifs, size_t *made)
{
	struct xw w = l->v[at];
	size_t i, start = 0, count = 0;
	bool any = false, lit = false;
	int error;

	*made = 1;
	for (i = 0; i < w.n; i++)
		if ((w.m[i] == SHM_X && strchr(ifs, w.v[i]) && w.v[i]) ||
		    w.m[i] == SHM_S)
			any = true;
	if (!any)
		return 0;
	for (i = 0; i <= w.n; i++) {
		bool sep = i < w.n && ((w.m[i] == SHM_X && w.v[i] &&
					strchr(ifs, w.v[i])) ||
				       w.m[i] == SHM_S);

		if (sep && w.m[i] == SHM_S) {
			/* "$@": the parameters are words as they are. */
			if ((error = xl_push3(p, l, at + count++, w.v + start,
					      w.m + start, i - start, "", w.m,
					      0, "", w.m, 0)) < 0)
				return error;
			lit = false;
			start = i + 1;
			continue;
		}

		if (i < w.n && !sep) {
			if (w.m[i] != SHM_X)
				lit = true;
			continue;
		}
		if (i > start || lit || (sep && !strchr(" \t\n", w.v[i]))) {
			if ((error = xl_push3(p, l, at + count++, w.v + start,
					      w.m + start, i - start, "", w.m,
					      0, "", w.m, 0)) < 0)
				return error;
		}
		lit = false;
		start = i + 1;
	}
	/* The original now sits after the new fields. */
	memmove(l->v + at + count, l->v + at + count + 1,
		(l->n - at - count - 1) * sizeof(*l->v));
	l->n--;
	*made = count;
	return 0;
}

/* ---- pathname expansion ---- */

struct globst {
	struct sh_src *p;
	const char **out;
	size_t nout, capout;
	bool over;
};

static int glob_add(struct globst *g, const char *s)
{
	const char **v;

	if (g->nout >= CV_MAX_GLOB_MATCHES) {
		g->over = true;
		return 0;
	}
	v = arena_grow(g->p->g->a, g->out, &g->capout, sizeof(*v),
		       g->nout + 1);
	if (!v)
		return NOMEM(g->p);
	g->out = v;
	g->out[g->nout++] = s;
	return 0;
}

static char *join(struct arena *a, const char *x, size_t xn, const char *y,
		  size_t yn)
{
	bool slash = xn && x[xn - 1] != '/';
	char *r = arena_alloc(a, xn + yn + 2);

	if (!r)
		return NULL;
	memcpy(r, x, xn);
	if (slash)
		r[xn++] = '/';
	memcpy(r + xn, y, yn);
	r[xn + yn] = '\0';
	return r;
}

/* Unescapes a pattern component with no magic. */
static char *unescape(struct arena *a, const char *s, size_t n)
{
	char *r = arena_alloc(a, n + 1);
	size_t i, o = 0;

	if (!r)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n)
			i++;
		r[o++] = s[i];
	}
	r[o] = '\0';
	return r;
}

/* Matches the pattern `pat` (components separated by '/') below the
 * directory fs (shown as disp).  Iterative over components through an
 * explicit work list, bounded by the directory-entry budget. */
static int glob_walk(struct globst *g, const char *fs, const char *disp,
		     const char *pat)
{
	struct arena *a = g->p->g->a;
	struct work { const char *fs, *disp, *pat; } *st = NULL, cur;
	size_t nst = 0, capst = 0;
	int error;

	st = arena_grow(a, NULL, &capst, sizeof(*st), 8);
	if (!st)
		return NOMEM(g->p);
	st[nst].fs = fs;
	st[nst].disp = disp;
	st[nst++].pat = pat;
	while (nst && !g->over) {
		const char *c, *ce, *rest;
		size_t cn;

		cur = st[--nst];
		c = cur.pat;
		while (*c == '/')
			c++;
		for (ce = c; *ce && *ce != '/'; ce++)
			;
		cn = (size_t)(ce - c);
		rest = ce;
		if (!cn) {
			struct stat sb;

			if (lstat(cur.fs, &sb) == 0 &&
			    (error = glob_add(g, cur.disp)) < 0)
				return error;
			continue;
		}
		if (!has_magic(c, cn)) {
			char *u = unescape(a, c, cn), *f, *d;

			if (!u || !(f = join(a, cur.fs, strlen(cur.fs), u,
					     strlen(u))) ||
			    !(d = join(a, cur.disp, strlen(cur.disp), u,
				       strlen(u))))
				return NOMEM(g->p);
			if (!*cur.disp)
				d = u;
			cur.fs = f;
			cur.disp = d;
			cur.pat = rest;
			nst++;
			st[nst - 1] = cur;
			continue;
		}
		{
			DIR *dir = opendir(*cur.fs ? cur.fs : ".");
			struct dirent *de;

			if (!dir)
				continue;
			while ((de = readdir(dir))) {
				size_t dn = strlen(de->d_name);
				char *f, *d;

				if (++g->p->g->dirents > CV_MAX_GLOB_DIRENTS) {
					g->over = true;
					break;
				}
				if (!strcmp(de->d_name, ".") ||
				    !strcmp(de->d_name, ".."))
					continue;
				if (!shx_match(c, cn, de->d_name, dn, true))
					continue;
				f = join(a, cur.fs, strlen(cur.fs),
					 de->d_name, dn);
				d = *cur.disp ? join(a, cur.disp,
						     strlen(cur.disp),
						     de->d_name, dn)
					      : arena_strndup(a, de->d_name,
							      dn);
				if (!f || !d) {
					closedir(dir);
					return NOMEM(g->p);
				}
				if (nst == capst) {
					struct work *ns = arena_grow(a, st,
						&capst, sizeof(*st), nst + 1);

					if (!ns) {
						closedir(dir);
						return NOMEM(g->p);
					}
					st = ns;
				}
				st[nst].fs = f;
				st[nst].disp = d;
				st[nst++].pat = rest;
				if (nst > CV_MAX_GLOB_MATCHES) {
					g->over = true;
					break;
				}
			}
			closedir(dir);
		}
	}
	return 0;
}

/* Pathname expansion of one field.  *out: the matches (sorted), none
 * when nothing matched; *over when a bound was hit. */
static int glob_field(struct sh_src *p, const struct xw *w,
		      struct globst *g)
{
	const struct shell_env *env = p->g->env;
	struct arena *a = p->g->a;
	char *pat;
	const char *fs, *disp, *rest, *home;
	size_t i, o = 0;

	memset(g, 0, sizeof(*g));
	g->p = p;
	if (!(pat = arena_alloc(a, 2 * w->n + 1)))
		return NOMEM(p);
	for (i = 0; i < w->n; i++) {
		char c = w->v[i];

		if (w->m[i] == SHM_Q && (c == '*' || c == '?' || c == '[' ||
					 c == ']' || c == '\\'))
			pat[o++] = '\\';
		pat[o++] = c;
	}
	pat[o] = '\0';
	home = env->tilde ? env->tilde : env->home;
	if (pat[0] == '~' && (pat[1] == '/' || !pat[1])) {
		if (!home || home[0] != '/')
			return 0;
		fs = home;
		disp = home == env->home ? "~" : home;
		rest = pat + 1;
	} else if (!strncmp(pat, "$HOME/", 6) ||
		   !strncmp(pat, "${HOME}/", 8)) {
		if (!home || home[0] != '/')
			return 0;
		fs = home;
		disp = home == env->home ? "~" : home;
		rest = pat + (pat[1] == '{' ? 7 : 5);
	} else if (pat[0] == '/') {
		fs = "/";
		disp = "/";
		rest = pat;
	} else {
		/* Relative: under the directory cd tracking says. */
		if (!p->g->cwd || p->g->cwd[0] != '/')
			return 0;
		fs = p->g->cwd;
		disp = "";
		rest = pat;
	}
	return glob_walk(g, fs, disp, rest);
}

/* ---- the whole word ---- */

static int to_word(struct sh_src *p, struct sh_word *out,
		   const struct sh_word *in, const char *v, size_t n,
		   unsigned flags)
{
	*out = *in;
	out->val = v;
	out->len = n;
	out->mask = NULL;
	out->flags = flags;
	(void)p;
	return 0;
}

static int word_push(struct sh_src *p, struct sh_word **v, size_t *n,
		     size_t *cap, const struct sh_word *w)
{
	struct sh_word *nv;

	if (*n >= CV_MAX_WORDS)
		return diag_set(p->g->d, CV_ETOOBIG, "more than %d words",
				CV_MAX_WORDS);
	if (!(nv = arena_grow(p->g->a, *v, cap, sizeof(*nv), *n + 1)))
		return NOMEM(p);
	*v = nv;
	(*v)[(*n)++] = *w;
	return 0;
}

static bool field_magic(const struct xw *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->m[i] != SHM_Q && (w->v[i] == '*' || w->v[i] == '?' ||
					 w->v[i] == '['))
			return true;
	return false;
}

static int expand_one(struct sh_src *p, const struct sh_word *in,
		      struct sh_word **v, size_t *n, size_t *cap)
{
	struct xlist l = { NULL, 0, 0 };
	const char *ifs = shl_var_get(p, "IFS", 3);
	size_t i, k;
	bool did;
	int error;

	if (!ifs)
		ifs = " \t\n";
	if ((error = xl_push3(p, &l, 0, in->val, in->mask, in->len, "", NULL,
			      0, "", in->mask, 0)) < 0)
		return error;
	for (i = 0; i < l.n;) {
		if ((error = brace_one(p, &l, i, &did)) < 0)
			return error;
		if (!did)
			i++;
	}
	for (i = 0; i < l.n; i++) {
		bool unknown = false;

		if ((error = tilde(p, &l.v[i], &unknown)) < 0)
			return error;
		(void)unknown;
	}
	/* A field that splits into nothing is gone (k == 0). */
	for (i = 0; i < l.n; i += k)
		if ((error = split(p, &l, i, ifs, &k)) < 0)
			return error;
	for (i = 0; i < l.n; i++) {
		struct xw *x = &l.v[i];
		struct sh_word w;
		struct globst g;

		if (!field_magic(x)) {
			to_word(p, &w, in, x->v, x->n, in->flags);
			if ((error = word_push(p, v, n, cap, &w)) < 0)
				return error;
			continue;
		}
		if ((error = glob_field(p, x, &g)) < 0)
			return error;
		/* The pattern itself first, so rules on it still match. */
		to_word(p, &w, in, x->v, x->n, in->flags | SW_GLOB |
			(g.over ? SW_DYN : 0));
		if ((error = word_push(p, v, n, cap, &w)) < 0)
			return error;
		if (g.over || !g.nout)
			continue;
		qsort(g.out, g.nout, sizeof(*g.out), text_cmp_str);
		for (k = 0; k < g.nout; k++) {
			size_t len = strlen(g.out[k]);

			if ((error = budget(p, len)) < 0)
				return error;
			to_word(p, &w, in, g.out[k], len,
				(in->flags & ~SW_DYN) | SW_MATCHED);
			if ((error = word_push(p, v, n, cap, &w)) < 0)
				return error;
		}
	}
	return 0;
}

int shx_expand(struct sh_src *p, const struct sh_word *in, size_t nin,
	       struct sh_word **out, size_t *nout)
{
	struct sh_word *v = NULL;
	size_t n = 0, cap = 0, i;
	int error;

	for (i = 0; i < nin; i++) {
		if (!in[i].mask) {
			if ((error = word_push(p, &v, &n, &cap, &in[i])) < 0)
				return error;
			continue;
		}
		if ((error = expand_one(p, &in[i], &v, &n, &cap)) < 0)
			return error;
	}
	*out = v;
	*nout = n;
	return 0;
}

/* The directory a tilde prefix names (`~`, `~+`, `~-`, `~user`), or
 * NULL when it is not known. */
static const char *tilde_dir(struct sh_src *p, const char *s, size_t k)
{
	const char *d;

	if (k == 0)
		return shl_var_get(p, "HOME", 4);
	if (k == 1 && s[0] == '+')
		return p->g->cwd;
	if (k == 1 && s[0] == '-')
		return (d = shl_var_get(p, "OLDPWD", 6)) ? d : p->g->oldcwd;
	return shx_user_home(p, s, k);
}

int shx_value(struct sh_src *p, const char *v, const unsigned char *m,
	      bool assign, const char **outp)
{
	struct sh_str b = { NULL, 0, 0 };
	size_t n = strlen(v), i = 0, k;
	int error;

	*outp = v;
	if (!m || !memchr(v, '~', n))
		return 0;
	for (;;) {
		/* A tilde prefix: unquoted source text up to '/' (or ':'
		 * in an assignment). */
		if (i < n && v[i] == '~' && m[i] == SHM_L) {
			const char *d;

			for (k = i + 1; k < n && v[k] != '/' &&
			     !(assign && v[k] == ':'); k++)
				if (m[k] != SHM_L)
					break;
			if ((k == n || v[k] == '/' || v[k] == ':') &&
			    (d = tilde_dir(p, v + i + 1, k - i - 1)) &&
			    d[0] == '/') {
				if ((error = shl_str_put(p, &b, d,
							 strlen(d))) < 0)
					return error;
				i = k;
			}
		}
		if (!assign)
			break;
		for (k = i; k < n && !(v[k] == ':' && m[k] == SHM_L); k++)
			;
		if (k < n)
			k++;
		if ((error = shl_str_put(p, &b, v + i, k - i)) < 0)
			return error;
		i = k;
		if (i >= n)
			break;
	}
	if (i < n && (error = shl_str_put(p, &b, v + i, n - i)) < 0)
		return error;
	if (!(*outp = arena_strndup(p->g->a, b.v ? b.v : "", b.n)))
		return diag_nomem(p->g->d);
	return 0;
}

int shx_word_value(struct sh_src *p, const struct sh_word *w,
		   const char **outp)
{
	const char *v = w->val, *h;
	size_t hn, n;
	char *o;

	if (w->mask)
		return shx_value(p, v, w->mask, false, outp);
	*outp = v;
	/* Expanded words keep no mask: a leading "~" there is the one
	 * tilde() leaves for paths, unless the source quoted it. */
	if (v[0] != '~' || (v[1] && v[1] != '/') || (w->flags & SW_TILDE_Q) ||
	    !(h = shl_var_get(p, "HOME", 4)) || h[0] != '/')
		return 0;
	hn = strlen(h);
	n = strlen(v + 1);
	if (!(o = arena_alloc(p->g->a, hn + n + 1)))
		return diag_nomem(p->g->d);
	memcpy(o, h, hn);
	memcpy(o + hn, v + 1, n + 1);
	*outp = o;
	return 0;
}
