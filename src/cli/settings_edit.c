/* settings_edit.c - ccveto's registration in settings.json, see
 * settings_edit.h.
 *
 * Invariants: (1) the file is only ever changed by splicing text at the
 * spans of ccveto's own entries or at the end of a container, so bytes that
 * are not ours survive unchanged; (2) the text is re-validated with the
 * strict parser after every splice, so a bug here can refuse to write but
 * never write a file Claude Code cannot read; (3) meaning comes from the
 * cJSON tree, positions from a small scanner, and the two are joined by
 * member index (json_parse() refuses duplicate keys, so the i-th member of
 * the tree is the i-th member of the text). */
#include "cli/settings_edit.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json/jdoc.h"
#include "judge/tools.h"
#include "util/bounds.h"
#include "util/buf.h"

const struct settings_entry settings_entries[] = {
	/* Every tool that can act (judge/tools.c). */
	{ "PreToolUse", TOOL_MATCHER, SETTINGS_HOOK_TIMEOUT },
	{ "PreToolUse", "^mcp__.*", SETTINGS_HOOK_TIMEOUT },
	/* Every inline shell line, whatever its shell: the hook denies a
	 * shell it does not know instead of never hearing of it. */
	{ "PreSkillShellCommand", "*", SETTINGS_HOOK_TIMEOUT },
	/* Every tool whose output brings text into the conversation:
	 * secrets are redacted from it (docs/post-tool.md). */
	{ "PostToolUse", POST_TOOL_MATCHER, SETTINGS_POST_TIMEOUT },
	{ "PostToolUse", "^mcp__.*", SETTINGS_POST_TIMEOUT },
	{ NULL, NULL, 0 },
};
#define NENTRIES 5


/* ---- position-aware scanner over already-validated JSON ---- */

struct item {
	size_t key;	/* offset of the key's quote; == start in arrays */
	size_t start, end;	/* the value: [start, end) */
};

struct items {
	struct item *v;
	size_t n, cap;
	size_t open, close;	/* offsets of the brackets */
};

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t skip_ws(const char *t, size_t len, size_t i)
{
	while (i < len && is_ws(t[i]))
		i++;
	return i;
}

static size_t skip_string(const char *t, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (t[i] == '\\')
			i++;
		else if (t[i] == '"')
			return i + 1;
	}
	return len;
}

static size_t skip_value(const char *t, size_t len, size_t i)
{
	size_t depth = 0;

	if (i >= len)
		return len;
	if (t[i] == '"')
		return skip_string(t, len, i);
	if (t[i] != '{' && t[i] != '[') {
		while (i < len && !is_ws(t[i]) && t[i] != ',' &&
		       t[i] != '}' && t[i] != ']')
			i++;
		return i;
	}
	while (i < len) {
		char c = t[i];

		if (c == '"') {
			i = skip_string(t, len, i);
			continue;
		}
		if (c == '{' || c == '[')
			depth++;
		else if ((c == '}' || c == ']') && --depth == 0)
			return i + 1;
		i++;
	}
	return len;
}

static void items_release(struct items *it)
{
	free(it->v);
	memset(it, 0, sizeof(*it));
}

/* Members (object) or elements (array) of the container opened at
 * t[open]. */
static int items_collect(struct items *out, const char *t, size_t len,
			 size_t open, struct diag *d)
{
	int object = t[open] == '{';
	size_t i = open + 1;

	memset(out, 0, sizeof(*out));
	out->open = open;
	for (;;) {
		struct item m;

		i = skip_ws(t, len, i);
		if (i >= len)
			goto bad;
		if (t[i] == '}' || t[i] == ']')
			break;
		if (out->n) {
			if (t[i] != ',')
				goto bad;
			i = skip_ws(t, len, i + 1);
		}
		m.key = i;
		if (object) {
			i = skip_ws(t, len, skip_string(t, len, i));
			if (i >= len || t[i] != ':')
				goto bad;
			i = skip_ws(t, len, i + 1);
		}
		m.start = i;
		m.end = i = skip_value(t, len, i);
		if (out->n == out->cap) {
			size_t ncap = out->cap ? out->cap * 2 : 8;
			struct item *nv = realloc(out->v, ncap * sizeof(*nv));

			if (!nv) {
				items_release(out);
				return diag_nomem(d);
			}
			out->v = nv;
			out->cap = ncap;
		}
		out->v[out->n++] = m;
	}
	out->close = i;
	return 0;
bad:
	items_release(out);
	return diag_set(d, CV_EINVAL, "internal error: cannot follow the "
			"JSON structure at byte %zu", i);
}

static size_t child_count(const cJSON *c)
{
	size_t n = 0;

	for (c = c ? c->child : NULL; c; c = c->next)
		n++;
	return n;
}

/* Index of member `key` in obj, or -1. */
static long member_index(const cJSON *obj, const char *key)
{
	const cJSON *c;
	long i = 0;

	for (c = obj->child; c; c = c->next, i++)
		if (c->string && !strcmp(c->string, key))
			return i;
	return -1;
}

static const cJSON *child_at(const cJSON *obj, size_t i)
{
	const cJSON *c = obj->child;

	while (c && i--)
		c = c->next;
	return c;
}

/* ---- output style, detected once from the original text ---- */

struct style {
	char unit[17];		/* one indentation level */
	char colon[8];		/* ": " or ":" as the file writes it */
	const char *nl;
	int compact;		/* the file is one line: keep it so */
};

static void style_detect(struct style *st, const char *t, size_t len)
{
	size_t i, end = len, n;
	const char *nl = memchr(t, '\n', len);

	strcpy(st->unit, "  ");
	strcpy(st->colon, ": ");
	st->nl = nl && nl > t && nl[-1] == '\r' ? "\r\n" : "\n";
	while (end && is_ws(t[end - 1]))
		end--;
	st->compact = !memchr(t, '\n', end);
	i = skip_ws(t, len, 0);
	if (i < len && t[i] == '{' &&
	    skip_ws(t, len, i + 1) < len && t[skip_ws(t, len, i + 1)] == '}')
		st->compact = 0;	/* "{}": start the usual layout */
	if (nl) {
		i = (size_t)(nl - t) + 1;
		for (n = 0; i + n < len && (t[i + n] == ' ' || t[i + n] == '\t');
		     n++)
			;
		if (n && n < sizeof(st->unit) && i + n < len &&
		    !is_ws(t[i + n])) {
			memcpy(st->unit, t + i, n);
			st->unit[n] = '\0';
		}
	}
	/* The separator between the first key and its value. */
	i = skip_ws(t, len, 0);
	if (i < len && t[i] == '{') {
		i = skip_ws(t, len, i + 1);
		if (i < len && t[i] == '"') {
			size_t a = skip_string(t, len, i), b = a;

			while (b < len && b - a < sizeof(st->colon) - 1 &&
			       (t[b] == ' ' || t[b] == '\t' || t[b] == ':'))
				b++;
			if (b > a && memchr(t + a, ':', b - a)) {
				memcpy(st->colon, t + a, b - a);
				st->colon[b - a] = '\0';
			}
		}
	}
}

static int put_indent(struct buf *b, const struct style *st,
		      const char *base, size_t levels)
{
	int error = buf_puts(b, base);

	while (!error && levels--)
		error = buf_puts(b, st->unit);
	return error;
}

/* Renders a value built by this file (objects, arrays, strings, small
 * integers) in the file's style.  `base` is the indentation of the line
 * the value starts on. */
static int render(struct buf *b, const cJSON *v, const struct style *st,
		  int compact, const char *base, size_t depth)
{
	const cJSON *c;
	int error = 0;

	if (cJSON_IsString(v)) {
		if ((error = buf_putc(b, '"')) < 0 ||
		    (error = buf_put_json_string(b, v->valuestring,
						 strlen(v->valuestring))) < 0)
			return error;
		return buf_putc(b, '"');
	}
	if (cJSON_IsNumber(v))
		return buf_printf(b, "%d", v->valueint);
	if (cJSON_IsBool(v))
		return buf_puts(b, cJSON_IsTrue(v) ? "true" : "false");
	if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
		return buf_puts(b, "null");
	if ((error = buf_putc(b, cJSON_IsObject(v) ? '{' : '[')) < 0)
		return error;
	for (c = v->child; c; c = c->next) {
		if (c != v->child &&
		    (error = buf_puts(b, compact && st->colon[1] ? ", " :
				      ",")) < 0)
			return error;
		if (!compact && ((error = buf_puts(b, st->nl)) < 0 ||
		    (error = put_indent(b, st, base, depth + 1)) < 0))
			return error;
		if (cJSON_IsObject(v)) {
			if ((error = buf_putc(b, '"')) < 0 ||
			    (error = buf_put_json_string(b, c->string,
						strlen(c->string))) < 0 ||
			    (error = buf_putc(b, '"')) < 0 ||
			    (error = buf_puts(b, st->colon)) < 0)
				return error;
		}
		if ((error = render(b, c, st, compact, base, depth + 1)) < 0)
			return error;
	}
	if (v->child && !compact && ((error = buf_puts(b, st->nl)) < 0 ||
	    (error = put_indent(b, st, base, depth)) < 0))
		return error;
	return buf_putc(b, cJSON_IsObject(v) ? '}' : ']');
}

static int render_item(struct buf *b, const char *key, const cJSON *v,
		       const struct style *st, int compact, const char *base)
{
	int error;

	if (key && ((error = buf_putc(b, '"')) < 0 ||
	    (error = buf_put_json_string(b, key, strlen(key))) < 0 ||
	    (error = buf_putc(b, '"')) < 0 ||
	    (error = buf_puts(b, st->colon)) < 0))
		return error;
	return render(b, v, st, compact, base, 0);
}

/* ---- the edit session ---- */

struct edit {
	struct buf cur;		/* the text as edited so far */
	struct buf *changes;
	struct style st;
	const char *command;	/* ours, for install and recognition */
	const char *event;	/* the hooks.<event> array being edited */
	cJSON *want[NENTRIES];	/* the groups install writes */
	cJSON *root;		/* tree of cur, rebuilt after each splice */
	int nedits;
	int removed_any, removed_pre;
	unsigned made;		/* install: containers it created;
				 * uninstall: the ones it may remove */
};

static int text_splice(struct edit *e, size_t start, size_t end,
		  const char *repl, size_t rlen, struct diag *d)
{
	struct buf nb = BUF_INIT;
	int error;

	if ((error = buf_put(&nb, e->cur.data, start)) < 0 ||
	    (error = buf_put(&nb, repl, rlen)) < 0 ||
	    (error = buf_put(&nb, e->cur.data + end, e->cur.len - end)) < 0) {
		buf_release(&nb);
		return diag_set(d, error, "out of memory");
	}
	buf_release(&e->cur);
	e->cur = nb;
	e->nedits++;
	return 0;
}

/* Deletes item k of a container, with the separator that goes with it. */
static int delete_item(struct edit *e, const struct items *it, size_t k,
		       struct diag *d)
{
	if (it->n == 1)
		return text_splice(e, it->open + 1, it->close, "", 0, d);
	if (k + 1 < it->n)
		return text_splice(e, it->v[k].key, it->v[k + 1].key, "", 0, d);
	return text_splice(e, it->v[k - 1].end, it->v[k].end, "", 0, d);
}

/* Appends `key: v` (or just v when key is NULL) to a container, indented
 * like its last item, or one level deeper than the container's line. */
static int append_item(struct edit *e, const struct items *it,
		       const char *key, const cJSON *v, struct diag *d)
{
	const char *t = e->cur.data;
	struct buf ins = BUF_INIT, base = BUF_INIT;
	size_t at, end, ws, ls;
	int error, compact;

	if (it->n) {
		at = end = it->v[it->n - 1].end;
		for (ws = it->v[it->n - 1].key; ws > 0 && is_ws(t[ws - 1]);
		     ws--)
			;
		compact = !memchr(t + ws, '\n', it->v[it->n - 1].key - ws);
		for (ls = it->v[it->n - 1].key; ls > ws && t[ls - 1] != '\n';
		     ls--)
			;
		if ((error = buf_putc(&ins, ',')) < 0 ||
		    (error = buf_put(&ins, t + ws,
				     it->v[it->n - 1].key - ws)) < 0 ||
		    (error = buf_put(&base, t + ls,
				     it->v[it->n - 1].key - ls)) < 0 ||
		    (error = render_item(&ins, key, v, &e->st, compact,
					 base.data)) < 0)
			goto done;
	} else {
		at = it->open + 1;
		end = it->close;
		compact = e->st.compact;
		for (ls = it->open; ls > 0 && t[ls - 1] != '\n'; ls--)
			;
		for (ws = ls; t[ws] == ' ' || t[ws] == '\t'; ws++)
			;
		if ((error = buf_put(&base, t + ls, ws - ls)) < 0)
			goto done;
		if (compact) {
			error = render_item(&ins, key, v, &e->st, 1, "");
			goto done;
		}
		if ((error = buf_puts(&ins, e->st.nl)) < 0 ||
		    (error = buf_puts(&ins, base.data)) < 0 ||
		    (error = buf_puts(&base, e->st.unit)) < 0 ||
		    (error = buf_puts(&ins, e->st.unit)) < 0 ||
		    (error = render_item(&ins, key, v, &e->st, 0,
					 base.data)) < 0 ||
		    (error = buf_puts(&ins, e->st.nl)) < 0)
			goto done;
		base.len -= strlen(e->st.unit);
		base.data[base.len] = '\0';
		error = buf_puts(&ins, base.data);
	}
done:
	if (!error)
		error = text_splice(e, at, end, ins.data, ins.len, d);
	else
		error = diag_set(d, error, "out of memory");
	buf_release(&ins);
	buf_release(&base);
	return error;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int log_change(struct edit *e, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	if (!e->changes)
		return 0;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	return buf_puts(e->changes, line);
}

static bool basename_is_ccveto(const char *s, size_t n)
{
	return n >= 6 && !memcmp(s + n - 6, "ccveto", 6) &&
	       (n == 6 || s[n - 7] == '/' || s[n - 7] == '\'' ||
		s[n - 7] == '"' || s[n - 7] == ' ' || s[n - 7] == '\t');
}

/* Length of command[0..n) without a final " --home DIR" (DIR one word
 * or one '...' without quotes inside), as `install --home` writes it. */
static size_t without_home_option(const char *command, size_t n)
{
	const char *opt = NULL, *p, *w;

	for (p = command; (p = strstr(p, " --home ")) &&
	     (size_t)(p - command) < n; p++)
		opt = p;
	if (!opt)
		return n;
	w = opt + 8;
	if (*w == '\'') {
		if (command + n - w < 2 || command[n - 1] != '\'' ||
		    memchr(w + 1, '\'', (size_t)(command + n - 1 - (w + 1))))
			return n;
	} else {
		for (p = w; p < command + n; p++)
			if (is_ws(*p) || *p == '\'' || *p == '"')
				return n;
	}
	return (size_t)(opt - command);
}

bool settings_command_is_ours(const char *command, const char *ours)
{
	size_t n;

	if (!command)
		return false;
	if (ours && !strcmp(command, ours))
		return true;
	n = strlen(command);
	while (n && is_ws(command[n - 1]))
		n--;
	n = without_home_option(command, n);
	if (n < 5 || memcmp(command + n - 4, "hook", 4) ||
	    !is_ws(command[n - 5]))
		return false;
	n -= 5;
	while (n && is_ws(command[n - 1]))
		n--;
	if (n && (command[n - 1] == '\'' || command[n - 1] == '"'))
		n--;
	return basename_is_ccveto(command, n);
}

/* Exec form: "command": "/usr/bin/ccveto", "args": ["hook"]. */
static bool handler_is_ours(const cJSON *h, const char *ours)
{
	const char *cmd = json_get_string(h, "command");
	const cJSON *args = json_get(h, "args");

	if (!cmd)
		return false;
	if (cJSON_IsArray(args))
		return child_count(args) == 1 &&
		       cJSON_IsString(args->child) &&
		       !strcmp(args->child->valuestring, "hook") &&
		       basename_is_ccveto(cmd, strlen(cmd));
	return settings_command_is_ours(cmd, ours);
}

enum group_kind { GROUP_OTHER, GROUP_OURS, GROUP_MIXED };

static enum group_kind classify(const cJSON *g, const char *ours)
{
	const cJSON *hs = json_get(g, "hooks"), *h;
	size_t mine = 0, other = 0;

	if (!cJSON_IsArray(hs))
		return GROUP_OTHER;
	for (h = hs->child; h; h = h->next) {
		if (handler_is_ours(h, ours))
			mine++;
		else
			other++;
	}
	if (!mine)
		return GROUP_OTHER;
	return other ? GROUP_MIXED : GROUP_OURS;
}

static const char *matcher_of(const cJSON *g)
{
	const char *m = json_get_string(g, "matcher");

	return m ? m : "(none)";
}

/* Removes our handlers from a group that also holds other hooks. */
static int remove_from_mixed(struct edit *e, const cJSON *g,
			     const struct item *gi, struct diag *d)
{
	struct items gm = { 0 }, hs = { 0 };
	const cJSON *h;
	long hk = member_index(g, "hooks");
	size_t j = 0;
	int error;

	if ((error = items_collect(&gm, e->cur.data, e->cur.len, gi->start,
				   d)) < 0)
		return error;
	if ((error = items_collect(&hs, e->cur.data, e->cur.len,
				   gm.v[hk].start, d)) < 0)
		goto done;
	for (h = json_get(g, "hooks")->child; h; h = h->next, j++)
		if (handler_is_ours(h, e->command))
			break;
	if ((error = log_change(e, "removed the ccveto hook from the group "
				"with matcher \"%s\" (its other hooks "
				"stay)\n", matcher_of(g))) < 0)
		goto done;
	error = delete_item(e, &hs, j, d);
done:
	items_release(&gm);
	items_release(&hs);
	return error;
}

static cJSON *want_group(const char *matcher, unsigned timeout,
			 const char *command)
{
	cJSON *g = cJSON_CreateObject(), *hs, *h;

	if (!g || !cJSON_AddStringToObject(g, "matcher", matcher) ||
	    !(hs = cJSON_AddArrayToObject(g, "hooks")) ||
	    !(h = cJSON_CreateObject())) {
		cJSON_Delete(g);
		return NULL;
	}
	cJSON_AddItemToArray(hs, h);
	if (!cJSON_AddStringToObject(h, "type", "command") ||
	    !cJSON_AddStringToObject(h, "command", command) ||
	    !cJSON_AddNumberToObject(h, "timeout", timeout) ||
	    !cJSON_AddStringToObject(h, "onFailure", "block")) {
		cJSON_Delete(g);
		return NULL;
	}
	return g;
}

/* Locates hooks and hooks.<e->event>.  *hooks_i / *pre_i are -1 when
 * absent. */
struct where {
	const cJSON *hooks, *pre;
	long hooks_i, pre_i;
	struct items top, hk, pre_items;
};

static void where_release(struct where *w)
{
	items_release(&w->top);
	items_release(&w->hk);
	items_release(&w->pre_items);
}

static int locate(struct where *w, struct edit *e, int strict,
		  struct diag *d)
{
	const char *t = e->cur.data;
	size_t len = e->cur.len;
	int error;

	memset(w, 0, sizeof(*w));
	w->hooks_i = w->pre_i = -1;
	if (!cJSON_IsObject(e->root))
		return diag_set(d, CV_EINVAL, "the settings are not a JSON "
				"object");
	if ((error = items_collect(&w->top, t, len, skip_ws(t, len, 0),
				   d)) < 0)
		return error;
	w->hooks_i = member_index(e->root, "hooks");
	if (w->hooks_i < 0)
		return 0;
	w->hooks = child_at(e->root, (size_t)w->hooks_i);
	if (!cJSON_IsObject(w->hooks)) {
		w->hooks = NULL;
		return strict ? diag_set(d, CV_EINVAL, "\"hooks\" is not an "
					 "object") : 0;
	}
	if ((error = items_collect(&w->hk, t, len,
				   w->top.v[w->hooks_i].start, d)) < 0)
		return error;
	w->pre_i = member_index(w->hooks, e->event);
	if (w->pre_i < 0)
		return 0;
	w->pre = child_at(w->hooks, (size_t)w->pre_i);
	if (!cJSON_IsArray(w->pre)) {
		w->pre = NULL;
		return strict ? diag_set(d, CV_EINVAL, "\"hooks.%s\" is not "
					 "an array", e->event) : 0;
	}
	return items_collect(&w->pre_items, t, len,
			     w->hk.v[w->pre_i].start, d);
}

static int add_groups_member(struct edit *e, const struct items *in,
			     const char *key, int wrap, struct diag *d)
{
	cJSON *arr = cJSON_CreateArray(), *val = arr;
	size_t k;
	int error;

	if (!arr)
		return diag_nomem(d);
	for (k = 0; k < NENTRIES; k++) {
		cJSON *g;

		if (strcmp(settings_entries[k].event, e->event))
			continue;
		g = cJSON_Duplicate(e->want[k], 1);

		if (!g) {
			cJSON_Delete(arr);
			return diag_nomem(d);
		}
		cJSON_AddItemToArray(arr, g);
	}
	if (wrap) {
		if (!(val = cJSON_CreateObject())) {
			cJSON_Delete(arr);
			return diag_nomem(d);
		}
		cJSON_AddItemToObject(val, e->event, arr);
	}
	error = append_item(e, in, key, val, d);
	cJSON_Delete(val);
	if (error)
		return error;
	for (k = 0; k < NENTRIES && !error; k++)
		if (!strcmp(settings_entries[k].event, e->event))
			error = log_change(e, "added %s matcher \"%s\" -> "
					   "%s\n", e->event,
					   settings_entries[k].matcher,
					   e->command);
	return error;
}

/* One step of install: at most one splice.  *done when nothing is left. */
static int step_install(struct edit *e, int *done, struct diag *d)
{
	struct where w;
	const cJSON *g;
	int seen[NENTRIES] = { 0 };
	size_t i, k;
	int error;

	/* Entries of other events count as seen: they have their turn. */
	for (k = 0; k < NENTRIES; k++)
		seen[k] = strcmp(settings_entries[k].event, e->event) != 0;
	if ((error = locate(&w, e, 1, d)) < 0)
		goto out;
	if (w.hooks_i < 0) {
		error = add_groups_member(e, &w.top, "hooks", 1, d);
		e->made |= SETTINGS_MADE_HOOKS | settings_made_event(e->event);
		goto out;
	}
	if (w.pre_i < 0) {
		error = add_groups_member(e, &w.hk, e->event, 0, d);
		e->made |= settings_made_event(e->event);
		goto out;
	}
	for (i = 0, g = w.pre->child; g; g = g->next, i++) {
		enum group_kind kind = classify(g, e->command);

		if (kind == GROUP_OTHER)
			continue;
		if (kind == GROUP_MIXED) {
			error = remove_from_mixed(e, g, &w.pre_items.v[i], d);
			goto out;
		}
		for (k = 0; k < NENTRIES; k++)
			if (!seen[k] && cJSON_Compare(g, e->want[k], 1))
				break;
		if (k < NENTRIES) {
			seen[k] = 1;
			continue;
		}
		if ((error = log_change(e, "removed an outdated or duplicate "
					"ccveto entry (matcher \"%s\", "
					"command %s)\n", matcher_of(g),
					json_get_string(json_get(g, "hooks")->
							child, "command"))) < 0)
			goto out;
		error = delete_item(e, &w.pre_items, i, d);
		goto out;
	}
	for (k = 0; k < NENTRIES; k++) {
		if (seen[k])
			continue;
		error = append_item(e, &w.pre_items, NULL, e->want[k], d);
		if (!error)
			error = log_change(e, "added %s matcher \"%s\" -> %s\n",
					   e->event,
					   settings_entries[k].matcher,
					   e->command);
		goto out;
	}
	*done = 1;
out:
	where_release(&w);
	return error;
}

static int step_uninstall(struct edit *e, int *done, struct diag *d)
{
	struct where w;
	const cJSON *g;
	size_t i;
	int error;

	if ((error = locate(&w, e, 0, d)) < 0)
		goto out;
	if (!w.hooks) {
		*done = 1;
		goto out;
	}
	if (w.pre_i < 0) {
		if (e->removed_pre && !w.hooks->child &&
		    (e->made & SETTINGS_MADE_HOOKS)) {
			e->removed_pre = 0;
			error = log_change(e, "removed the now empty \"hooks\" "
					   "object\n");
			if (!error)
				error = delete_item(e, &w.top,
						    (size_t)w.hooks_i, d);
		} else {
			*done = 1;
		}
		goto out;
	}
	if (!w.pre) {
		*done = 1;
		goto out;
	}
	for (i = 0, g = w.pre->child; g; g = g->next, i++) {
		enum group_kind kind = classify(g, e->command);

		if (kind == GROUP_OTHER)
			continue;
		e->removed_any = 1;
		if (kind == GROUP_MIXED) {
			error = remove_from_mixed(e, g, &w.pre_items.v[i], d);
			goto out;
		}
		error = log_change(e, "removed %s matcher \"%s\" -> %s\n",
				   e->event, matcher_of(g),
				   json_get_string(json_get(g, "hooks")->child,
						   "command"));
		if (!error)
			error = delete_item(e, &w.pre_items, i, d);
		goto out;
	}
	if (e->removed_any && !w.pre->child &&
	    (e->made & settings_made_event(e->event))) {
		e->removed_any = 0;
		e->removed_pre = 1;
		error = log_change(e, "removed the now empty \"hooks.%s\" "
				   "array\n", e->event);
		if (!error)
			error = delete_item(e, &w.hk, (size_t)w.pre_i, d);
		goto out;
	}
	*done = 1;
out:
	where_release(&w);
	return error;
}

/* Edits hooks.<e->event> until nothing is left to do. */
static int edit_event(struct edit *e, int install, struct diag *d)
{
	int error = 0, done = 0;

	while (!done) {
		cJSON_Delete(e->root);
		e->root = NULL;
		if ((error = json_parse(&e->root, e->cur.data, e->cur.len, 0,
					d)) < 0) {
			/* Our own edit broke it: never write. */
			if (e->nedits)
				error = diag_set(d, CV_EINVAL, "internal "
						 "error: edit %d produced "
						 "invalid JSON (%s)",
						 e->nedits, d->msg);
			return error;
		}
		if (e->nedits >= CV_MAX_SETTINGS_EDITS)
			return diag_set(d, CV_ELIMIT, "internal error: more "
					"than %d edits", CV_MAX_SETTINGS_EDITS);
		error = install ? step_install(e, &done, d)
				: step_uninstall(e, &done, d);
		if (error < 0)
			return error;
	}
	return 0;
}

static int run_edit(struct buf *out, struct buf *changes, const char *text,
		    size_t len, const char *command, int install,
		    unsigned *made, struct diag *d)
{
	struct edit e;
	size_t i, k;
	int error = 0, blank;

	memset(&e, 0, sizeof(e));
	e.changes = changes;
	e.command = command;
	e.made = install ? 0 : *made;
	blank = skip_ws(text, len, 0) == len;
	if (blank && !install)
		return buf_put(out, text, len) < 0 ?
		       diag_nomem(d) : 0;
	if ((error = buf_put(&e.cur, blank ? "{}\n" : text,
			     blank ? 3 : len)) < 0)
		return diag_set(d, error, "out of memory");
	style_detect(&e.st, e.cur.data, e.cur.len);
	for (i = 0; i < NENTRIES; i++)
		if (install && !(e.want[i] = want_group(
				settings_entries[i].matcher,
				settings_entries[i].timeout, command))) {
			error = diag_nomem(d);
			goto done;
		}
	/* One event at a time, in the order of settings_entries. */
	for (i = 0; i < NENTRIES; i++) {
		for (k = 0; k < i; k++)
			if (!strcmp(settings_entries[k].event,
				    settings_entries[i].event))
				break;
		if (k < i)
			continue;	/* that event was done already */
		e.event = settings_entries[i].event;
		if ((error = edit_event(&e, install, d)) < 0)
			goto done;
	}
	error = buf_put(out, e.cur.data, e.cur.len);
	if (error)
		error = diag_set(d, error, "out of memory");
	else if (install)
		*made = e.made;
done:
	cJSON_Delete(e.root);
	for (i = 0; i < NENTRIES; i++)
		cJSON_Delete(e.want[i]);
	buf_release(&e.cur);
	return error;
}

int settings_install(struct buf *out, struct buf *changes, const char *text,
		     size_t len, const char *command, unsigned *made,
		     struct diag *d)
{
	unsigned tmp = 0;

	return run_edit(out, changes, text, len, command, 1,
			made ? made : &tmp, d);
}

int settings_uninstall(struct buf *out, struct buf *changes,
		       const char *text, size_t len, const char *command,
		       unsigned made, struct diag *d)
{
	return run_edit(out, changes, text, len, command, 0, &made, d);
}

/* Bit 0 is "hooks"; bit 1 + k the k-th distinct event of
 * settings_entries, so the table stays the one list of events. */
unsigned settings_made_event(const char *event)
{
	size_t i, k, n = 0;

	for (i = 0; i < NENTRIES; i++) {
		for (k = 0; k < i; k++)
			if (!strcmp(settings_entries[k].event,
				    settings_entries[i].event))
				break;
		if (k < i)
			continue;
		n++;
		if (!strcmp(settings_entries[i].event, event))
			return 1u << n;
	}
	return 0;
}

const char *settings_made_name(unsigned bit)
{
	static char names[NENTRIES][64];
	size_t i;

	if (bit == SETTINGS_MADE_HOOKS)
		return "hooks";
	for (i = 0; i < NENTRIES; i++)
		if (settings_made_event(settings_entries[i].event) == bit) {
			snprintf(names[i], sizeof(names[i]), "hooks.%s",
				 settings_entries[i].event);
			return names[i];
		}
	return NULL;
}

int settings_hook_command(struct buf *out, const char *exe)
{
	const char *p;
	int plain = *exe != '\0', error;

	for (p = exe; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789/._+-,:@%", *p))
			plain = 0;
	if (plain)
		return buf_printf(out, "%s hook", exe);
	/* /bin/sh -c runs it (spec 1.5): single quotes, ' as '\''. */
	if ((error = buf_putc(out, '\'')) < 0)
		return error;
	for (p = exe; *p; p++)
		if ((error = *p == '\'' ? buf_puts(out, "'\\''")
					: buf_putc(out, *p)) < 0)
			return error;
	return buf_puts(out, "' hook");
}

/* "dir/.name.ccveto-XXXXXX" for path "dir/name". */
static char *temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *tmp = malloc(strlen(path) + 32);

	if (!tmp)
		return NULL;
	if (slash)
		sprintf(tmp, "%.*s/.%s.ccveto-XXXXXX", (int)(slash - path),
			path, slash + 1);
	else
		sprintf(tmp, ".%s.ccveto-XXXXXX", path);
	return tmp;
}

int settings_write_temp(char **out, const char *path, const char *data,
			size_t len, const struct settings_owner *own,
			struct diag *d)
{
	char *tmp = temp_name(path);
	size_t off = 0;
	int fd, error;

	*out = NULL;
	if (!tmp)
		return diag_nomem(d);
	/* mkostemp() creates with O_EXCL: a name someone planted (a
	 * symlink included) makes it pick another, never open that. */
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		error = diag_set(d, CV_EIO, "cannot create a temporary file "
				 "next to '%s': %s", path, strerror(errno));
		free(tmp);
		return error;
	}
	/* Owner first: chown() clears set-id bits that fchmod() sets. */
	if ((own->uid >= 0 || own->gid >= 0) &&
	    fchown(fd, (uid_t)own->uid, (gid_t)own->gid) < 0) {
		error = diag_set(d, CV_EIO, "cannot give the new '%s' the "
				 "owner of the old one (uid %ld, gid %ld): %s",
				 path, own->uid, own->gid, strerror(errno));
		goto fail;
	}
	if (fchmod(fd, own->mode) < 0)
		goto io;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			goto io;
		off += (size_t)w;
	}
	if (fsync(fd) < 0)
		goto io;
	error = close(fd);
	fd = -1;
	if (error < 0)
		goto io;
	*out = tmp;
	return 0;
io:
	error = diag_set(d, CV_EIO, "cannot write '%s': %s", tmp,
			 strerror(errno));
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return error;
}

int settings_commit(char *tmp, const char *path, struct diag *d)
{
	const char *slash = strrchr(path, '/');
	int dfd, error;

	/* rename() replaces the name: a symlink at path is replaced, the
	 * file it points to is not touched. */
	if (rename(tmp, path) < 0) {
		error = diag_set(d, CV_EIO, "cannot replace '%s': %s", path,
				 strerror(errno));
		unlink(tmp);
		free(tmp);
		return error;
	}
	free(tmp);
	if (slash) {
		char *dir = strndup(path, (size_t)(slash - path) + 1);

		if (dir && (dfd = open(dir, O_RDONLY | O_DIRECTORY |
				       O_CLOEXEC)) >= 0) {
			fsync(dfd);
			close(dfd);
		}
		free(dir);
	}
	return 0;
}

int settings_write_atomic(const char *path, const char *data, size_t len,
			  const struct settings_owner *own, struct diag *d)
{
	char *tmp;
	int error;

	if ((error = settings_write_temp(&tmp, path, data, len, own, d)) < 0)
		return error;
	return settings_commit(tmp, path, d);
}
