/* jval.c - strict in-place JSON reader, see jval.h.
 *
 * Recursive descent, bounded by CV_MAX_JSON_DEPTH (the depth check comes
 * before the recursion, so 100,000 '[' cost one refusal, not a deep
 * stack).  Strings are decoded where they lie: the decoded form is never
 * longer than the escaped one, so a write cursor trails the read cursor
 * and the closing quote becomes the terminating NUL.  Plain printable
 * ASCII, the bulk of every payload, is skipped 8 bytes per step. */
#include "json/jval.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/bounds.h"
#include "util/buf.h"
#include "util/text.h"

struct parser {
	char *t;
	size_t len, pos;
	struct arena *a;
	unsigned flags;
	struct diag *d;
	size_t nvalues;		/* nodes so far, CV_MAX_JSON_VALUES */
};

/* Nonzero when one of the 8 bytes in w needs a closer look: '"', '\\',
 * a control character (< 0x20) or a non-ASCII byte (>= 0x80). */
static uint64_t needs_look(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u;
	const uint64_t high = 0x8080808080808080u;
	uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');

	return (((q - ones) & ~q) | ((b - ones) & ~b) |
		((w - ones * 0x20) & ~w) | w) & high;
}

/* Index of the first byte flagged by needs_look(): words are loaded with
 * memcpy, so on a little-endian machine the first byte is the lowest. */
static size_t first_flagged(uint64_t look)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (size_t)__builtin_ctzll(look) / 8;
#else
	(void)look;
	return 0;
#endif
}

/* The error for an unexpected byte at pos (or the end of the text). */
static int unexpected(struct parser *p, bool in_container)
{
	size_t i = p->pos;
	unsigned char c;

	if (i >= p->len)
		return in_container ?
			diag_set(p->d, CV_EINVAL,
				 "unbalanced brackets (truncated JSON?)") :
			diag_set(p->d, CV_EINVAL,
				 "invalid JSON near byte %zu (truncated?)", i);
	c = (unsigned char)p->t[i];
	if (c == '\0')
		return diag_set(p->d, CV_EINVAL,
				"NUL byte in JSON text at byte %zu", i);
	if (c >= 0x80 &&
	    text_utf8_len((const unsigned char *)p->t + i, p->len - i) == 0)
		return diag_set(p->d, CV_EINVAL, "invalid UTF-8 at byte %zu",
				i);
	return diag_set(p->d, CV_EINVAL, "invalid JSON near byte %zu", i);
}

static void skip_space(struct parser *p)
{
	while (p->pos < p->len) {
		char c = p->t[p->pos];

		if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
			break;
		p->pos++;
	}
}

/* Decodes the \u escape at t[i] (one or a surrogate pair) into *cp and
 * its length in bytes into *used. */
static int unicode_escape(struct parser *p, size_t i, unsigned *cp,
			  size_t *used)
{
	const char *t = p->t;
	unsigned u, lo;

	if (i + 6 > p->len || text_hex4(t + i + 2, &u) < 0)
		return diag_set(p->d, CV_EINVAL, "bad \\u escape at byte %zu",
				i);
	if (u == 0)
		return diag_set(p->d, CV_EINVAL,
			"escaped NUL (\\u0000) in a string at byte %zu: "
			"refused, it would hide the rest of the string", i);
	if (u >= 0xDC00 && u <= 0xDFFF)
		return diag_set(p->d, CV_EINVAL,
			"lone low surrogate \\u%04x at byte %zu", u, i);
	if (u >= 0xD800 && u <= 0xDBFF) {
		if (i + 12 > p->len || t[i + 6] != '\\' || t[i + 7] != 'u' ||
		    text_hex4(t + i + 8, &lo) < 0 || lo < 0xDC00 ||
		    lo > 0xDFFF)
			return diag_set(p->d, CV_EINVAL,
				"lone high surrogate \\u%04x at byte %zu",
				u, i);
		*cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
		*used = 12;
		return 0;
	}
	*cp = u;
	*used = 6;
	return 0;
}

/* The string whose opening quote is at pos: decoded in place. */
static int parse_string(struct parser *p, const char **out, size_t *outlen)
{
	char *t = p->t;
	size_t len = p->len, start = p->pos + 1, i = start, w = start;

	for (;;) {
		unsigned char c;
		uint64_t word;
		size_t n = 0;

		while (len - i >= 8) {
			uint64_t look;

			memcpy(&word, t + i, 8);
			if ((look = needs_look(word))) {
				/* Plain bytes before the first one to look at
				 * (the lowest flagged byte is exact) move in
				 * one step: regexes in rule packs escape
				 * every few bytes. */
				size_t k = first_flagged(look);

				if (w != i)
					memmove(t + w, t + i, k);
				i += k;
				w += k;
				break;
			}
			if (w != i)
				memmove(t + w, t + i, 8);
			i += 8;
			w += 8;
		}
		if (i >= len)
			return diag_set(p->d, CV_EINVAL,
				"unterminated string (truncated JSON?)");
		c = (unsigned char)t[i];
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			t[w++] = t[i++];
			continue;
		}
		if (c == '"') {
			t[w] = '\0';
			*out = t + start;
			*outlen = w - start;
			p->pos = i + 1;
			return 0;
		}
		if (c < 0x20)
			return diag_set(p->d, CV_EINVAL,
				"raw control character 0x%02x in a string at "
				"byte %zu", c, i);
		if (c == '\\') {
			unsigned cp = 0;
			int error;

			if (i + 1 >= len)
				return diag_set(p->d, CV_EINVAL,
					"unterminated string (truncated JSON?)");
			switch (t[i + 1]) {
			case '"': case '\\': case '/':
				t[w++] = t[i + 1];
				break;
			case 'b': t[w++] = '\b'; break;
			case 'f': t[w++] = '\f'; break;
			case 'n': t[w++] = '\n'; break;
			case 'r': t[w++] = '\r'; break;
			case 't': t[w++] = '\t'; break;
			case 'u':
				if ((error = unicode_escape(p, i, &cp, &n)) < 0)
					return error;
				w += text_put_utf8(t + w, cp);
				i += n;
				continue;
			default:
				return diag_set(p->d, CV_EINVAL,
					"invalid escape at byte %zu", i);
			}
			i += 2;
			continue;
		}
		n = text_utf8_len((const unsigned char *)t + i, len - i);
		if (n == 0)
			return diag_set(p->d, CV_EINVAL,
				"invalid UTF-8 at byte %zu", i);
		memmove(t + w, t + i, n);
		w += n;
		i += n;
	}
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A number as RFC 8259 spells it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int parse_number(struct parser *p, double *out)
{
	const char *t = p->t;
	size_t i = p->pos, start = i, n;
	char local[64], *copy;

	if (i < p->len && t[i] == '-')
		i++;
	if (i >= p->len || !is_digit(t[i]))
		return unexpected(p, false);
	if (t[i] == '0')
		i++;
	else
		while (i < p->len && is_digit(t[i]))
			i++;
	if (i < p->len && t[i] == '.') {
		if (++i >= p->len || !is_digit(t[i]))
			goto bad;
		while (i < p->len && is_digit(t[i]))
			i++;
	}
	if (i < p->len && (t[i] == 'e' || t[i] == 'E')) {
		i++;
		if (i < p->len && (t[i] == '+' || t[i] == '-'))
			i++;
		if (i >= p->len || !is_digit(t[i]))
			goto bad;
		while (i < p->len && is_digit(t[i]))
			i++;
	}
	n = i - start;
	copy = n < sizeof(local) ? local : arena_alloc(p->a, n + 1);
	if (!copy)
		return diag_nomem(p->d);
	memcpy(copy, t + start, n);
	copy[n] = '\0';
	*out = strtod(copy, NULL);
	p->pos = i;
	return 0;
bad:
	p->pos = i;
	return unexpected(p, false);
}

static int key_cmp(const void *a, const void *b)
{
	const struct jv *x = *(const struct jv *const *)a;
	const struct jv *y = *(const struct jv *const *)b;

	return strcmp(x->key, y->key);
}

static int duplicate(struct parser *p, const char *key)
{
	return diag_set(p->d, CV_EINVAL,
		"duplicate key \"%.64s\": refused, readers disagree on which "
		"one counts", key);
}

/* Refuses an object with two members of the same key.  Real objects are
 * small, so pairs are compared directly; big ones are sorted. */
static int check_keys(struct parser *p, const struct jv *obj)
{
	const struct jv *x, *y, **v;
	size_t i;

	if (obj->n <= 16) {
		for (x = obj->child; x; x = x->next)
			for (y = x->next; y; y = y->next)
				if (!strcmp(x->key, y->key))
					return duplicate(p, y->key);
		return 0;
	}
	v = arena_alloc(p->a, obj->n * sizeof(*v));
	if (!v)
		return diag_nomem(p->d);
	for (i = 0, x = obj->child; x; x = x->next)
		v[i++] = x;
	qsort(v, obj->n, sizeof(*v), key_cmp);
	for (i = 1; i < obj->n; i++)
		if (!strcmp(v[i - 1]->key, v[i]->key))
			return duplicate(p, v[i]->key);
	return 0;
}

static int parse_value(struct parser *p, struct jv **out, unsigned depth);

/* An array or object; pos is at its opening bracket. */
static int parse_container(struct parser *p, struct jv *v, unsigned depth)
{
	bool object = p->t[p->pos] == '{';
	char close = object ? '}' : ']';
	struct jv **tail = &v->child;
	int error;

	if (depth >= CV_MAX_JSON_DEPTH)
		return diag_set(p->d, CV_ETOOBIG,
				"JSON nested deeper than %d levels",
				CV_MAX_JSON_DEPTH);
	v->type = object ? JV_OBJECT : JV_ARRAY;
	p->pos++;
	skip_space(p);
	if (p->pos < p->len && p->t[p->pos] == close) {
		p->pos++;
		return 0;
	}
	for (;;) {
		const char *key = NULL;
		size_t keylen;
		struct jv *item;

		if (object) {
			if (p->pos >= p->len || p->t[p->pos] != '"')
				return unexpected(p, true);
			if ((error = parse_string(p, &key, &keylen)) < 0)
				return error;
			skip_space(p);
			if (p->pos >= p->len || p->t[p->pos] != ':')
				return unexpected(p, true);
			p->pos++;
			skip_space(p);
		}
		if (p->pos >= p->len)
			return unexpected(p, true);
		if ((error = parse_value(p, &item, depth + 1)) < 0)
			return error;
		item->key = key;
		*tail = item;
		tail = &item->next;
		v->n++;
		skip_space(p);
		if (p->pos >= p->len)
			return unexpected(p, true);
		if (p->t[p->pos] == close) {
			p->pos++;
			break;
		}
		if (p->t[p->pos] != ',')
			return unexpected(p, true);
		p->pos++;
		skip_space(p);
	}
	if (object && !(p->flags & JV_ALLOW_DUP_KEYS))
		return check_keys(p, v);
	return 0;
}

static int literal(struct parser *p, const char *word, size_t n)
{
	if (p->len - p->pos < n || memcmp(p->t + p->pos, word, n))
		return unexpected(p, false);
	p->pos += n;
	return 0;
}

/* One value; pos is at its first byte (whitespace already skipped). */
static int parse_value(struct parser *p, struct jv **out, unsigned depth)
{
	struct jv *v;
	int error;

	/* A node costs ~60 bytes and a value can be 2 bytes ("0,"): the
	 * count bounds the tree, whatever the text's size. */
	if (++p->nvalues > CV_MAX_JSON_VALUES)
		return diag_set(p->d, CV_ETOOBIG, "more than %u JSON values "
				"near byte %zu (CV_MAX_JSON_VALUES): too large "
				"to judge", CV_MAX_JSON_VALUES, p->pos);
	if (!(v = arena_alloc(p->a, sizeof(*v))))
		return diag_nomem(p->d);
	memset(v, 0, sizeof(*v));
	*out = v;
	if (p->pos >= p->len)
		return unexpected(p, false);
	switch (p->t[p->pos]) {
	case '{':
	case '[':
		return parse_container(p, v, depth);
	case '"':
		v->type = JV_STRING;
		return parse_string(p, &v->s, &v->len);
	case 't':
		v->type = JV_TRUE;
		return literal(p, "true", 4);
	case 'f':
		v->type = JV_FALSE;
		return literal(p, "false", 5);
	case 'n':
		v->type = JV_NULL;
		return literal(p, "null", 4);
	default:
		v->type = JV_NUMBER;
		if ((error = parse_number(p, &v->num)) < 0)
			return error;
		return 0;
	}
}

int jv_parse(struct jv **out, struct arena *a, char *text, size_t len,
	     unsigned flags, struct diag *d)
{
	struct parser p = { text, len, 0, a, flags, d, 0 };
	struct jv *root;
	int error;

	*out = NULL;
	skip_space(&p);
	if ((error = parse_value(&p, &root, 0)) < 0)
		return error;
	skip_space(&p);
	if (p.pos < len) {
		if (text[p.pos] == '\0')
			return unexpected(&p, false);
		return diag_set(d, CV_EINVAL,
			"trailing data after the JSON value at byte %zu",
			p.pos);
	}
	*out = root;
	return 0;
}

int jv_parse_copy(struct jv **out, struct arena *a, const char *text,
		  size_t len, unsigned flags, struct diag *d)
{
	char *copy = arena_alloc(a, len + 1);

	*out = NULL;
	if (!copy)
		return diag_nomem(d);
	memcpy(copy, text, len);
	copy[len] = '\0';
	return jv_parse(out, a, copy, len, flags, d);
}

const struct jv *jv_get(const struct jv *obj, const char *key)
{
	const struct jv *c;

	if (!obj || obj->type != JV_OBJECT)
		return NULL;
	for (c = obj->child; c; c = c->next)
		if (!strcmp(c->key, key))
			return c;
	return NULL;
}

const char *jv_get_string(const struct jv *obj, const char *key)
{
	return jv_str(jv_get(obj, key));
}

bool jv_get_true(const struct jv *obj, const char *key)
{
	return jv_is(jv_get(obj, key), JV_TRUE);
}

int jv_write_string(struct buf *b, const char *s, size_t n)
{
	int error;

	if ((error = buf_putc(b, '"')) < 0 ||
	    (error = buf_put_json_string(b, s, n)) < 0)
		return error;
	return buf_putc(b, '"');
}

int jv_write(struct buf *b, const struct jv *v)
{
	const struct jv *c;
	int error = 0;

	switch (v->type) {
	case JV_NULL:
		return buf_puts(b, "null");
	case JV_FALSE:
		return buf_puts(b, "false");
	case JV_TRUE:
		return buf_puts(b, "true");
	case JV_NUMBER:
		return buf_printf(b, "%.17g", v->num);
	case JV_STRING:
		return jv_write_string(b, v->s, v->len);
	case JV_ARRAY:
	case JV_OBJECT:
		if ((error = buf_putc(b, v->type == JV_ARRAY ? '[' : '{')) < 0)
			return error;
		for (c = v->child; c && error >= 0; c = c->next) {
			if (c != v->child && (error = buf_putc(b, ',')) < 0)
				break;
			if (c->key &&
			    ((error = jv_write_string(b, c->key,
						      strlen(c->key))) < 0 ||
			     (error = buf_putc(b, ':')) < 0))
				break;
			error = jv_write(b, c);
		}
		if (error < 0)
			return error;
		return buf_putc(b, v->type == JV_ARRAY ? ']' : '}');
	}
	return 0;
}
