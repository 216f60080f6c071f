/* json.c - strict JSON reading on top of cJSON, see json.h.
 *
 * Security invariant: a document accepted here is read by every lookup in
 * ccveto exactly as Claude Code's JSON.parse reads it.  The pre-scan is a
 * single iterative pass (no recursion, so 100,000-deep nesting costs
 * nothing but a counter) that rejects everything cJSON would read
 * differently; only then is cJSON, which recurses, allowed to parse. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "json.h"
#include "text.h"

/* Nonzero when one of the 8 bytes in w needs a closer look: '"', '\\',
 * a control character (< 0x20) or a non-ASCII byte (>= 0x80).  Plain
 * printable ASCII is the bulk of every payload (a 1 MB Write is one
 * string), and is skipped 8 bytes per step; the exact checks below see
 * every other byte. */
static uint64_t needs_look(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u;
	const uint64_t high = 0x8080808080808080u;
	uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');

	return (((q - ones) & ~q) | ((b - ones) & ~b) |
		((w - ones * 0x20) & ~w) | w) & high;
}

/* Scans the string starting after its opening quote at *pos; leaves *pos
 * after the closing quote. */
static int scan_string(const char *t, size_t len, size_t *pos,
		       struct diag *d)
{
	size_t i = *pos;

	while (i < len) {
		unsigned char c;
		size_t n;
		uint64_t w;

		if (len - i >= 8) {
			memcpy(&w, t + i, 8);
			if (!needs_look(w)) {
				i += 8;
				continue;
			}
		}
		c = (unsigned char)t[i];
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			i++;
			continue;
		}

		if (c == '"') {
			*pos = i + 1;
			return 0;
		}
		if (c < 0x20)
			return diag_set(d, CV_EINVAL,
				"raw control character 0x%02x in a string at "
				"byte %zu", c, i);
		if (c == '\\') {
			unsigned u, lo;

			if (i + 1 >= len)
				break;
			if (t[i + 1] != 'u') {
				i += 2;
				continue;
			}
			if (i + 6 > len || text_hex4(t + i + 2, &u) < 0)
				return diag_set(d, CV_EINVAL,
					"bad \\u escape at byte %zu", i);
			if (u == 0)
				return diag_set(d, CV_EINVAL,
					"escaped NUL (\\u0000) in a string at "
					"byte %zu: refused, it would hide the "
					"rest of the string", i);
			if (u >= 0xDC00 && u <= 0xDFFF)
				return diag_set(d, CV_EINVAL,
					"lone low surrogate \\u%04x at byte %zu",
					u, i);
			if (u >= 0xD800 && u <= 0xDBFF) {
				if (i + 12 > len || t[i + 6] != '\\' ||
				    t[i + 7] != 'u' ||
				    text_hex4(t + i + 8, &lo) < 0 ||
				    lo < 0xDC00 || lo > 0xDFFF)
					return diag_set(d, CV_EINVAL,
						"lone high surrogate \\u%04x at "
						"byte %zu", u, i);
				i += 12;
				continue;
			}
			i += 6;
			continue;
		}
		n = text_utf8_len((const unsigned char *)t + i, len - i);
		if (n == 0)
			return diag_set(d, CV_EINVAL,
				"invalid UTF-8 at byte %zu", i);
		i += n;
	}
	return diag_set(d, CV_EINVAL, "unterminated string (truncated JSON?)");
}

static int prescan(const char *t, size_t len, struct diag *d)
{
	size_t i = 0, depth = 0;

	while (i < len) {
		unsigned char c = (unsigned char)t[i];
		int error;

		switch (c) {
		case '"':
			i++;
			if ((error = scan_string(t, len, &i, d)) < 0)
				return error;
			continue;
		case '{':
		case '[':
			if (++depth > CV_MAX_JSON_DEPTH)
				return diag_set(d, CV_ETOOBIG,
					"JSON nested deeper than %d levels",
					CV_MAX_JSON_DEPTH);
			break;
		case '}':
		case ']':
			if (depth)
				depth--;
			break;
		case '\0':
			return diag_set(d, CV_EINVAL,
				"NUL byte in JSON text at byte %zu", i);
		default:
			if (c >= 0x80) {
				size_t n = text_utf8_len(
					(const unsigned char *)t + i, len - i);
				if (n == 0)
					return diag_set(d, CV_EINVAL,
						"invalid UTF-8 at byte %zu", i);
				i += n;
				continue;
			}
		}
		i++;
	}
	if (depth)
		return diag_set(d, CV_EINVAL,
			"unbalanced brackets (truncated JSON?)");
	return 0;
}

static int cmp_item_key(const void *a, const void *b)
{
	const cJSON *x = *(const cJSON *const *)a;
	const cJSON *y = *(const cJSON *const *)b;
	int r = strcmp(x->string, y->string);

	/* Stable on ties: earlier sibling first, so "last wins" is easy. */
	if (r)
		return r;
	return x < y ? -1 : x > y;
}

/* Position of each child in its list, to order ties by document order. */
static size_t child_index(const cJSON *obj, const cJSON *item)
{
	size_t i = 0;
	const cJSON *c;

	for (c = obj->child; c && c != item; c = c->next)
		i++;
	return i;
}

static int check_object_keys(cJSON *obj, unsigned flags, struct diag *d)
{
	cJSON **items, *c;
	size_t n = 0, i;
	int error = 0;

	for (c = obj->child; c; c = c->next)
		n++;
	if (n < 2)
		return 0;
	items = malloc(n * sizeof(*items));
	if (!items)
		return diag_set(d, CV_ENOMEM, "out of memory");
	for (i = 0, c = obj->child; c; c = c->next)
		items[i++] = c;
	qsort(items, n, sizeof(*items), cmp_item_key);
	for (i = 1; i < n; i++) {
		cJSON *drop;

		if (strcmp(items[i - 1]->string, items[i]->string))
			continue;
		if (!(flags & JSON_LAST_KEY_WINS)) {
			error = diag_set(d, CV_EINVAL,
				"duplicate key \"%.64s\": refused, readers "
				"disagree on which one counts",
				items[i]->string);
			break;
		}
		/* Keep the later one in document order (JSON.parse). */
		if (child_index(obj, items[i - 1]) <
		    child_index(obj, items[i])) {
			drop = items[i - 1];
		} else {
			drop = items[i];
			items[i] = items[i - 1];
		}
		cJSON_Delete(cJSON_DetachItemViaPointer(obj, drop));
	}
	free(items);
	return error;
}

static int check_keys(cJSON *node, unsigned flags, unsigned depth,
		      struct diag *d)
{
	cJSON *c;
	int error;

	if (depth > CV_MAX_JSON_DEPTH)
		return diag_set(d, CV_ETOOBIG, "JSON nested too deeply");
	if (cJSON_IsObject(node) &&
	    (error = check_object_keys(node, flags, d)) < 0)
		return error;
	for (c = node->child; c; c = c->next)
		if ((error = check_keys(c, flags, depth + 1, d)) < 0)
			return error;
	return 0;
}

int json_parse(cJSON **out, const char *text, size_t len, unsigned flags,
	       struct diag *d)
{
	const char *end = NULL;
	cJSON *root;
	size_t i;
	int error;

	*out = NULL;
	if ((error = prescan(text, len, d)) < 0)
		return error;
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		size_t off = cJSON_GetErrorPtr() ?
			(size_t)(cJSON_GetErrorPtr() - text) : 0;
		if (off > len)
			off = len;
		return diag_set(d, CV_EINVAL,
			"invalid JSON near byte %zu%s", off,
			off >= len ? " (truncated?)" : "");
	}
	for (i = (size_t)(end - text); i < len; i++) {
		if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' &&
		    text[i] != '\t') {
			cJSON_Delete(root);
			return diag_set(d, CV_EINVAL,
				"trailing data after the JSON value at byte %zu",
				i);
		}
	}
	if ((error = check_keys(root, flags, 0, d)) < 0) {
		cJSON_Delete(root);
		return error;
	}
	*out = root;
	return 0;
}

const cJSON *json_get(const cJSON *obj, const char *key)
{
	if (!cJSON_IsObject(obj))
		return NULL;
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

const char *json_get_string(const cJSON *obj, const char *key)
{
	const cJSON *v = json_get(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

bool json_get_true(const cJSON *obj, const char *key)
{
	return cJSON_IsTrue(json_get(obj, key));
}

void json_offset_to_linecol(const char *text, size_t len, size_t off,
			    unsigned *line, unsigned *col)
{
	size_t i;
	unsigned l = 1, c = 1;

	for (i = 0; i < off && i < len; i++) {
		if (text[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}
