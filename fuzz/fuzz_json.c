/* fuzz_json.c - libFuzzer harness for the strict JSON reader (jdoc.c).
 * Any bytes go to json_parse() with and without JSON_LAST_KEY_WINS.  A
 * document it accepts must survive a round trip through cJSON's printer
 * (what was accepted was read completely), lookups on it must be safe, and
 * a rejection must carry a message: the hook quotes it in its verdict. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "json/jdoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void json_walk(const cJSON *node, unsigned depth)
{
	const cJSON *c;

	FUZZ_CHECK(depth <= 200, "accepted tree is not deeper than the bound");
	fuzz_touch(node->string);
	if (cJSON_IsString(node))
		fuzz_touch(node->valuestring);
	for (c = node->child; c; c = c->next) {
		if (cJSON_IsObject(node) && c->string) {
			/* Case-sensitive lookup finds a member with this key. */
			FUZZ_CHECK(json_get(node, c->string) != NULL,
				   "json_get finds an existing key");
			(void)json_get_string(node, c->string);
			(void)json_get_true(node, c->string);
		}
		json_walk(c, depth + 1);
	}
}

static void json_one(const char *text, size_t size, unsigned flags)
{
	cJSON *root = NULL, *again = NULL;
	struct diag d;
	char *printed;
	int error;

	diag_clear(&d);
	error = json_parse(&root, text, size, flags, &d);
	if (error < 0) {
		FUZZ_CHECK(root == NULL, "no tree on error");
		FUZZ_CHECK(d.msg[0] != '\0', "a rejection has a message");
		return;
	}
	FUZZ_CHECK(root != NULL, "a tree on success");
	json_walk(root, 0);
	(void)json_get(root, "tool_name");
	(void)json_get_string(root, "tool_input");
	printed = cJSON_PrintUnformatted(root);
	if (printed) {
		diag_clear(&d);
		error = json_parse(&again, printed, strlen(printed), flags, &d);
		if (error < 0)
			fprintf(stderr, "re-parse failed: %s\n", d.msg);
		FUZZ_CHECK(error == 0, "an accepted tree prints as accepted JSON");
		cJSON_Delete(again);
		cJSON_free(printed);
	}
	cJSON_Delete(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The exact bytes, unterminated: json_parse() takes a length, and a
	 * read past it must hit ASan's redzone, not a courtesy NUL. */
	const char *text = (const char *)data;
	unsigned line, col;

	json_one(text, size, 0);
	json_one(text, size, JSON_LAST_KEY_WINS);
	json_offset_to_linecol(text, size, size ? data[0] % (size + 1) : 0,
			       &line, &col);
	FUZZ_CHECK(line >= 1 && col >= 1, "line and column are 1-based");
	json_offset_to_linecol(text, size, size, &line, &col);
	return 0;
}
