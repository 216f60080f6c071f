/* jval.h - the engine's JSON reader: strict, in place, one pass.
 *
 * Every JSON document the hook reads (the payload, the rule packs, the
 * configuration) goes through jv_parse().  It refuses what readers
 * disagree on, so that a document accepted here reads exactly as Claude
 * Code's JSON.parse reads it: duplicate keys (JSON.parse keeps the last,
 * other readers the first), "\u0000" (C strings would end there), lone
 * surrogates, invalid UTF-8, raw control characters, NUL bytes, nesting
 * deeper than CV_MAX_JSON_DEPTH.  Each refusal names the problem and its
 * byte offset.  Lookups are case-sensitive.
 *
 * Why not cJSON here: the hook runs before every tool call, and a 1 MB
 * Write is one string.  jv_parse() decodes strings in place in the
 * caller's buffer (no copy, no allocation per string) and puts the nodes
 * in an arena, so a payload costs a few instructions per byte and the
 * hook binary needs no shared JSON library (see docs/performance.md).
 * cJSON stays the door for code that writes JSON (json.h). */
#ifndef CV_JVAL_H
#define CV_JVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

struct arena;

enum jv_type {
	JV_NULL,
	JV_FALSE,
	JV_TRUE,
	JV_NUMBER,
	JV_STRING,
	JV_ARRAY,
	JV_OBJECT,
};

struct jv {
	enum jv_type type;
	unsigned n;		/* ARRAY/OBJECT: number of children */
	const char *s;		/* STRING: decoded, NUL-terminated (no NUL
				 * inside: "\u0000" is refused) */
	size_t len;		/* STRING: bytes in s */
	double num;		/* NUMBER */
	const char *key;	/* member of an OBJECT: its key, else NULL */
	struct jv *next;	/* next sibling */
	struct jv *child;	/* ARRAY/OBJECT: first child */
};

enum {
	/* Duplicate keys are accepted (json.h's cJSON door resolves them
	 * itself); the tree then keeps every member. */
	JV_ALLOW_DUP_KEYS = 1 << 0,
};

/* Parses text[0..len) in place: strings are decoded inside text, which
 * must stay alive (and unchanged) as long as the tree; the nodes come
 * from the arena.  On error *out is NULL, text is partly overwritten and
 * d names the problem. */
int jv_parse(struct jv **out, struct arena *a, char *text, size_t len,
	     unsigned flags, struct diag *d);

/* The same on a copy of text made in the arena. */
int jv_parse_copy(struct jv **out, struct arena *a, const char *text,
		  size_t len, unsigned flags, struct diag *d);

/* Member lookup (NULL when obj is not an object or has no such key). */
const struct jv *jv_get(const struct jv *obj, const char *key);
/* The member's string, or NULL when absent or not a string. */
const char *jv_get_string(const struct jv *obj, const char *key);
/* true only for a member that is the literal true. */
bool jv_get_true(const struct jv *obj, const char *key);

static inline bool jv_is(const struct jv *v, enum jv_type t)
{
	return v && v->type == t;
}

static inline bool jv_is_bool(const struct jv *v)
{
	return v && (v->type == JV_TRUE || v->type == JV_FALSE);
}

/* The string of a STRING node, else NULL. */
static inline const char *jv_str(const struct jv *v)
{
	return v && v->type == JV_STRING ? v->s : NULL;
}

#define jv_for_each(e, parent) \
	for ((e) = (parent) ? (parent)->child : NULL; (e); (e) = (e)->next)

struct buf;
/* Appends v as compact JSON (for messages and the rule generator). */
int jv_write(struct buf *b, const struct jv *v);
/* Appends s[0..n) as a quoted JSON string. */
int jv_write_string(struct buf *b, const char *s, size_t n);

#endif
