/* test_jsonloc.c - positions, JSONC, duplicates, pointers and limits of
 * the auditor's JSON reader. */
#include <string.h>

#include "util/arena.h"
#include "json/jsonloc.h"
#include "tap.h"

static int parse(struct jl_doc *doc, struct arena *a, const char *s)
{
	struct diag d = { 0, "" };

	return jl_parse(doc, a, s, strlen(s), &d);
}

int main(void)
{
	struct arena a;
	struct jl_doc doc;
	const struct jl_node *n;
	const char *p;
	char deep[300];
	size_t i;

	arena_init(&a);
	ok(parse(&doc, &a, "{\n  \"a\": {\"b\": [1, \"x\"]}\n}") == 0,
	   "parses nested document");
	n = jl_resolve(doc.root, "/a/b/1");
	ok(n && n->pos.line == 2 && n->pos.col == 18, "position of /a/b/1 "
	   "is 2:18 (got %u:%u)", n ? n->pos.line : 0, n ? n->pos.col : 0);
	n = jl_get(doc.root, "a");
	ok(n && n->keypos.line == 2 && n->keypos.col == 3, "key position");
	p = jl_pointer(&a, jl_resolve(doc.root, "/a/b/1"));
	ok(p && !strcmp(p, "/a/b/1"), "pointer round trip (%s)", p);

	ok(parse(&doc, &a, "{\"k\": 1, \"k\": 2}") == 0 && doc.ndups == 1,
	   "duplicate key recorded");
	n = jl_get(doc.root, "k");
	ok(n && !strcmp(n->s, "2"), "last duplicate wins");
	ok(doc.dups[0]->shadowed && doc.dups[0]->keypos.col == 2,
	   "first duplicate is the shadowed one");

	ok(parse(&doc, &a, "{// c\n\"a\": [1, 2,], /* x */}") == 0 &&
	   doc.ncomments == 2 && doc.ntrailing == 2, "JSONC recorded");
	ok(parse(&doc, &a, "{\"a\": \"x\\u0000y\"}") == 0 &&
	   jl_get(doc.root, "a")->len == 3, "escaped NUL kept in length");
	ok(parse(&doc, &a, "{\"a\": \"\\ud83d\\ude00\"}") == 0 &&
	   jl_get(doc.root, "a")->len == 4, "surrogate pair decoded");
	ok(parse(&doc, &a, "{\"a\": 1") < 0 &&
	   doc.error_kind == JL_E_SYNTAX, "truncated is a syntax error");
	ok(parse(&doc, &a, "{\"a\": \"\xff\"}") < 0 &&
	   doc.error_kind == JL_E_ENCODING, "invalid UTF-8");
	ok(parse(&doc, &a, "{\n \"a\": tru }") < 0 &&
	   doc.error_pos.line == 2 && doc.error_pos.col == 7,
	   "error position 2:7 (got %u:%u)", doc.error_pos.line,
	   doc.error_pos.col);
	for (i = 0; i < sizeof(deep) - 1; i++)
		deep[i] = '[';
	deep[i] = '\0';
	ok(parse(&doc, &a, deep) < 0 && doc.error_kind == JL_E_LIMIT,
	   "deep nesting is a limit error");
	ok(parse(&doc, &a, "\xEF\xBB\xBF{}") == 0 && doc.bom, "UTF-8 BOM");
	ok(parse(&doc, &a, "{\"a/b~c\": 1}") == 0 &&
	   !strcmp(jl_pointer(&a, jl_get(doc.root, "a/b~c")), "/a~1b~0c") &&
	   jl_resolve(doc.root, "/a~1b~0c"), "pointer escaping");
	ok(parse(&doc, &a, "[1, 2] x") < 0, "trailing data refused");
	ok(parse(&doc, &a, "{\"a\": 01}") < 0, "leading zero refused");
	arena_release(&a);
	return tap_done();
}
