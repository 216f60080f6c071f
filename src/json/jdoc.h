/* jdoc.h - the door to cJSON, for code that edits or writes JSON
 * (settings files, the decision log).  The engine reads with jval.h.
 * cJSON and Claude Code's JSON.parse disagree on documents that a guard
 * must not misread: duplicate keys (cJSON's lookup finds the first, JSON.parse
 * keeps the last), "\u0000" (cJSON silently truncates the string), lone
 * surrogates, invalid UTF-8, raw control characters, and case-variant keys
 * (cJSON_GetObjectItem ignores case).  json_parse() scans the text first and
 * refuses each of these with a message naming the problem and its offset,
 * unless a flag says how to resolve it (the checks are jval.c's).
 * Lookups are always case-sensitive.
 * The tree from json_parse() is freed with cJSON_Delete(). */
#ifndef CV_JDOC_H
#define CV_JDOC_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

enum {
	/* Resolve duplicate keys as JSON.parse does (last one wins) instead
	 * of refusing; *dups (if given) counts what was dropped. */
	JSON_LAST_KEY_WINS = 1 << 0,
};

int json_parse(cJSON **out, const char *text, size_t len, unsigned flags,
	       struct diag *d);

/* Case-sensitive member lookup; NULL when absent. */
const cJSON *json_get(const cJSON *obj, const char *key);
/* The member's string value, or NULL when absent or not a string. */
const char *json_get_string(const cJSON *obj, const char *key);
/* true only for a member that is the JSON literal true. */
bool json_get_true(const cJSON *obj, const char *key);

/* Byte offset -> 1-based line and column (columns count characters,
 * UTF-8 code points, like jsonloc: SARIF says columnKind). */
void json_offset_to_linecol(const char *text, size_t len, size_t off,
			    unsigned *line, unsigned *col);

#endif
