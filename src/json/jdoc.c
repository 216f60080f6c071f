/* jdoc.c - strict JSON reading on top of cJSON, see jdoc.h.
 *
 * Security invariant: a document accepted here is read exactly as Claude
 * Code's JSON.parse reads it.  The engine's own reader (jval.c) validates
 * the text first, on a scratch copy, and refuses everything cJSON would
 * read differently; only then is cJSON, which recurses, allowed to parse.
 * One validator serves both readers, so they cannot disagree. */
#include "json/jdoc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json/jval.h"
#include "util/arena.h"
#include "util/bounds.h"

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
		return diag_nomem(d);
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
	struct arena scratch;
	struct jv *checked;
	cJSON *root;
	size_t i;
	int error;

	*out = NULL;
	arena_init(&scratch);
	error = jv_parse_copy(&checked, &scratch, text, len,
			      flags & JSON_LAST_KEY_WINS ? JV_ALLOW_DUP_KEYS :
			      0, d);
	arena_release(&scratch);
	if (error < 0)
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
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			c++;	/* characters, as jsonloc counts them */
		}
	}
	*line = l;
	*col = c;
}
