/* audit.c - the auditor's driver: discovery, file kinds and scopes,
 * parsing, then each file's checks (audit_settings.c, audit_mcp.c,
 * audit_devcontainer.c, audit_git.c), cross-file checks, suppressions;
 * see audit.h.  The checks' shared toolbox is check.c (audit_int.h).
 *
 * Security invariants: the auditor never executes anything it reads; a
 * file that cannot be read or parsed is reported and makes the exit code
 * 2, it is never skipped silently; every value printed goes through
 * audit_excerpt()/audit_redact() so a secret is never printed whole; the
 * directory walk is bounded (entries, depth, files) and does not follow
 * symlinked directories, and a directory it cannot search (a bound, an
 * unreadable directory, a path too long) is recorded in r->skipped and
 * makes the exit code 2 too. */
#include "audit/audit.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit/audit_int.h"
#include "audit/suppress.h"
#include "git/source.h"
#include "json/jdoc.h"
#include "rules/ruleset.h"
#include "util/bounds.h"
#include "util/text.h"

#define NOMEM(d) diag_nomem(d)

void audit_result_init(struct audit_result *r)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->arena);
}

void audit_result_release(struct audit_result *r)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		buf_release(&r->files[i]->text);
	for (i = 0; i < r->nctx; i++)
		buf_release(&r->ctx[i]->text);
	ruleset_free(r->rules);
	arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

/* ---- file kinds ---- */

/* Name of the directory holding path ("" at the root). */
static void parent_name(char *out, size_t n, const char *path)
{
	const char *end = strrchr(path, '/'), *start;

	out[0] = '\0';
	if (!end)
		return;
	for (start = end; start > path && start[-1] != '/'; start--)
		;
	snprintf(out, n, "%.*s", (int)(end - start), start);
}

static bool path_has_dir(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	const char *p = path;

	for (;;) {
		if (!strncmp(p, dir, n) && p[n] == '/')
			return true;
		if (!(p = strchr(p, '/')))
			return false;
		p++;
	}
}

/* Kind and scope from the file name alone; AK_UNKNOWN if it says
 * nothing.  `discovered`: only names Claude Code (or the other agents)
 * really read. */
static enum audit_kind kind_from_name(const char *path, bool discovered,
				      enum audit_scope *scope)
{
	const char *b = text_base_name(path);
	char parent[256];

	parent_name(parent, sizeof(parent), path);
	*scope = SCOPE_PROJECT;
	if (!strcmp(b, "settings.local.json") &&
	    (!discovered || !strcmp(parent, ".claude"))) {
		*scope = SCOPE_LOCAL;
		return AK_SETTINGS;
	}
	if (!strcmp(b, "settings.json") && !strcmp(parent, ".claude"))
		return AK_SETTINGS;
	if (!strcmp(b, "managed-settings.json") ||
	    (!strcmp(parent, "managed-settings.d") &&
	     strlen(b) > 5 && !strcmp(b + strlen(b) - 5, ".json"))) {
		*scope = SCOPE_MANAGED;
		return AK_SETTINGS;
	}
	if (!strcmp(b, "managed-mcp.json")) {
		*scope = SCOPE_MANAGED;
		return AK_MCP;
	}
	if (!strcmp(b, ".mcp.json") && strcmp(parent, ".claude"))
		return AK_MCP;
	if (!strcmp(b, "mcp.json") && !strcmp(parent, ".cursor"))
		return AK_MCP;
	if (!strcmp(b, "mcp.json") && !strcmp(parent, ".vscode"))
		return AK_VSCODE_MCP;
	if (!strcmp(b, "claude_desktop_config.json")) {
		*scope = SCOPE_USER;
		return AK_MCP;
	}
	if (!strcmp(b, ".claude.json")) {
		*scope = SCOPE_USER;
		return AK_CLAUDE_JSON;
	}
	if (!strcmp(b, ".devcontainer.json") ||
	    (!strcmp(b, "devcontainer.json") &&
	     (!discovered || path_has_dir(path, ".devcontainer"))))
		return AK_DEVCONTAINER;
	if (!strcmp(b, ".yarnrc.yml"))
		return AK_YARNRC;
	if (discovered)
		return AK_UNKNOWN;
	if (!strcmp(b, "settings.json") || !strcmp(b, ".mcp.json")) {
		/* a copy outside .claude/: dotfiles, templates */
		*scope = !strcmp(b, "settings.json") ? SCOPE_USER :
			SCOPE_PROJECT;
		return !strcmp(b, "settings.json") ? AK_SETTINGS : AK_MCP;
	}
	return AK_UNKNOWN;
}

/* Kind from content, for explicit files with an unhelpful name. */
static enum audit_kind kind_from_content(const struct jl_node *root)
{
	static const char *const settings_keys[] = {
		"permissions", "hooks", "env", "sandbox", "apiKeyHelper",
		"enabledPlugins", "statusLine", "enableAllProjectMcpServers",
		"model", "$schema", NULL,
	};
	static const char *const dc_keys[] = {
		"image", "build", "dockerFile", "dockerComposeFile", "features",
		"customizations", "postCreateCommand", "runArgs", NULL,
	};
	size_t i;

	if (!jl_is(root, JL_OBJECT))
		return AK_UNKNOWN;
	if (jl_get(root, "projects") && (jl_get(root, "numStartups") ||
					 jl_get(root, "userID") ||
					 jl_get(root, "mcpServers")))
		return AK_CLAUDE_JSON;
	for (i = 0; dc_keys[i]; i++)
		if (jl_get(root, dc_keys[i]))
			return AK_DEVCONTAINER;
	for (i = 0; settings_keys[i]; i++)
		if (jl_get(root, settings_keys[i]))
			return AK_SETTINGS;
	if (jl_get(root, "mcpServers"))
		return AK_MCP;
	if (jl_get(root, "servers"))
		return AK_VSCODE_MCP;
	return AK_UNKNOWN;
}

/* ---- one file ---- */

/* f->rel and f->path (the source's display root joined with rel). */
static int file_paths(struct audit_file *f, struct audit_result *r,
		      struct source *src, const char *rel, struct diag *d)
{
	const char *root = src->root;

	f->rel = arena_strdup(&r->arena, rel);
	if (!root || !*root || !strcmp(root, "."))
		f->path = f->rel;
	else {
		size_t n = strlen(root) + strlen(rel) + 2;
		char *p = arena_alloc(&r->arena, n);

		if (!p)
			return NOMEM(d);
		snprintf(p, n, "%s%s%s", root,
			 root[strlen(root) - 1] == '/' || !*rel ? "" : "/",
			 rel);
		f->path = p;
	}
	return f->rel && f->path ? 0 : NOMEM(d);
}

static int add_file(struct audit_file **out, struct audit_result *r,
		    struct source *src, const char *rel, struct diag *d)
{
	struct audit_file *f, **v;
	size_t i;
	int error;

	*out = NULL;
	if (r->nfiles >= CV_MAX_AUDIT_FILES)
		return diag_set(d, CV_ETOOBIG, "more than %d config files",
				CV_MAX_AUDIT_FILES);
	v = arena_grow(&r->arena, r->files, &r->filecap, sizeof(*v),
		       r->nfiles + 1);
	f = arena_calloc(&r->arena, 1, sizeof(*f));
	if (!v || !f)
		return NOMEM(d);
	r->files = v;
	if ((error = file_paths(f, r, src, rel, d)) < 0)
		return error;
	f->source = src->label ? src->label : "";
	/* The same file reached twice (operand and discovery) counts once. */
	for (i = 0; i < r->nfiles; i++)
		if (!strcmp(r->files[i]->path, f->path))
			return 0;
	buf_init(&f->text);
	r->files[r->nfiles++] = f;
	*out = f;
	return 0;
}

static void set_project_dir(struct audit_result *r, struct audit_file *f)
{
	static const char *const marks[] = {
		"/.claude/", "/.devcontainer/", "/.vscode/", "/.cursor/", NULL,
	};
	char *dir = arena_strdup(&r->arena, f->path), *s;
	size_t i;

	if (!dir) {
		f->dir = "";
		return;
	}
	if (!strncmp(dir, ".claude/", 8) || !strncmp(dir, ".devcontainer/", 14)
	    || !strncmp(dir, ".vscode/", 8) || !strncmp(dir, ".cursor/", 8)) {
		f->dir = ".";
		return;
	}
	for (i = 0; marks[i]; i++)
		if ((s = strstr(dir, marks[i]))) {
			*s = '\0';
			f->dir = dir;
			return;
		}
	s = strrchr(dir, '/');
	if (s)
		*s = '\0';
	f->dir = s ? dir : ".";
}

static bool utf16_like(const char *t, size_t len)
{
	size_t i, even = 0, odd = 0;

	if (len >= 2 && ((t[0] == '\xFF' && t[1] == '\xFE') ||
			 (t[0] == '\xFE' && t[1] == '\xFF')))
		return true;
	for (i = 0; i + 1 < len && i < 512; i += 2) {
		even += t[i] == 0;
		odd += t[i + 1] == 0;
	}
	return len >= 4 && (even * 2 > i / 2 || odd * 2 > i / 2);
}

static bool invisible_at(const unsigned char *s, size_t n, size_t *skip,
			 unsigned *cp)
{
	unsigned c;

	*skip = 1;
	if (s[0] < 0x20 && s[0] != '\n' && s[0] != '\t' && s[0] != '\r') {
		*cp = s[0];
		return true;
	}
	if (s[0] == 0x7f) {
		*cp = 0x7f;
		return true;
	}
	if (s[0] != 0xE2 && s[0] != 0xEF)
		return false;
	if (n < 3)
		return false;
	c = (unsigned)(s[0] & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 |
		(s[2] & 0x3F);
	*skip = 3;
	*cp = c;
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
		(c >= 0x200B && c <= 0x200F) || c == 0xFEFF || c == 0x2028 ||
		c == 0x2029 || c == 0x2060;
}

static void check_invisible(struct audit_ctx *c, const struct jl_node *n)
{
	const struct jl_node *k;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		const unsigned char *s = (const unsigned char *)(pass ?
			n->s : n->key);
		size_t len = pass ? n->len : n->keylen, i, skip;
		unsigned cp;

		if (!s || (pass && n->type != JL_STRING))
			continue;
		for (i = 0; i < len; i += skip)
			if (invisible_at(s + i, len - i, &skip, &cp)) {
				audit_emit(c, "CC096", SEVERITY_HIGH, n, !pass,
					   "%s contains the invisible or "
					   "control character U+%04X",
					   pass ? "value" : "key", cp);
				break;
			}
	}
	for (k = n->child; k; k = k->next)
		check_invisible(c, k);
}

static void check_generic(struct audit_ctx *c)
{
	struct jl_doc *doc = &c->f->doc;
	size_t i;

	for (i = 0; i < doc->ndups; i++) {
		const struct jl_node *n = doc->dups[i];

		audit_emit(c, "CC093", SEVERITY_HIGH, n, true,
			   "duplicate key \"%s\": JSON.parse uses the last "
			   "occurrence, a reviewer reads this one",
			   audit_excerpt(&c->r->arena, n->key, n->keylen));
	}
	if (c->f->kind != AK_DEVCONTAINER && (doc->ncomments ||
					      doc->ntrailing)) {
		struct jl_node at;

		memset(&at, 0, sizeof(at));
		at.pos = doc->ncomments ? doc->comment_pos :
			doc->trailing_pos;
		audit_emit(c, "CC094", SEVERITY_LOW, &at, false,
			   "%s in a strict JSON file (%zu comments, %zu "
			   "trailing commas)",
			   doc->ncomments ? "comment" : "trailing comma",
			   doc->ncomments, doc->ntrailing);
	}
	check_invisible(c, doc->root);
}

static void check_yarnrc(struct audit_ctx *c)
{
	const char *t = c->f->text.data ? c->f->text.data : "";
	static const char *const keys[] = { "yarnPath:", "plugins:", NULL };
	size_t i;

	for (i = 0; keys[i]; i++) {
		const char *p;

		for (p = t; (p = strstr(p, keys[i])); p++) {
			struct jl_node at;

			if (p != t && p[-1] != '\n')
				continue;
			memset(&at, 0, sizeof(at));
			at.pos.off = (size_t)(p - t);
			json_offset_to_linecol(t, c->f->text.len, at.pos.off,
					       &at.pos.line, &at.pos.col);
			audit_emit(c, "CC099", SEVERITY_INFO, &at, false,
				   "repository ships .yarnrc.yml with %.*s: "
				   "Yarn runs it when a tool probes the "
				   "version", (int)strlen(keys[i]) - 1,
				   keys[i]);
			break;
		}
	}
}

static void file_error(struct audit_ctx *c, const char *check,
		       const struct jl_pos *pos, const char *msg)
{
	struct jl_node at;

	memset(&at, 0, sizeof(at));
	if (pos)
		at.pos = *pos;
	c->f->error = true;
	c->f->problem = arena_strdup(&c->r->arena, msg);
	audit_emit(c, check, -1, pos ? &at : NULL, false, "%s", msg);
}

static int audit_one(struct audit_result *r, struct source *src,
		     const char *rel, bool explicit,
		     const struct audit_opts *opts, struct diag *d)
{
	struct audit_ctx c = { r, NULL, opts, d, 0 };
	struct diag fd = { 0, "" };
	struct audit_file *f;
	enum audit_scope scope;
	enum audit_kind kind;
	int error;

	kind = kind_from_name(rel, !explicit, &scope);
	if (!explicit && kind == AK_UNKNOWN)
		return 0;
	if ((error = add_file(&f, r, src, rel, d)) < 0 || !f)
		return error;
	c.f = f;
	f->explicit = explicit;
	f->kind = kind;
	f->scope = scope;
	if (opts->scope && audit_scope_parse(&f->scope, opts->scope) < 0)
		return diag_set(d, CV_EUSAGE, "unknown scope '%s'",
				opts->scope);
	if (opts->type && audit_kind_parse(&f->kind, opts->type) < 0)
		return diag_set(d, CV_EUSAGE, "unknown type '%s'", opts->type);
	set_project_dir(r, f);
	error = src->ops->read(src, &f->text, rel, CV_MAX_AUDIT_FILE_BYTES,
			       &fd);
	if (error == CV_ENOMEM)
		return NOMEM(d);
	if (error == CV_ETOOBIG) {
		char msg[128];

		snprintf(msg, sizeof(msg), "file is larger than the %u-byte "
			 "limit: not audited", CV_MAX_AUDIT_FILE_BYTES);
		file_error(&c, "CC095", NULL, msg);
		return c.error;
	}
	if (error < 0) {
		f->error = true;
		f->problem = arena_strdup(&r->arena, fd.msg);
		return f->problem ? 0 : NOMEM(d);
	}
	if (f->kind == AK_YARNRC) {
		check_yarnrc(&c);
		return c.error;
	}
	if (utf16_like(f->text.data, f->text.len)) {
		file_error(&c, "CC097", NULL, "file is UTF-16 (or has NUL "
			   "bytes): Claude Code reads configs as UTF-8");
		return c.error;
	}
	if ((error = jl_parse(&f->doc, &r->arena, f->text.data, f->text.len,
			      &fd)) < 0) {
		if (error == CV_ENOMEM)
			return NOMEM(d);
		file_error(&c, f->doc.error_kind == JL_E_ENCODING ? "CC097" :
			   f->doc.error_kind == JL_E_LIMIT ? "CC095" : "CC090",
			   &f->doc.error_pos, fd.msg);
		return c.error;
	}
	if (f->kind == AK_UNKNOWN &&
	    (f->kind = kind_from_content(f->doc.root)) != AK_UNKNOWN) {
		if (!opts->scope)
			f->scope = f->kind == AK_SETTINGS ||
				f->kind == AK_CLAUDE_JSON ? SCOPE_USER :
				SCOPE_PROJECT;
	} else if (f->kind == AK_UNKNOWN) {
		f->error = true;
		f->problem = "cannot tell what kind of config this is: use "
			"--type";
		return 0;
	}
	if (!jl_is(f->doc.root, JL_OBJECT)) {
		file_error(&c, "CC090", &f->doc.root->pos, "top-level value "
			   "is not an object: Claude Code rejects the file");
		return c.error;
	}
	check_generic(&c);
	switch (f->kind) {
	case AK_SETTINGS:
		audit_check_settings(&c, f->doc.root);
		break;
	case AK_CLAUDE_JSON:
		audit_check_claude_json(&c, f->doc.root);
		break;
	case AK_MCP:
		audit_check_mcp_servers(&c, jl_get(f->doc.root, "mcpServers"));
		break;
	case AK_VSCODE_MCP:
		audit_check_mcp_servers(&c, jl_get(f->doc.root, "servers"));
		break;
	case AK_DEVCONTAINER:
		audit_check_devcontainer(&c, f->doc.root);
		break;
	default:
		break;
	}
	return c.error;
}

/* ---- context for named files ---- */

int audit_add_context(struct audit_result *r, struct source *src,
		      const char *rel, struct diag *d)
{
	struct audit_file *f, **v;
	struct diag fd = { 0, "" };
	enum source_type type;
	enum audit_scope scope;
	size_t i;
	int error;

	if (kind_from_name(rel, true, &scope) != AK_MCP ||
	    src->ops->stat(src, &type, rel, &fd) < 0 || type != SOURCE_FILE)
		return 0;
	if (!(f = arena_calloc(&r->arena, 1, sizeof(*f))))
		return NOMEM(d);
	if ((error = file_paths(f, r, src, rel, d)) < 0)
		return error;
	for (i = 0; i < r->nfiles; i++)
		if (!strcmp(r->files[i]->path, f->path))
			return 0;	/* audited in its own right */
	for (i = 0; i < r->nctx; i++)
		if (!strcmp(r->ctx[i]->path, f->path))
			return 0;
	f->source = src->label ? src->label : "";
	f->kind = AK_MCP;
	f->scope = scope;
	buf_init(&f->text);
	set_project_dir(r, f);
	/* Unreadable or broken: no context, and nothing to report here (it
	 * was not named; audited in its own right it would be). */
	error = src->ops->read(src, &f->text, rel, CV_MAX_AUDIT_FILE_BYTES,
			       &fd);
	if (error == 0 && !utf16_like(f->text.data, f->text.len))
		error = jl_parse(&f->doc, &r->arena, f->text.data,
				 f->text.len, &fd);
	else if (error == 0)
		error = CV_EINVAL;
	if (error == CV_ENOMEM) {
		buf_release(&f->text);
		return NOMEM(d);
	}
	if (error < 0 || !jl_is(f->doc.root, JL_OBJECT)) {
		buf_release(&f->text);
		return 0;
	}
	v = arena_grow(&r->arena, r->ctx, &r->ctxcap, sizeof(*v),
		       r->nctx + 1);
	if (!v) {
		buf_release(&f->text);
		return NOMEM(d);
	}
	r->ctx = v;
	r->ctx[r->nctx++] = f;
	return 0;
}

/* ---- discovery ---- */

struct walk {
	struct audit_result *r;
	struct source *src;
	const struct audit_opts *opts;
	struct diag *d;
	const char *dir;
	unsigned depth;
	size_t *entries;
	char **subdirs;
	size_t nsub, subcap;
	int error;
};

static int walk_entry_1(struct walk *w, const char *name,
			enum source_type type);

/* Remembers that an error came from the walk, not from listing. */
static int walk_entry(void *arg, const char *name, enum source_type type)
{
	struct walk *w = arg;
	int error = walk_entry_1(w, name, type);

	if (error < 0)
		w->error = error;
	return error;
}

static int walk_entry_1(struct walk *w, const char *name,
			enum source_type type)
{
	size_t n = strlen(w->dir) + strlen(name) + 2;
	char *path;
	enum audit_scope scope;

	if (++*w->entries > CV_MAX_AUDIT_WALK_ENTRIES)
		return diag_set(w->d, CV_ETOOBIG, "more than %d entries "
				"under '%s': narrow the path",
				CV_MAX_AUDIT_WALK_ENTRIES, w->src->root);
	if (!(path = arena_alloc(&w->r->arena, n)))
		return NOMEM(w->d);
	snprintf(path, n, "%s%s%s", w->dir, *w->dir ? "/" : "", name);
	if (type == SOURCE_DIR) {
		char **v;

		if (!strcmp(name, ".git") || !strcmp(name, "node_modules"))
			return 0;
		v = arena_grow(&w->r->arena, w->subdirs, &w->subcap,
			       sizeof(*v), w->nsub + 1);
		if (!v)
			return NOMEM(w->d);
		w->subdirs = v;
		v[w->nsub++] = path;
		return 0;
	}
	/* A FIFO or device with a config name is reported (not read). */
	if (kind_from_name(path, true, &scope) == AK_UNKNOWN)
		return 0;
	return audit_one(w->r, w->src, path, false, w->opts, w->d);
}

/* Records that `dir` of src was not searched, and why. */
static int add_skip(struct audit_result *r, struct source *src,
		    const char *dir, const char *why, struct diag *d)
{
	const char *root = src->root;
	struct audit_skip *v;
	char *path;
	size_t n;

	v = arena_grow(&r->arena, r->skipped, &r->skipcap, sizeof(*v),
		       r->nskipped + 1);
	if (!v)
		return NOMEM(d);
	r->skipped = v;
	if (!root || !strcmp(root, "."))
		root = "";
	n = strlen(root) + strlen(dir) + 3;
	if (!(path = arena_alloc(&r->arena, n)))
		return NOMEM(d);
	snprintf(path, n, "%s%s%s", root, *root && *dir &&
		 root[strlen(root) - 1] != '/' ? "/" : "", *root || *dir ?
		 dir : ".");
	v[r->nskipped].path = path;
	if (!(v[r->nskipped].why = arena_strdup(&r->arena, why)))
		return NOMEM(d);
	r->nskipped++;
	return 0;
}

static int walk_dir(struct audit_result *r, struct source *src,
		    const char *dir, unsigned depth, size_t *entries,
		    const struct audit_opts *opts, struct diag *d)
{
	struct walk w = { r, src, opts, d, dir, depth, entries, NULL, 0, 0,
			  0 };
	struct diag ld = { 0, "" };
	size_t i;
	int error;

	/* A place that cannot be searched is reported, never passed over:
	 * a config below it would otherwise be "clean" (exit 0). */
	if (depth > CV_MAX_AUDIT_WALK_DEPTH) {
		char why[96];

		snprintf(why, sizeof(why), "more than %d directory levels "
			 "deep: not searched", CV_MAX_AUDIT_WALK_DEPTH);
		return add_skip(r, src, dir, why, d);
	}
	if ((error = src->ops->list_dir(src, dir, walk_entry, &w, &ld)) < 0) {
		/* The walk's own errors (too many files, out of memory) are
		 * fatal and already in d; the directory's are a skip. */
		if (w.error || error == CV_ENOMEM)
			return w.error ? error : NOMEM(d);
		return add_skip(r, src, dir, ld.msg, d);
	}
	/* Sorted, so output does not depend on readdir order. */
	if (w.nsub > 1)
		qsort(w.subdirs, w.nsub, sizeof(*w.subdirs), text_cmp_str);
	for (i = 0; i < w.nsub; i++)
		if ((error = walk_dir(r, src, w.subdirs[i], depth + 1,
				      entries, opts, d)) < 0)
			return error;
	return 0;
}

int audit_run(struct audit_result *r, struct source *src, const char *path,
	      const struct audit_opts *opts, struct diag *d)
{
	enum source_type type;
	size_t entries = 0;
	int error;

	if (!path)
		path = "";
	if (!*path)
		type = SOURCE_DIR;
	else if ((error = src->ops->stat(src, &type, path, d)) < 0)
		return error;
	if (type == SOURCE_DIR)
		return walk_dir(r, src, path, 0, &entries, opts, d);
	return audit_one(r, src, path, true, opts, d);
}

/* ---- the end ---- */

int audit_finish(struct audit_result *r, struct source *root_src,
		 const struct audit_opts *opts, struct diag *d)
{
	size_t i;
	int error;

	audit_check_project(r, d);
	for (i = 0; i < r->findings.n; i++)
		finding_fingerprint(&r->findings.v[i]);
	if (r->findings.n > 1)
		qsort(r->findings.v, r->findings.n, sizeof(*r->findings.v),
		      finding_cmp);
	if (r->nfiles > 1) {
		/* files in path order too */
		for (i = 1; i < r->nfiles; i++) {
			struct audit_file *f = r->files[i];
			size_t j = i;

			while (j > 0 && strcmp(r->files[j - 1]->path,
					       f->path) > 0) {
				r->files[j] = r->files[j - 1];
				j--;
			}
			r->files[j] = f;
		}
	}
	if ((error = suppress_apply(r, root_src, opts, d)) < 0)
		return error;
	return 0;
}

int audit_exit_code(const struct audit_result *r, enum severity fail_on)
{
	size_t i;

	if (r->usage_error || r->nskipped)
		return 2;
	for (i = 0; i < r->nfiles; i++)
		if (r->files[i]->error)
			return 2;
	for (i = 0; i < r->findings.n; i++)
		if (!r->findings.v[i].suppressed &&
		    r->findings.v[i].severity >= fail_on)
			return 1;
	return 0;
}
