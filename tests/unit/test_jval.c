/* test_jval.c - the engine's in-place JSON reader: values, decoding,
 * refusals, and the writer.  (The refusals shared with jdoc.h's cJSON door
 * are also covered by test_jdoc.c.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "json/jval.h"
#include "tap.h"

static struct arena a;

/* Parses a copy of text; NULL on error (message in last_error). */
static char last_error[CV_DIAG_MAX];

static const struct jv *parse(const char *text, unsigned flags)
{
	struct jv *root;
	struct diag d;

	diag_clear(&d);
	last_error[0] = '\0';
	if (jv_parse_copy(&root, &a, text, strlen(text), flags, &d) < 0) {
		snprintf(last_error, sizeof(last_error), "%s", d.msg);
		return NULL;
	}
	return root;
}

static int refused(const char *text, const char *want)
{
	return parse(text, 0) == NULL && strstr(last_error, want) != NULL;
}

/* Writes a parsed copy of text back out and compares with want. */
static int writes(const char *text, const char *want)
{
	const struct jv *v = parse(text, 0);
	struct buf b = BUF_INIT;
	int same;

	if (!v || jv_write(&b, v) < 0 || buf_putc(&b, '\0') < 0) {
		buf_release(&b);
		return 0;
	}
	same = !strcmp(b.data, want);
	if (!same)
		fprintf(stderr, "# wrote %s\n", b.data);
	buf_release(&b);
	return same;
}

int main(void)
{
	const struct jv *v, *c;
	char *big;
	size_t i, n;

	arena_init(&a);

	v = parse("{\"a\":\"x\",\"b\":[1,-2.5e3,true,false,null],\"c\":{}}", 0);
	ok(jv_is(v, JV_OBJECT) && v->n == 3, "object with three members");
	ok(v && !strcmp(jv_get_string(v, "a"), "x"), "string member");
	c = jv_get(v, "b");
	ok(jv_is(c, JV_ARRAY) && c->n == 5, "array of five");
	ok(c && c->child->type == JV_NUMBER && c->child->num == 1 &&
	   c->child->next->num == -2500, "numbers");
	ok(c && c->child->next->next->type == JV_TRUE &&
	   c->child->next->next->next->type == JV_FALSE &&
	   c->child->next->next->next->next->type == JV_NULL, "literals");
	ok(jv_is(jv_get(v, "c"), JV_OBJECT) && jv_get(v, "c")->n == 0,
	   "empty object");
	ok(jv_get(v, "A") == NULL, "lookups are case-sensitive");
	ok(jv_get_true(parse("{\"t\":true}", 0), "t") &&
	   !jv_get_true(parse("{\"t\":1}", 0), "t"), "jv_get_true");

	v = parse("{\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\te\"}", 0);
	ok(v && !strcmp(jv_get_string(v, "s"), "a\"b\\c/d\b\f\n\r\te") &&
	   jv_get(v, "s")->len == 13, "short escapes decode in place");
	v = parse("{\"s\":\"\\u00e9\\u20ac\\ud83d\\ude00x\"}", 0);
	ok(v && !strcmp(jv_get_string(v, "s"),
			"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80x"),
	   "\\u escapes and a surrogate pair become UTF-8");
	v = parse("{\"k\\u0065y\":1}", 0);
	ok(v && jv_get(v, "key"), "escaped keys are decoded");

	/* A long string with escapes after the 8-byte fast path starts. */
	n = 100000;
	big = malloc(n + 64);
	memcpy(big, "{\"s\":\"", 6);
	for (i = 6; i < n; i++)
		big[i] = i % 1000 == 999 ? 'n' : i % 1000 == 998 ? '\\' : 'x';
	memcpy(big + n, "\"}", 3);
	v = parse(big, 0);
	ok(v && jv_get(v, "s")->len == n - 6 - (n - 6 + 6) / 1000,
	   "a 100 KB string with escapes keeps its length");
	ok(v && strchr(jv_get_string(v, "s"), '\n') &&
	   !strchr(jv_get_string(v, "s"), '\\'), "and is decoded");
	free(big);

	ok(refused("{\"a\":1,\"a\":2}", "duplicate key \"a\""),
	   "duplicate key refused");
	big = malloc(64 * 12 + 16);
	strcpy(big, "{");
	for (i = 0; i < 40; i++)
		sprintf(big + strlen(big), "\"k%zu\":%zu,", i, i);
	strcat(big, "\"k17\":0}");
	ok(refused(big, "duplicate key \"k17\""),
	   "duplicate key in a big (sorted) object refused");
	ok(parse(big, JV_ALLOW_DUP_KEYS) != NULL,
	   "JV_ALLOW_DUP_KEYS accepts it");
	free(big);
	ok(refused("{\"a\":\"x\\u0000y\"}", "escaped NUL"), "\\u0000 refused");
	ok(refused("{\"a\":\"\\ud800x\"}", "lone high surrogate"),
	   "lone high surrogate");
	ok(refused("{\"a\":\"\\udc00\"}", "lone low surrogate"),
	   "lone low surrogate");
	ok(refused("{\"a\":\"\\x\"}", "invalid escape"), "unknown escape");
	ok(refused("{\"a\":\"\\u12\"}", "bad \\u escape"), "short \\u");
	ok(refused("{\"a\":\"\xc3\"}", "invalid UTF-8"), "cut UTF-8");
	ok(refused("{\"a\":\"x\ny\"}", "raw control"), "raw newline");
	ok(refused("{\"a\":01}", "invalid JSON"), "leading zero");
	ok(refused("{\"a\":1.}", "invalid JSON"), "bare decimal point");
	ok(refused("{\"a\":-}", "invalid JSON"), "lone minus");
	ok(refused("{\"a\":tru}", "invalid JSON"), "cut literal");
	ok(refused("{\"a\" 1}", "invalid JSON"), "missing colon");
	ok(refused("{\"a\":1,}", "invalid JSON"), "trailing comma");
	ok(refused("[1 2]", "invalid JSON"), "missing comma");
	ok(refused("{\"a\":[1,2", "unbalanced"), "truncated array");
	ok(refused("{\"a\":\"b", "unterminated"), "truncated string");
	ok(refused("", "invalid JSON"), "empty text");
	ok(refused("  ", "invalid JSON"), "only blanks");
	ok(refused("{} {}", "trailing data"), "two values");
	ok(refused("{\"a\":\xff}", "invalid UTF-8"), "bad byte outside a string");

	{
		static const char nul[] = "{\"a\":1}\0";
		struct jv *root;
		struct diag d;
		char copy[sizeof(nul)];

		memcpy(copy, nul, sizeof(nul));
		ok(jv_parse(&root, &a, copy, sizeof(nul) - 1, 0, &d) < 0 &&
		   strstr(d.msg, "NUL byte"), "NUL byte after the value");
	}
	{
		/* The length bounds the parse: no terminator is needed. */
		char text[] = "{\"a\":\"bc\"}XXXX";
		struct jv *root;
		struct diag d;

		ok(jv_parse(&root, &a, text, 10, 0, &d) == 0 &&
		   !strcmp(jv_get_string(root, "a"), "bc"),
		   "parses exactly len bytes");
	}

	big = malloc(2 * 200 + 1);
	for (i = 0; i < 200; i++) {
		big[i] = '[';
		big[2 * 200 - 1 - i] = ']';
	}
	big[400] = '\0';
	ok(refused(big, "nested deeper"), "200-deep nesting refused");
	memset(big, '[', 128);
	memset(big + 128, ']', 128);
	big[256] = '\0';
	ok(parse(big, 0) != NULL, "128-deep nesting accepted");
	free(big);

	ok(writes("{ \"a\" : [1, 2.5, true, null], \"b\\n\": \"\\u00e9\\\"\" }",
		  "{\"a\":[1,2.5,true,null],\"b\\n\":\"\xc3\xa9\\\"\"}"),
	   "jv_write writes compact JSON");

	arena_release(&a);
	return tap_done();
}
