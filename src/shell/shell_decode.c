/* shell_decode.c - the decoders that sit between literal text and an
 * interpreter (base64, hex, printf and echo -e escapes, rev, tr, rot13),
 * and the output of a pipeline stage when it is known.
 * Security invariants: a decoder never guesses.  Input it cannot decode,
 * or output larger than CV_MAX_DECODE_BYTES, is "unknown" (NULL), and a
 * caller that feeds unknown decoder output to a shell or an interpreter
 * reports it as a command computed at run time (ask), never as nothing.
 * Everything lives in the request's arena. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shell/shell_int.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/text.h"

/* base64 (standard or URL alphabet; blanks and padding ignored). */
const char *shd_base64(struct arena *a, const char *s, size_t n, size_t *outn)
{
	char *out;
	unsigned long acc = 0;
	size_t i, o = 0;
	int bits = 0, v;

	if (n / 4 * 3 + 3 > CV_MAX_DECODE_BYTES)
		return NULL;
	if (!(out = arena_alloc(a, n / 4 * 3 + 4)))
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '=' || c == ' ' || c == '\n' || c == '\r' ||
		    c == '\t')
			continue;
		if ((v = text_b64val(c)) < 0)
			return NULL;
		acc = (acc << 6) | (unsigned long)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	out[o] = '\0';
	*outn = o;
	return out;
}

/* Plain hex pairs, as `xxd -r -p` reads them (blanks skipped). */
const char *shd_hex(struct arena *a, const char *s, size_t n, size_t *outn)
{
	char *out;
	size_t i, o = 0;
	int hi = -1, d;

	if (n / 2 + 1 > CV_MAX_DECODE_BYTES)
		return NULL;
	if (!(out = arena_alloc(a, n / 2 + 1)))
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' ||
		    s[i] == '\t')
			continue;
		if ((d = text_hexval(s[i])) < 0)
			return NULL;
		if (hi < 0) {
			hi = d;
			continue;
		}
		out[o++] = (char)(hi * 16 + d);
		hi = -1;
	}
	out[o] = '\0';
	*outn = o;
	return out;
}

const char *shd_reverse(struct arena *a, const char *s, size_t n)
{
	char *out;
	size_t i = 0, e, k;

	if (n > CV_MAX_DECODE_BYTES || !(out = arena_alloc(a, n + 1)))
		return NULL;
	/* rev reverses each line; the newlines stay where they are. */
	while (i < n) {
		for (e = i; e < n && s[e] != '\n'; e++)
			;
		for (k = i; k < e; k++)
			out[k] = s[e - 1 - (k - i)];
		if (e < n)
			out[e++] = '\n';
		i = e;
	}
	out[n] = '\0';
	return out;
}

const char *shd_rot13(struct arena *a, const char *s, size_t n)
{
	char *out;
	size_t i;

	if (n > CV_MAX_DECODE_BYTES || !(out = arena_alloc(a, n + 1)))
		return NULL;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'a' && c <= 'z')
			c = (char)('a' + (c - 'a' + 13) % 26);
		else if (c >= 'A' && c <= 'Z')
			c = (char)('A' + (c - 'A' + 13) % 26);
		out[i] = c;
	}
	out[n] = '\0';
	return out;
}

/* A tr SET as a list of bytes: ranges a-z and \n \t \\ escapes; classes
 * and repeats are not literal sets (0: not handled). */
static size_t tr_set(const char *s, unsigned char *out)
{
	size_t o = 0, i;

	for (i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i], e;

		if (c == '[' || (c == '\\' && s[i + 1] && !strchr("nt\\", s[i + 1])))
			return 0;
		if (c == '\\') {
			c = s[++i] == 'n' ? '\n' : s[i] == 't' ? '\t' : '\\';
		}
		if (s[i + 1] == '-' && s[i + 2]) {
			e = (unsigned char)s[i + 2];
			if (e < c)
				return 0;
			for (; c <= e && o < 256; c++)
				out[o++] = c;
			if (o >= 256)
				return 0;
			i += 2;
			continue;
		}
		if (o >= 256)
			return 0;
		out[o++] = c;
	}
	return o;
}

/* tr SET1 SET2 with literal sets (the last byte of SET2 repeats). */
const char *shd_tr(struct arena *a, const char *set1, const char *set2,
		   const char *s, size_t n)
{
	unsigned char from[256], to[256], map[256];
	size_t n1, n2, i;
	char *out;

	if (!(n1 = tr_set(set1, from)) || !(n2 = tr_set(set2, to)))
		return NULL;
	for (i = 0; i < 256; i++)
		map[i] = (unsigned char)i;
	for (i = 0; i < n1; i++)
		map[from[i]] = to[i < n2 ? i : n2 - 1];
	if (n > CV_MAX_DECODE_BYTES || !(out = arena_alloc(a, n + 1)))
		return NULL;
	for (i = 0; i < n; i++)
		out[i] = (char)map[(unsigned char)s[i]];
	out[n] = '\0';
	return out;
}

/* Backslash escapes as printf's format and `echo -e` read them:
 * \n \t \\ \a \b \f \r \v, \xHH, octal (\NNN for printf, \0NNN for
 * echo), \c ends the output. */
const char *shd_escapes(struct arena *a, const char *s, size_t n, bool echo)
{
	char *out;
	size_t i, o = 0, k;
	int d;

	if (n > CV_MAX_DECODE_BYTES || !(out = arena_alloc(a, n + 1)))
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned v;
		char c = s[i];

		if (c != '\\' || i + 1 >= n) {
			out[o++] = c;
			continue;
		}
		c = s[++i];
		switch (c) {
		case 'n': out[o++] = '\n'; continue;
		case 't': out[o++] = '\t'; continue;
		case 'r': out[o++] = '\r'; continue;
		case 'a': out[o++] = '\a'; continue;
		case 'b': out[o++] = '\b'; continue;
		case 'f': out[o++] = '\f'; continue;
		case 'v': out[o++] = '\v'; continue;
		case 'e': case 'E': out[o++] = '\x1b'; continue;
		case '\\': out[o++] = '\\'; continue;
		case 'c': goto done;
		case 'x':
			for (v = 0, k = 0; k < 2 && i + 1 < n &&
			     (d = text_hexval(s[i + 1])) >= 0; k++, i++)
				v = v * 16 + (unsigned)d;
			if (!k) {
				out[o++] = '\\';
				out[o++] = 'x';
				continue;
			}
			out[o++] = (char)v;
			continue;
		default:
			break;
		}
		if (c >= '0' && c <= '7') {
			size_t max = 3;

			v = 0;
			if (echo && c == '0')
				k = 0;	/* \0NNN: up to three more */
			else {
				v = (unsigned)(c - '0');
				k = 1;
			}
			if (echo && c != '0') {
				out[o++] = '\\';
				out[o++] = c;
				continue;
			}
			for (; k < max && i + 1 < n && s[i + 1] >= '0' &&
			     s[i + 1] <= '7'; k++, i++)
				v = v * 8 + (unsigned)(s[i + 1] - '0');
			out[o++] = (char)(v & 0xff);
			continue;
		}
		out[o++] = '\\';
		out[o++] = c;
	}
done:
	out[o] = '\0';
	return out;
}

/* The lexer keeps `$HOME` spelt so that rules and paths know it, but
 * echo and printf print its value: `$(echo rm -rf $HOME)` runs
 * `rm -rf /home/u`, and the printed text is not expanded again.  A home
 * not known leaves the spelling (it still reads as home downstream). */
static const char *home_expanded(struct sh_src *p, const char *t)
{
	const char *h = shl_var_get(p, "HOME", 4), *at;
	struct sh_str b = { NULL, 0, 0 };

	if (!t || !h || !strstr(t, "HOME"))
		return t;
	while ((at = strchr(t, '$'))) {
		size_t k = 0;

		if (!strncmp(at, "${HOME}", 7))
			k = 7;
		else if (!strncmp(at, "$HOME", 5) &&
			 !isalnum((unsigned char)at[5]) && at[5] != '_')
			k = 5;
		if (shl_str_put(p, &b, t, (size_t)(at - t) + (k ? 0 : 1)) < 0 ||
		    (k && shl_str_put(p, &b, h, strlen(h)) < 0))
			return NULL;
		t = at + (k ? k : 1);
	}
	if (shl_str_put(p, &b, t, strlen(t)) < 0 || b.n > CV_MAX_DECODE_BYTES)
		return NULL;
	return arena_strndup(p->g->a, b.v ? b.v : "", b.n);
}

/* An argument as echo and printf receive it: the "~" the lexer leaves
 * for paths is the home (a quoted one too: safe side). */
static const char *arg_value(struct sh_src *p, const char *v)
{
	const char *h;
	char *o;
	size_t hn, n;

	if (v[0] != '~' || (v[1] && v[1] != '/') ||
	    !(h = shl_var_get(p, "HOME", 4)))
		return v;
	hn = strlen(h);
	n = strlen(v + 1);
	if (!(o = arena_alloc(p->g->a, hn + n + 1)))
		return v;
	memcpy(o, h, hn);
	memcpy(o + hn, v + 1, n + 1);
	return o;
}

/* printf FORMAT ARGS: escapes in the format, %s and %b take arguments in
 * turn (%b with escapes), %% is a percent; the format is reused while
 * arguments remain.  Other conversions make the output unknown. */
static const char *printf_text(struct sh_src *p, const struct subject *s)
{
	struct sh_str b = { NULL, 0, 0 };
	const struct strlist *a = &s->raw_args;
	size_t argi = 1, i, rounds = 0;
	const char *fmt;

	if (!a->n)
		return NULL;
	if (!strcmp(a->v[0], "--"))
		argi++;
	if (argi > a->n)
		return NULL;
	fmt = shd_escapes(p->g->a, a->v[argi - 1], strlen(a->v[argi - 1]),
			  false);
	if (!fmt)
		return NULL;
	do {
		for (i = 0; fmt[i]; i++) {
			const char *v;
			size_t vn;

			if (fmt[i] != '%') {
				if (shl_str_put(p, &b, fmt + i, 1) < 0)
					return NULL;
				continue;
			}
			i++;
			if (fmt[i] == '%') {
				if (shl_str_put(p, &b, "%", 1) < 0)
					return NULL;
				continue;
			}
			if (fmt[i] != 's' && fmt[i] != 'b')
				return NULL;
			v = argi < a->n ? arg_value(p, a->v[argi++]) : "";
			vn = strlen(v);
			if (fmt[i] == 'b' &&
			    !(v = shd_escapes(p->g->a, v, vn, true)))
				return NULL;
			if (shl_str_put(p, &b, v, strlen(v)) < 0)
				return NULL;
		}
		if (b.n > CV_MAX_DECODE_BYTES)
			return NULL;
	} while (argi < a->n && ++rounds < 64);
	return home_expanded(p, arena_strndup(p->g->a, b.v ? b.v : "", b.n));
}

static const char *echo_text(struct sh_src *p, const struct subject *s)
{
	struct sh_str b = { NULL, 0, 0 };
	const struct strlist *a = &s->raw_args;
	bool esc = false, nl = true;
	size_t k = 0;
	const char *t;

	for (; k < a->n && a->v[k][0] == '-' && a->v[k][1] &&
	     strspn(a->v[k] + 1, "neE") == strlen(a->v[k] + 1); k++) {
		if (strchr(a->v[k], 'e'))
			esc = true;
		if (strchr(a->v[k], 'E'))
			esc = false;
		if (strchr(a->v[k], 'n'))
			nl = false;
	}
	for (; k < a->n; k++) {
		const char *v = arg_value(p, a->v[k]);

		if (b.n && shl_str_put(p, &b, " ", 1) < 0)
			return NULL;
		if (shl_str_put(p, &b, v, strlen(v)) < 0)
			return NULL;
		if (b.n > CV_MAX_DECODE_BYTES)
			return NULL;
	}
	if (nl && shl_str_put(p, &b, "\n", 1) < 0)
		return NULL;
	t = home_expanded(p, arena_strndup(p->g->a, b.v ? b.v : "", b.n));
	return t && esc ? shd_escapes(p->g->a, t, strlen(t), true) : t;
}

enum dec { D_NONE, D_B64, D_B64ENC, D_HEX, D_REV, D_TR, D_CAT, D_UNKNOWN };

/* base64 without -d: encoding, so that `… | base64 | base64 -d` stays
 * known. */
static const char *b64_encode(struct arena *a, const char *s, size_t n)
{
	static const char al[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		"0123456789+/";
	size_t i, o = 0;
	char *out;

	if (n > CV_MAX_DECODE_BYTES || !(out = arena_alloc(a, n / 3 * 4 + 6)))
		return NULL;
	for (i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)(unsigned char)s[i] << 16;

		if (i + 1 < n)
			v |= (unsigned long)(unsigned char)s[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)s[i + 2];
		out[o++] = al[(v >> 18) & 63];
		out[o++] = al[(v >> 12) & 63];
		out[o++] = i + 1 < n ? al[(v >> 6) & 63] : '=';
		out[o++] = i + 2 < n ? al[v & 63] : '=';
	}
	out[o++] = '\n';
	out[o] = '\0';
	return out;
}

/* Which decoder a stage is: base64 -d, openssl base64 -d / enc -d -base64,
 * xxd -r -p, rev, tr SET1 SET2, cat/tee (identity); gzip and friends
 * decode to something we do not compute (unknown). */
static enum dec decoder_of(const struct subject *s, const char **set1,
			   const char **set2)
{
	const struct strlist *a = &s->raw_args;
	const char *pr = s->program;
	bool d = false, r = false, pl = false, b64 = false;
	size_t k, ops = 0;

	if (s->program_dynamic)
		return D_NONE;
	for (k = 0; k < a->n; k++) {
		const char *x = a->v[k];

		if (!strcmp(x, "-d") || !strcmp(x, "--decode") ||
		    !strcmp(x, "-D") || (x[0] == '-' && x[1] != '-' &&
					 strchr(x, 'd')))
			d = true;
		if (x[0] == '-' && x[1] != '-' && strchr(x, 'r'))
			r = true;
		if (!strcmp(x, "-revert"))
			r = true;
		if (x[0] == '-' && x[1] != '-' && strchr(x, 'p'))
			pl = true;
		if (!strcmp(x, "-ps") || !strcmp(x, "-plain") ||
		    !strcmp(x, "-postscript"))
			pl = true;
		if (!strcmp(x, "-base64") || !strcmp(x, "-a") ||
		    !strcmp(x, "base64"))
			b64 = true;
		if (x[0] != '-')
			ops++;
	}
	if (!strcmp(pr, "base64") || !strcmp(pr, "basenc") ||
	    !strcmp(pr, "b64decode"))
		return d ? (ops ? D_UNKNOWN : D_B64) :
		       (ops || a->n ? D_NONE : D_B64ENC);
	if (!strcmp(pr, "openssl"))
		return d && b64 ? D_B64 : D_NONE;
	if (!strcmp(pr, "xxd"))
		return r ? (pl && !ops ? D_HEX : D_UNKNOWN) : D_NONE;
	if (!strcmp(pr, "rev"))
		return ops ? D_NONE : D_REV;
	if (!strcmp(pr, "tr")) {
		if (a->n == 2 && a->v[0][0] != '-') {
			*set1 = a->v[0];
			*set2 = a->v[1];
			return D_TR;
		}
		return D_NONE;
	}
	if (!strcmp(pr, "gunzip") || !strcmp(pr, "zcat") ||
	    !strcmp(pr, "bunzip2") || !strcmp(pr, "bzcat") ||
	    !strcmp(pr, "xzcat") || !strcmp(pr, "unxz") ||
	    !strcmp(pr, "uudecode") || !strcmp(pr, "zstdcat") ||
	    ((!strcmp(pr, "gzip") || !strcmp(pr, "xz") ||
	      !strcmp(pr, "bzip2") || !strcmp(pr, "zstd")) && d))
		return ops ? D_NONE : D_UNKNOWN;
	if ((!strcmp(pr, "cat") || !strcmp(pr, "tee")) && !a->n)
		return D_CAT;
	return D_NONE;
}

static const char *line_of(struct sh_src *p, const char *s)
{
	size_t n = strlen(s);
	char *o = arena_alloc(p->g->a, n + 2);

	if (o) {
		memcpy(o, s, n);
		memcpy(o + n, "\n", 2);
	}
	return o;
}

/* `which NAME`, `command -v NAME`, `type -P NAME`: where NAME would run
 * from.  A name with a slash is itself; a builtin `command -v` names as
 * such; otherwise the first executable file in $PATH (the script's own
 * PATH when it set one, else the agent's, which the Bash tool inherits).
 * NULL when not known: another form, an unknown PATH, not found. */
static const char *lookup_text(struct sh_src *p, const struct subject *s)
{
	static const char *const builtins[] = { "cd", "echo", "printf",
		"pwd", "test", "[", "true", "false", "read", "type", "command",
		"eval", "exec", "export", "set", "unset", "source", ".",
		"kill", "wait", "alias", "ulimit", "umask", NULL };
	const struct strlist *a = &s->raw_args;
	const char *pr = s->program, *name, *path, *at;
	char buf[PATH_MAX];
	size_t k, n = 0;

	if (!strcmp(pr, "which") && a->n == 1)
		name = a->v[0];
	else if (((!strcmp(pr, "command") && !strcmp(a->v[0], "-v")) ||
		  (!strcmp(pr, "type") && (!strcmp(a->v[0], "-P") ||
					   !strcmp(a->v[0], "-p")))) &&
		 a->n == 2)
		name = a->v[1];
	else
		return NULL;
	if (!*name || name[0] == '-' || (s->arg_flags &&
	    (s->arg_flags[a->n - 1] & ARG_DYNAMIC)))
		return NULL;
	if (strchr(name, '/'))
		return line_of(p, name);
	if (pr[0] == 'c')
		for (k = 0; builtins[k]; k++)
			if (!strcmp(name, builtins[k]))
				return line_of(p, name);
	if (!(path = shl_var_get(p, "PATH", 4)) &&
	    (shl_var_assigned(p, "PATH", 4) || !(path = getenv("PATH"))))
		return NULL;
	for (at = path; *at && n++ < CV_MAX_PATH_DIRS; at += *at == ':') {
		size_t dn = strcspn(at, ":");
		int len = snprintf(buf, sizeof(buf), "%.*s/%s", (int)dn, at,
				   name);

		at += dn;
		if (!dn || dn > 4096 || len < 0 || (size_t)len >= sizeof(buf) ||
		    buf[0] != '/')
			continue;	/* "" and relative dirs: the cwd's */
		if (access(buf, X_OK) == 0)
			return line_of(p, buf);
	}
	return NULL;
}

/* What stage `s` writes to its stdout, given what it reads (`in`, NULL
 * when unknown or nothing).  NULL: not known.  *unknown is set when `s`
 * decodes something we could not see: run as code, that is computed at
 * run time. */
const char *shd_stage_output(struct sh_src *p, const struct subject *s,
			     const char *in, bool in_unknown, bool *unknown)
{
	const char *set1 = NULL, *set2 = NULL, *r = NULL;
	enum dec d;
	size_t n;

	*unknown = false;
	if (!s || s->program_dynamic)
		return NULL;
	if (!strcmp(s->program, "echo"))
		return echo_text(p, s);
	if (!strcmp(s->program, "printf"))
		return printf_text(p, s);
	if (s->raw_args.n && (!strcmp(s->program, "which") ||
			      !strcmp(s->program, "command") ||
			      !strcmp(s->program, "type")))
		return lookup_text(p, s);
	d = decoder_of(s, &set1, &set2);
	if (d == D_NONE)
		return NULL;
	if (d == D_UNKNOWN || !in) {
		*unknown = d != D_CAT || in_unknown;
		return NULL;
	}
	n = strlen(in);
	switch (d) {
	case D_B64: r = shd_base64(p->g->a, in, n, &n); break;
	case D_B64ENC:
		r = b64_encode(p->g->a, in, n);
		n = r ? strlen(r) : 0;
		break;
	case D_HEX: r = shd_hex(p->g->a, in, n, &n); break;
	case D_REV: r = shd_reverse(p->g->a, in, n); break;
	case D_TR: r = shd_tr(p->g->a, set1, set2, in, n); break;
	case D_CAT: r = in; break;
	default: break;
	}
	/* Decoded text with a NUL would be cut short: not known. */
	if (r && strlen(r) != n && d != D_REV && d != D_TR && d != D_CAT)
		r = NULL;
	if (!r)
		*unknown = true;
	return r;
}
