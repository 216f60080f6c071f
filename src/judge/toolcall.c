/* toolcall.c - payload -> tool call -> subjects, see toolcall.h.
 *
 * Security invariant: every field Claude Code will act on is turned into
 * something a rule can see.  Bash and Monitor commands are parsed as shell
 * (PowerShell ones translated to shell first, shell/pwsh.h);
 * file paths are made absolute (Glob and Grep paths arrive relative), `..`
 * is resolved and symlinks are followed when the file exists, so a rule on
 * ~/.ssh also sees /tmp/link-to-ssh; MCP calls expose every string leaf.
 * A missing or mistyped required field is an error (the hook denies). */
#include "judge/toolcall.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json/jval.h"
#include "judge/mcp.h"
#include "shell/pwsh.h"
#include "shell/shell.h"
#include "util/arena.h"
#include "util/bounds.h"
#include "util/redact.h"
#include "util/text.h"
#include "util/userhome.h"

#define NOMEM(d) diag_nomem(d)

/* Makes a path absolute against cwd (and ~ against home), for realpath();
 * "." and ".." are left to shell_norm_path(), which also resolves them
 * across the home directory. */
static const char *absolute(struct arena *a, const char *path,
			    const char *cwd, const char *home)
{
	size_t n;
	char *buf;

	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') && home) {
		n = strlen(home) + strlen(path) + 2;
		if (!(buf = arena_alloc(a, n)))
			return NULL;
		snprintf(buf, n, "%s%s", home, path + 1);
		return buf;
	}
	if (path[0] == '/')
		return path;
	if (!cwd || cwd[0] != '/')
		return path;	/* cannot do better; still normalised later */
	n = strlen(cwd) + strlen(path) + 2;
	if (!(buf = arena_alloc(a, n)))
		return NULL;
	snprintf(buf, n, "%s/%s", cwd, path);
	return buf;
}

static int add_path(struct subject *s, struct arena *a,
		    const struct shell_env *env, const char *raw,
		    bool follow, struct diag *d)
{
	const char *abs, *norm, *target;
	char real[PATH_MAX];

	if (!raw || !*raw)
		return 0;
	if (!(abs = absolute(a, raw, env->cwd,
			     env->tilde ? env->tilde : env->home)) ||
	    !(norm = shell_norm_path(a, env, abs)) ||
	    strlist_push(&s->paths, a, norm) < 0)
		return NOMEM(d);
	/* A symlink must not launder a protected path. */
	if (follow && abs[0] == '/' && realpath(abs, real)) {
		if (!(target = shell_norm_path(a, env, real)))
			return NOMEM(d);
		if (strcmp(target, norm) &&
		    strlist_push(&s->paths, a, target) < 0)
			return NOMEM(d);
	}
	return 0;
}

int toolcall_add_path(struct subject *s, struct arena *a,
		      const struct shell_env *env, const char *raw,
		      bool follow, struct diag *d)
{
	return add_path(s, a, env, raw, follow, d);
}

/* Glob/Grep: the directory, and the pattern joined to it. */
static int add_search_paths(struct subject *s, struct arena *a,
			    const struct shell_env *env, const char *dir,
			    const char *pattern, struct diag *d)
{
	const char *base = dir && *dir ? dir : (env->cwd ? env->cwd : ".");
	int error;

	if ((error = add_path(s, a, env, base, true, d)) < 0)
		return error;
	if (pattern && *pattern) {
		char *joined;
		size_t n;

		if (pattern[0] == '/' || pattern[0] == '~')
			return add_path(s, a, env, pattern, false, d);
		n = strlen(base) + strlen(pattern) + 2;
		if (!(joined = arena_alloc(a, n)))
			return NOMEM(d);
		snprintf(joined, n, "%s/%s", base, pattern);
		if ((error = add_path(s, a, env, joined, false, d)) < 0)
			return error;
	}
	return 0;
}

/* Every string leaf of a JSON value (depth is bounded by jv_parse). */
static int collect_strings(struct strlist *l, struct arena *a,
			   const struct jv *node, struct diag *d)
{
	const struct jv *c;
	int error;

	if (jv_is(node, JV_STRING))
		return strlist_push(l, a, node->s) < 0 ? NOMEM(d) : 0;
	for (c = node->child; c; c = c->next)
		if ((error = collect_strings(l, a, c, d)) < 0)
			return error;
	return 0;
}

static int collect_true_inputs(struct subject *s, struct arena *a,
			       const struct jv *input, struct diag *d)
{
	const struct jv *c;

	jv_for_each(c, input)
		if (jv_is(c, JV_TRUE) &&
		    strlist_push(&s->true_inputs, a, c->key) < 0)
			return NOMEM(d);
	return 0;
}

static const char *need(const struct jv *input, const char *key,
			const char *tool, struct diag *d)
{
	const char *v = jv_get_string(input, key);

	if (!v)
		diag_set(d, CV_EINVAL, "%s call without a string \"%s\"", tool,
			 key);
	return v;
}

static const char *opt_string(const struct jv *input, const char *key,
			      const char *tool, int *error, struct diag *d)
{
	const struct jv *v = jv_get(input, key);

	if (!v || v->type == JV_NULL)
		return NULL;
	if (v->type != JV_STRING)
		*error = diag_set(d, CV_EINVAL, "%s call: \"%s\" is not a "
				  "string", tool, key);
	return jv_str(v);
}

static char *summarize(struct arena *a, const char *s)
{
	size_t n = strlen(s);

	return arena_strndup(a, s, n > 300 ? 300 : n);
}

bool toolcall_strings_hold_secret(const struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (redact_has_key(l->v[i], strlen(l->v[i])))
			return true;
	return false;
}

/* Artifact publishes (the default action) or uploads (upload_asset) local
 * files to claude.ai; Projects' project_write uploads local_path to a
 * claude.ai project: an upload of each path.  Other actions name remote
 * things; their strings are still judged. */
static int uploads(struct toolcall *call, struct subject *s, struct arena *a,
		   const struct shell_env *env, const struct jv *input,
		   struct diag *d)
{
	bool projects = !strcmp(call->tool, "Projects");
	const char *action = jv_get_string(input, projects ? "method" :
					   "action");
	const char *p = jv_get_string(input, projects ? "local_path" :
				      "file_path");
	const struct jv *list = projects ? NULL : jv_get(input, "file_paths");
	const struct jv *c;
	int error;

	s->tool = projects ? "Artifact" : s->tool;	/* the same effect */
	if ((error = collect_strings(&s->strings, a, input, d)) < 0)
		return error;
	call->summary = summarize(a, p ? p : call->tool);
	if (projects ? !action || strcmp(action, "project_write") :
	    action && strcmp(action, "publish") &&
	    strcmp(action, "upload_asset"))
		return 0;
	if (p && (error = add_path(s, a, env, p, true, d)) < 0)
		return error;
	jv_for_each(c, list)
		if (jv_is(c, JV_STRING) &&
		    (error = add_path(s, a, env, c->s, true, d)) < 0)
			return error;
	return 0;
}

static int build_subjects(struct toolcall *call, struct arena *a,
			  const struct jv *input, const struct jv *payload,
			  struct diag *d)
{
	const char *tool = call->tool, *s1, *s2;
	struct shell_env env;
	struct subject *s;
	int error = 0;

	env.home = call->home;
	env.home_alt = call->home_alt;
	env.tilde = call->tilde;
	env.cwd = call->cwd;
	env.tool = tool;
	if (!jv_is(input, JV_OBJECT))
		return diag_set(d, CV_EINVAL, "%s call without a tool_input "
				"object", tool);

	if (!strcmp(tool, "Bash") || !strcmp(tool, "Monitor")) {
		const char *cmd = opt_string(input, "command", tool, &error, d);

		if (error < 0)
			return error;
		/* The call itself, for tool-level rules (sandbox override). */
		if (!(s = subject_new(&call->subjects, a, SUBJECT_OTHER)))
			return NOMEM(d);
		s->tool = tool;
		s->cwd = call->cwd;
		if ((error = collect_true_inputs(s, a, input, d)) < 0)
			return error;
		if (!cmd && !strcmp(tool, "Monitor")) {
			/* A WebSocket monitor runs no shell. */
			const struct jv *ws = jv_get(input, "ws");
			const char *url = jv_get_string(ws, "url");

			if (!url)
				return diag_set(d, CV_EINVAL, "Monitor call with "
						"neither \"command\" nor "
						"\"ws.url\"");
			s->kind = SUBJECT_WEB;
			s->url = url;
			s->host = text_url_host(a, url);
			call->summary = summarize(a, url);
			return 0;
		}
		if (!cmd)
			return diag_set(d, CV_EINVAL, "%s call without a string "
					"\"command\"", tool);
		call->summary = summarize(a, cmd);
		return shell_parse(&call->subjects, a, &env, cmd, strlen(cmd),
				   d);
	}

	if (!strcmp(tool, "PowerShell")) {
		/* Read like Bash: translated to sh (shell/pwsh.h), so the
		 * same rules judge its commands; the call itself for
		 * tool-level rules. */
		if (!(s1 = need(input, "command", tool, d)))
			return d->code;
		if (!(s = subject_new(&call->subjects, a, SUBJECT_OTHER)))
			return NOMEM(d);
		s->tool = tool;
		s->cwd = call->cwd;
		if ((error = collect_true_inputs(s, a, input, d)) < 0)
			return error;
		call->summary = summarize(a, s1);
		return pwsh_parse(&call->subjects, a, &env, s1, strlen(s1), d);
	}

	if (!(s = subject_new(&call->subjects, a, SUBJECT_FILE)))
		return NOMEM(d);
	s->tool = tool;
	s->cwd = call->cwd;
	if ((error = collect_true_inputs(s, a, input, d)) < 0)
		return error;

	if (!strcmp(tool, "Read") || !strcmp(tool, "Write") ||
	    !strcmp(tool, "Edit")) {
		if (!(s1 = need(input, "file_path", tool, d)))
			return d->code;
		if ((error = add_path(s, a, &env, s1, true, d)) < 0)
			return error;
		call->summary = summarize(a, s1);
		if (!strcmp(tool, "Write"))
			s->content = need(input, "content", tool, d);
		else if (!strcmp(tool, "Edit"))
			s->content = need(input, "new_string", tool, d);
		if (strcmp(tool, "Read") && !s->content)
			return d->code;
		return 0;
	}
	if (!strcmp(tool, "NotebookEdit")) {
		if (!(s1 = need(input, "notebook_path", tool, d)))
			return d->code;
		s->content = opt_string(input, "new_source", tool, &error, d);
		if (error < 0)
			return error;
		call->summary = summarize(a, s1);
		return add_path(s, a, &env, s1, true, d);
	}
	if (!strcmp(tool, "Glob") || !strcmp(tool, "Grep")) {
		const char *pattern = need(input, "pattern", tool, d);

		if (!pattern)
			return d->code;
		s1 = opt_string(input, "path", tool, &error, d);
		s2 = opt_string(input, "glob", tool, &error, d);
		if (error < 0)
			return error;
		call->summary = summarize(a, s1 ? s1 : pattern);
		if (!strcmp(tool, "Glob"))
			return add_search_paths(s, a, &env, s1, pattern, d);
		if (strlist_push(&s->strings, a, pattern) < 0)
			return NOMEM(d);
		return add_search_paths(s, a, &env, s1, s2, d);
	}

	if (!strcmp(tool, "Artifact") || !strcmp(tool, "Projects"))
		return uploads(call, s, a, &env, input, d);
	s->kind = !strncmp(tool, "mcp__", 5) ? SUBJECT_MCP :
		  !strcmp(tool, "WebFetch") || !strcmp(tool, "WebSearch") ?
		  SUBJECT_WEB : SUBJECT_OTHER;
	if ((error = collect_strings(&s->strings, a, input, d)) < 0)
		return error;
	if (!strcmp(tool, "WebFetch")) {
		if (!(s->url = need(input, "url", tool, d)))
			return d->code;
		s->host = text_url_host(a, s->url);
		call->summary = summarize(a, s->url);
	} else if (s->kind == SUBJECT_MCP) {
		const char *server = jv_get_string(
			jv_get(payload, "mcp_server"), "name");

		call->summary = summarize(a, tool);
		return mcp_read(call, s, a, &env, input, server, d);
	} else {
		call->summary = summarize(a, tool);
		/* A notification or report leaves the machine. */
		s->holds_secret = toolcall_strings_hold_secret(&s->strings);
	}
	return 0;
}

/* The user's home: given, else the passwd entry (userhome.h), else
 * $HOME, else the part of transcript_path before "/.claude/projects/". */
static const char *find_home(struct arena *a, const struct toolcall_opts *o,
			     const struct jv *payload)
{
	const char *h = o && o->home ? o->home : userhome(), *t, *p;

	if (!h || h[0] != '/')
		h = getenv("HOME");
	if (h && h[0] == '/')
		return h;
	t = jv_get_string(payload, "transcript_path");
	if (t && (p = strstr(t, "/.claude/projects/")) && p > t)
		return arena_strndup(a, t, (size_t)(p - t));
	return NULL;
}

/* $HOME, when the caller wants it and it is not `home` already. */
static const char *alt_home(const struct toolcall_opts *o, const char *home)
{
	const char *h = o && o->env_home ? userhome_env() : NULL;

	return h && (!home || strcmp(h, home)) ? h : NULL;
}

/* "~" as the client and its shell expand it: with $HOME, whatever it
 * names (a $HOME of /etc makes "~/x" /etc/x, not a home path). */
static const char *tilde(const struct toolcall_opts *o)
{
	const char *h = o && o->env_home ? getenv("HOME") : NULL;

	return h && h[0] == '/' ? h : NULL;
}

static int from_tree(struct toolcall *out, struct arena *a,
		     const struct jv *root, const struct toolcall_opts *opts,
		     struct diag *d)
{
	const struct jv *v;
	bool skill;

	if (!jv_is(root, JV_OBJECT))
		return diag_set(d, CV_EINVAL, "the payload is not a JSON "
				"object");
	v = jv_get(root, "hook_event_name");
	if (v && v->type != JV_STRING)
		return diag_set(d, CV_EINVAL, "\"hook_event_name\" is not a "
				"string");
	out->event = v ? v->s : "PreToolUse";
	skill = !strcmp(out->event, "PreSkillShellCommand");
	out->judged = skill || !strcmp(out->event, "PreToolUse");
	v = jv_get(root, "tool_name");
	if (!jv_is(v, JV_STRING) || !*v->s) {
		if (!out->judged)
			return 0;	/* not a tool event: nothing to judge */
		return diag_set(d, CV_EINVAL, "the payload has no "
				"\"tool_name\" string");
	}
	out->tool = v->s;
	/* A skill line runs in the shell its tool names; one ccveto does
	 * not know could be anything (fail closed). */
	if (skill && strcmp(v->s, "Bash") && strcmp(v->s, "PowerShell"))
		return diag_set(d, CV_EINVAL, "PreSkillShellCommand for an "
				"unknown shell \"%.64s\"", v->s);
	v = jv_get(root, "cwd");
	out->cwd = jv_is(v, JV_STRING) && v->s[0] == '/' ?
		   v->s : (opts ? opts->cwd : NULL);
	out->session_id = jv_get_string(root, "session_id");
	out->home = find_home(a, opts, root);
	out->home_alt = alt_home(opts, out->home);
	out->tilde = tilde(opts);
	out->branch = opts ? opts->branch : NULL;
	/* Another event (PostToolUse) asks no verdict on the call: its
	 * input is not read, and cannot make the payload unreadable. */
	if (!out->judged)
		return 0;
	return build_subjects(out, a, jv_get(root, "tool_input"), root, d);
}

int toolcall_parse(struct toolcall *out, struct arena *a, char *json,
		   size_t len, const struct toolcall_opts *opts,
		   struct diag *d)
{
	struct jv *root;
	int error;

	memset(out, 0, sizeof(*out));
	if (len > CV_MAX_PAYLOAD_BYTES)
		return diag_set(d, CV_ETOOBIG, "payload larger than %u bytes",
				CV_MAX_PAYLOAD_BYTES);
	if (len == 0)
		return diag_set(d, CV_EINVAL, "empty payload on stdin");
	if ((error = jv_parse(&root, a, json, len, 0, d)) < 0)
		return error;
	if ((error = from_tree(out, a, root, opts, d)) < 0)
		return error;
	out->root = root;
	return 0;
}

int toolcall_from_tree(struct toolcall *out, struct arena *a,
		       const char *tool, const struct jv *input,
		       const struct toolcall_opts *opts, struct diag *d)
{
	/* The payload {"tool_name": tool, "tool_input": input}. */
	struct jv *root = arena_calloc(a, 3, sizeof(*root));

	memset(out, 0, sizeof(*out));
	if (!root)
		return NOMEM(d);
	root[0].type = JV_OBJECT;
	root[0].n = 2;
	root[0].child = &root[1];
	root[1].type = JV_STRING;
	root[1].key = "tool_name";
	root[1].s = tool;
	root[1].len = strlen(tool);
	root[1].next = &root[2];
	root[2] = *input;
	root[2].key = "tool_input";
	root[2].next = NULL;
	return from_tree(out, a, root, opts, d);
}

int toolcall_from_input(struct toolcall *out, struct arena *a,
			const char *tool, const char *input_json,
			size_t input_len, const struct toolcall_opts *opts,
			struct diag *d)
{
	struct jv *input;
	int error;

	memset(out, 0, sizeof(*out));
	if ((error = jv_parse_copy(&input, a, input_json, input_len, 0,
				   d)) < 0)
		return error;
	return toolcall_from_tree(out, a, tool, input, opts, d);
}

int toolcall_from_command(struct toolcall *out, struct arena *a,
			  const char *command, size_t len,
			  const struct toolcall_opts *opts, struct diag *d)
{
	struct shell_env env;
	struct subject *s;

	memset(out, 0, sizeof(*out));
	out->event = "PreToolUse";
	out->judged = true;
	out->tool = "Bash";
	out->cwd = opts ? opts->cwd : NULL;
	out->home = find_home(a, opts, NULL);
	out->home_alt = alt_home(opts, out->home);
	out->tilde = tilde(opts);
	out->branch = opts ? opts->branch : NULL;
	/* `command` is pointer + length, not necessarily NUL-terminated. */
	out->summary = arena_strndup(a, command, len > 300 ? 300 : len);
	if (!out->summary)
		return NOMEM(d);
	if (!(s = subject_new(&out->subjects, a, SUBJECT_OTHER)))
		return NOMEM(d);
	s->tool = "Bash";
	env.home = out->home;
	env.home_alt = out->home_alt;
	env.tilde = out->tilde;
	env.cwd = out->cwd;
	env.tool = "Bash";
	return shell_parse(&out->subjects, a, &env, command, len, d);
}
