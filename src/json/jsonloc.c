/* jsonloc.c - position-aware JSON / JSONC reader, see jsonloc.h.
 *
 * Security invariants: the tree reads a document the way JSON.parse does
 * (last duplicate key wins; "\u0000" stays inside the string; lone
 * surrogates are kept as U+FFFD rather than refused), every limit is an
 * error and never a truncation, and recursion is bounded by JL_MAX_DEPTH.
 * Positions are tracked incrementally, so a 4 MB one-line file costs one
 * pass. */
#include "json/jsonloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/text.h"

struct jl_parser {
	const char *t;
	size_t len, i;
	unsigned line, col;
	unsigned depth;
	struct jl_doc *doc;
	struct arena *a;
	struct diag *d;
};

static struct jl_pos here(const struct jl_parser *p)
{
	struct jl_pos pos = { p->i, p->line, p->col };

	return pos;
}

static void adv(struct jl_parser *p, size_t n)
{
	while (n-- && p->i < p->len) {
		unsigned char c = (unsigned char)p->t[p->i++];

		if (c == '\n') {
			p->line++;
			p->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			p->col++;
		}
	}
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int fail(struct jl_parser *p, int kind, struct jl_pos pos,
		const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	int code = kind == JL_E_LIMIT ? CV_ETOOBIG : CV_EINVAL;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p->doc->error_kind = kind;
	p->doc->error_pos = pos;
	return diag_set(p->d, code, "line %u, column %u: %s", pos.line,
			pos.col, msg);
}

static int fail_here(struct jl_parser *p, const char *what)
{
	unsigned char c;

	if (p->i >= p->len)
		return fail(p, JL_E_SYNTAX, here(p),
			    "unexpected end of file, expected %s", what);
	c = (unsigned char)p->t[p->i];
	if (c == 0)
		return fail(p, JL_E_ENCODING, here(p), "NUL byte");
	if (c >= 0x80 && !text_utf8_len((const unsigned char *)p->t + p->i,
				   p->len - p->i))
		return fail(p, JL_E_ENCODING, here(p), "invalid UTF-8");
	if (c >= 0x20 && c < 0x7f)
		return fail(p, JL_E_SYNTAX, here(p),
			    "unexpected '%c', expected %s", c, what);
	return fail(p, JL_E_SYNTAX, here(p),
		    "unexpected byte 0x%02x, expected %s", c, what);
}

/* Whitespace and comments.  Comments are recorded, not judged. */
static int skip_ws(struct jl_parser *p)
{
	while (p->i < p->len) {
		char c = p->t[p->i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			adv(p, 1);
			continue;
		}
		if (c != '/' || p->i + 1 >= p->len)
			return 0;
		if (!p->doc->ncomments++)
			p->doc->comment_pos = here(p);
		if (p->t[p->i + 1] == '/') {
			while (p->i < p->len && p->t[p->i] != '\n')
				adv(p, 1);
		} else if (p->t[p->i + 1] == '*') {
			struct jl_pos start = here(p);
			const char *end;

			adv(p, 2);
			end = p->i < p->len ?
				memmem(p->t + p->i, p->len - p->i, "*/", 2) :
				NULL;
			if (!end)
				return fail(p, JL_E_SYNTAX, start,
					    "unterminated comment");
			adv(p, (size_t)(end - (p->t + p->i)) + 2);
		} else {
			p->doc->ncomments--;
			return 0;
		}
	}
	return 0;
}

static struct jl_node *new_node(struct jl_parser *p, enum jl_type type)
{
	struct jl_node *n;

	if (p->doc->nnodes >= JL_MAX_NODES) {
		fail(p, JL_E_LIMIT, here(p), "more than %d values",
		     JL_MAX_NODES);
		return NULL;
	}
	n = arena_calloc(p->a, 1, sizeof(*n));
	if (!n) {
		diag_nomem(p->d);
		return NULL;
	}
	p->doc->nnodes++;
	n->type = type;
	n->pos = here(p);
	return n;
}

/* Reads the string at p->i (on its opening quote) into a decoded copy. */
static int parse_string(struct jl_parser *p, const char **out, size_t *outlen)
{
	struct jl_pos start = here(p);
	size_t j, raw, olen = 0;
	char *o;

	/* First pass: find the closing quote, to size the copy. */
	for (j = p->i + 1; j < p->len && p->t[j] != '"'; j++)
		if (p->t[j] == '\\')
			j++;
	if (j >= p->len)
		return fail(p, JL_E_SYNTAX, start, "unterminated string");
	raw = j - p->i - 1;
	if (raw > (size_t)JL_MAX_STRING * 6)
		return fail(p, JL_E_LIMIT, start,
			    "string longer than %u bytes", JL_MAX_STRING);
	if (!(o = arena_alloc(p->a, raw + 1)))
		return diag_nomem(p->d);
	adv(p, 1);
	while (p->t[p->i] != '"') {
		unsigned char c = (unsigned char)p->t[p->i];
		unsigned cp, lo;
		size_t n;

		if (c == '\\') {
			static const char pairs[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
			char e = p->t[p->i + 1];
			const char *map = e ? strchr(pairs, e) : NULL;

			if (map && (map - pairs) % 2 == 0) {
				o[olen++] = map[1];
				adv(p, 2);
				continue;
			}
			if (e != 'u')
				return fail(p, JL_E_SYNTAX, here(p),
					    "invalid escape in string");
			if (p->i + 6 > j + 1 || text_hex4(p->t + p->i + 2, &cp) < 0)
				return fail(p, JL_E_SYNTAX, here(p),
					    "invalid \\u escape");
			adv(p, 6);
			if (cp >= 0xD800 && cp <= 0xDBFF && p->i + 6 <= j &&
			    p->t[p->i] == '\\' && p->t[p->i + 1] == 'u' &&
			    text_hex4(p->t + p->i + 2, &lo) == 0 &&
			    lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) +
					(lo - 0xDC00);
				adv(p, 6);
			} else if (cp >= 0xD800 && cp <= 0xDFFF) {
				cp = 0xFFFD;	/* lone surrogate */
			}
			olen += text_put_utf8(o + olen, cp);
			continue;
		}
		if (c == 0)
			return fail(p, JL_E_ENCODING, here(p),
				    "NUL byte in a string");
		if (c < 0x20)
			return fail(p, JL_E_SYNTAX, here(p),
				    "raw control character 0x%02x in a string",
				    c);
		n = text_utf8_len((const unsigned char *)p->t + p->i, j - p->i);
		if (!n)
			return fail(p, JL_E_ENCODING, here(p),
				    "invalid UTF-8 in a string");
		memcpy(o + olen, p->t + p->i, n);
		olen += n;
		adv(p, n);
	}
	adv(p, 1);
	if (olen > JL_MAX_STRING)
		return fail(p, JL_E_LIMIT, start,
			    "string longer than %u bytes", JL_MAX_STRING);
	o[olen] = '\0';
	*out = o;
	*outlen = olen;
	return 0;
}

static int parse_number(struct jl_parser *p, struct jl_node *n)
{
	size_t s = p->i, i = p->i;
	const char *t = p->t;

	if (i < p->len && t[i] == '-')
		i++;
	if (i < p->len && t[i] == '0') {
		i++;
	} else if (i < p->len && t[i] >= '1' && t[i] <= '9') {
		while (i < p->len && t[i] >= '0' && t[i] <= '9')
			i++;
	} else {
		return fail(p, JL_E_SYNTAX, n->pos, "invalid number");
	}
	if (i < p->len && t[i] == '.') {
		if (++i >= p->len || t[i] < '0' || t[i] > '9')
			return fail(p, JL_E_SYNTAX, n->pos, "invalid number");
		while (i < p->len && t[i] >= '0' && t[i] <= '9')
			i++;
	}
	if (i < p->len && (t[i] == 'e' || t[i] == 'E')) {
		i++;
		if (i < p->len && (t[i] == '+' || t[i] == '-'))
			i++;
		if (i >= p->len || t[i] < '0' || t[i] > '9')
			return fail(p, JL_E_SYNTAX, n->pos, "invalid number");
		while (i < p->len && t[i] >= '0' && t[i] <= '9')
			i++;
	}
	if (!(n->s = arena_strndup(p->a, t + s, i - s)))
		return diag_nomem(p->d);
	n->len = i - s;
	adv(p, i - s);
	return 0;
}

static int cmp_member(const void *x, const void *y)
{
	const struct jl_node *a = *(const struct jl_node *const *)x;
	const struct jl_node *b = *(const struct jl_node *const *)y;
	size_t m = a->keylen < b->keylen ? a->keylen : b->keylen;
	int r = memcmp(a->key, b->key, m);

	if (r)
		return r;
	if (a->keylen != b->keylen)
		return a->keylen < b->keylen ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Marks every member but the last of each key as shadowed. */
static int mark_dups(struct jl_parser *p, struct jl_node *obj)
{
	struct jl_node **v, *c;
	size_t i = 0;

	if (obj->n < 2)
		return 0;
	if (!(v = malloc(obj->n * sizeof(*v))))
		return diag_nomem(p->d);
	for (c = obj->child; c; c = c->next)
		v[i++] = c;
	qsort(v, obj->n, sizeof(*v), cmp_member);
	for (i = 0; i + 1 < obj->n; i++) {
		struct jl_node **nd;

		if (v[i]->keylen != v[i + 1]->keylen ||
		    memcmp(v[i]->key, v[i + 1]->key, v[i]->keylen))
			continue;
		v[i]->shadowed = true;
		nd = arena_grow(p->a, p->doc->dups, &p->doc->dupcap,
				sizeof(*nd), p->doc->ndups + 1);
		if (!nd) {
			free(v);
			return diag_nomem(p->d);
		}
		p->doc->dups = nd;
		nd[p->doc->ndups++] = v[i];
	}
	free(v);
	return 0;
}

static void append(struct jl_node *parent, struct jl_node *child)
{
	child->parent = parent;
	child->index = parent->n++;
	if (parent->last)
		parent->last->next = child;
	else
		parent->child = child;
	parent->last = child;
}

static int parse_value(struct jl_parser *p, struct jl_node **out);

static int parse_container(struct jl_parser *p, struct jl_node *n)
{
	char close = n->type == JL_OBJECT ? '}' : ']';
	int error, after_comma = 0;

	if (++p->depth > JL_MAX_DEPTH)
		return fail(p, JL_E_LIMIT, n->pos, "nested deeper than %d "
			    "levels", JL_MAX_DEPTH);
	adv(p, 1);
	for (;;) {
		struct jl_node *v = NULL;
		struct jl_pos kpos;
		const char *key = NULL;
		size_t keylen = 0;

		if ((error = skip_ws(p)) < 0)
			return error;
		if (p->i < p->len && p->t[p->i] == close) {
			if (after_comma && !p->doc->ntrailing++)
				p->doc->trailing_pos = here(p);
			adv(p, 1);
			break;
		}
		if (n->n && !after_comma)
			return fail_here(p, n->type == JL_OBJECT ?
					 "',' or '}'" : "',' or ']'");
		if (n->n >= JL_MAX_ARRAY)
			return fail(p, JL_E_LIMIT, here(p), "more than %d "
				    "entries in one %s", JL_MAX_ARRAY,
				    n->type == JL_OBJECT ? "object" : "array");
		if (n->type == JL_OBJECT) {
			kpos = here(p);
			if (p->i >= p->len || p->t[p->i] != '"')
				return fail_here(p, "a string key");
			if ((error = parse_string(p, &key, &keylen)) < 0)
				return error;
			if ((error = skip_ws(p)) < 0)
				return error;
			if (p->i >= p->len || p->t[p->i] != ':')
				return fail_here(p, "':'");
			adv(p, 1);
			if ((error = skip_ws(p)) < 0)
				return error;
		}
		if ((error = parse_value(p, &v)) < 0)
			return error;
		if (n->type == JL_OBJECT) {
			v->key = key;
			v->keylen = keylen;
			v->keypos = kpos;
		}
		append(n, v);
		if ((error = skip_ws(p)) < 0)
			return error;
		after_comma = 0;
		if (p->i < p->len && p->t[p->i] == ',') {
			after_comma = 1;
			adv(p, 1);
		}
	}
	p->depth--;
	return n->type == JL_OBJECT ? mark_dups(p, n) : 0;
}

static int parse_value(struct jl_parser *p, struct jl_node **out)
{
	static const struct {
		const char *word;
		enum jl_type type;
		bool val;
	} lits[] = {
		{ "true", JL_BOOL, true },
		{ "false", JL_BOOL, false },
		{ "null", JL_NULL, false },
	};
	struct jl_node *n;
	size_t k;
	char c;

	if (p->i >= p->len)
		return fail_here(p, "a value");
	c = p->t[p->i];
	if (c == '{' || c == '[') {
		if (!(n = new_node(p, c == '{' ? JL_OBJECT : JL_ARRAY)))
			return p->d->code;
		*out = n;
		return parse_container(p, n);
	}
	if (c == '"') {
		if (!(n = new_node(p, JL_STRING)))
			return p->d->code;
		*out = n;
		return parse_string(p, &n->s, &n->len);
	}
	if (c == '-' || (c >= '0' && c <= '9')) {
		if (!(n = new_node(p, JL_NUMBER)))
			return p->d->code;
		*out = n;
		return parse_number(p, n);
	}
	for (k = 0; k < sizeof(lits) / sizeof(lits[0]); k++) {
		size_t wl = strlen(lits[k].word);

		if (p->len - p->i >= wl &&
		    !memcmp(p->t + p->i, lits[k].word, wl)) {
			if (!(n = new_node(p, lits[k].type)))
				return p->d->code;
			n->boolean = lits[k].val;
			*out = n;
			adv(p, wl);
			return 0;
		}
	}
	return fail_here(p, "a value");
}

static int cmp_dup(const void *x, const void *y)
{
	const struct jl_node *a = *(const struct jl_node *const *)x;
	const struct jl_node *b = *(const struct jl_node *const *)y;

	return a->keypos.off < b->keypos.off ? -1 :
		a->keypos.off > b->keypos.off;
}

int jl_parse(struct jl_doc *doc, struct arena *a, const char *text,
	     size_t len, struct diag *d)
{
	struct jl_parser p = { text, len, 0, 1, 1, 0, doc, a, d };
	int error;

	memset(doc, 0, sizeof(*doc));
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		doc->bom = true;
		p.i = 3;
	}
	if ((error = skip_ws(&p)) < 0)
		return error;
	if ((error = parse_value(&p, &doc->root)) < 0) {
		doc->root = NULL;
		return error;
	}
	if ((error = skip_ws(&p)) < 0)
		return error;
	if (p.i < len) {
		error = fail_here(&p, "end of file");
		doc->root = NULL;
		return error;
	}
	if (doc->ndups > 1)
		qsort(doc->dups, doc->ndups, sizeof(*doc->dups), cmp_dup);
	return 0;
}

const struct jl_node *jl_get(const struct jl_node *obj, const char *key)
{
	const struct jl_node *c, *found = NULL;
	size_t kl;

	if (!obj || obj->type != JL_OBJECT)
		return NULL;
	kl = strlen(key);
	for (c = obj->child; c; c = c->next)
		if (c->keylen == kl && !memcmp(c->key, key, kl))
			found = c;
	return found;
}

const struct jl_node *jl_path(const struct jl_node *node, ...)
{
	const char *key;
	va_list ap;

	va_start(ap, node);
	while (node && (key = va_arg(ap, const char *)))
		node = jl_get(node, key);
	va_end(ap);
	return node;
}

const char *jl_str(const struct jl_node *n)
{
	return n && n->type == JL_STRING ? n->s : NULL;
}

bool jl_is_true(const struct jl_node *n)
{
	return n && n->type == JL_BOOL && n->boolean;
}

bool jl_is_false(const struct jl_node *n)
{
	return n && n->type == JL_BOOL && !n->boolean;
}

bool jl_is(const struct jl_node *n, enum jl_type t)
{
	return n && n->type == t;
}

const char *jl_type_name(enum jl_type t)
{
	switch (t) {
	case JL_NULL: return "null";
	case JL_BOOL: return "boolean";
	case JL_NUMBER: return "number";
	case JL_STRING: return "string";
	case JL_ARRAY: return "array";
	case JL_OBJECT: return "object";
	}
	return "?";
}

const char *jl_pointer(struct arena *a, const struct jl_node *n)
{
	const struct jl_node *c;
	size_t need = 1, pos;
	char *out;

	for (c = n; c && c->parent; c = c->parent) {
		size_t i;

		need += 1 + 24;
		if (c->parent->type == JL_OBJECT)
			for (i = 0; i < c->keylen; i++)
				need += c->key[i] == '~' ||
					c->key[i] == '/' ? 2 : 1;
	}
	if (!(out = arena_alloc(a, need)))
		return NULL;
	pos = need - 1;
	out[pos] = '\0';
	for (c = n; c && c->parent; c = c->parent) {
		if (c->parent->type == JL_OBJECT) {
			size_t i = c->keylen;

			while (i--) {
				char k = c->key[i];

				if (k == '~' || k == '/') {
					out[--pos] = k == '~' ? '0' : '1';
					out[--pos] = '~';
				} else {
					out[--pos] = k;
				}
			}
		} else {
			char num[24];
			size_t l = (size_t)snprintf(num, sizeof(num), "%zu",
						    c->index);

			pos -= l;
			memcpy(out + pos, num, l);
		}
		out[--pos] = '/';
	}
	return out + pos;
}

const struct jl_node *jl_resolve(const struct jl_node *root,
				 const char *pointer)
{
	const struct jl_node *n = root;
	const char *s = pointer;
	char *seg;

	if (!s || !*s)
		return root;
	if (*s != '/')
		return NULL;
	/* A segment is never longer than the pointer. */
	if (!(seg = malloc(strlen(s) + 1)))
		return NULL;
	while (n && *s == '/') {
		size_t l = 0;
		const struct jl_node *c, *found = NULL;

		for (s++; *s && *s != '/'; s++) {
			char ch = *s;

			if (ch == '~' && (s[1] == '0' || s[1] == '1'))
				ch = *++s == '0' ? '~' : '/';
			seg[l++] = ch;
		}
		seg[l] = '\0';
		if (n->type == JL_OBJECT) {
			for (c = n->child; c; c = c->next)
				if (c->keylen == l && !memcmp(c->key, seg, l))
					found = c;
		} else if (n->type == JL_ARRAY && l && seg[0] >= '0' &&
			   seg[0] <= '9') {
			char *end;
			unsigned long idx = strtoul(seg, &end, 10);

			for (c = n->child; c && !*end; c = c->next)
				if (c->index == idx)
					found = c;
		}
		n = found;
	}
	free(seg);
	return n;
}
