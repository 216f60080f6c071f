/* jsonloc.h - a position-aware JSON / JSONC reader for the auditor.
 * cJSON keeps no positions, and an audit finding must name the line and
 * column of the offending key or value, so audited configs are read by
 * this small parser instead: every node records where it starts, strings
 * are pointer + length (an escaped NUL never shortens a value), objects
 * keep every member in document order and mark those shadowed by a later
 * duplicate (lookups return the last one, as JSON.parse does).  Comments
 * and trailing commas are accepted and recorded, so the caller decides
 * whether they are a finding (settings.json) or normal (devcontainer.json).
 * Depth, node count and string length are bounded (audit.h); raw invalid
 * UTF-8 and NUL bytes are errors with a position.
 * The tree lives in the arena given to jl_parse(); the text must outlive
 * nothing (strings are copied). */
#ifndef CV_JSONLOC_H
#define CV_JSONLOC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/bounds.h"
#include "util/diag.h"

struct arena;

enum jl_type {
	JL_NULL,
	JL_BOOL,
	JL_NUMBER,
	JL_STRING,
	JL_ARRAY,
	JL_OBJECT,
};

struct jl_pos {
	size_t off;		/* byte offset into the text */
	unsigned line, col;	/* 1-based; columns count characters */
};

struct jl_node {
	enum jl_type type;
	bool boolean;
	const char *s;		/* STRING: decoded, NUL-terminated copy (may
				 * hold NUL: use len); NUMBER: the literal */
	size_t len;
	struct jl_pos pos;	/* where the value starts */

	/* Set when the node is a member of an object. */
	const char *key;
	size_t keylen;
	struct jl_pos keypos;
	bool shadowed;		/* a later member has the same key */

	size_t index;		/* position among its siblings */
	struct jl_node *parent, *next, *child, *last;
	size_t n;		/* number of children */
};

enum {
	JL_E_NONE,
	JL_E_SYNTAX,		/* not JSON (CC090) */
	JL_E_ENCODING,		/* invalid UTF-8, UTF-16, NUL byte (CC097) */
	JL_E_LIMIT,		/* depth, size, node count (CC095) */
};

struct jl_doc {
	struct jl_node *root;
	bool bom;			/* leading UTF-8 BOM skipped */
	size_t ncomments, ntrailing;	/* JSONC features seen */
	struct jl_pos comment_pos, trailing_pos;	/* first of each */
	struct jl_node **dups;		/* shadowed members, document order */
	size_t ndups, dupcap;
	size_t nnodes;
	int error_kind;			/* JL_E_* when jl_parse failed */
	struct jl_pos error_pos;
};

/* Parses text (any size up to the caller's limit).  On error returns a
 * negative CV_E* code, fills doc->error_kind/error_pos and a message in d
 * that names line and column. */
int jl_parse(struct jl_doc *doc, struct arena *a, const char *text,
	     size_t len, struct diag *d);

/* Last (effective) member with this key, or NULL; case-sensitive. */
const struct jl_node *jl_get(const struct jl_node *obj, const char *key);
/* Same, by path of keys ending with NULL: jl_path(root, "a", "b", NULL). */
const struct jl_node *jl_path(const struct jl_node *node, ...);
/* The string (NULL unless a string node) and simple type tests. */
const char *jl_str(const struct jl_node *n);
bool jl_is_true(const struct jl_node *n);
bool jl_is_false(const struct jl_node *n);
bool jl_is(const struct jl_node *n, enum jl_type t);
const char *jl_type_name(enum jl_type t);

/* RFC 6901 pointer of a node ("/permissions/allow/3"), in the arena. */
const char *jl_pointer(struct arena *a, const struct jl_node *n);
/* Resolves a pointer to the effective node, or NULL. */
const struct jl_node *jl_resolve(const struct jl_node *root,
				 const char *pointer);

#endif
