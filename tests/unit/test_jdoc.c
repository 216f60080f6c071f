/* test_jdoc.c - the strict JSON layer refuses what readers disagree on. */
#include <stdlib.h>
#include <string.h>

#include "json/jdoc.h"
#include "tap.h"

static int parses(const char *text, unsigned flags, const char *want_msg)
{
	struct diag d;
	cJSON *root = NULL;
	int error;

	diag_clear(&d);
	error = json_parse(&root, text, strlen(text), flags, &d);
	cJSON_Delete(root);
	if (error == 0)
		return want_msg == NULL;
	return want_msg && strstr(d.msg, want_msg) != NULL;
}

int main(void)
{
	struct diag d;
	cJSON *root = NULL;
	char *deep;
	size_t i, n = 100000;

	ok(parses("{\"a\":1}", 0, NULL), "plain object");
	ok(parses("{\"a\":1}\n", 0, NULL), "trailing newline");
	ok(parses("{\"a\":1} x", 0, "trailing data"), "trailing garbage");
	ok(parses("{\"a\":\"b", 0, "unterminated"), "truncated string");
	ok(parses("{\"a\":[1,2", 0, "unbalanced"), "truncated array");
	ok(parses("{\"a\":1,\"a\":2}", 0, "duplicate key"), "duplicate key");
	ok(parses("{\"x\":{\"command\":\"ls\",\"command\":\"rm\"}}", 0,
		  "duplicate key \"command\""), "nested duplicate key");
	ok(parses("{\"a\":\"x\\u0000y\"}", 0, "escaped NUL"), "\\u0000");
	ok(parses("{\"a\":\"\\ud800\"}", 0, "lone high surrogate"),
	   "lone high surrogate");
	ok(parses("{\"a\":\"\\udc00\"}", 0, "lone low surrogate"),
	   "lone low surrogate");
	ok(parses("{\"a\":\"\\ud83d\\ude00\"}", 0, NULL), "surrogate pair");
	ok(parses("{\"a\":\"\xff\"}", 0, "invalid UTF-8"), "invalid UTF-8");
	ok(parses("{\"a\":\"\xc0\xaf\"}", 0, "invalid UTF-8"), "overlong");
	ok(parses("{\"a\":\"\xed\xa0\x80\"}", 0, "invalid UTF-8"),
	   "encoded surrogate");
	ok(parses("{\"a\":\"caf\xc3\xa9 \xf0\x9f\x98\x80\"}", 0, NULL),
	   "valid UTF-8");
	ok(parses("{\"a\":\"x\ty\"}", 0, "raw control"), "raw tab in string");
	ok(parses("[1]", 0, NULL), "array parses (caller rejects)");
	ok(parses("", 0, "invalid JSON"), "empty");

	deep = malloc(2 * n + 1);
	for (i = 0; i < n; i++) {
		deep[i] = '[';
		deep[2 * n - 1 - i] = ']';
	}
	deep[2 * n] = '\0';
	ok(parses(deep, 0, "nested deeper"), "100000-deep nesting refused");
	free(deep);

	{
		static const char nul[] = "{\"a\":1}\0{\"b\":2}";
		diag_clear(&d);
		ok(json_parse(&root, nul, sizeof(nul) - 1, 0, &d) < 0 &&
		   strstr(d.msg, "NUL"), "raw NUL byte refused");
	}

	diag_clear(&d);
	ok(json_parse(&root, "{\"a\":1,\"b\":2,\"a\":3}", 19,
		      JSON_LAST_KEY_WINS, &d) == 0, "last key wins parses");
	ok(root && json_get(root, "a") &&
	   json_get(root, "a")->valueint == 3 && cJSON_GetArraySize(root) == 2,
	   "last key wins keeps the later value");
	cJSON_Delete(root);

	diag_clear(&d);
	{
		static const char cv[] = "{\"Command\":\"rm\",\"command\":\"ls\"}";
		ok(json_parse(&root, cv, sizeof(cv) - 1, 0, &d) == 0,
		   "case variants are distinct keys");
	}
	ok(root && !strcmp(json_get_string(root, "command"), "ls"),
	   "lookup is case-sensitive");
	ok(json_get_string(root, "COMMAND") == NULL, "no case folding");
	cJSON_Delete(root);
	return tap_done();
}
