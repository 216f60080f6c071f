/* audit.c - discovery, file kinds and scopes, parsing, findings; see
 * audit.h.
 *
 * Security invariants: the auditor never executes anything it reads; a
 * file that cannot be read or parsed is reported and makes the exit code
 * 2, it is never skipped silently; every value printed goes through
 * audit_excerpt()/audit_redact() so a secret is never printed whole; the
 * directory walk is bounded (entries, depth, files) and does not follow
 * symlinked directories, and a directory it cannot search (a bound, an
 * unreadable directory, a path too long) is recorded in r->skipped and
 * makes the exit code 2 too. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit/audit.h"
#include "util/text.h"
#include "json/json.h"
#include "judge/policy.h"
#include "util/redact.h"
#include "rules/ruleset.h"
#include "git/source.h"
#include "shell/subject.h"
#include "audit/suppress.h"
#include "judge/toolcall.h"

#define NOMEM(d) diag_set(d, CV_ENOMEM, "out of memory")

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

static const char *const kind_names[] = {
	"unknown", "settings", "claude-json", "mcp", "vscode-mcp",
	"devcontainer", "yarnrc",
};
static const char *const scope_names[] = {
	"managed", "flag", "local", "project", "user",
};

const char *audit_kind_name(enum audit_kind k)
{
	return (unsigned)k < sizeof(kind_names) / sizeof(kind_names[0]) ?
		kind_names[k] : "?";
}

const char *audit_scope_name(enum audit_scope s)
{
	return (unsigned)s < 5 ? scope_names[s] : "?";
}

int audit_scope_parse(enum audit_scope *out, const char *name)
{
	int i;

	for (i = 0; i < 5; i++)
		if (!strcmp(name, scope_names[i])) {
			*out = (enum audit_scope)i;
			return 0;
		}
	return CV_EUSAGE;
}

int audit_kind_parse(enum audit_kind *out, const char *name)
{
	size_t i;

	for (i = 1; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (!strcmp(name, kind_names[i])) {
			*out = (enum audit_kind)i;
			return 0;
		}
	if (!strcmp(name, "desktop") || !strcmp(name, "cursor-mcp")) {
		*out = AK_MCP;
		return 0;
	}
	return CV_EUSAGE;
}

bool audit_repo_scope(const struct audit_file *f)
{
	return f->scope == SCOPE_PROJECT || f->scope == SCOPE_LOCAL;
}

/* ---- findings ---- */

void audit_emit(struct audit_ctx *c, const char *check, int sev,
		const struct jl_node *n, bool at_key, const char *fmt, ...)
{
	struct audit_result *r = c->r;
	const struct check_info *ci = check_find(check);
	struct finding *f, *v;
	char msg[1024];
	va_list ap;

	if (c->error || !ci)
		return;
	if (sev < 0) {
		sev = (int)ci->severity;
		if (c->f->scope == SCOPE_USER || c->f->scope == SCOPE_FLAG)
			sev = (int)fsev_lower(ci->severity, 1);
		else if (c->f->scope == SCOPE_MANAGED)
			sev = FSEV_INFO;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	v = arena_grow(&r->arena, r->findings.v, &r->findings.cap,
		       sizeof(*v), r->findings.n + 1);
	if (!v) {
		c->error = NOMEM(c->d);
		return;
	}
	r->findings.v = v;
	f = &v[r->findings.n];
	memset(f, 0, sizeof(*f));
	f->check = ci;
	f->severity = (enum fsev)sev;
	f->file = c->f->path;
	f->scope = audit_scope_name(c->f->scope);
	f->fix = ci->fix;
	f->pointer = "";
	if (n) {
		const struct jl_pos *p = at_key && n->key ? &n->keypos :
			&n->pos;

		f->line = p->line;
		f->column = p->col;
		f->pointer = jl_pointer(&r->arena, n);
	}
	f->message = arena_strdup(&r->arena, msg);
	if (!f->message || !f->pointer) {
		c->error = NOMEM(c->d);
		return;
	}
	r->findings.n++;
	c->f->nfindings++;
}

/* ---- strings: secrets, excerpts, URLs ---- */

const char *audit_redact(struct arena *a, const char *value, size_t len)
{
	char tmp[64];
	size_t k = len < 4 ? 0 : 4, i;

	/* Never more than 4 characters, and only printable ones. */
	for (i = 0; i < k; i++)
		if ((unsigned char)value[i] < 0x20 ||
		    (unsigned char)value[i] >= 0x7f)
			k = i;
	snprintf(tmp, sizeof(tmp), "%.*s... (%zu chars)", (int)k, value, len);
	return arena_strdup(a, tmp);
}

const char *audit_excerpt(struct arena *a, const char *s, size_t len)
{
	struct buf b = BUF_INIT, o = BUF_INIT;
	const char *out = NULL;
	size_t i, max = 80;

	if (redact(&b, s, len) < 0)
		goto done;
	for (i = 0; i < b.len && o.len < max; i++) {
		unsigned char ch = (unsigned char)b.data[i];

		if (ch == '\n')
			buf_puts(&o, "\\n");
		else if (ch < 0x20 || ch == 0x7f)
			buf_printf(&o, "\\x%02x", ch);
		else
			buf_putc(&o, (char)ch);
	}
	/* Do not cut a UTF-8 sequence in half. */
	while (i < b.len && o.len &&
	       ((unsigned char)b.data[i] & 0xC0) == 0x80) {
		buf_putc(&o, b.data[i]);
		i++;
	}
	if (i < b.len)
		buf_puts(&o, "...");
	if (o.data)
		out = arena_strdup(a, o.data);
	else
		out = "";
done:
	buf_release(&b);
	buf_release(&o);
	return out ? out : "";
}

static bool has_prefix(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

static bool ci_contains(const char *s, const char *needle)
{
	return strcasestr(s, needle) != NULL;
}

/* Placeholders and references are not secrets. */
static bool looks_placeholder(const char *v, size_t len)
{
	static const char *const words[] = {
		"your", "xxx", "<", "changeme", "example", "placeholder",
		"dummy", "redacted", "...", "***", "replace", "insert", "todo",
		"here", "test", "fake", "sample", NULL,
	};
	size_t i;

	if (len < 8 || strchr(v, '$') || strchr(v, '{'))
		return true;
	for (i = 0; words[i]; i++)
		if (ci_contains(v, words[i]))
			return true;
	return false;
}

static bool high_entropy(const char *v, size_t len)
{
	int lower = 0, upper = 0, digit = 0;
	size_t i;

	if (len < 16 || len > 512)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)v[i];

		if (islower(ch))
			lower = 1;
		else if (isupper(ch))
			upper = 1;
		else if (isdigit(ch))
			digit = 1;
		else if (ch == ' ' || ch == '/' || ch == ':')
			return false;	/* a sentence, path or URL */
	}
	return lower + upper + digit >= 2 && digit;
}

const char *audit_secret_kind(const char *name, const char *v, size_t len)
{
	static const struct {
		const char *prefix;
		const char *what;
	} known[] = {
		{ "sk-ant-", "Anthropic API key" },
		{ "ghp_", "GitHub token" },
		{ "gho_", "GitHub token" },
		{ "ghs_", "GitHub token" },
		{ "ghu_", "GitHub token" },
		{ "github_pat_", "GitHub token" },
		{ "glpat-", "GitLab token" },
		{ "xoxb-", "Slack token" },
		{ "xoxp-", "Slack token" },
		{ "xoxa-", "Slack token" },
		{ "AKIA", "AWS access key id" },
		{ "ASIA", "AWS access key id" },
		{ "AIza", "Google API key" },
		{ "sk-proj-", "OpenAI API key" },
		{ "sk_live_", "Stripe key" },
		{ "npm_", "npm token" },
		{ "hf_", "Hugging Face token" },
		{ "-----BEGIN", "private key" },
		{ "eyJ", "JWT" },
	};
	size_t i;
	const char *p;

	if (!v || !len)
		return NULL;
	if (has_prefix(v, "Bearer ") || has_prefix(v, "bearer ")) {
		v += 7;
		len -= 7;
	}
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		size_t pl = strlen(known[i].prefix);

		if (len >= pl + 12 && !strncmp(v, known[i].prefix, pl) &&
		    !looks_placeholder(v, len))
			return known[i].what;
	}
	if (len > 20 && has_prefix(v, "sk-") && !looks_placeholder(v, len))
		return "API key";
	/* A literal token after a flag: --api-key=XXXX, ?key=XXXX */
	if ((p = strstr(v, "key=")) || (p = strstr(v, "token=")))
		if (high_entropy(strchr(p, '=') + 1,
				 strcspn(strchr(p, '=') + 1, "&\" ")))
			return "credential in a URL or flag";
	if (name && (ci_contains(name, "KEY") || ci_contains(name, "TOKEN") ||
		     ci_contains(name, "SECRET") ||
		     ci_contains(name, "PASSWORD") ||
		     ci_contains(name, "PASSWD") ||
		     ci_contains(name, "AUTH")) &&
	    !ci_contains(name, "PATH") && !ci_contains(name, "FILE") &&
	    !looks_placeholder(v, len) && high_entropy(v, len))
		return "secret-named value";
	return NULL;
}

const char *audit_url_host(struct arena *a, const char *url)
{
	const char *h = text_url_host(a, url);

	return h ? h : "";
}

bool audit_host_loopback(const char *host)
{
	return !strcmp(host, "localhost") || has_prefix(host, "127.") ||
		!strcmp(host, "[::1]") || !strcmp(host, "0.0.0.0") ||
		!strcmp(host, "host.docker.internal") ||
		(strlen(host) > 10 &&
		 !strcmp(host + strlen(host) - 10, ".localhost"));
}

/* ---- commands ---- */

static bool in_list(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

static const char *const fetchers[] = {
	"curl", "wget", "nc", "ncat", "netcat", "socat", "telnet", "aria2c",
	"iwr", "irm", "Invoke-WebRequest", "Invoke-RestMethod", "http",
	"https", "xh", "fetch", NULL,
};
static const char *const shells[] = {
	"sh", "bash", "zsh", "dash", "ksh", "fish", "python", "python3",
	"python2", "perl", "ruby", "node", "php", "iex", "Invoke-Expression",
	"pwsh", "powershell", "eval", "source", ".", "deno", "bun", NULL,
};
static const char *const runners[] = {
	"npx", "bunx", "uvx", "pipx", "pnpx", NULL,
};
static const char *const cred_paths[] = {
	"~/.ssh", "~/.aws", "~/.config/gcloud", "~/.kube", "~/.gnupg",
	"~/.netrc", "~/.docker/config.json", ".claude.json",
	".credentials.json", "~/.npmrc", "~/.pypirc", "id_rsa", "id_ed25519",
	"/etc/shadow", NULL,
};

/* Is a package spec pinned to an exact version?  pkg@1.2.3, @s/p@1.2.3,
 * pkg==1.2.3; a range, tag or no version is not. */
static bool spec_pinned(const char *spec)
{
	const char *at = strrchr(spec, '@'), *v;

	if ((v = strstr(spec, "==")))
		return isdigit((unsigned char)v[2]);
	if (!at || at == spec)
		return false;
	v = at + 1;
	if (!isdigit((unsigned char)*v))
		return false;
	for (; *v; v++)
		if (!isdigit((unsigned char)*v) && *v != '.' && *v != '-' &&
		    !isalpha((unsigned char)*v))
			return false;
	return !strchr(at, 'x') && !strchr(at, '*');
}

static void runner_facts(struct cmd_facts *o, const struct subject *s)
{
	size_t i = 0;
	const char *pkg = NULL, *from = NULL;
	bool pnpm = !strcmp(s->program, "pnpm") || !strcmp(s->program, "yarn");

	if (pnpm) {
		if (!s->args.n || strcmp(s->args.v[0], "dlx"))
			return;
		i = 1;
	} else if (!strcmp(s->program, "pipx")) {
		if (!s->args.n || strcmp(s->args.v[0], "run"))
			return;
		i = 1;
	}
	for (; i < s->raw_args.n; i++) {
		const char *a = s->raw_args.v[i];

		if (!strcmp(a, "--from") && i + 1 < s->raw_args.n) {
			from = s->raw_args.v[++i];
			continue;
		}
		if (!strcmp(a, "-p") || !strcmp(a, "--package")) {
			if (i + 1 < s->raw_args.n)
				pkg = s->raw_args.v[++i];
			continue;
		}
		if (a[0] == '-')
			continue;
		if (!pkg)
			pkg = a;
		break;
	}
	if (from) {
		if (has_prefix(from, "git+") || strstr(from, "://")) {
			const char *at = strrchr(from, '@');

			if (!at || strlen(at + 1) < 7) {
				o->remote_exec = true;
				o->what = "runs code from a git URL without a "
					"commit";
			}
			return;
		}
		pkg = from;
	}
	if (!pkg)
		return;
	if (has_prefix(pkg, "github:") || strstr(pkg, "://") ||
	    has_prefix(pkg, "git+")) {
		o->remote_exec = true;
		o->what = "runs code straight from a repository URL";
		return;
	}
	if (!spec_pinned(pkg)) {
		o->unpinned_runner = true;
		if (!o->what)
			o->what = "runs a registry package without an exact "
				"version";
	}
}

static void subject_facts(struct cmd_facts *o, const struct subject *s)
{
	const char *p = s->program;
	size_t i;

	if (!p)
		return;
	if (in_list(p, fetchers)) {
		o->fetch = true;
		if (!o->what)
			o->what = "downloads from the network";
	}
	for (i = 0; i < s->args.n; i++) {
		const char *a = s->args.v[i];
		size_t k;

		if (strstr(a, "/dev/tcp/") || strstr(a, "/dev/udp/"))
			o->fetch = true;
		for (k = 0; cred_paths[k]; k++)
			if (strstr(a, cred_paths[k])) {
				o->creds = true;
				if (!o->what)
					o->what = "reads credential files";
			}
		if (!strcmp(a, "--dangerously-skip-permissions"))
			o->dangerous_skip = true;
	}
	for (i = 0; i < s->nredirects; i++)
		if (s->redirects[i].target &&
		    strstr(s->redirects[i].target, "/dev/tcp/"))
			o->fetch = true;
	if (in_list(p, shells)) {
		for (i = 0; i < s->input_from.n; i++)
			if (in_list(s->input_from.v[i], fetchers) ||
			    !strcmp(s->input_from.v[i], "base64")) {
				o->pipe_to_shell = o->remote_exec = true;
				o->what = "pipes downloaded or decoded data "
					"into an interpreter";
			}
		for (i = 0; i < s->args.n; i++)
			if (!strcmp(s->args.v[i], "-c") ||
			    !strcmp(s->args.v[i], "-e") ||
			    !strcmp(s->args.v[i], "-Command") ||
			    !strcmp(s->args.v[i], "/c"))
				o->inline_code = true;
	}
	for (i = 0; i < s->code.n; i++) {
		o->inline_code = true;
		if (strstr(s->code.v[i], "urllib") ||
		    strstr(s->code.v[i], "requests.get") ||
		    strstr(s->code.v[i], "http.get") ||
		    strstr(s->code.v[i], "fetch(")) {
			o->fetch = true;
			if (strstr(s->code.v[i], "exec") ||
			    strstr(s->code.v[i], "eval")) {
				o->remote_exec = true;
				o->what = "inline code downloads and runs code";
			}
		}
	}
	if (!strcmp(p, "claude") &&
	    strlist_has(&s->args, "--dangerously-skip-permissions"))
		o->dangerous_skip = true;
	if ((!strcmp(p, "env") || !strcmp(p, "printenv") ||
	     !strcmp(p, "set") || !strcmp(p, "export")) && !s->args.n &&
	    s->nredirects) {
		o->creds = true;
		o->what = "writes the environment (tokens) to a file";
	}
	for (i = 0; i < s->input_from.n; i++)
		if (!strcmp(s->input_from.v[i], "env") ||
		    !strcmp(s->input_from.v[i], "printenv")) {
			o->creds = true;
			o->what = "pipes the environment (tokens) onward";
		}
	if (in_list(p, runners) || !strcmp(p, "pnpm") || !strcmp(p, "yarn") ||
	    !strcmp(p, "pipx"))
		runner_facts(o, s);
}

/* $ANTHROPIC_API_KEY, ${GITHUB_TOKEN} ... in the raw text. */
static bool mentions_secret_var(const char *t)
{
	const char *p;

	for (p = strchr(t, '$'); p; p = strchr(p + 1, '$')) {
		const char *q = p + 1;
		size_t n;

		if (*q == '{')
			q++;
		n = strspn(q, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
		if (n >= 4 && (memmem(q, n, "TOKEN", 5) ||
			       memmem(q, n, "API_KEY", 7) ||
			       memmem(q, n, "SECRET", 6) ||
			       memmem(q, n, "PASSWORD", 8)))
			return true;
	}
	return false;
}

static int load_rules(struct audit_ctx *c)
{
	struct audit_result *r = c->r;
	struct diag d = { 0, "" };

	if (r->rules || r->rules_failed)
		return 0;
	if (ruleset_new(&r->rules, &d) < 0 ||
	    ruleset_load_embedded(r->rules, &d) < 0) {
		ruleset_free(r->rules);
		r->rules = NULL;
		r->rules_failed = true;
		r->rules_problem = arena_strdup(&r->arena, d.msg);
	}
	return 0;
}

int audit_command(struct cmd_facts *out, struct audit_ctx *c,
		  const char *cmd, size_t len)
{
	struct toolcall_opts topts = { 0 };
	struct toolcall call;
	struct verdict v;
	struct arena a;
	struct diag d = { 0, "" };
	size_t i;

	memset(out, 0, sizeof(*out));
	memset(&call, 0, sizeof(call));
	arena_init(&a);
	topts.home = c->opts->home ? c->opts->home : "/home/user";
	topts.cwd = "/project";
	topts.branch = "feature";
	if (toolcall_from_command(&call, &a, cmd, len, &topts, &d) < 0) {
		out->parse_incomplete = true;
		goto done;
	}
	out->parse_incomplete = call.subjects.parse_incomplete;
	for (i = 0; i < call.subjects.n; i++)
		if (call.subjects.v[i]->kind == SUBJECT_COMMAND)
			subject_facts(out, call.subjects.v[i]);
	if (out->fetch && strstr(cmd, "| sh") && !out->remote_exec) {
		/* belt and braces if the parser gave up part-way */
		out->remote_exec = out->pipe_to_shell = true;
	}
	if (mentions_secret_var(cmd)) {
		out->creds = true;
		if (!out->what)
			out->what = "uses a secret environment variable";
	}
	if (strstr(cmd, "--dangerously-skip-permissions"))
		out->dangerous_skip = true;
	if (c->opts->no_rules)
		goto done;
	load_rules(c);
	if (!c->r->rules)
		goto done;
	if (policy_judge(&v, &a, c->r->rules, &call, &d) < 0 && !v.nhits)
		goto done;
	if (v.decision != DECISION_NONE && v.nhits) {
		const struct rule *ru = v.hits[0].rule;

		out->rule_decision = (int)v.decision;
		out->rule_id = arena_strdup(&c->r->arena, rule_id(ru));
		out->rule_why = rule_why(ru) ?
			arena_strdup(&c->r->arena, rule_why(ru)) : "";
	}
done:
	if (out->what && !(out->what = arena_strdup(&c->r->arena, out->what)))
		c->error = NOMEM(c->d);
	arena_release(&a);
	return c->error;
}

int audit_argv(struct cmd_facts *out, struct audit_ctx *c,
	       const char *const *argv, size_t argc)
{
	struct buf b = BUF_INIT;
	size_t i;
	int error;

	for (i = 0; i < argc; i++) {
		const char *s = argv[i];

		if (i)
			buf_putc(&b, ' ');
		buf_putc(&b, '\'');
		for (; *s; s++) {
			if (*s == '\'')
				buf_puts(&b, "'\\''");
			else
				buf_putc(&b, *s);
		}
		buf_putc(&b, '\'');
	}
	if (!b.data)
		buf_puts(&b, "");
	if (!b.data) {
		memset(out, 0, sizeof(*out));
		return c->error = NOMEM(c->d);
	}
	error = audit_command(out, c, b.data, b.len);
	buf_release(&b);
	return error;
}

/* ---- file kinds ---- */

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

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
	const char *b = base_name(path);
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
	if (r->nfiles >= AUDIT_MAX_FILES)
		return diag_set(d, CV_ETOOBIG, "more than %d config files",
				AUDIT_MAX_FILES);
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
				audit_emit(c, "CC096", FSEV_HIGH, n, !pass,
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

		audit_emit(c, "CC093", FSEV_HIGH, n, true,
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
		audit_emit(c, "CC094", FSEV_LOW, &at, false,
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
			audit_emit(c, "CC099", FSEV_INFO, &at, false,
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
	error = src->ops->read(src, &f->text, rel, AUDIT_MAX_FILE_BYTES, &fd);
	if (error == CV_ENOMEM)
		return NOMEM(d);
	if (error == CV_ETOOBIG) {
		char msg[128];

		snprintf(msg, sizeof(msg), "file is larger than the %u-byte "
			 "limit: not audited", AUDIT_MAX_FILE_BYTES);
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
	error = src->ops->read(src, &f->text, rel, AUDIT_MAX_FILE_BYTES, &fd);
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

	if (++*w->entries > AUDIT_MAX_WALK_ENTRIES)
		return diag_set(w->d, CV_ETOOBIG, "more than %d entries "
				"under '%s': narrow the path",
				AUDIT_MAX_WALK_ENTRIES, w->src->root);
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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
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
	if (depth > AUDIT_MAX_WALK_DEPTH) {
		char why[96];

		snprintf(why, sizeof(why), "more than %d directory levels "
			 "deep: not searched", AUDIT_MAX_WALK_DEPTH);
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
		qsort(w.subdirs, w.nsub, sizeof(*w.subdirs), cmp_str);
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

int audit_exit_code(const struct audit_result *r, enum fsev fail_on)
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
